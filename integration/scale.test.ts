import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { ISP_SIZE, planned, scalePlan, type ScaleProgress } from '@c360/kit';
import { testTenant } from '@c360/kit/testing';
import { seedScaleTenant } from '@c360/scripts/system';

const quiet: ScaleProgress = { table: () => ({ advance: () => undefined, skip: () => undefined }) };

/** Rows that break a rule, per rule: every count must be zero. */
const BROKEN_RULES: Record<string, string> = {
  'invoice subtotal ≠ its lines': `SELECT count(*) FROM billing.invoice i WHERE i.tenant_id = $1
    AND i.subtotal <> (SELECT sum(amount) FROM billing.invoice_line l WHERE l.invoice_id = i.id)`,
  'tax ≠ subtotal × rate rounded half-up': `SELECT count(*) FROM billing.invoice_tax x JOIN billing.invoice i ON i.id = x.invoice_id
    WHERE i.tenant_id = $1 AND x.amount <> round(i.subtotal * x.rate, 2)`,
  'invoice tax total ≠ its taxes': `SELECT count(*) FROM billing.invoice i WHERE i.tenant_id = $1
    AND i.tax_total <> (SELECT sum(amount) FROM billing.invoice_tax x WHERE x.invoice_id = i.id)`,
  'invoice paid ≠ its allocations': `SELECT count(*) FROM billing.invoice i WHERE i.tenant_id = $1
    AND i.paid_amount <> coalesce((SELECT sum(amount) FROM billing.payment_allocation a WHERE a.invoice_id = i.id), 0)`,
  'payment allocated ≠ its allocations': `SELECT count(*) FROM billing.payment p WHERE p.tenant_id = $1
    AND p.allocated_amount <> (SELECT sum(amount) FROM billing.payment_allocation a WHERE a.payment_id = p.id)`,
  'PAID ≠ fully paid': `SELECT count(*) FROM billing.invoice WHERE tenant_id = $1 AND (status = 'PAID') <> (paid_amount = total)`,
  'invoice numbers not consecutive in issue order': `SELECT count(*) FROM (
    SELECT substr(number, 5)::int AS n, row_number() OVER (ORDER BY issued_at, id) AS expected FROM billing.invoice WHERE tenant_id = $1) i
    WHERE n <> expected`,
  'ticket numbers not consecutive in creation order': `SELECT count(*) FROM (
    SELECT number, row_number() OVER (ORDER BY created_at, id) AS expected FROM support.ticket WHERE tenant_id = $1) t WHERE number <> expected`,
  'counters behind the seeded numbers': `SELECT
    (SELECT count(*) FROM billing.invoice WHERE tenant_id = $1) - (SELECT last_number FROM billing.invoice_counter WHERE tenant_id = $1)
    + (SELECT count(*) FROM support.ticket WHERE tenant_id = $1) - (SELECT last_number FROM support.ticket_counter WHERE tenant_id = $1)`,
  'an invoice, a payment or a location of no customer of the tenant': `SELECT
    (SELECT count(*) FROM billing.invoice i WHERE i.tenant_id = $1 AND NOT EXISTS (SELECT FROM customers.customer c WHERE c.tenant_id = $1 AND c.id = i.customer_id))
    + (SELECT count(*) FROM billing.payment p WHERE p.tenant_id = $1 AND NOT EXISTS (SELECT FROM customers.customer c WHERE c.tenant_id = $1 AND c.id = p.customer_id))
    + (SELECT count(*) FROM service.service_location l WHERE l.tenant_id = $1 AND NOT EXISTS (SELECT FROM customers.customer c WHERE c.tenant_id = $1 AND c.id = l.customer_id))`,
  'a ticket about another customer’s location': `SELECT count(*) FROM support.ticket t WHERE t.tenant_id = $1 AND t.location_id IS NOT NULL
    AND NOT EXISTS (SELECT FROM service.service_location l WHERE l.tenant_id = $1 AND l.id = t.location_id AND l.customer_id = t.customer_id)`,
  'history after "now"': `SELECT (SELECT count(*) FROM billing.invoice WHERE tenant_id = $1 AND issued_at > '2026-11-01')
    + (SELECT count(*) FROM billing.payment WHERE tenant_id = $1 AND received_at > '2026-11-01')
    + (SELECT count(*) FROM support.ticket WHERE tenant_id = $1 AND coalesce(resolved_at, created_at) > '2026-11-01')`,
};

const TABLES = {
  customers: 'customers.customer', invoices: 'billing.invoice', payments: 'billing.payment',
  locations: 'service.service_location', equipment: 'service.equipment', tickets: 'support.ticket',
};

let admin: pg.Client;
beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject('adminUrl') });
  await admin.connect();
});
afterAll(() => admin?.end());

async function rowCounts(tenant: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(TABLES)) {
    counts[name] = (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenant])).rows[0]!.n;
  }
  return counts;
}

describe('seed-scale data', () => {
  it('loads the planned rows, consistent within and across domains, and a rerun adds nothing', async () => {
    const tenant = testTenant('scale');
    const plan = scalePlan(tenant, 'Scale test', 0.01);
    await seedScaleTenant(inject('adminUrl'), plan, quiet);

    const counts = await rowCounts(tenant);
    expect(counts).toEqual({
      customers: 120,
      invoices: planned(plan, ISP_SIZE.invoices),
      payments: planned(plan, ISP_SIZE.payments),
      locations: planned(plan, ISP_SIZE.serviceLocations),
      equipment: planned(plan, ISP_SIZE.equipment),
      tickets: planned(plan, ISP_SIZE.tickets),
    });
    for (const [rule, sql] of Object.entries(BROKEN_RULES)) {
      const { rows } = await admin.query<{ broken: number }>(`SELECT (${sql})::int AS broken`, [tenant]);
      expect({ rule, broken: rows[0]!.broken }).toEqual({ rule, broken: 0 });
    }

    await seedScaleTenant(inject('adminUrl'), plan, quiet);
    expect(await rowCounts(tenant)).toEqual(counts);
  });
});
