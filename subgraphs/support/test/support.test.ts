import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSubgraph, testCaller, testTenant, type TestSubgraph } from '@c360/kit/testing';
import { newId, type DemoTenant } from '@c360/kit';
import { supportSubgraph } from '../src/subgraph.ts';

const OPEN = `mutation Open($input: OpenTicketInput!) {
  openTicket(input: $input) { ticket { id number subject description status priority channel createdAt resolvedAt customer { id } location { id } } }
}`;
const CHANGE = `mutation Change($input: ChangeTicketStatusInput!) {
  changeTicketStatus(input: $input) { ticket { id status resolvedAt } }
}`;
const CUSTOMER_TICKETS = `query($reps: [_Any!]!, $first: Int, $after: String) { _entities(representations: $reps) { ... on Customer {
  id openTicketCount tickets(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id number status } } }
} } }`;

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(supportSubgraph, inject('adminUrl'));
});
afterAll(() => subgraph?.stop());

async function open(tenant: string, input: Record<string, unknown>) {
  return subgraph.query(testCaller(tenant), OPEN, { input });
}

async function change(tenant: string, ticketId: string, status: string) {
  return subgraph.query(testCaller(tenant), CHANGE, { input: { ticketId, status } });
}

async function customerTickets(tenant: string, customerIds: string[], page: { first?: number; after?: string | null } = {}) {
  const reps = customerIds.map((id) => ({ __typename: 'Customer', id }));
  return subgraph.query(testCaller(tenant), CUSTOMER_TICKETS, { reps, ...page });
}

/** SQL statements the subgraph ran while serving GraphQL requests, from its metrics endpoint. */
async function statementsInRequests(): Promise<number> {
  const text = await (await fetch(subgraph.url.replace(/\/graphql$/, '/metrics'))).text();
  return Number(/c360_sql_statements_in_requests_total (\d+)/.exec(text)?.[1]);
}

async function outbox(subject: string) {
  return subgraph.orm.em.fork().execute<{ type: string; envelope: any }[]>('SELECT type, envelope FROM support.outbox WHERE subject = ? ORDER BY seq', [subject]);
}

describe('openTicket', () => {
  it('numbers tickets per tenant without gaps, trims the subject and applies the defaults', async () => {
    const [tenant, other] = [testTenant(), testTenant()];
    const [customerId, locationId] = [newId(), newId()];
    const first = await open(tenant, { customerId, locationId, subject: '  Pas de connexion Internet  ', description: '   ' });
    expect(first.errors).toBeUndefined();
    expect(first.data?.openTicket.ticket).toMatchObject({
      number: 'T-000001', subject: 'Pas de connexion Internet', description: null, status: 'OPEN', priority: 'NORMAL', channel: 'PHONE',
      resolvedAt: null, customer: { id: customerId }, location: { id: locationId },
    });
    await open(tenant, { customerId, subject: '' });
    const second = await open(tenant, { customerId, subject: 'Slow Wi-Fi', priority: 'HIGH', channel: 'EMAIL' });
    expect(second.data?.openTicket.ticket).toMatchObject({ number: 'T-000002', priority: 'HIGH', channel: 'EMAIL', location: null });
    const elsewhere = await open(other, { customerId: newId(), subject: 'Changement de forfait' });
    expect(elsewhere.data?.openTicket.ticket.number).toBe('T-000001');
  });

  it('hands out distinct consecutive numbers to 20 concurrent opens', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => open(tenant, { customerId, subject: `Ticket ${i}` })));
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    const numbers = results.map((result) => result.data?.openTicket.ticket.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `T-${String(i + 1).padStart(6, '0')}`));
  });

  it('records ticket.opened in the outbox with the customer, ticket, number and location', async () => {
    const tenant = testTenant();
    const [customerId, locationId] = [newId(), newId()];
    const ticket = (await open(tenant, { customerId, locationId, subject: 'Modem replacement' })).data?.openTicket.ticket;
    const events = await outbox(ticket.id);
    expect(events.map((event) => event.type)).toEqual(['ticket.opened']);
    expect(events[0]?.envelope).toMatchObject({
      specversion: '1.0', source: '/c360/support', subject: ticket.id, tenantid: tenant,
      data: { customerId, ticketId: ticket.id, number: 'T-000001', locationId },
    });
  });

  it.each([
    [{ subject: '   ' }, 'input.subject'],
    [{ subject: 'x'.repeat(201) }, 'input.subject'],
    [{ subject: 'Slow Wi-Fi', customerId: 'not-an-id' }, 'input.customerId'],
    [{ subject: 'Slow Wi-Fi', locationId: 'not-an-id' }, 'input.locationId'],
    [{ subject: 'Slow Wi-Fi', description: 'x'.repeat(10_001) }, 'input.description'],
  ])('refuses %j naming %s, and stores nothing', async (input, field) => {
    const tenant = testTenant();
    const customerId = newId();
    const result = await open(tenant, { customerId, ...input });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const tickets = await customerTickets(tenant, [customerId]);
    expect(tickets.data?._entities[0]).toMatchObject({ openTicketCount: 0, tickets: { totalCount: 0 } });
    // The refused call did not take a number either.
    expect((await open(tenant, { customerId, subject: 'Valid' })).data?.openTicket.ticket.number).toBe('T-000001');
  });
});

