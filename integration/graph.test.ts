import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DEV_GATEWAY_SIGNING_SECRET, demoId, type Caller, type DemoTenant } from '@c360/kit';
import { postGraphQL, testTenant } from '@c360/kit/testing';
import { SubgraphDataSource } from '@c360/gateway/subgraph-source';
import { freePort, seedDemoTenant } from '@c360/scripts/system';
import { startTestSystem, type TestSystem } from './testkit.ts';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem(inject('adminUrl'));
});
afterAll(() => system?.stop());

/** Builds one customer with something in every subgraph, through the gateway's mutations. */
async function customerWithEverything(tenant: string, phone: string) {
  const asTenant = system.as(tenant);
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const result = await asTenant(query, variables);
    expect(result.errors).toBeUndefined();
    return result;
  };
  const digits = phone.replace(/\D/g, '');
  const created = await gql(`mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { customer { id } } }`,
    { input: { phone, name: 'Sophie Lavoie', email: 'sophie@example.ca' } });
  const customerId = created.data?.upsertCustomer.customer.id as string;
  const invoice = await gql(`mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } } }`,
    { input: { customerId, lines: [{ description: 'Fibre 500', quantity: '2', unitPrice: '19.99' }] } });
  await gql(`mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id } } }`,
    { input: { customerId, amount: '20.00', method: 'CARD', invoiceIds: [invoice.data?.createInvoice.invoice.id] } });
  const location = await gql(`mutation($input: CreateServiceLocationInput!) { createServiceLocation(input: $input) { location { id } } }`,
    { input: { customerId, connectionType: 'FIBRE', address: { number: '1200', street: 'rue Principale', city: 'Granby', region: 'QC', postalCode: 'J2G 2V6', country: 'CA' } } });
  const locationId = location.data?.createServiceLocation.location.id as string;
  await gql(`mutation($input: AddEquipmentInput!) { addEquipment(input: $input) { equipment { id } } }`,
    { input: { locationId, kind: 'ONT', model: 'Nokia G-010G-Q', serial: `ALCL${digits}`, macAddress: `00:1a:2b:${digits.slice(-6, -4)}:${digits.slice(-4, -2)}:${digits.slice(-2)}` } });
  await gql(`mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } } }`,
    { input: { customerId, locationId, subject: 'Pas de connexion Internet' } });
  return { customerId, locationId };
}

const CUSTOMER_360 = `query($id: ID!) {
  customer(id: $id) {
    name phone
    balance { amount currency }
    invoices(first: 5) { totalCount edges { node { number status total { amount } outstanding { amount } } } }
    payments(first: 5) { totalCount edges { node { amount { amount } method } } }
    locations { connectionType address { city postalCode } equipment { kind serial } tickets(first: 5) { totalCount } }
    openTicketCount
    tickets(first: 5) { totalCount edges { node { subject status } } }
  }
}`;

