import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postGraphQL, startTestSubgraph, testCaller, testTenant, type TestSubgraph } from '@c360/kit/testing';
import { customersSubgraph } from '../src/subgraph.ts';

const UPSERT = `mutation Upsert($input: UpsertCustomerInput!) {
  upsertCustomer(input: $input) { isNew customer { id name phone phoneAsTyped email version } }
}`;

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(customersSubgraph, inject('adminUrl'));
});
afterAll(() => subgraph?.stop());

async function upsert(tenant: string, input: Record<string, unknown>) {
  return subgraph.query(testCaller(tenant), UPSERT, { input });
}

describe('upsertCustomer', () => {
  it('finds the same customer whatever format the phone is typed in', async () => {
    const tenant = testTenant();
    const first = await upsert(tenant, { phone: '450-272-2408', name: 'Marie Tremblay' });
    const second = await upsert(tenant, { phone: '(450) 272-2408', name: 'Marie Tremblay-Roy' });
    const third = await upsert(tenant, { phone: '+14502722408', name: 'Marie Tremblay-Roy', email: 'marie@example.ca' });
    expect(first.errors).toBeUndefined();
    expect(first.data?.upsertCustomer).toMatchObject({ isNew: true, customer: { phone: '+14502722408', phoneAsTyped: '450-272-2408' } });
    expect(second.data?.upsertCustomer).toMatchObject({ isNew: false, customer: { id: first.data?.upsertCustomer.customer.id, name: 'Marie Tremblay-Roy', version: 2 } });
    expect(third.data?.upsertCustomer).toMatchObject({ isNew: false, customer: { id: first.data?.upsertCustomer.customer.id, email: 'marie@example.ca', version: 3 } });
    const list = await subgraph.query(testCaller(tenant), '{ customers { totalCount } }');
    expect(list.data?.customers.totalCount).toBe(1);
  });

  it('makes one customer and exactly one isNew out of 20 concurrent upserts of a new phone', async () => {
    const tenant = testTenant();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => upsert(tenant, { phone: i % 2 ? '514 555 0199' : '+1 (514) 555-0199', name: `Caller ${i}` })),
    );
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    expect(results.filter((result) => result.data?.upsertCustomer.isNew)).toHaveLength(1);
    expect(new Set(results.map((result) => result.data?.upsertCustomer.customer.id)).size).toBe(1);
    const list = await subgraph.query(testCaller(tenant), '{ customers { totalCount } }');
    expect(list.data?.customers.totalCount).toBe(1);
  });

  it('keeps the same phone apart in two tenants', async () => {
    const [a, b] = [testTenant('a'), testTenant('b')];
    const inA = await upsert(a, { phone: '819-555-0100', name: 'In A' });
    const inB = await upsert(b, { phone: '819-555-0100', name: 'In B' });
    expect(inA.data?.upsertCustomer.isNew).toBe(true);
    expect(inB.data?.upsertCustomer.isNew).toBe(true);
    expect(inA.data?.upsertCustomer.customer.id).not.toBe(inB.data?.upsertCustomer.customer.id);
  });

  it.each([
    [{ phone: '450-272-2408', name: '   ' }, 'input.name'],
    [{ phone: '12', name: 'Bad Phone' }, 'input.phone'],
    [{ phone: '450-272-2409', name: 'Bad Mail', email: 'not-an-email' }, 'input.email'],
  ])('refuses %j naming %s, and stores nothing', async (input, field) => {
    const tenant = testTenant();
    const result = await upsert(tenant, input);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const list = await subgraph.query(testCaller(tenant), '{ customers { totalCount } }');
    expect(list.data?.customers.totalCount).toBe(0);
  });

  it('refuses an update carrying a stale version', async () => {
    const tenant = testTenant();
    await upsert(tenant, { phone: '438-555-0101', name: 'Version One' });
    await upsert(tenant, { phone: '438-555-0101', name: 'Version Two', version: 1 });
    const stale = await upsert(tenant, { phone: '438-555-0101', name: 'Lost Update', version: 1 });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'version' });
    const current = await subgraph.query(testCaller(tenant), '{ customerByPhone(phone: "4385550101") { name version } }');
    expect(current.data?.customerByPhone).toEqual({ name: 'Version Two', version: 2 });
  });

  it('records customer.created and customer.updated in the outbox, in the same transaction', async () => {
    const tenant = testTenant();
    const created = await upsert(tenant, { phone: '450-555-0102', name: 'Evented' });
    await upsert(tenant, { phone: '450-555-0102', name: 'Evented Again' });
    const id = created.data?.upsertCustomer.customer.id;
    const events = await subgraph.orm.em.fork().execute<{ type: string; envelope: any }[]>(
      'SELECT type, envelope FROM customers.outbox WHERE subject = ? ORDER BY seq', [id]);
    expect(events.map((event) => event.type)).toEqual(['customer.created', 'customer.updated']);
    expect(events[1]?.envelope).toMatchObject({ specversion: '1.0', source: '/c360/customers', subject: id, tenantid: tenant, data: { changedFields: ['name'] } });
  });
});