describe('changeTicketStatus', () => {
  it('follows the workflow, sets resolvedAt on resolution, clears it on reopening and keeps it on closing', async () => {
    const tenant = testTenant();
    const ticket = (await open(tenant, { customerId: newId(), subject: 'Coupures intermittentes' })).data?.openTicket.ticket;
    const step = async (status: string) => {
      const result = await change(tenant, ticket.id, status);
      expect(result.errors).toBeUndefined();
      return result.data?.changeTicketStatus.ticket;
    };
    expect(await step('IN_PROGRESS')).toMatchObject({ status: 'IN_PROGRESS', resolvedAt: null });
    expect(await step('WAITING_CUSTOMER')).toMatchObject({ status: 'WAITING_CUSTOMER', resolvedAt: null });
    expect((await step('RESOLVED')).resolvedAt).toEqual(expect.any(String));
    expect(await step('IN_PROGRESS')).toMatchObject({ status: 'IN_PROGRESS', resolvedAt: null });
    const resolved = await step('RESOLVED');
    expect(await step('CLOSED')).toMatchObject({ status: 'CLOSED', resolvedAt: resolved.resolvedAt });

    const events = await outbox(ticket.id);
    expect(events.map((event) => event.type)).toEqual([
      'ticket.opened', 'ticket.status_changed', 'ticket.status_changed', 'ticket.status_changed', 'ticket.resolved',
      'ticket.status_changed', 'ticket.status_changed', 'ticket.resolved', 'ticket.status_changed',
    ]);
    expect(events[3]?.envelope.data).toMatchObject({ ticketId: ticket.id, number: 'T-000001', from: 'WAITING_CUSTOMER', to: 'RESOLVED' });
  });

  /** Status changes that reach each status from OPEN. */
  const pathTo: Record<string, string[]> = {
    OPEN: [], IN_PROGRESS: ['IN_PROGRESS'], WAITING_CUSTOMER: ['WAITING_CUSTOMER'], RESOLVED: ['RESOLVED'], CLOSED: ['RESOLVED', 'CLOSED'],
  };
  it.each([
    ['OPEN', 'OPEN'], ['OPEN', 'CLOSED'], ['IN_PROGRESS', 'OPEN'], ['IN_PROGRESS', 'CLOSED'], ['WAITING_CUSTOMER', 'CLOSED'],
    ['RESOLVED', 'OPEN'], ['RESOLVED', 'WAITING_CUSTOMER'], ['CLOSED', 'IN_PROGRESS'], ['CLOSED', 'RESOLVED'],
  ])('refuses %s → %s naming input.status, and changes nothing', async (from, to) => {
    const tenant = testTenant();
    const ticket = (await open(tenant, { customerId: newId(), subject: 'Pas de tonalité' })).data?.openTicket.ticket;
    for (const status of pathTo[from]!) expect((await change(tenant, ticket.id, status)).errors).toBeUndefined();
    const before = await outbox(ticket.id);
    const result = await change(tenant, ticket.id, to);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
    const current = await subgraph.query(testCaller(tenant), 'query($id: ID!) { ticket(id: $id) { status } }', { id: ticket.id });
    expect(current.data?.ticket.status).toBe(from);
    expect(await outbox(ticket.id)).toHaveLength(before.length);
  });

  it('does not find another tenant\'s ticket', async () => {
    const [a, b] = [testTenant('a'), testTenant('b')];
    const ticket = (await open(a, { customerId: newId(), subject: 'Billing question' })).data?.openTicket.ticket;
    const result = await change(b, ticket.id, 'RESOLVED');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.ticketId' });
    const malformed = await change(b, 'not-an-id', 'RESOLVED');
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ticketId' });
  });
});

