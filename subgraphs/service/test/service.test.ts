import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postGraphQL, startTestSubgraph, testCaller, testTenant, type GraphQLResponse, type TestSubgraph } from '@c360/kit/testing';
import { serviceSubgraph } from '../src/subgraph.ts';
import { outbox as outboxOf, statementsFor as statementsOf } from './harness.ts';

const CREATE = `mutation Create($input: CreateServiceLocationInput!) {
  createServiceLocation(input: $input) { location { id customer { id } address { number unit street city region postalCode country } comparisonKey status } }
}`;
const ADD = `mutation Add($input: AddEquipmentInput!) {
  addEquipment(input: $input) { equipment { id kind serial macAddress status location { id } } }
}`;
const CUSTOMER_ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Customer { id locations { id address { city } comparisonKey equipment { kind serial macAddress location { id } } } }
} }`;

const HOME = { number: '1234', unit: 'app. 4', street: 'boul. St-Joseph O.', city: 'St-Hyacinthe', postalCode: 'j2s1a1' };

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(serviceSubgraph, inject('adminUrl'));
});
afterAll(() => subgraph?.stop());

async function createLocation(tenant: string, input: Record<string, unknown>) {
  return subgraph.query(testCaller(tenant), CREATE, { input: { connectionType: 'FIBRE', ...input } });
}

async function newLocation(tenant: string, customerId = randomUUID(), address: Record<string, unknown> = HOME): Promise<string> {
  const result = await createLocation(tenant, { customerId, address });
  expect(result.errors).toBeUndefined();
  return result.data?.createServiceLocation.location.id;
}

async function addEquipment(tenant: string, input: Record<string, unknown>) {
  return subgraph.query(testCaller(tenant), ADD, { input: { kind: 'ONT', ...input } });
}

const outbox = (tenant: string) => outboxOf(subgraph, tenant);
const statementsFor = (run: () => Promise<unknown>) => statementsOf(subgraph, run);

describe('createServiceLocation', () => {
  it('stores the address tidied, with its comparison key, and records location.created', async () => {
    const tenant = testTenant();
    const customerId = randomUUID();
    const result = await createLocation(tenant, { customerId, address: { ...HOME, region: 'qc' } });
    expect(result.errors).toBeUndefined();
    const location = result.data?.createServiceLocation.location;
    expect(location).toMatchObject({
      customer: { id: customerId },
      address: { number: '1234', unit: 'app. 4', street: 'boul. St-Joseph O.', city: 'St-Hyacinthe', region: 'QC', postalCode: 'J2S 1A1', country: 'CA' },
      comparisonKey: '1234|4|boulevard saint joseph ouest|saint hyacinthe|j2s1a1|ca',
      status: 'PENDING',
    });
    const events = await outbox(tenant);
    expect(events.map((event) => event.type)).toEqual(['location.created']);
    expect(events[0]?.envelope).toMatchObject({ source: '/c360/service', subject: location.id, tenantid: tenant, data: { customerId, locationId: location.id } });
  });

  it('gives every spelling of one address the same comparison key, and finds the location by any of them', async () => {
    const tenant = testTenant();
    const spellings = [
      HOME,
      { number: '4-1234', street: 'Boulevard Saint-Joseph Ouest', city: 'SAINT-HYACINTHE', postalCode: 'J2S 1A1' },
      { number: '1234', unit: '#04', street: 'St-Joseph Blvd West', city: 'Saint-Hyacinthe', postalCode: 'J2S-1A1' },
    ];
    const keys: string[] = [];
    for (const address of spellings) keys.push((await createLocation(tenant, { customerId: randomUUID(), address })).data?.createServiceLocation.location.comparisonKey);
    expect(new Set(keys)).toEqual(new Set(['1234|4|boulevard saint joseph ouest|saint hyacinthe|j2s1a1|ca']));
    const found = await subgraph.query(testCaller(tenant), 'query($a: AddressInput!) { serviceLocationsAtAddress(address: $a) { id } }',
      { a: { number: '1234', unit: 'Apt 4', street: 'rue St-Joseph', city: 'Saint-Hyacinthe', postalCode: 'J2S1A1' } });
    expect(found.data?.serviceLocationsAtAddress).toEqual([]);
    const same = await subgraph.query(testCaller(tenant), 'query($a: AddressInput!) { serviceLocationsAtAddress(address: $a) { id } }',
      { a: { number: '1234', unit: 'Apt 4', street: 'boul St Joseph O', city: 'Saint-Hyacinthe', postalCode: 'J2S1A1' } });
    expect(same.data?.serviceLocationsAtAddress).toHaveLength(3);
  });

  it.each([
    [{ address: { ...HOME, street: '   ' } }, 'input.address.street'],
    [{ address: { ...HOME, city: '' } }, 'input.address.city'],
    [{ address: { ...HOME, postalCode: '12345' } }, 'input.address.postalCode'],
    [{ address: { ...HOME, postalCode: null } }, 'input.address.postalCode'],
    [{ address: { ...HOME, region: 'Quebec' } }, 'input.address.region'],
    [{ address: { ...HOME, country: 'XX' } }, 'input.address.country'],
    [{ customerId: 'not-an-id' }, 'input.customerId'],
  ])('refuses %j naming %s, and stores nothing', async (override, field) => {
    const tenant = testTenant();
    const customerId = randomUUID();
    const result = await createLocation(tenant, { customerId, address: HOME, ...override });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const entities = await subgraph.query(testCaller(tenant), CUSTOMER_ENTITIES, { reps: [{ __typename: 'Customer', id: customerId }] });
    expect(entities.data?._entities).toEqual([{ id: customerId, locations: [] }]);
    expect(await outbox(tenant)).toEqual([]);
  });
});

describe('addEquipment', () => {
  it('normalises serial and MAC address and records equipment.installed with the customer', async () => {
    const tenant = testTenant();
    const customerId = randomUUID();
    const locationId = await newLocation(tenant, customerId);
    const result = await addEquipment(tenant, { locationId, serial: ' alcl12345678 ', macAddress: 'a4-e3-1b-00-00-01' });
    expect(result.errors).toBeUndefined();
    const equipment = result.data?.addEquipment.equipment;
    expect(equipment).toMatchObject({ kind: 'ONT', serial: 'ALCL12345678', macAddress: 'A4:E3:1B:00:00:01', status: 'INSTALLED', location: { id: locationId } });
    const events = await outbox(tenant);
    expect(events.map((event) => event.type)).toEqual(['location.created', 'equipment.installed']);
    expect(events[1]?.envelope).toMatchObject({ subject: equipment.id, data: { customerId, locationId, equipmentId: equipment.id } });
  });

  it('refuses a duplicate serial or MAC address in the tenant as a CONFLICT naming the field, and stores nothing', async () => {
    const tenant = testTenant();
    const [first, second] = [await newLocation(tenant), await newLocation(tenant)];
    expect((await addEquipment(tenant, { locationId: first, serial: 'HWTC0000AA01', macAddress: '00:E0:FC:00:00:01' })).errors).toBeUndefined();
    const sameSerial = await addEquipment(tenant, { locationId: second, serial: 'hwtc0000aa01', macAddress: '00:E0:FC:00:00:02' });
    expect(sameSerial.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.serial' });
    const sameMac = await addEquipment(tenant, { locationId: second, serial: 'HWTC0000AA02', macAddress: '00e0.fc00.0001' });
    expect(sameMac.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.macAddress' });
    const entities = await subgraph.query(testCaller(tenant), 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ServiceLocation { equipment { serial } } } }',
      { reps: [first, second].map((id) => ({ __typename: 'ServiceLocation', id })) });
    expect(entities.data?._entities).toEqual([{ equipment: [{ serial: 'HWTC0000AA01' }] }, { equipment: [] }]);
    expect((await outbox(tenant)).filter((event) => event.type === 'equipment.installed')).toHaveLength(1);

    // Unique per tenant only: another tenant may record the same device identifiers.
    const other = testTenant();
    const elsewhere = await addEquipment(other, { locationId: await newLocation(other), serial: 'HWTC0000AA01', macAddress: '00:E0:FC:00:00:01' });
    expect(elsewhere.errors).toBeUndefined();
  });

  it('adds one device out of 10 concurrent calls with one serial', async () => {
    const tenant = testTenant();
    const locationId = await newLocation(tenant);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => addEquipment(tenant, { locationId, kind: 'ATA', serial: 'GSHT-RACE', macAddress: `00:0B:82:00:00:1${i}` })));
    expect(results.filter((result) => result.data?.addEquipment)).toHaveLength(1);
    expect(results.flatMap((result) => result.errors ?? []).map((error) => error.extensions)).toEqual(
      Array.from({ length: 9 }, () => expect.objectContaining({ code: 'CONFLICT', field: 'input.serial' })),
    );
  });

  it.each([
    [{ macAddress: 'AA:BB:CC:DD:EE' }, 'BAD_USER_INPUT', 'input.macAddress'],
    [{ macAddress: 'FF:FF:FF:FF:FF:FF' }, 'BAD_USER_INPUT', 'input.macAddress'],
    [{ serial: '  ' }, 'BAD_USER_INPUT', 'input.serial'],
    [{ locationId: 'nope' }, 'BAD_USER_INPUT', 'input.locationId'],
    [{ locationId: '00000000-0000-7000-8000-000000000000' }, 'NOT_FOUND', 'input.locationId'],
  ])('refuses %j with %s naming %s', async (override, code, field) => {
    const tenant = testTenant();
    const locationId = await newLocation(tenant);
    const result = await addEquipment(tenant, { locationId, serial: 'ZTEG00000001', ...override });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    expect((await outbox(tenant)).map((event) => event.type)).toEqual(['location.created']);
  });
});

describe('reading locations and equipment', () => {
  it('resolves the locations and equipment of several customers in one _entities call, with a constant number of statements', async () => {
    const tenant = testTenant();
    const customers = [randomUUID(), randomUUID(), randomUUID()];
    const cities = ['Granby', 'Laval', 'Sherbrooke'];
    for (const [i, customerId] of customers.entries()) {
      const address = { number: `${10 + i}`, street: 'rue Principale', city: cities[i], postalCode: 'J2G 9H3' };
      const locationId = await newLocation(tenant, customerId, address);
      await addEquipment(tenant, { locationId, serial: `ALCL0000000${i}`, macAddress: `A4:E3:1B:00:01:0${i}` });
      await addEquipment(tenant, { locationId, kind: 'ROUTER', serial: `TPL0000000${i}` });
    }
    await newLocation(tenant, customers[0], { number: '99', street: 'rue Laurier', city: 'Granby', postalCode: 'J2G 9H3' });

    let result: GraphQLResponse | undefined;
    const reps = [...customers, randomUUID()].map((id) => ({ __typename: 'Customer', id }));
    const many = await statementsFor(async () => {
      result = await subgraph.query(testCaller(tenant), CUSTOMER_ENTITIES, { reps });
    });
    expect(result?.errors).toBeUndefined();
    const entities = result?.data?._entities;
    expect(entities.map((customer: any) => customer.locations.map((location: any) => location.address.city))).toEqual([['Granby', 'Granby'], ['Laval'], ['Sherbrooke'], []]);
    expect(entities[1].locations[0].equipment).toEqual([
      { kind: 'ONT', serial: 'ALCL00000001', macAddress: 'A4:E3:1B:00:01:01', location: { id: entities[1].locations[0].id } },
      { kind: 'ROUTER', serial: 'TPL00000001', macAddress: null, location: { id: entities[1].locations[0].id } },
    ]);
    expect(entities[0].locations[1].equipment).toEqual([]);
    const one = await statementsFor(() => subgraph.query(testCaller(tenant), CUSTOMER_ENTITIES, { reps: reps.slice(0, 1) }));
    // One statement for the locations of all customers with their equipment (asked for, so read with them).
    expect(many).toBe(one);
    expect(many).toBe(1);
    // Without equipment in the query, the locations alone.
    const locationsOnly = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { locations { id } } } }`;
    expect(await statementsFor(() => subgraph.query(testCaller(tenant), locationsOnly, { reps }))).toBe(1);
  });

  it('shows another tenant nothing of a tenant’s locations and equipment, including through _entities', async () => {
    const [a, b] = [testTenant('a'), testTenant('b')];
    const customerId = randomUUID();
    const locationId = await newLocation(a, customerId);
    const equipment = await addEquipment(a, { locationId, serial: 'ALCLISOLATED', macAddress: '02:00:00:00:00:0A' });
    const equipmentId = equipment.data?.addEquipment.equipment.id;
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) {
      ... on Customer { locations { id } } ... on ServiceLocation { id } ... on Equipment { id } } }`;
    const reps = [{ __typename: 'Customer', id: customerId }, { __typename: 'ServiceLocation', id: locationId }, { __typename: 'Equipment', id: equipmentId }];
    const asA = await subgraph.query(testCaller(a), query, { reps });
    const asB = await subgraph.query(testCaller(b), query, { reps });
    expect(asA.data?._entities).toEqual([{ locations: [{ id: locationId }] }, { id: locationId }, { id: equipmentId }]);
    expect(asB.data?._entities).toEqual([{ locations: [] }, null, null]);
    const direct = await subgraph.query(testCaller(b), `query($id: ID!) { serviceLocation(id: $id) { id } equipmentBySerial(serial: "ALCLISOLATED") { id } }`, { id: locationId });
    expect(direct.data).toEqual({ serviceLocation: null, equipmentBySerial: null });
    const addInOtherTenant = await addEquipment(b, { locationId, serial: 'ALCLINTRUDER' });
    expect(addInOtherTenant.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.locationId' });
  });

  it('refuses a request without the gateway-signed caller', async () => {
    const result = await postGraphQL(subgraph.url, { query: '{ equipmentBySerial(serial: "X") { id } }' });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
