import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { envelope, forkForTenant, type ConsumerDefinition, type EventEnvelope } from '@c360/kit';
import { testTenant } from '@c360/kit/testing';
import { mergeConsumer, suspensionConsumer } from '../src/modules/network/customer-events.consumer.ts';
import { HttpNetworkController } from '../src/modules/network/network-controller.client.ts';
import { fakeNetworkController, type FakeNetworkController } from './fakes.ts';
import { CREATE_LOCATION, newLocation, ok, outbox, startService, statementsFor, type ServiceUnderTest } from './harness.ts';

const ATTACH = `mutation($input: SetNetworkAttachmentInput!) { setNetworkAttachment(input: $input) { location { version networkAttachment { oltName oltPort ontId } } } }`;
const MOVE = `mutation($input: UpdateServiceLocationAddressInput!) { updateServiceLocationAddress(input: $input) { location { version } } }`;
const INSTALL = `mutation($input: InstallServiceLocationInput!) { installServiceLocation(input: $input) { location { status installedAt version } } }`;
const ACTIONS = `query($id: ID!) { serviceLocation(id: $id) { status networkActions { totalCount edges { node { action cause outcome detail attachment { oltName oltPort ontId } } } } } }`;

let service: ServiceUnderTest;
let controller: FakeNetworkController;
beforeAll(async () => {
  [service, controller] = await Promise.all([startService(inject('adminUrl')), fakeNetworkController()]);
});
afterAll(async () => {
  await service?.stop();
  await controller?.close();
});

const place = (n: number, street = 'rue Principale') => ({ number: String(n), street, city: 'Granby', postalCode: 'J2G 2V6' });
const olt = () => `OLT-T${randomUUID().slice(0, 6).toUpperCase()}`;

async function location(tenant: string, customerId: string, connectionType = 'FIBRE', n = 10): Promise<string> {
  const data = ok(await service.gql(tenant, CREATE_LOCATION, { input: { customerId, connectionType, address: place(n) } }));
  return data.createServiceLocation.location.id;
}

/** Applies an event the way the bus consumer does: in one transaction scoped to the event's tenant. */
async function deliver(consumer: ConsumerDefinition, event: EventEnvelope): Promise<void> {
  await forkForTenant(service.subgraph.orm, event.tenantid).transactional((em) => consumer.handle(em, event));
}

const customerEvent = (tenant: string, type: string, data: Record<string, unknown>, subject: string) => envelope('/c360/customers', tenant, { type, subject, data });

describe('network attachment', () => {
  it('records where a fibre location hangs off the network, one ONT id per port, and finds who is on a port', async () => {
    const tenant = testTenant();
    const oltName = olt();
    const [first, second, cable] = [await location(tenant, randomUUID()), await location(tenant, randomUUID()), await location(tenant, randomUUID(), 'CABLE')];
    const attached = ok(await service.gql(tenant, ATTACH, { input: { locationId: first, version: 1, oltName: ` ${oltName} `, oltPort: '0/1/3', ontId: 7 } }));
    expect(attached.setNetworkAttachment.location).toEqual({ version: 2, networkAttachment: { oltName, oltPort: '0/1/3', ontId: 7 } });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ locationId: second, version: 1, ontId: 7 }, 'CONFLICT', 'input.ontId'],
      [{ locationId: first, version: 1, ontId: 8 }, 'CONFLICT', 'input.version'],
      [{ locationId: cable, version: 1, ontId: 1 }, 'BAD_USER_INPUT', 'input.oltName'],
      [{ locationId: second, version: 1, oltPort: '1-2-3' }, 'BAD_USER_INPUT', 'input.oltPort'],
      [{ locationId: second, version: 1, ontId: 5000 }, 'BAD_USER_INPUT', 'input.ontId'],
      [{ locationId: second, version: 1, oltName: null }, 'BAD_USER_INPUT', 'input.oltName'],
    ];
    for (const [input, code, field] of cases) {
      const result = await service.gql(tenant, ATTACH, { input: { oltName, oltPort: '0/1/3', ...input } });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
    ok(await service.gql(tenant, ATTACH, { input: { locationId: second, version: 1, oltName, oltPort: '0/1/3', ontId: 2 } }));
    const onPort = ok(await service.gql(tenant, `query($olt: String!) { serviceLocationsOnOltPort(oltName: $olt, oltPort: "0/1/3") { id networkAttachment { ontId } } }`, { olt: oltName }));
    expect(onPort.serviceLocationsOnOltPort).toEqual([{ id: second, networkAttachment: { ontId: 2 } }, { id: first, networkAttachment: { ontId: 7 } }]);
    const detached = ok(await service.gql(tenant, ATTACH, { input: { locationId: first, version: 2, oltName: null } }));
    expect(detached.setNetworkAttachment.location.networkAttachment).toBeNull();
    expect((await outbox(service.subgraph, tenant)).filter((event) => event.type === 'location.attachment_changed')).toHaveLength(3);
    expect(ok(await service.gql(testTenant(), `query($olt: String!) { serviceLocationsOnOltPort(oltName: $olt, oltPort: "0/1/3") { id } }`, { olt: oltName })).serviceLocationsOnOltPort).toEqual([]);
  });
});

