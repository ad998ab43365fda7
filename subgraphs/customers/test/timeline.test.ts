import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSubgraph, testTenant, type TestSubgraph } from '@c360/kit/testing';
import type { EventEnvelope } from '@c360/kit';
import { customersSubgraph } from '../src/subgraph.ts';
import { timelineConsumer } from '../src/modules/timeline/timeline.consumer.ts';
import { suspendOnBrokenArrangement } from '../src/modules/automation/automation.consumer.ts';
import { client, countRows, createCustomer, statementsInRequests } from './helpers.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(customersSubgraph, inject('adminUrl'));
});
afterAll(() => subgraph?.stop());

/** An event as another subgraph's relay would put it on the bus. */
function event(tenant: string, type: string, data: Record<string, unknown>, source = '/c360/billing'): EventEnvelope {
  return {
    specversion: '1.0', id: randomUUID(), source, type, subject: String(data.invoiceId ?? data.arrangementId ?? data.customerId),
    time: new Date().toISOString(), tenantid: tenant, datacontenttype: 'application/json', data,
  };
}

async function publish(...events: EventEnvelope[]) {
  await subgraph.orm.em.fork().execute('SELECT bus.publish(?::jsonb)', [JSON.stringify(events)]);
  await subgraph.relay?.flush();
  for (const consumer of subgraph.consumers) await consumer.catchUp();
}

