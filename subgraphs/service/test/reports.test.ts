import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoId, type DemoTenant } from '@c360/kit';
import { testTenant } from '@c360/kit/testing';
import { seedDemo } from '../src/demo.ts';
import { seedServiceDetails, type DemoDetailsSummary } from '../src/demo-details.ts';
import { newLocation, ok, sql, startService, statementsFor, type ServiceUnderTest } from './harness.ts';

const REPORT = `query($filter: DidReportFilter, $first: Int, $after: String) { didReport(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { did syncStatus finding customer { id } line { id did } location { id } e911 { did } } } } }`;
const AUDIT = `query($findings: [E911AuditFinding!], $first: Int, $after: String) { e911Audit(findings: $findings, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { did finding } } } }`;

let service: ServiceUnderTest;
let demo: DemoTenant;
let seeded: DemoDetailsSummary;

/** A demo tenant of 120 customers, seeded as `npm start` seeds one (twice: the second run must change nothing). */
async function seedDemoTenant(): Promise<DemoDetailsSummary> {
  const id = testTenant('demo');
  demo = {
    id,
    name: 'Report test',
    customers: Array.from({ length: 120 }, (_, index) => ({
      index,
      id: demoId(id, 'customer', index),
      locationIds: Array.from({ length: index % 4 === 0 ? 2 : 1 }, (_, n) => demoId(id, 'location', index, n)),
    })),
  };
  const seed = () => service.subgraph.orm.em.fork().transactional(async (em) => {
    await seedDemo(em, demo);
    return seedServiceDetails(em, demo, service.dependencies.secrets);
  });
  const first = await seed();
  const counts = async () => sql(service.subgraph, `SELECT
    (SELECT count(*) FROM service.voip_line WHERE tenant_id = ?) AS lines, (SELECT count(*) FROM service.e911_record WHERE tenant_id = ?) AS records,
    (SELECT count(*) FROM service.ip_assignment WHERE tenant_id = ?) AS ips, (SELECT count(*) FROM service.address_history WHERE tenant_id = ?) AS history`, [id, id, id, id]);
  const before = await counts();
  const again = await seed();
  expect(again.findings).toEqual(first.findings);
  expect(again.inserted).toEqual({ equipment: [], voipLines: [], e911Attempts: [], ips: [] });
  expect(await counts()).toEqual(before);
  return first;
}

