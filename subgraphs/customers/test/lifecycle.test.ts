import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSubgraph, testTenant, type TestSubgraph } from '@c360/kit/testing';
import { demoId } from '@c360/kit';
import { customersSubgraph } from '../src/subgraph.ts';
import { client, countRows, createCustomer, outbox, type Client } from './helpers.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(customersSubgraph, inject('adminUrl'));
});
afterAll(() => subgraph?.stop());

const STATUS = `query($id: ID!) { customer(id: $id) { status version deactivatedAt currentSuspension { reason startsOn plannedEndOn liftedAt } suspensions { reason liftedAt liftNote } } }`;
const SUSPEND = 'mutation($input: SuspendCustomerInput!) { suspendCustomer(input: $input) { customer { status version } suspension { id reason startsOn } } }';
const REACTIVATE = 'mutation($input: CustomerStatusInput!) { reactivateCustomer(input: $input) { customer { status } suspension { id liftedAt } } }';
const DEACTIVATE = 'mutation($input: CustomerStatusInput!) { deactivateCustomer(input: $input) { customer { status deactivatedAt } } }';
const MERGE = `mutation($input: MergeCustomersInput!) { mergeCustomers(input: $input) {
  dryRun
  preview { survivorId mergedId fields { field survivorValue mergedValue value source } moves { kind count ids } droppedPartnerLinkIds demotedIds }
  survivor { id phone email tags firstContactOn contacts { id isPrincipal } addresses { id type isDefault } partners { id } }
  merged { id status phone mergedInto { id } }
} }`;

describe('suspension and status', () => {
  it('suspends with a reason and dates, reactivates, deactivates, keeping every suspension and writing one event each', async () => {
    const gql = client(subgraph, testTenant());
    const customer = await createCustomer(gql, { name: 'Suspendu' });
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Toronto' });
    const suspended = (await gql.ok(SUSPEND, { input: { customerId: customer.id, reason: 'NON_PAYMENT', note: 'Solde', plannedEndOn: '2099-01-01', version: 1 } })).suspendCustomer;
    expect(suspended).toMatchObject({ customer: { status: 'SUSPENDED', version: 2 }, suspension: { reason: 'NON_PAYMENT', startsOn: today } });
    expect(await gql.fails(SUSPEND, { input: { customerId: customer.id, reason: 'ABUSE' } })).toMatchObject({ code: 'CONFLICT', field: 'input.customerId' });
    expect((await gql.ok(STATUS, { id: customer.id })).customer.currentSuspension).toEqual({ reason: 'NON_PAYMENT', startsOn: today, plannedEndOn: '2099-01-01', liftedAt: null });

    const reactivated = (await gql.ok(REACTIVATE, { input: { customerId: customer.id, note: 'Payé' } })).reactivateCustomer;
    expect(reactivated.customer.status).toBe('ACTIVE');
    expect(reactivated.suspension.liftedAt).not.toBeNull();
    await gql.ok(SUSPEND, { input: { customerId: customer.id, reason: 'CUSTOMER_REQUEST' } });
    await gql.ok(DEACTIVATE, { input: { customerId: customer.id } });
    const view = (await gql.ok(STATUS, { id: customer.id })).customer;
    expect(view).toMatchObject({ status: 'INACTIVE', currentSuspension: null });
    expect(view.suspensions.map((s: any) => [s.reason, s.liftNote])).toEqual([['CUSTOMER_REQUEST', 'Ended by deactivation'], ['NON_PAYMENT', 'Payé']]);
    expect((await gql.ok(REACTIVATE, { input: { customerId: customer.id } })).reactivateCustomer).toEqual({ customer: { status: 'ACTIVE' }, suspension: null });

    const events = await outbox(subgraph, customer.id);
    expect(events.map((event) => event.type)).toEqual(['customer.created', 'customer.suspended', 'customer.reactivated', 'customer.suspended', 'customer.deactivated', 'customer.reactivated']);
    expect(events[1]?.envelope.data).toMatchObject({ customerId: customer.id, suspensionId: suspended.suspension.id, reason: 'NON_PAYMENT', startsOn: today, plannedEndOn: '2099-01-01' });
    expect(events[2]?.envelope.data).toMatchObject({ customerId: customer.id, previousStatus: 'SUSPENDED', suspension: { suspensionId: suspended.suspension.id, reason: 'NON_PAYMENT' } });
    expect(events[5]?.envelope.data).toMatchObject({ previousStatus: 'INACTIVE', suspension: null });
    const statusHistory = (await gql.ok('query($id: ID!) { customer(id: $id) { changes(field: "status") { edges { node { before after } } } } }', { id: customer.id }))
      .customer.changes.edges.map((edge: any) => `${edge.node.before}→${edge.node.after}`);
    expect(statusHistory).toEqual(['INACTIVE→ACTIVE', 'SUSPENDED→INACTIVE', 'ACTIVE→SUSPENDED', 'SUSPENDED→ACTIVE', 'ACTIVE→SUSPENDED', 'null→ACTIVE']);
  });

  it('refuses a future start, a planned end before the start and a stale version, changing nothing', async () => {
    const tenant = testTenant();
    const gql = client(subgraph, tenant);
    const customer = await createCustomer(gql, { name: 'Refus' });
    expect(await gql.fails(SUSPEND, { input: { customerId: customer.id, reason: 'OTHER', startsOn: '2999-01-01' } })).toMatchObject({ field: 'input.startsOn' });
    expect(await gql.fails(SUSPEND, { input: { customerId: customer.id, reason: 'OTHER', startsOn: '2026-01-10', plannedEndOn: '2026-01-09' } })).toMatchObject({ field: 'input.plannedEndOn' });
    expect(await gql.fails(SUSPEND, { input: { customerId: customer.id, reason: 'OTHER', version: 7 } })).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    expect(await gql.fails(REACTIVATE, { input: { customerId: customer.id } })).toMatchObject({ code: 'CONFLICT' });
    expect(await countRows(subgraph, 'suspension', tenant)).toBe(0);
    expect((await outbox(subgraph, customer.id)).map((event) => event.type)).toEqual(['customer.created']);
  });
});