describe('the graph through the gateway', () => {
  it('answers one query with fields from all four subgraphs', async () => {
    const tenant = testTenant();
    const { customerId } = await customerWithEverything(tenant, '+1 450 555 0301');
    const result = await system.as(tenant)(CUSTOMER_360, { id: customerId });
    expect(result.errors).toBeUndefined();
    expect(result.data?.customer).toMatchObject({
      name: 'Sophie Lavoie',
      phone: '+14505550301',
      balance: { amount: '25.97', currency: 'CAD' },
      invoices: { totalCount: 1, edges: [{ node: { status: 'PARTIALLY_PAID', total: { amount: '45.97' }, outstanding: { amount: '25.97' } } }] },
      payments: { totalCount: 1, edges: [{ node: { amount: { amount: '20.00' }, method: 'CARD' } }] },
      locations: [{ connectionType: 'FIBRE', address: { city: 'Granby', postalCode: 'J2G 2V6' }, equipment: [{ kind: 'ONT' }], tickets: { totalCount: 1 } }],
      openTicketCount: 1,
      tickets: { totalCount: 1, edges: [{ node: { subject: 'Pas de connexion Internet', status: 'OPEN' } }] },
    });
  });

  it("never shows one tenant's customer to another: by id, by phone, in a list or search", async () => {
    const [a, b] = [testTenant('a'), testTenant('b')];
    const { customerId } = await customerWithEverything(a, '+1 450 555 0302');
    const asB = system.as(b);
    const byId = await asB(CUSTOMER_360, { id: customerId });
    expect(byId.errors).toBeUndefined();
    expect(byId.data?.customer).toBeNull();
    const byPhone = await asB('{ customerByPhone(phone: "450 555 0302") { id } }');
    expect(byPhone.data?.customerByPhone).toBeNull();
    const list = await asB('{ customers(search: "Lavoie") { totalCount edges { node { id } } } }');
    expect(list.data?.customers).toEqual({ totalCount: 0, edges: [] });
  });

  it('refuses requests without a valid token', async () => {
    const none = await postGraphQL(system.gatewayUrl, { query: '{ customers { totalCount } }' });
    expect(none.status).toBe(401);
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await postGraphQL(system.gatewayUrl, { query: '{ customers { totalCount } }' }, { authorization: 'Bearer not.a.jwt' });
    expect(forged.status).toBe(401);
  });

  it('refuses a request sent straight to a subgraph, without the gateway signature', async () => {
    for (const url of Object.values(system.subgraphUrls)) {
      const direct = await postGraphQL(url, { query: '{ _service { sdl } }' });
      expect(direct.status).toBe(401);
      expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it("updates the customer's last activity from other subgraphs' events", async () => {
    const tenant = testTenant();
    const { customerId } = await customerWithEverything(tenant, '+1 450 555 0303');
    const gql = system.as(tenant);
    let lastActivityAt: string | null = null;
    for (let attempt = 0; attempt < 50 && !lastActivityAt; attempt += 1) {
      lastActivityAt = (await gql('query($id: ID!) { customer(id: $id) { lastActivityAt } }', { id: customerId })).data?.customer.lastActivityAt ?? null;
      if (!lastActivityAt) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(lastActivityAt).not.toBeNull();
  });
});

describe('SQL statements per request', () => {
  const LIST_PAGE = `query($first: Int!) {
    customers(first: $first) {
      edges { node {
        id name
        balance { amount }
        invoices(first: 3) { totalCount edges { node { number total { amount } } } }
        locations { id address { city } equipment { kind serial } }
        openTicketCount
        tickets(first: 3) { totalCount edges { node { subject } } }
      } }
    }
  }`;

  it('does not grow with the page size: 5 customers cost as many statements as 50', async () => {
    const tenant = testTenant('scale');
    const plan: DemoTenant = {
      id: tenant,
      name: 'Scale test',
      customers: Array.from({ length: 60 }, (_, index) => ({
        index,
        id: demoId(tenant, 'customer', index),
        locationIds: [demoId(tenant, 'location', index, 0), demoId(tenant, 'location', index, 1)],
      })),
    };
    await seedDemoTenant(inject('adminUrl'), plan);
    const gql = system.as(tenant);
    const statementsFor = async (first: number) => {
      const before = await system.statementsInRequests();
      const result = await gql(LIST_PAGE, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data?.customers.edges).toHaveLength(first);
      return (await system.statementsInRequests()) - before;
    };
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(five).toBeGreaterThan(0);
    expect(fifty).toBe(five);
  });
});

describe("the gateway's subgraph calls", () => {
  const caller = (tenant: string): Caller => ({ tenantId: tenant, subject: `${tenant}-user`, roles: ['admin'], scopes: [] });
  const call = (source: SubgraphDataSource, tenant: string, query: string, variables: Record<string, unknown>) => source.process({
    kind: 'incoming operation',
    request: { query, variables, http: { method: 'POST', url: system.subgraphUrls.customers, headers: new Headers() } },
    context: { caller: caller(tenant) },
    incomingRequestContext: {},
  } as unknown as Parameters<SubgraphDataSource['process']>[0]);
  const customersRequests = () => system.metric('customers', 'c360_graphql_requests_total');
  const READ = 'query($id: ID!) { customer(id: $id) { id name } }';

  it('share one call between identical queries in flight, not between different ones', async () => {
    const tenant = testTenant('sharing');
    const first = await customerWithEverything(tenant, '+1 450 555 0404');
    const second = await customerWithEverything(tenant, '+1 450 555 0505');
    const source = new SubgraphDataSource('customers', system.subgraphUrls.customers, DEV_GATEWAY_SIGNING_SECRET);
    /** Starts the reads at once, after reading the count. */
    const requestsFor = async (reads: Array<() => ReturnType<SubgraphDataSource['process']>>) => {
      const before = await customersRequests();
      const answers = await Promise.all(reads.map((read) => read()));
      return { answers, requests: (await customersRequests()) - before };
    };

    const one = await requestsFor([() => call(source, tenant, READ, { id: first.customerId })]);
    expect(one.requests).toBe(1);
    const identical = await requestsFor(Array.from({ length: 4 }, () => () => call(source, tenant, READ, { id: first.customerId })));
    expect(identical.requests).toBe(1);
    // Each caller gets its own copy: the gateway merges other subgraphs' fields into what it receives.
    expect(identical.answers[0]).toEqual(one.answers[0]);
    expect(identical.answers[0]).not.toBe(identical.answers[1]);
    expect(identical.answers[0]!.data).not.toBe(identical.answers[1]!.data);

    const different = await requestsFor([() => call(source, tenant, READ, { id: first.customerId }), () => call(source, tenant, READ, { id: second.customerId })]);
    expect(different.requests).toBe(2);
    const later = await requestsFor([() => call(source, tenant, READ, { id: first.customerId })]);
    expect(later.requests).toBe(1);
    expect(different.answers.map((answer) => answer.data?.customer.id)).toEqual([first.customerId, second.customerId]);
  });

  it('never share a mutation: two identical notes added at once are two notes', async () => {
    const tenant = testTenant('sharing-writes');
    const { customerId } = await customerWithEverything(tenant, '+1 450 555 0606');
    const source = new SubgraphDataSource('customers', system.subgraphUrls.customers, DEV_GATEWAY_SIGNING_SECRET);
    const ADD = 'mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } } }';
    const input = { customerId, body: 'Rappeler demain' };
    const [a, b] = await Promise.all([call(source, tenant, ADD, { input }), call(source, tenant, ADD, { input })]);
    expect(a.errors).toBeUndefined();
    expect(a.data?.addNote.note.id).not.toBe(b.data?.addNote.note.id);
    const notes = await system.as(tenant)('query($id: ID!) { customer(id: $id) { notes(first: 10) { totalCount } } }', { id: customerId });
    expect(notes.data?.customer.notes.totalCount).toBe(2);
  });

  it('name the subgraph that cannot be reached', async () => {
    const source = new SubgraphDataSource('billing', `http://127.0.0.1:${await freePort()}/graphql`, DEV_GATEWAY_SIGNING_SECRET);
    await expect(call(source, testTenant('unreachable'), READ, { id: randomUUID() })).rejects.toMatchObject({
      message: 'The billing subgraph is not answering',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'billing' },
    });
  });
});