describe('installation and disconnection', () => {
  it('puts a PENDING location in service, then ends it, refusing other transitions, stale versions and future days', async () => {
    const tenant = testTenant();
    const locationId = await location(tenant, randomUUID());
    const DISCONNECT = `mutation($input: DisconnectServiceLocationInput!) { disconnectServiceLocation(input: $input) { location { status installedAt version } } }`;
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect((await service.gql(tenant, INSTALL, { input: { locationId, version: 1, installedAt: future } })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.installedAt' });
    expect((await service.gql(tenant, DISCONNECT, { input: { locationId, version: 1 } })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.locationId' });
    expect(ok(await service.gql(tenant, INSTALL, { input: { locationId, version: 1, installedAt: '2025-04-01' } })).installServiceLocation.location)
      .toEqual({ status: 'ACTIVE', installedAt: '2025-04-01', version: 2 });
    expect((await service.gql(tenant, INSTALL, { input: { locationId, version: 1 } })).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    expect(ok(await service.gql(tenant, DISCONNECT, { input: { locationId, version: 2 } })).disconnectServiceLocation.location)
      .toEqual({ status: 'DISCONNECTED', installedAt: '2025-04-01', version: 3 });
    expect((await outbox(service.subgraph, tenant)).map((event) => event.type)).toEqual(['location.created', 'location.installed', 'location.disconnected']);
  });
});

describe('address history', () => {
  const HISTORY = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { id addressHistory(first: 2) { totalCount edges { node { address { number } location { id } customer { id } } } } } } }`;

  it('keeps every earlier address of a location with its date, newest first, for many customers in constant statements', async () => {
    const tenant = testTenant();
    const customers = [randomUUID(), randomUUID()];
    const locations = [await newLocation(service, tenant, place(1), customers[0]), await newLocation(service, tenant, place(100), customers[1])];
    for (const [version, n] of [[1, 2], [2, 3], [3, 4]] as const) ok(await service.gql(tenant, MOVE, { input: { locationId: locations[0], version, address: place(n) } }));
    ok(await service.gql(tenant, MOVE, { input: { locationId: locations[1], version: 1, address: place(101) } }));
    const reps = customers.map((id) => ({ __typename: 'Customer', id }));
    let data: any;
    const both = await statementsFor(service.subgraph, async () => {
      data = ok(await service.gql(tenant, HISTORY, { reps }));
    });
    expect(data._entities[0].addressHistory).toEqual({
      totalCount: 3,
      edges: [3, 2].map((number) => ({ node: { address: { number: String(number) }, location: { id: locations[0] }, customer: { id: customers[0] } } })),
    });
    expect(data._entities[1].addressHistory.edges.map((edge: any) => edge.node.address.number)).toEqual(['100']);
    const one = await statementsFor(service.subgraph, () => service.gql(tenant, HISTORY, { reps: reps.slice(0, 1) }));
    expect(both).toBe(one);
    const page = ok(await service.gql(tenant, `query($id: ID!) { serviceLocation(id: $id) { addressHistory(first: 10) { edges { node { changedAt } } } } }`, { id: locations[0] }));
    const dates = page.serviceLocation.addressHistory.edges.map((edge: any) => edge.node.changedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(ok(await service.gql(testTenant(), HISTORY, { reps }))._entities.map((customer: any) => customer.addressHistory.totalCount)).toEqual([0, 0]);
  });
});

describe('suspension and reactivation at the network', () => {
  async function suspendedCustomer(tenant: string) {
    const customerId = randomUUID();
    const oltName = olt();
    const [healthy, failing, cable, pending] = [
      await location(tenant, customerId, 'FIBRE', 1), await location(tenant, customerId, 'FIBRE', 2), await location(tenant, customerId, 'CABLE', 3), await location(tenant, customerId, 'FIBRE', 4),
    ];
    ok(await service.gql(tenant, ATTACH, { input: { locationId: healthy, version: 1, oltName, oltPort: '0/2/1', ontId: 4 } }));
    ok(await service.gql(tenant, ATTACH, { input: { locationId: failing, version: 1, oltName, oltPort: '0/2/2', ontId: 9 } }));
    for (const [locationId, version] of [[healthy, 2], [failing, 2], [cable, 1]] as const) {
      ok(await service.gql(tenant, INSTALL, { input: { locationId, version, installedAt: '2025-04-01' } }));
    }
    controller.failing.add(`${oltName} 0/2/2 9`);
    return { customerId, oltName, healthy, failing, cable, pending };
  }

  it('disables the ports of the customer\'s active locations and keeps each outcome; a redelivery changes nothing; reactivation enables them', async () => {
    const tenant = testTenant();
    const { customerId, oltName, healthy, failing, cable, pending } = await suspendedCustomer(tenant);
    const consumer = suspensionConsumer(new HttpNetworkController({ url: controller.url, timeoutMs: 2000 }));
    expect(consumer.types).toEqual(['customer.suspended', 'customer.reactivated']);
    const before = controller.requests.length;
    const suspended = customerEvent(tenant, 'customer.suspended', { customerId, reason: 'NON_PAYMENT' }, customerId);
    await deliver(consumer, suspended);
    await deliver(consumer, suspended);

    expect(controller.requests.slice(before).map((request) => [request.path, request.body])).toEqual([
      [`/v1/olts/${oltName}/ports/0/2/1/onts/4/admin-state`, { adminState: 'down' }],
      [`/v1/olts/${oltName}/ports/0/2/2/onts/9/admin-state`, { adminState: 'down' }],
    ]);
    const actions = async (id: string) => ok(await service.gql(tenant, ACTIONS, { id })).serviceLocation;
    expect(await actions(healthy)).toEqual({ status: 'SUSPENDED', networkActions: { totalCount: 1, edges: [{ node: {
      action: 'DISABLE_PORT', cause: 'customer.suspended', outcome: 'SUCCEEDED', detail: null, attachment: { oltName, oltPort: '0/2/1', ontId: 4 } } }] } });
    expect((await actions(failing)).networkActions.edges[0].node).toMatchObject({ outcome: 'FAILED', detail: expect.stringContaining('HTTP 500') });
    expect((await actions(cable)).networkActions.edges[0].node).toMatchObject({ outcome: 'NO_ATTACHMENT', attachment: null });
    expect(await actions(pending)).toEqual({ status: 'PENDING', networkActions: { totalCount: 0, edges: [] } });
    expect((await outbox(service.subgraph, tenant)).filter((event) => event.type === 'location.suspended')).toHaveLength(3);

    await deliver(consumer, customerEvent(tenant, 'customer.reactivated', { customerId }, customerId));
    expect(await actions(healthy)).toMatchObject({ status: 'ACTIVE', networkActions: { totalCount: 2, edges: [{ node: { action: 'ENABLE_PORT', outcome: 'SUCCEEDED' } }, { node: { action: 'DISABLE_PORT' } }] } });
    expect(controller.requests.at(-1)?.body).toEqual({ adminState: 'up' });
  });

  it('records NOT_CONFIGURED when no network controller is configured, and ignores an event without a customer id', async () => {
    const tenant = testTenant();
    const { customerId, healthy } = await suspendedCustomer(tenant);
    const consumer = suspensionConsumer(null);
    await deliver(consumer, customerEvent(tenant, 'customer.suspended', {}, 'not-a-customer'));
    expect(ok(await service.gql(tenant, ACTIONS, { id: healthy })).serviceLocation.status).toBe('ACTIVE');
    await deliver(consumer, customerEvent(tenant, 'customer.suspended', {}, customerId));
    expect(ok(await service.gql(tenant, ACTIONS, { id: healthy })).serviceLocation.networkActions.edges[0].node).toMatchObject({
      outcome: 'NOT_CONFIGURED', detail: expect.stringContaining('NETWORK_CONTROLLER_URL'),
    });
  });
});

describe('customer.merged', () => {
  it('moves the merged customer\'s locations, lines, 911 records, IP and address history to the survivor', async () => {
    const tenant = testTenant();
    const [survivorId, mergedId] = [randomUUID(), randomUUID()];
    const locationId = await newLocation(service, tenant, place(5), mergedId);
    const did = `+1450${200 + Math.floor(Math.random() * 700)}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
    ok(await service.gql(tenant, `mutation($input: CreateVoipLineInput!) { createVoipLine(input: $input) { line { id } } }`, { input: { locationId, did } }));
    ok(await service.gql(tenant, `mutation($input: AssignIpInput!) { assignIp(input: $input) { assignment { id } } }`, { input: { locationId, ip: '192.0.2.99', assignedAt: '2025-01-01T00:00:00Z' } }));
    ok(await service.gql(tenant, MOVE, { input: { locationId, version: 1, address: place(6) } }));
    await deliver(mergeConsumer, customerEvent(tenant, 'customer.merged', { survivorId, mergedId }, survivorId));

    const CUSTOMER = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { locations { id customer { id } } voipLines { did customer { id } }
      ipAt(time: "2025-06-01T00:00:00Z") { ip } addressHistory { totalCount } } } e911Record(did: "${did}") { customer { id } } }`;
    const data = ok(await service.gql(tenant, CUSTOMER, { reps: [{ __typename: 'Customer', id: survivorId }, { __typename: 'Customer', id: mergedId }] }));
    expect(data._entities).toEqual([
      { locations: [{ id: locationId, customer: { id: survivorId } }], voipLines: [{ did, customer: { id: survivorId } }], ipAt: [{ ip: '192.0.2.99' }], addressHistory: { totalCount: 1 } },
      { locations: [], voipLines: [], ipAt: [], addressHistory: { totalCount: 0 } },
    ]);
    expect(data.e911Record).toEqual({ customer: { id: survivorId } });
    const moved = (await outbox(service.subgraph, tenant)).filter((event) => event.type === 'location.customer_changed');
    expect(moved.map((event) => event.envelope.data)).toEqual([expect.objectContaining({ locationId, customerId: survivorId, previousCustomerId: mergedId })]);
  });
});