const TIMELINE = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer {
  timeline(first: 10) { totalCount edges { node { type domain summary automation { rule } } } } } } }`;

describe('Customer.timeline', () => {
  it("keeps one entry per event however often it is delivered, and pages many customers' timelines in one statement", async () => {
    const tenant = testTenant();
    const gql = client(subgraph, tenant);
    const customers = await Promise.all([1, 2, 3].map((n) => createCustomer(gql, { name: `Client ${n}` })));
    const invoiced = event(tenant, 'invoice.created', { customerId: customers[0]!.id, invoiceId: randomUUID(), number: 'INV-000007', total: '11.50', currency: 'CAD' });
    await publish(invoiced);
    await publish(event(tenant, 'billing_settings.updated', { settings: {} }));

    // Delivered again (a replay, a redelivery): nothing more.
    const em = subgraph.orm.em.fork();
    await em.transactional((tx) => timelineConsumer.handle(tx, invoiced, 0));
    await em.transactional((tx) => timelineConsumer.handleBatch!(tx, [{ event: invoiced, position: 0 }]));
    expect(await countRows(subgraph, 'timeline_entry', tenant)).toBe(4);

    const reps = customers.map((customer) => ({ __typename: 'Customer', id: customer.id }));
    const before = await statementsInRequests(subgraph);
    const { _entities } = await gql.ok(TIMELINE, { reps });
    const statements = await statementsInRequests(subgraph) - before;
    expect(_entities[0].timeline.edges.map((edge: any) => [edge.node.type, edge.node.domain, edge.node.summary])).toEqual([
      ['invoice.created', 'billing', 'Invoice INV-000007 created (11.50 CAD)'],
      ['customer.created', 'customers', expect.stringContaining('Customer created')],
    ]);
    expect(_entities.slice(1).map((entity: any) => entity.timeline.totalCount)).toEqual([1, 1]);
    // The customers (one), their timelines (one), whatever the number of customers.
    expect(statements).toBeLessThanOrEqual(3);
  });

  it("is invisible to another tenant, through _entities too", async () => {
    const tenant = testTenant();
    const customer = await createCustomer(client(subgraph, tenant), { name: 'Secret' });
    await publish();
    const { _entities } = await client(subgraph, testTenant()).ok(TIMELINE, { reps: [{ __typename: 'Customer', id: customer.id }] });
    expect(_entities).toEqual([null]);
  });
});

describe('automation in the customers subgraph', () => {
  it('suspends once per broken arrangement, only while the rule is on, and records what triggered it', async () => {
    const tenant = testTenant();
    const gql = client(subgraph, tenant);
    const [off, on] = [await createCustomer(gql, { name: 'Règle éteinte' }), await createCustomer(gql, { name: 'Règle allumée' })];
    await publish(event(tenant, 'arrangement.broken', { customerId: off.id, arrangementId: randomUUID(), cutoffDate: '2026-11-01' }));
    expect((await gql.ok('query($id: ID!) { customer(id: $id) { status } }', { id: off.id })).customer.status).toBe('ACTIVE');

    await gql.ok('mutation { setCustomerAutomationRule(input: { rule: SUSPEND_ON_BROKEN_ARRANGEMENT, enabled: true }) { rule { enabled } } }');
    const broken = event(tenant, 'arrangement.broken', { customerId: on.id, arrangementId: randomUUID(), cutoffDate: '2026-11-01' });
    await publish(broken);
    // The same event handled again changes nothing.
    await subgraph.orm.em.fork().transactional((tx) => {
      tx.setFilterParams('tenant', { tenantId: tenant });
      return suspendOnBrokenArrangement.handle(tx, broken, 0);
    });
    const { customer } = await gql.ok('query($id: ID!) { customer(id: $id) { status suspensions { reason suspendedBy } } }', { id: on.id });
    expect(customer).toEqual({ status: 'SUSPENDED', suspensions: [{ reason: 'NON_PAYMENT', suspendedBy: 'automation:SUSPEND_ON_BROKEN_ARRANGEMENT' }] });
    const actions = await subgraph.orm.em.fork().execute<{ rule: string; trigger_event_id: string; action: string }[]>(
      'SELECT rule, trigger_event_id, action FROM customers.automation_action WHERE tenant_id = ?', [tenant]);
    expect(actions).toEqual([{ rule: 'SUSPEND_ON_BROKEN_ARRANGEMENT', trigger_event_id: broken.id, action: 'SUSPENDED' }]);
    const suspended = await subgraph.orm.em.fork().execute<{ envelope: EventEnvelope }[]>(
      "SELECT envelope FROM customers.outbox WHERE subject = ? AND type = 'customer.suspended'", [on.id]);
    expect(suspended.map((row) => row.envelope.data.automation)).toEqual([{ rule: 'SUSPEND_ON_BROKEN_ARRANGEMENT', triggerEventId: broken.id, triggerType: 'arrangement.broken' }]);
  });

  it('reactivates only when the payment cleared the overdue balance of a customer suspended for non-payment', async () => {
    const tenant = testTenant();
    const gql = client(subgraph, tenant);
    await gql.ok('mutation { setCustomerAutomationRule(input: { rule: REACTIVATE_ON_PAYMENT, enabled: true }) { rule { enabled } } }');
    const [unpaid, request] = [await createCustomer(gql, { name: 'Impayé' }), await createCustomer(gql, { name: 'À sa demande' })];
    await gql.ok('mutation($id: ID!) { suspendCustomer(input: { customerId: $id, reason: NON_PAYMENT }) { customer { status } } }', { id: unpaid.id });
    await gql.ok('mutation($id: ID!) { suspendCustomer(input: { customerId: $id, reason: CUSTOMER_REQUEST }) { customer { status } } }', { id: request.id });
    const status = async (id: string) => (await gql.ok('query($id: ID!) { customer(id: $id) { status } }', { id })).customer.status;

    await publish(event(tenant, 'payment.received', { customerId: unpaid.id, paymentId: randomUUID(), overdueCleared: false, overdueBalance: '10.00' }));
    expect(await status(unpaid.id)).toBe('SUSPENDED');
    await publish(
      event(tenant, 'payment.received', { customerId: unpaid.id, paymentId: randomUUID(), overdueCleared: true, overdueBalance: '0.00' }),
      event(tenant, 'payment.received', { customerId: request.id, paymentId: randomUUID(), overdueCleared: true, overdueBalance: '0.00' }),
    );
    expect([await status(unpaid.id), await status(request.id)]).toEqual(['ACTIVE', 'SUSPENDED']);
  });

  it('lists the rules with their state; only an admin changes them', async () => {
    const tenant = testTenant();
    expect((await client(subgraph, tenant).ok('{ tenantSettings { automationRules { rule enabled updatedBy } } }')).tenantSettings.automationRules)
      .toEqual([{ rule: 'SUSPEND_ON_BROKEN_ARRANGEMENT', enabled: false, updatedBy: null }, { rule: 'REACTIVATE_ON_PAYMENT', enabled: false, updatedBy: null }]);
    expect(await client(subgraph, tenant, ['agent']).fails('mutation { setCustomerAutomationRule(input: { rule: REACTIVATE_ON_PAYMENT, enabled: true }) { rule { enabled } } }'))
      .toMatchObject({ code: 'FORBIDDEN' });
  });
});
