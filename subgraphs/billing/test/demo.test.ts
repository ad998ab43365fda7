import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type DemoTenant } from '@c360/kit';
import { testTenant } from '@c360/kit/testing';
import { billingSubgraph } from '../src/subgraph.ts';
import { startBilling, type BillingUnderTest } from './harness.ts';

let billing: BillingUnderTest;
beforeAll(async () => {
  billing = await startBilling();
});
afterAll(() => billing?.stop());

const TABLES = ['product', 'quote', 'quote_line', 'quote_tax', 'contract', 'subscription', 'customer_account', 'credit_ledger_entry',
  'payment_arrangement', 'payment_method', 'reminder', 'voucher', 'invoice', 'payment'] as const;

async function counts(tenant: string): Promise<Record<string, number>> {
  const [row] = await billing.sql<Record<string, number>>(
    `SELECT ${TABLES.map((table) => `(SELECT count(*)::int FROM billing.${table} WHERE tenant_id = ?) AS ${table}`).join(', ')}`, TABLES.map(() => tenant));
  return row!;
}

describe('demo data', () => {
  it('seeds every billing entity once, consistently, and numbers new documents after the seeded ones', async () => {
    const tenantId = testTenant('demo');
    const tenant: DemoTenant = {
      id: tenantId, name: 'Test Télécom',
      customers: Array.from({ length: 40 }, (_, index) => ({ index, id: newId(), locationIds: index % 4 === 0 ? [newId(), newId()] : [newId()] })),
    };
    await billingSubgraph.seedDemo(billing.subgraph.orm.em.fork(), tenant);
    const seeded = await counts(tenantId);
    await billingSubgraph.seedDemo(billing.subgraph.orm.em.fork(), tenant);
    expect(await counts(tenantId)).toEqual(seeded);
    for (const table of TABLES) expect(seeded[table], table).toBeGreaterThan(0);

    const [documents] = await billing.sql<{ quotes: string[]; contracts: number; inconsistent: number; statuses: string[] }>(
      `SELECT (SELECT array_agg(number ORDER BY number) FROM billing.quote WHERE tenant_id = ?) AS quotes,
              (SELECT count(DISTINCT number)::int FROM billing.contract WHERE tenant_id = ?) AS contracts,
              (SELECT count(*)::int FROM billing.quote q WHERE q.tenant_id = ? AND (
                 q.one_time_subtotal <> (SELECT coalesce(sum(amount), 0) FROM billing.quote_line l WHERE l.quote_id = q.id AND l.section = 'ONE_TIME')
                 OR q.monthly_subtotal <> (SELECT coalesce(sum(amount), 0) FROM billing.quote_line l WHERE l.quote_id = q.id AND l.section = 'MONTHLY')
                 OR q.monthly_tax_total <> (SELECT coalesce(sum(amount), 0) FROM billing.quote_tax t WHERE t.quote_id = q.id AND t.section = 'MONTHLY'))) AS inconsistent,
              (SELECT array_agg(DISTINCT status ORDER BY status) FROM billing.quote WHERE tenant_id = ?) AS statuses`,
      [tenantId, tenantId, tenantId, tenantId]);
    expect(documents!.quotes).toEqual(Array.from({ length: seeded.quote! }, (_, i) => `DEV-${String(i + 1).padStart(6, '0')}`));
    expect(documents!.contracts).toBe(seeded.contract);
    expect(documents!.inconsistent).toBe(0);
    expect(documents!.statuses).toEqual(['ACCEPTED', 'DRAFT', 'EXPIRED', 'REFUSED', 'SENT']);

    const next = await billing.ok(tenantId, 'mutation($c: ID!) { createQuote(input: { customerId: $c, lines: [{ section: ONE_TIME, description: "x", quantity: "1", unitPrice: "1" }] }) { quote { number } } }',
      { c: tenant.customers[0]!.id });
    expect(next.createQuote.quote.number).toBe(`DEV-${String(seeded.quote! + 1).padStart(6, '0')}`);
    // The seeded references open with the configured key, for an administrator.
    const [owner] = await billing.sql<{ customer_id: string }>('SELECT customer_id FROM billing.payment_method WHERE tenant_id = ? LIMIT 1', [tenantId]);
    const methods = await billing.ok(tenantId, 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { paymentMethods { processorReference { methodReference } } } } }',
      { reps: [{ __typename: 'Customer', id: owner!.customer_id }] });
    expect(methods._entities[0].paymentMethods[0].processorReference.methodReference).toMatch(/^(pm|pad)_demo/);
  });
});