describe('mergeCustomers', () => {
  async function duplicates(gql: Client) {
    const survivor = await createCustomer(gql, {
      name: 'Sophie Lavoie', email: 'sophie@x.ca', tags: ['vip'], firstContactOn: '2020-05-01',
      contacts: [{ name: 'Principal A' }], addresses: [{ type: 'BILLING', address: { street: 'rue A', city: 'Granby', postalCode: 'J2G 1A1' } }],
    });
    const merged = await createCustomer(gql, {
      name: 'S. Lavoie', phone: '450 555 0501', email: 'autre@x.ca', mobile: '514 555 0502', tags: ['ppa'], firstContactOn: '2018-03-02',
      contacts: [{ name: 'Principal B' }, { name: 'Second B' }],
      addresses: [
        { type: 'BILLING', address: { street: 'rue B', city: 'Granby', postalCode: 'J2G 1A2' } },
        { type: 'SHIPPING', address: { street: 'rue C', city: 'Granby', postalCode: 'J2G 1A3' } },
      ],
    });
    const third = await createCustomer(gql, { name: 'Tiers' });
    await gql.ok(`mutation($s: ID!, $m: ID!, $t: ID!) {
      ab: addPartner(input: { customerId: $m, partnerCustomerId: $s, role: "Conjoint" }) { partner { id } }
      tm: addPartner(input: { customerId: $t, partnerCustomerId: $m, role: "Comptable" }) { partner { id } }
      ts: addPartner(input: { customerId: $t, partnerCustomerId: $s, role: "Comptable" }) { partner { id } }
      mo: addPartner(input: { customerId: $m, organisationName: "Banque", role: "Prêteur" }) { partner { id } }
      e1: addLifeEvent(input: { customerId: $m, kind: WEDDING, occursOn: "2027-06-01" }) { lifeEvent { id } }
      m1: logEmail(input: { customerId: $m, direction: INBOUND, from: "autre@x.ca", to: ["s@t.ca"], sentAt: "2026-10-01T00:00:00Z" }) { isNew }
      n1: addNote(input: { customerId: $m, body: "Note de B" }) { note { id } }
    }`, { s: survivor.id, m: merged.id, t: third.id });
    return { survivor, merged, third };
  }

  it('previews exactly what the merge then does, moves everything and keeps the merged customer with its history', async () => {
    const gql = client(subgraph, testTenant());
    const { survivor, merged } = await duplicates(gql);
    const input = { survivorId: survivor.id, mergedId: merged.id };
    const dry = (await gql.ok(MERGE, { input: { ...input, dryRun: true } })).mergeCustomers;
    expect(dry.dryRun).toBe(true);
    expect(dry.merged).toMatchObject({ status: 'ACTIVE', mergedInto: null });
    const real = (await gql.ok(MERGE, { input })).mergeCustomers;
    expect(real.preview).toEqual(dry.preview);

    const moves = Object.fromEntries(real.preview.moves.map((move: any) => [move.kind, move.count]));
    // The spouse link joined the two (dropped); the third customer's link repeated one to the survivor (dropped); the bank's moves.
    expect(moves).toEqual({ CONTACT: 2, ADDRESS: 2, PARTNER: 1, LIFE_EVENT: 1, EMAIL: 1, NOTE: 1 });
    expect(real.preview.droppedPartnerLinkIds).toHaveLength(2);
    expect(real.preview.fields).toEqual(expect.arrayContaining([
      { field: 'phone', survivorValue: null, mergedValue: '+14505550501', value: '+14505550501', source: 'MERGED' },
      { field: 'email', survivorValue: 'sophie@x.ca', mergedValue: 'autre@x.ca', value: 'sophie@x.ca', source: 'SURVIVOR' },
      { field: 'tags', survivorValue: '["vip"]', mergedValue: '["ppa"]', value: '["vip","ppa"]', source: 'COMBINED' },
      { field: 'firstContactOn', survivorValue: '2020-05-01', mergedValue: '2018-03-02', value: '2018-03-02', source: 'MERGED' },
    ]));

    expect(real.survivor).toMatchObject({ phone: '+14505550501', email: 'sophie@x.ca', tags: ['vip', 'ppa'], firstContactOn: '2018-03-02' });
    expect(real.merged).toEqual({ id: merged.id, status: 'INACTIVE', phone: null, mergedInto: { id: survivor.id } });
    const moved = (kind: string) => real.preview.moves.find((move: any) => move.kind === kind).ids;
    expect(real.survivor.contacts.map((c: any) => c.id).sort()).toEqual([survivor.contacts[0].id, ...moved('CONTACT')].sort());
    expect(real.survivor.contacts.filter((c: any) => c.isPrincipal)).toEqual([{ id: survivor.contacts[0].id, isPrincipal: true }]);
    expect(real.survivor.addresses.map((a: any) => [a.type, a.isDefault]).sort()).toEqual([['BILLING', false], ['BILLING', true], ['SHIPPING', true]]);
    expect(real.preview.demotedIds.sort()).toEqual([merged.contacts[0].id, merged.addresses.find((a: any) => a.type === 'BILLING').id].sort());
    expect(real.survivor.partners).toHaveLength(2);
    expect(real.survivor.partners.map((p: any) => p.id)).toEqual(expect.arrayContaining(moved('PARTNER')));

    const survivorSections = (await gql.ok(`query($id: ID!) { customer(id: $id) {
      lifeEvents { totalCount } emails { totalCount } notes { totalCount } } }`, { id: survivor.id })).customer;
    expect(survivorSections).toEqual({ lifeEvents: { totalCount: 1 }, emails: { totalCount: 1 }, notes: { totalCount: 1 } });
    const mergedView = (await gql.ok(`query($id: ID!) { customer(id: $id) { contacts { id } notes { totalCount } changes(first: 100) { totalCount } } }`, { id: merged.id })).customer;
    expect(mergedView.contacts).toEqual([]);
    expect(mergedView.changes.totalCount).toBeGreaterThan(10);

    const [event] = (await outbox(subgraph, merged.id)).filter((e) => e.type === 'customer.merged');
    expect(event?.envelope.data).toMatchObject({ survivorId: survivor.id, mergedId: merged.id, moved: { CONTACT: moved('CONTACT'), EMAIL: moved('EMAIL') } });
    expect(await gql.fails(MERGE, { input })).toMatchObject({ code: 'CONFLICT', field: 'input.mergedId' });
    expect(await gql.fails('mutation($id: ID!) { addNote(input: { customerId: $id, body: "x" }) { note { id } } }', { id: merged.id })).toMatchObject({ code: 'CONFLICT' });
    expect((await gql.ok('{ customers(search: "Lavoie") { totalCount } }')).customers.totalCount).toBe(1);
  });

  it('refuses merging a customer into itself, a suspended duplicate, stale versions and callers without the role', async () => {
    const tenant = testTenant();
    const gql = client(subgraph, tenant);
    const [a, b] = [await createCustomer(gql, { name: 'A' }), await createCustomer(gql, { name: 'B' })];
    expect(await gql.fails(MERGE, { input: { survivorId: a.id, mergedId: a.id } })).toMatchObject({ field: 'input.mergedId' });
    expect(await gql.fails(MERGE, { input: { survivorId: a.id, mergedId: b.id, mergedVersion: 9 } })).toMatchObject({ code: 'CONFLICT', field: 'input.mergedVersion' });
    expect(await client(subgraph, tenant, ['viewer']).fails(MERGE, { input: { survivorId: a.id, mergedId: b.id } })).toMatchObject({ code: 'FORBIDDEN' });
    await gql.ok(SUSPEND, { input: { customerId: b.id, reason: 'NON_PAYMENT' } });
    expect(await gql.fails(MERGE, { input: { survivorId: a.id, mergedId: b.id } })).toMatchObject({ code: 'CONFLICT', field: 'input.mergedId' });
  });
});