describe('reading customers', () => {
  it('resolves _entities only within the caller tenant', async () => {
    const [a, b] = [testTenant('a'), testTenant('b')];
    const created = await upsert(a, { phone: '450-555-0110', name: 'Entity Owner' });
    const id = created.data?.upsertCustomer.customer.id;
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { id name } } }`;
    const variables = { reps: [{ __typename: 'Customer', id }, { __typename: 'Customer', id: '00000000-0000-7000-8000-000000000000' }] };
    const asA = await subgraph.query(testCaller(a), query, variables);
    const asB = await subgraph.query(testCaller(b), query, variables);
    expect(asA.data?._entities).toEqual([{ id, name: 'Entity Owner' }, null]);
    expect(asB.data?._entities).toEqual([null, null]);
    const byPhoneAsB = await subgraph.query(testCaller(b), '{ customerByPhone(phone: "450-555-0110") { id } }');
    expect(byPhoneAsB.data?.customerByPhone).toBeNull();
  });

  it('pages newest first without skipping or repeating, and searches by name, e-mail or phone fragment', async () => {
    const tenant = testTenant();
    for (const [i, name] of ['Élise Gagnon', 'Bob Martin', 'Chloé Roy', 'David Côté', 'Émile Fortin'].entries()) {
      await upsert(tenant, { phone: `450-555-02${10 + i}`, name, email: `${name.split(' ')[0]!.normalize('NFD').replace(/[^a-zA-Z]/g, '').toLowerCase()}@mail.test` });
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await subgraph.query(testCaller(tenant),
        'query($after: String) { customers(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }', { after });
      expect(page.data.customers.totalCount).toBe(5);
      seen.push(...page.data.customers.edges.map((edge: any) => edge.node.name));
      after = page.data.customers.pageInfo.hasNextPage ? page.data.customers.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(['Émile Fortin', 'David Côté', 'Chloé Roy', 'Bob Martin', 'Élise Gagnon']);

    const search = async (text: string) => (await subgraph.query(testCaller(tenant), 'query($s: String) { customers(search: $s) { edges { node { name } } } }', { s: text }))
      .data?.customers.edges.map((edge: any) => edge.node.name);
    expect(await search('côté')).toEqual(['David Côté']);
    expect(await search('bob@')).toEqual(['Bob Martin']);
    expect(await search('555-0212')).toEqual(['Chloé Roy']);
  });

  it('rejects a page size above the maximum, naming the argument', async () => {
    const result = await subgraph.query(testCaller(testTenant()), '{ customers(first: 1000) { totalCount } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('gateway signature', () => {
  it('refuses a request without the gateway-signed caller', async () => {
    const result = await postGraphQL(subgraph.url, { query: '{ customers { totalCount } }' });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a caller signed with another secret', async () => {
    const { signCaller } = await import('@c360/kit');
    const forged = await signCaller(testCaller(testTenant()), 'an-attacker-guessed-this-secret');
    const result = await postGraphQL(subgraph.url, { query: '{ customers { totalCount } }' }, { 'x-c360-caller': forged });
    expect(result.status).toBe(401);
  });
});
