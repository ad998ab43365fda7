import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { ISP_SIZE, SCALE_VOLUMES, planned, scalePlan, type ScaleProgress } from '@c360/kit';
import { schemaDefinitions, startTestSubgraph, testCaller, testTenant, type TestSubgraph } from '@c360/kit/testing';
import { SUBGRAPHS, SUBGRAPH_NAMES, seedScaleTenant } from '@c360/scripts/system';
import { SCALE_RULES } from './scale-rules.ts';

/** What a seed reported per table: the rows its bar planned, how many were new, or that the table was skipped. */
interface TableReport {
  total: number;
  inserted: number;
  skipped: boolean;
}

function recorder(): { progress: ScaleProgress; tables: Map<string, TableReport> } {
  const tables = new Map<string, TableReport>();
  return {
    tables,
    progress: {
      table(name, total) {
        const report: TableReport = { total, inserted: 0, skipped: false };
        tables.set(name, report);
        return { advance: (_rows, inserted) => { report.inserted += inserted; }, skip: () => { report.skipped = true; } };
      },
    },
  };
}

const tenant = testTenant('scale');
const plan = scalePlan(tenant, 'Scale test', 0.01);
let admin: pg.Client;
let firstRun: Map<string, TableReport>;
/** The subgraphs' indexes and constraints before the seed (its bulk loads drop some and restore them). */
let schemaBefore: string[];

const count = async (table: string) =>
  (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenant])).rows[0]!.n;
const schema = () => schemaDefinitions(async (sql, params) => (await admin.query<{ definition: string }>(sql, params)).rows, [...SUBGRAPH_NAMES]);

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject('adminUrl') });
  await admin.connect();
  schemaBefore = await schema();
  const first = recorder();
  await seedScaleTenant(inject('adminUrl'), plan, first.progress);
  firstRun = first.tables;
});
afterAll(() => admin?.end());