describe('test-data clean-up and statistics', () => {
  const CANDIDATES = '{ testDataCandidates { totalCount edges { node { reasons hasActivity customer { id name } } } } }';
  const DELETE = 'mutation($ids: [ID!]!) { deleteTestCustomers(input: { ids: $ids }) { deletedIds } }';

  it('lists look-alikes as a dry run and deletes only confirmed ones, keeping their history', async () => {
    const tenant = testTenant();
    const gql = client(subgraph, tenant);
    const real = await createCustomer(gql, { name: 'Vraie Cliente', phone: '450 555 0601' });
    const test = await createCustomer(gql, { name: 'Test Client', phone: '450 555 0602', contacts: [{ name: 'X' }] });
    const phone = await createCustomer(gql, { name: '450-555-0603', phone: '450-555-0603' });
    const busy = await createCustomer(gql, { name: 'Demo Busy' });
    await subgraph.orm.em.fork().execute('UPDATE customers.customer SET last_activity_at = now() WHERE id = ?', [busy.id]);
    const candidates = (await gql.ok(CANDIDATES)).testDataCandidates;
    expect(candidates.totalCount).toBe(3);
    expect(candidates.edges.map((edge: any) => [edge.node.customer.name, edge.node.reasons, edge.node.hasActivity])).toEqual([
      ['Demo Busy', ['NAME_PATTERN'], true],
      ['450-555-0603', ['NAME_IS_PHONE'], false],
      ['Test Client', ['NAME_PATTERN'], false],
    ]);

    expect(await gql.fails(DELETE, { ids: [test.id, real.id] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ids[1]' });
    expect(await gql.fails(DELETE, { ids: [busy.id] })).toMatchObject({ field: 'input.ids[0]' });
    expect(await client(subgraph, tenant, ['agent']).fails(DELETE, { ids: [test.id] })).toMatchObject({ code: 'FORBIDDEN' });
    expect((await gql.ok(CANDIDATES)).testDataCandidates.totalCount).toBe(3);

    expect((await gql.ok(DELETE, { ids: [test.id, phone.id] })).deleteTestCustomers.deletedIds.sort()).toEqual([test.id, phone.id].sort());
    expect((await gql.ok('query($id: ID!) { customer(id: $id) { id } }', { id: test.id })).customer).toBeNull();
    expect(await countRows(subgraph, 'contact', tenant)).toBe(0);
    const history = await subgraph.orm.em.fork().execute<{ action: string }[]>('SELECT DISTINCT action FROM customers.change_record WHERE customer_id = ? ORDER BY action', [test.id]);
    expect(history.map((row) => row.action)).toEqual(['CREATED', 'DELETED']);
    expect((await outbox(subgraph, test.id)).map((event) => event.type)).toContain('customer.deleted');
    const kept = (await gql.ok('query($id: ID!) { customerHistory(customerId: $id, field: "name") { edges { node { action before after } } } }', { id: test.id }))
      .customerHistory.edges.map((edge: any) => edge.node);
    expect(kept).toEqual([{ action: 'DELETED', before: 'Test Client', after: null }, { action: 'CREATED', before: null, after: 'Test Client' }]);
    expect((await gql.ok(CANDIDATES)).testDataCandidates.totalCount).toBe(1);
  });

  it('counts the dashboard figures by status and category, new this month and recently active', async () => {
    const tenant = testTenant();
    const gql = client(subgraph, tenant);
    const a = await createCustomer(gql, { name: 'Un', category: 'PROSPECT' });
    await createCustomer(gql, { name: 'Deux' });
    const c = await createCustomer(gql, { name: 'Trois', category: 'SUPPLIER' });
    await gql.ok(SUSPEND, { input: { customerId: c.id, reason: 'OTHER' } });
    const em = subgraph.orm.em.fork();
    await em.execute(`UPDATE customers.customer SET created_at = now() - interval '400 days', last_activity_at = now() - interval '10 days' WHERE id = ?`, [a.id]);
    const stats = (await gql.ok('{ customerStatistics { total newThisMonth activeLast90Days byStatus { status count } byCategory { category count } } }')).customerStatistics;
    expect(stats).toEqual({
      total: 3,
      newThisMonth: 2,
      activeLast90Days: 1,
      byStatus: [{ status: 'ACTIVE', count: 2 }, { status: 'SUSPENDED', count: 1 }, { status: 'INACTIVE', count: 0 }],
      byCategory: [{ category: 'PROSPECT', count: 1 }, { category: 'CLIENT', count: 1 }, { category: 'SUPPLIER', count: 1 }, { category: 'PARTNER', count: 0 }],
    });
  });
});

describe('demo data', () => {
  it('seeds every section deterministically, a rerun changes nothing, and the clean-up finds the test customers', async () => {
    const tenant = testTenant('demo');
    const plan = { id: tenant, name: 'Démo', customers: Array.from({ length: 30 }, (_, index) => ({ index, id: demoId(tenant, 'customer', index), locationIds: [] })) };
    const seed = () => subgraph.orm.em.fork().transactional((em) => customersSubgraph.seedDemo(em, plan));
    await seed();
    const counts = async () => Promise.all(['customer', 'contact', 'customer_address', 'partner_link', 'life_event', 'email_message', 'note', 'suspension'].map((table) => countRows(subgraph, table, tenant)));
    const first = await counts();
    await seed();
    expect(await counts()).toEqual(first);
    expect(first.every((count) => count > 0)).toBe(true);
    const gql = client(subgraph, tenant);
    const candidates = (await gql.ok('{ testDataCandidates(first: 50) { edges { node { customer { name } } } } }')).testDataCandidates.edges.map((edge: any) => edge.node.customer.name);
    expect(candidates).toEqual(expect.arrayContaining(['Test Client', 'Mock Customer', 'Client démo', 'Dummy Account', '450-555-0194', 'Importé sans nom']));
    const suspended = (await gql.ok(`query($id: ID!) { customer(id: $id) { status currentSuspension { reason } } }`, { id: plan.customers[0]!.id })).customer;
    expect(suspended).toEqual({ status: 'SUSPENDED', currentSuspension: { reason: 'NON_PAYMENT' } });
    const principals = await subgraph.orm.em.fork().execute<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (SELECT customer_id FROM customers.contact WHERE tenant_id = ? GROUP BY customer_id HAVING count(*) FILTER (WHERE is_principal) <> 1) x`, [tenant]);
    expect(principals[0]?.n).toBe(0);
  });
});
