import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSubgraph, testTenant, type TestSubgraph } from '@c360/kit/testing';
import { newId } from '@c360/kit';
import { supportSubgraph } from '../src/subgraph.ts';
import { supportTestkit } from './testkit.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(supportSubgraph, inject('adminUrl'));
});
afterAll(() => subgraph?.stop());
const kit = supportTestkit(() => subgraph);

const CHANGE = 'mutation($input: ChangeTicketStatusInput!) { changeTicketStatus(input: $input) { ticket { id } } }';
const FILTERED = `query($reps: [_Any!]!, $status: [TicketStatus!], $period: PeriodInput, $first: Int, $after: String) { _entities(representations: $reps) {
  ... on Customer { tickets(status: $status, period: $period, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { subject status } } } }
  ... on ServiceLocation { tickets(status: $status, period: $period, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { subject status } } } }
} }`;

/** Opens a ticket created at a given time, moved to a status. */
async function ticketAt(tenant: string, customerId: string, locationId: string | null, subject: string, createdAt: string, path: string[] = []) {
  const ticket = await kit.ticket(tenant, { customerId, locationId, subject });
  for (const status of path) await kit.as(tenant)(CHANGE, { input: { ticketId: ticket.id, status } });
  await subgraph.orm.em.fork().execute('UPDATE support.ticket SET created_at = ? WHERE id = ?', [createdAt, ticket.id]);
  return ticket;
}

describe('Customer.tickets and ServiceLocation.tickets filters', () => {
  it('filter by status and by creation period, counts and pages within the filter', async () => {
    const tenant = testTenant();
    const [customerId, home, cottage] = [newId(), newId(), newId()];
    await ticketAt(tenant, customerId, home, 'Janvier ouvert', '2026-01-10T12:00:00Z');
    await ticketAt(tenant, customerId, home, 'Janvier résolu', '2026-01-20T12:00:00Z', ['RESOLVED']);
    await ticketAt(tenant, customerId, cottage, 'Février en cours', '2026-02-01T00:00:00Z', ['IN_PROGRESS']);
    await ticketAt(tenant, customerId, home, 'Février fermé', '2026-02-14T12:00:00Z', ['RESOLVED', 'CLOSED']);
    await ticketAt(tenant, customerId, null, 'Mars en attente', '2026-03-03T12:00:00Z', ['WAITING_CUSTOMER']);
    const customer = [{ __typename: 'Customer', id: customerId }];
    const subjects = (result: any) => result.data?._entities[0].tickets.edges.map((edge: any) => edge.node.subject);

    const active = await kit.as(tenant)(FILTERED, { reps: customer, status: ['OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER'] });
    expect(subjects(active)).toEqual(['Mars en attente', 'Février en cours', 'Janvier ouvert']);
    // Half-open period: February 1st at midnight is in February, March 1st is not.
    const february = await kit.as(tenant)(FILTERED, { reps: customer, period: { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' } });
    expect(subjects(february)).toEqual(['Février fermé', 'Février en cours']);
    const doneInJanuary = await kit.as(tenant)(FILTERED, { reps: customer, status: ['RESOLVED', 'CLOSED'], period: { to: '2026-02-01T00:00:00Z' } });
    expect(subjects(doneInJanuary)).toEqual(['Janvier résolu']);
    const atHome = await kit.as(tenant)(FILTERED, { reps: [{ __typename: 'ServiceLocation', id: home }], status: ['OPEN', 'RESOLVED'] });
    expect(subjects(atHome)).toEqual(['Janvier résolu', 'Janvier ouvert']);

    const firstPage = (await kit.as(tenant)(FILTERED, { reps: customer, period: { from: '2026-01-15T00:00:00Z' }, first: 2 })).data?._entities[0].tickets;
    expect(firstPage).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const secondPage = (await kit.as(tenant)(FILTERED, { reps: customer, period: { from: '2026-01-15T00:00:00Z' }, first: 2, after: firstPage.pageInfo.endCursor })).data?._entities[0].tickets;
    expect(secondPage.edges.map((edge: any) => edge.node.subject)).toEqual(['Février en cours', 'Janvier résolu']);
    expect(secondPage.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a period that ends before it starts, naming period.to', async () => {
    const tenant = testTenant();
    const result = await kit.as(tenant)(FILTERED, { reps: [{ __typename: 'Customer', id: newId() }], period: { from: '2026-03-01T00:00:00Z', to: '2026-02-01T00:00:00Z' } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.to' });
  });

  it('serves customers asking for the same filter with one statement', async () => {
    const tenant = testTenant();
    const customers = [newId(), newId(), newId()];
    for (const customerId of customers) await ticketAt(tenant, customerId, null, 'Vieux', '2025-06-01T00:00:00Z');
    await ticketAt(tenant, customers[1]!, null, 'Récent', '2026-06-01T00:00:00Z');
    const before = await kit.statementsInRequests();
    const result = await kit.as(tenant)(FILTERED, { reps: customers.map((id) => ({ __typename: 'Customer', id })), period: { from: '2026-01-01T00:00:00Z' } });
    expect(await kit.statementsInRequests() - before).toBe(1);
    expect(result.data?._entities.map((customer: any) => customer.tickets.totalCount)).toEqual([0, 1, 0]);
  });
});

describe('Customer.openTicketCount', () => {
  it('counts the active tickets of 50 customers in one statement', async () => {
    const tenant = testTenant();
    const customers = Array.from({ length: 50 }, () => newId());
    // Customer n has n % 4 active tickets and one resolved one when n is odd.
    const rows = customers.flatMap((customerId, n) => [
      ...Array.from({ length: n % 4 }, (_, i) => ({ customerId, status: ['OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER'][i % 3] })),
      ...(n % 2 ? [{ customerId, status: 'RESOLVED' }] : []),
    ]);
    // Written directly: numbering 75 tickets one mutation at a time would only slow the test down.
    await subgraph.orm.em.fork().execute(
      `INSERT INTO support.ticket (id, tenant_id, number, customer_id, subject, status, resolved_at)
       SELECT gen_random_uuid(), ?, row_number() OVER (), r.customer_id, 'Test', r.status, CASE WHEN r.status = 'RESOLVED' THEN now() END
       FROM jsonb_to_recordset(?::jsonb) AS r(customer_id uuid, status text)`,
      [tenant, JSON.stringify(rows.map((row) => ({ customer_id: row.customerId, status: row.status })))],
    );
    const reps = customers.map((id) => ({ __typename: 'Customer', id }));
    const before = await kit.statementsInRequests();
    const result = await kit.as(tenant)('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { openTicketCount } } }', { reps });
    expect(await kit.statementsInRequests() - before).toBe(1);
    expect(result.data?._entities.map((customer: any) => customer.openTicketCount)).toEqual(customers.map((_, n) => n % 4));
  });
});