/** Every row of a connection query, page by page. */
async function allPages(tenant: string, query: string, field: 'didReport' | 'e911Audit', variables: Record<string, unknown>, first = 7) {
  const rows: any[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const data: any = ok(await service.gql(tenant, query, { ...variables, first, after }))[field];
    rows.push(...data.edges.map((edge: any) => edge.node));
    if (!data.pageInfo.hasNextPage) return rows;
    after = data.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

beforeAll(async () => {
  service = await startService(inject('adminUrl'));
  seeded = await seedDemoTenant();
});
afterAll(() => service?.stop());

describe('the 911 audit', () => {
  it('finds exactly the seeded mismatches, lines without 911 record and orphan records, and nothing else', async () => {
    const kinds = new Set(seeded.findings.map((finding) => finding.finding));
    expect(kinds).toEqual(new Set(['ADDRESS_MISMATCH', 'NO_911_RECORD', 'NO_ACTIVE_LINE']));
    const found = await allPages(demo.id, AUDIT, 'e911Audit', {});
    expect(found).toEqual(seeded.findings);
    const orphans = await allPages(demo.id, AUDIT, 'e911Audit', { findings: ['NO_ACTIVE_LINE'] });
    expect(orphans).toEqual(seeded.findings.filter((finding) => finding.finding === 'NO_ACTIVE_LINE'));
  });

  it.each([
    ['123 Rue Principale vs 123, rue principale', { number: '123', street: 'Rue Principale' }, { number: '123,', street: 'rue principale' }, null],
    ['Apt 4 vs #4', { number: '55', unit: 'Apt 4', street: 'rue Laurier' }, { number: '55', unit: '#4', street: 'rue Laurier' }, null],
    ['Boul. vs Boulevard', { number: '10', street: 'Boul. Laurier' }, { number: '10', street: 'Boulevard Laurier' }, null],
    ['123 vs 125 rue Principale', { number: '123', street: 'rue Principale' }, { number: '125', street: 'rue Principale' }, 'ADDRESS_MISMATCH'],
    ['Apt 4 vs #14', { number: '55', unit: 'Apt 4', street: 'rue Laurier' }, { number: '55', unit: '#14', street: 'rue Laurier' }, 'ADDRESS_MISMATCH'],
    ['Boul. Laurier vs Av. Laurier', { number: '10', street: 'Boul. Laurier' }, { number: '10', street: 'Av. Laurier' }, 'ADDRESS_MISMATCH'],
  ])('compares service and 911 addresses after normalisation: %s', async (_name, service911, e911, finding) => {
    const tenant = testTenant();
    const place = { city: 'Granby', postalCode: 'J2G 2V6' };
    const locationId = await newLocation(service, tenant, { ...place, ...service911 });
    const did = `+1450${200 + Math.floor(Math.random() * 700)}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
    ok(await service.gql(tenant, `mutation($input: CreateVoipLineInput!) { createVoipLine(input: $input) { line { id } } }`, { input: { locationId, did } }));
    ok(await service.gql(tenant, `mutation($input: SetE911AddressInput!) { setE911Address(input: $input) { record { id } } }`,
      { input: { did, expectedVersion: 1, address: { ...place, city: 'GRANBY', postalCode: 'j2g2v6', ...e911 } } }));
    const report = ok(await service.gql(tenant, REPORT, {})).didReport;
    expect(report.edges.map((edge: any) => edge.node.finding)).toEqual([finding]);
  });
});

describe('the DID report', () => {
  it('lists every DID once, in order, page by page, with its customer, line, location and 911 record', async () => {
    const rows = await allPages(demo.id, REPORT, 'didReport', {});
    const [{ n } = { n: -1 }] = await sql<{ n: number }>(service.subgraph, `SELECT count(*)::int AS n FROM (
      SELECT did FROM service.voip_line WHERE tenant_id = ? AND status = 'ACTIVE' UNION SELECT did FROM service.e911_record WHERE tenant_id = ?) dids`, [demo.id, demo.id]);
    expect(rows).toHaveLength(n);
    expect(rows.map((row) => row.did)).toEqual([...rows.map((row) => row.did)].sort());
    const total = ok(await service.gql(demo.id, REPORT, { first: 3 })).didReport;
    expect(total).toMatchObject({ totalCount: n, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    const second = ok(await service.gql(demo.id, REPORT, { first: 3, after: total.pageInfo.endCursor })).didReport;
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    expect(second.edges[0].node.did > total.edges[2].node.did).toBe(true);

    const healthy = rows.find((row) => row.finding === null)!;
    expect(healthy).toMatchObject({ line: { did: healthy.did }, location: { id: expect.any(String) }, e911: { did: healthy.did }, customer: { id: expect.any(String) } });
    const orphan = rows.find((row) => row.finding === 'NO_ACTIVE_LINE')!;
    expect(orphan).toMatchObject({ line: null, location: null, e911: { did: orphan.did } });
    const unregistered = rows.find((row) => row.finding === 'NO_911_RECORD')!;
    expect(unregistered).toMatchObject({ syncStatus: 'MISSING', e911: null, line: { did: unregistered.did } });
  });

  it('filters by sync status, finding and customer', async () => {
    const missing = await allPages(demo.id, REPORT, 'didReport', { filter: { syncStatuses: ['MISSING'] } });
    expect(missing.map((row) => row.did)).toEqual(seeded.findings.filter((finding) => finding.finding === 'NO_911_RECORD').map((finding) => finding.did));
    const total = ok(await service.gql(demo.id, REPORT, { first: 1 })).didReport.totalCount;
    const clean = ok(await service.gql(demo.id, REPORT, { first: 1, filter: { hasFinding: false } })).didReport.totalCount;
    expect(clean).toBe(total - seeded.findings.length);
    const customerId = missing[0].customer.id;
    const ofCustomer = await allPages(demo.id, REPORT, 'didReport', { filter: { customerId } });
    expect(ofCustomer.length).toBeGreaterThan(0);
    expect(ofCustomer.every((row) => row.customer.id === customerId)).toBe(true);
    const bad = await service.gql(demo.id, REPORT, { filter: { customerId: 'nope' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.customerId' });
    const tooBig = await service.gql(demo.id, REPORT, { first: 101 });
    expect(tooBig.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('exports the report and the audit as CSV files a spreadsheet opens', async () => {
    const data = ok(await service.gql(demo.id, `{ didReportCsv { filename contentType rowCount content } e911AuditCsv(findings: [ADDRESS_MISMATCH]) { filename rowCount content } didReport { totalCount } }`));
    expect(data.didReportCsv).toMatchObject({ filename: expect.stringMatching(/^did-report-\d{4}-\d{2}-\d{2}\.csv$/), contentType: 'text/csv; charset=utf-8', rowCount: data.didReport.totalCount });
    const lines = (data.didReportCsv.content as string).split('\r\n');
    expect(lines[0]).toBe('\uFEFFDID,Finding,911 sync status,Customer ID,Line ID,Service address,911 address,911 first name,911 last name,Class,Municipality code,Enhanced 911,Last synced at,Last sync error');
    expect(lines).toHaveLength(data.didReport.totalCount + 2);
    const mismatches = seeded.findings.filter((finding) => finding.finding === 'ADDRESS_MISMATCH');
    expect(data.e911AuditCsv).toMatchObject({ filename: expect.stringMatching(/^e911-audit-/), rowCount: mismatches.length });
    const auditLines = (data.e911AuditCsv.content as string).trim().split('\r\n').slice(1);
    expect(auditLines.map((line) => line.split(',')[0])).toEqual(mismatches.map((finding) => finding.did));
    expect(auditLines[0]).toMatch(/^\+1\d{10},ADDRESS_MISMATCH,/);
  });

  it('costs as many statements for 50 rows as for 5', async () => {
    const five = await statementsFor(service.subgraph, () => service.gql(demo.id, REPORT, { first: 5 }));
    const fifty = await statementsFor(service.subgraph, () => service.gql(demo.id, REPORT, { first: 50 }));
    expect(fifty).toBe(five);
  });

  it('shows another tenant nothing', async () => {
    const other = testTenant();
    expect(ok(await service.gql(other, `{ didReport { totalCount } e911Audit { totalCount } didReportCsv { rowCount } }`))).toEqual({
      didReport: { totalCount: 0 }, e911Audit: { totalCount: 0 }, didReportCsv: { rowCount: 0 },
    });
  });
});