describe('tickets of customers and locations', () => {
  it('pages newest first with cursors, without skipping or repeating, ties on createdAt included', async () => {
    const tenant = testTenant();
    const customerId = newId();
    for (let i = 0; i < 9; i += 1) await open(tenant, { customerId, subject: `Ticket ${i}` });
    // Several tickets in the same millisecond: the id breaks the tie, in the order and in the cursor.
    await subgraph.orm.em.fork().execute(
      `UPDATE support.ticket SET created_at = '2026-01-01T10:00:00.123Z' WHERE tenant_id = ? AND number IN (3, 4, 5, 6)`, [tenant]);
    const everything = (await customerTickets(tenant, [customerId], { first: 100 })).data?._entities[0].tickets;
    expect(everything.totalCount).toBe(9);
    expect(everything.edges.slice(0, 5).map((edge: any) => edge.node.number)).toEqual(['T-000009', 'T-000008', 'T-000007', 'T-000002', 'T-000001']);

    for (const first of [1, 2, 4]) {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: any = (await customerTickets(tenant, [customerId], { first, after })).data?._entities[0].tickets;
        expect(page.totalCount).toBe(9);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...page.edges.map((edge: any) => edge.node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(everything.edges.map((edge: any) => edge.node.id));
    }
  });

  it('loads tickets and open counts of several customers in one _entities call with a constant number of statements', async () => {
    const tenant = testTenant();
    const [alice, bob, carol, nobody] = [newId(), newId(), newId(), newId()];
    for (let i = 0; i < 3; i += 1) await open(tenant, { customerId: alice, subject: `Alice ${i}` });
    const bobs = await open(tenant, { customerId: bob, subject: 'Bob' });
    await change(tenant, bobs.data?.openTicket.ticket.id, 'RESOLVED');
    const carols = await open(tenant, { customerId: carol, subject: 'Carol' });
    await change(tenant, carols.data?.openTicket.ticket.id, 'WAITING_CUSTOMER');

    const before = await statementsInRequests();
    const result = await customerTickets(tenant, [alice, bob, carol, nobody, 'not-a-uuid'], { first: 2 });
    // One statement for the pages (with their totals), one for the open counts, whatever the number of customers.
    expect(await statementsInRequests() - before).toBe(2);
    expect(result.errors).toBeUndefined();
    const entities = result.data?._entities;
    expect(entities.map((customer: any) => [customer.openTicketCount, customer.tickets.totalCount, customer.tickets.edges.length, customer.tickets.pageInfo.hasNextPage]))
      .toEqual([[3, 3, 2, true], [0, 1, 1, false], [1, 1, 1, false], [0, 0, 0, false], [0, 0, 0, false]]);
    expect(entities[0].tickets.edges.map((edge: any) => edge.node.number)).toEqual(['T-000003', 'T-000002']);
  });

  it('lists a service location\'s tickets', async () => {
    const tenant = testTenant();
    const [customerId, home, cottage] = [newId(), newId(), newId()];
    await open(tenant, { customerId, locationId: home, subject: 'Slow Wi-Fi' });
    await open(tenant, { customerId, locationId: cottage, subject: 'No Internet connection' });
    await open(tenant, { customerId, locationId: home, subject: 'Modem replacement' });
    const reps = [home, cottage].map((id) => ({ __typename: 'ServiceLocation', id }));
    const before = await statementsInRequests();
    const result = await subgraph.query(testCaller(tenant),
      'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ServiceLocation { id tickets { totalCount edges { node { number location { id } } } } } } }', { reps });
    expect(await statementsInRequests() - before).toBe(1);
    expect(result.data?._entities).toEqual([
      { id: home, tickets: { totalCount: 2, edges: [{ node: { number: 'T-000003', location: { id: home } } }, { node: { number: 'T-000001', location: { id: home } } }] } },
      { id: cottage, tickets: { totalCount: 1, edges: [{ node: { number: 'T-000002', location: { id: cottage } } }] } },
    ]);
  });

  it('shows nothing of tenant A to tenant B through _entities', async () => {
    const [a, b] = [testTenant('a'), testTenant('b')];
    const [customerId, locationId] = [newId(), newId()];
    const ticket = (await open(a, { customerId, locationId, subject: 'Pas de connexion Internet' })).data?.openTicket.ticket;
    const reps = [{ __typename: 'Customer', id: customerId }, { __typename: 'ServiceLocation', id: locationId }, { __typename: 'Ticket', id: ticket.id }];
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) {
      ... on Customer { openTicketCount tickets { totalCount } }
      ... on ServiceLocation { tickets { totalCount } }
      ... on Ticket { number } } }`;
    const asA = await subgraph.query(testCaller(a), query, { reps });
    const asB = await subgraph.query(testCaller(b), query, { reps });
    expect(asA.data?._entities).toEqual([{ openTicketCount: 1, tickets: { totalCount: 1 } }, { tickets: { totalCount: 1 } }, { number: 'T-000001' }]);
    expect(asB.data?._entities).toEqual([{ openTicketCount: 0, tickets: { totalCount: 0 } }, { tickets: { totalCount: 0 } }, null]);
    const direct = await subgraph.query(testCaller(b), 'query($id: ID!) { ticket(id: $id) { id } }', { id: ticket.id });
    expect(direct.data?.ticket).toBeNull();
  });
});

describe('demo data', () => {
  it('seeds the same tickets twice over and numbers new tickets after them', async () => {
    const tenantId = testTenant('demo');
    const tenant: DemoTenant = {
      id: tenantId,
      name: 'Test Télécom',
      customers: Array.from({ length: 12 }, (_, index) => ({ index, id: newId(), locationIds: [newId(), newId()] })),
    };
    const em = subgraph.orm.em.fork();
    const count = async () => (await em.execute<{ n: number }[]>('SELECT count(*)::int AS n FROM support.ticket WHERE tenant_id = ?', [tenantId]))[0]?.n;
    await supportSubgraph.seedDemo(em, tenant);
    const seeded = await count();
    await supportSubgraph.seedDemo(em, tenant);
    expect(await count()).toBe(seeded);
    expect(seeded).toBeGreaterThan(0);
    const next = await open(tenantId, { customerId: tenant.customers[0]!.id, subject: 'Slow Wi-Fi' });
    expect(next.data?.openTicket.ticket.number).toBe(`T-${String(seeded! + 1).padStart(6, '0')}`);
  });
});