describe('seed-scale data', () => {
  it('loads exactly what each table planned, the reference ISP\'s counts where its data map gives them', async () => {
    for (const [table, report] of firstRun) expect({ table, rows: await count(table) }).toEqual({ table, rows: report.total });
    const totals = Object.fromEntries([...firstRun].map(([table, report]) => [table, report.total]));
    expect(totals).toMatchObject({
      'customers.customer': 120,
      'billing.invoice': planned(plan, ISP_SIZE.invoices),
      'billing.payment': planned(plan, ISP_SIZE.payments),
      'service.service_location': planned(plan, ISP_SIZE.serviceLocations),
      'service.equipment': planned(plan, ISP_SIZE.equipment),
      'support.ticket': planned(plan, ISP_SIZE.tickets),
      'billing.quote': planned(plan, ISP_SIZE.quotes),
      'billing.payment_arrangement': planned(plan, ISP_SIZE.paymentArrangements),
      'support.work_order': planned(plan, ISP_SIZE.workOrders),
      'service.voip_line': planned(plan, ISP_SIZE.voipLines),
      'service.e911_record': planned(plan, ISP_SIZE.e911Records),
      'service.ip_assignment': planned(plan, ISP_SIZE.ipAssignments),
      'customers.suspension': planned(plan, ISP_SIZE.suspensions),
      'service.address_history': planned(plan, ISP_SIZE.addressHistory),
      'customers.note': planned(plan, ISP_SIZE.notes),
      'billing.payment_method': planned(plan, ISP_SIZE.stripeCards) + planned(plan, ISP_SIZE.paysafeProfiles) + planned(plan, ISP_SIZE.bankDebits),
      'customers.contact': planned(plan, SCALE_VOLUMES.contacts),
      'customers.life_event': planned(plan, SCALE_VOLUMES.lifeEvents),
      'customers.email_message': planned(plan, SCALE_VOLUMES.emails),
      'customers.partner_link': planned(plan, SCALE_VOLUMES.partnerLinks),
      'billing.customer_account': planned(plan, SCALE_VOLUMES.creditAccounts),
      'billing.credit_ledger_entry': planned(plan, SCALE_VOLUMES.creditLedgerEntries),
      'billing.voucher': planned(plan, SCALE_VOLUMES.vouchers),
      'support.dispatch_job': planned(plan, SCALE_VOLUMES.dispatchJobs),
    });
    // Every table of the new domains holds something, even on this small plan.
    for (const [table, report] of firstRun) expect({ table, empty: report.total === 0 }).toEqual({ table, empty: false });
    // Lines with an ATA, current suspensions and the 911 registrations without a line, as planned.
    const [voip] = (await admin.query(`SELECT count(*) FILTER (WHERE ata_mac_address IS NOT NULL)::int AS ata, count(DISTINCT customer_id)::int AS customers
      FROM service.voip_line WHERE tenant_id = $1`, [tenant])).rows;
    expect(voip).toEqual({ ata: planned(plan, ISP_SIZE.ataProvisionedLines), customers: planned(plan, ISP_SIZE.voipCustomers) });
    const suspended = plan.customers.filter((customer) => customer.suspendedSince).length;
    expect(suspended).toBeGreaterThan(0);
    expect((await admin.query(`SELECT count(*)::int AS n FROM customers.customer WHERE tenant_id = $1 AND status = 'SUSPENDED'`, [tenant])).rows[0].n).toBe(suspended);
  });

  it('leaves every index and constraint as the migrations made them, foreign keys checked', async () => {
    expect(await schema()).toEqual(schemaBefore);
  });

  it('keeps every rule of the domains, within and across them', async () => {
    for (const [rule, sql] of Object.entries(SCALE_RULES)) {
      const { rows } = await admin.query<{ broken: number }>(`SELECT (${sql})::int AS broken`, [tenant]);
      expect({ rule, broken: rows[0]!.broken }).toEqual({ rule, broken: 0 });
    }
  });

  it('gives the 911 audit exactly the seeded mismatches and orphans, and secrets that open with the subgraphs\' keys', async () => {
    const subgraph = (name: string) => startTestSubgraph({ ...SUBGRAPHS.find((definition) => definition.name === name)!, consumers: [] }, inject('adminUrl'));
    const [service, billing] = await Promise.all([subgraph('service'), subgraph('billing')]);
    try {
      const audit = await service.query(testCaller(tenant), `{ e911Audit(first: 100) { totalCount edges { node { did finding syncStatus } } } }`);
      expect(audit.errors).toBeUndefined();
      const findings = audit.data!.e911Audit.edges.map((edge: { node: { finding: string } }) => edge.node.finding);
      const tally = (finding: string) => findings.filter((each: string) => each === finding).length;
      expect({ ADDRESS_MISMATCH: tally('ADDRESS_MISMATCH'), NO_ACTIVE_LINE: tally('NO_ACTIVE_LINE'), NO_911_RECORD: tally('NO_911_RECORD') }).toEqual({
        ADDRESS_MISMATCH: Math.max(1, planned(plan, SCALE_VOLUMES.e911AddressMismatches)),
        NO_ACTIVE_LINE: planned(plan, ISP_SIZE.e911Orphans),
        NO_911_RECORD: 0,
      });
      await expectSecretsOpen(service, billing);
    } finally {
      await Promise.all([service.stop(), billing.stop()]);
    }
  });

  it('adds nothing when run again: every table is skipped', async () => {
    const counts = async () => {
      const rows: Record<string, number> = {};
      for (const table of firstRun.keys()) rows[table] = await count(table);
      return rows;
    };
    const before = await counts();
    const again = recorder();
    await seedScaleTenant(inject('adminUrl'), plan, again.progress);
    expect([...again.tables].filter(([, report]) => !report.skipped || report.inserted > 0).map(([table]) => table)).toEqual([]);
    expect(await counts()).toEqual(before);
  });
});

/** Every VoIP secret and payment-method reference of the tenant opens through the API (a wrong key or context would fail). */
async function expectSecretsOpen(service: TestSubgraph, billing: TestSubgraph): Promise<void> {
  const lines = (await admin.query<{ id: string }>('SELECT id FROM service.voip_line WHERE tenant_id = $1', [tenant])).rows;
  for (const { id } of lines) {
    const response = await service.query(testCaller(tenant, ['technician']), `query($id: ID!) { voipLine(id: $id) { sipPassword voicemailPin ata { password } } }`, { id });
    expect(response.errors).toBeUndefined();
    const line = response.data!.voipLine;
    expect(line.sipPassword).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(line.voicemailPin).toMatch(/^\d{6}$/);
    if (line.ata) expect(line.ata.password).toMatch(/^[A-Za-z0-9]{16}$/);
  }
  const customers = (await admin.query<{ customer_id: string }>('SELECT DISTINCT customer_id FROM billing.payment_method WHERE tenant_id = $1', [tenant])).rows;
  const response = await billing.query(testCaller(tenant, ['billing']),
    `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Customer { paymentMethods { kind processorReference { methodReference } } } } }`,
    { representations: customers.map(({ customer_id: id }) => ({ __typename: 'Customer', id })) });
  expect(response.errors).toBeUndefined();
  const references = response.data!._entities.flatMap((customer: { paymentMethods: { processorReference: { methodReference: string } }[] }) =>
    customer.paymentMethods.map((method) => method.processorReference.methodReference));
  expect(references).toHaveLength(await count('billing.payment_method'));
  for (const reference of references) expect(reference).toMatch(/^(pm|card|pad)_[0-9a-f]+$/);
}
