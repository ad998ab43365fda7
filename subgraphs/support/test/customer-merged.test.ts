import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSubgraph, testTenant, type TestSubgraph } from '@c360/kit/testing';
import { envelope, newId } from '@c360/kit';
import { supportSubgraph } from '../src/subgraph.ts';
import { at, supportTestkit } from './testkit.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(supportSubgraph, inject('adminUrl'));
});
afterAll(() => subgraph?.stop());
const kit = supportTestkit(() => subgraph);

const merged = (tenant: string, survivorId: string, mergedId: string) =>
  envelope('/c360/customers', tenant, { type: 'customer.merged', subject: survivorId, data: { survivorId, mergedId } });

describe('customer.merged', () => {
  it('moves the merged customer\'s tickets and work orders (and so their dispatch jobs) to the survivor, once', async () => {
    const [tenant, other] = [testTenant(), testTenant()];
    const [survivor, duplicate, bystander, locationId] = [newId(), newId(), newId(), newId()];
    const alexis = await kit.technician(tenant, 'Alexis Roy');
    const moved = await kit.ticket(tenant, { customerId: duplicate, locationId });
    await kit.ticket(tenant, { customerId: bystander });
    await kit.as(tenant)('mutation($input: ScheduleDispatchInput!) { scheduleDispatch(input: $input) { dispatchJob { id } } }', {
      input: { ticketId: moved.id, technicianIds: [alexis], start: at('09:00'), end: at('10:00') } });
    const workOrder = (await kit.as(tenant)('mutation($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { workOrder { id } } }', {
      input: { customerId: duplicate, ticketId: moved.id, visits: [{ technicianId: alexis, arrivedAt: at('09:05'), departedAt: at('09:50') }] } })).data?.createWorkOrder.workOrder;
    // The same customer id in another tenant is another customer: untouched.
    const elsewhere = await kit.ticket(other, { customerId: duplicate });

    const event = merged(tenant, survivor, duplicate);
    await kit.publish(event);
    await kit.publish(event);

    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer {
      openTicketCount tickets { edges { node { id dispatchJobs { customer { id } } } } } workOrders { edges { node { id version customer { id } } } } } } }`;
    const reps = [survivor, duplicate].map((id) => ({ __typename: 'Customer', id }));
    const [asSurvivor, asDuplicate] = (await kit.as(tenant)(query, { reps })).data?._entities;
    expect(asSurvivor.tickets.edges).toEqual([{ node: { id: moved.id, dispatchJobs: [{ customer: { id: survivor } }] } }]);
    expect(asSurvivor.workOrders.edges).toEqual([{ node: { id: workOrder.id, version: 2, customer: { id: survivor } } }]);
    expect(asSurvivor.openTicketCount).toBe(1);
    expect(asDuplicate).toEqual({ openTicketCount: 0, tickets: { edges: [] }, workOrders: { edges: [] } });
    expect((await kit.as(other)(query, { reps })).data?._entities[1].tickets.edges).toEqual([{ node: { id: elsewhere.id, dispatchJobs: [] } }]);

    // One event per move, however often the merge was delivered.
    expect((await kit.outbox(moved.id)).map((e) => e.type)).toEqual(['ticket.opened', 'ticket.customer_changed']);
    expect((await kit.outbox(workOrder.id)).map((e) => e.type)).toEqual(['work_order.created', 'work_order.customer_changed']);
    expect((await kit.outbox(moved.id))[1]?.data).toMatchObject({ ticketId: moved.id, customerId: survivor, previousCustomerId: duplicate, mergeEventId: event.id });
  });

  it('ignores a merge of a customer into itself and malformed data', async () => {
    const tenant = testTenant();
    const customerId = newId();
    const ticket = await kit.ticket(tenant, { customerId });
    await kit.publish(merged(tenant, customerId, customerId));
    await kit.publish(envelope('/c360/customers', tenant, { type: 'customer.merged', subject: customerId, data: { survivorId: 'nope', mergedId: customerId } }));
    expect((await kit.outbox(ticket.id)).map((e) => e.type)).toEqual(['ticket.opened']);
  });
});
