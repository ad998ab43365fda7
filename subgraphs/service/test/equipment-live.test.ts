import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testTenant } from '@c360/kit/testing';
import { fakeGenieAcs, genieDevice, type FakeGenieAcs } from './fakes.ts';
import { newLocation, ok, outbox, sql, startService, type ServiceUnderTest } from './harness.ts';

const ADD = `mutation($input: AddEquipmentInput!) { addEquipment(input: $input) { equipment { id } } }`;
const LIVE = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { id locations { id address { city }
  equipment { serial status liveStatus { online lastContactAt opticalRxPowerDbm opticalTxPowerDbm wifiClients firmware uptimeSeconds acsDeviceId } } } } } }`;

let acs: FakeGenieAcs;
let withAcs: ServiceUnderTest;
let hanging: FakeGenieAcs;
let withHangingAcs: ServiceUnderTest;
let withoutAcs: ServiceUnderTest;

beforeAll(async () => {
  [acs, hanging] = await Promise.all([fakeGenieAcs(), fakeGenieAcs()]);
  hanging.mode = 'hang';
  [withAcs, withHangingAcs, withoutAcs] = await Promise.all([
    startService(inject('adminUrl'), { ACS_URL: acs.url, ACS_TIMEOUT_MS: '2000', ACS_RETRY_AFTER_MS: '0' }),
    startService(inject('adminUrl'), { ACS_URL: hanging.url, ACS_TIMEOUT_MS: '300', ACS_TASK_TIMEOUT_MS: '600', ACS_RETRY_AFTER_MS: '60000' }),
    startService(inject('adminUrl')),
  ]);
});
afterAll(async () => {
  await Promise.all([withAcs?.stop(), withHangingAcs?.stop(), withoutAcs?.stop()]);
  await Promise.all([acs?.close(), hanging?.close()]);
});

/** Two customers in Granby and Laval with an ONT each, the first with a router too; returns ids and serials. */
async function twoCustomers(service: ServiceUnderTest, tenant: string) {
  const customers = [randomUUID(), randomUUID()];
  const serials = [`HWTC${randomUUID().slice(0, 8).toUpperCase()}`, `HWTC${randomUUID().slice(0, 8).toUpperCase()}`, `TPL${randomUUID().slice(0, 8).toUpperCase()}`];
  const locations = [
    await newLocation(service, tenant, { number: '10', street: 'rue Principale', city: 'Granby', postalCode: 'J2G 2V6' }, customers[0]),
    await newLocation(service, tenant, { number: '20', street: 'rue Laurier', city: 'Laval', postalCode: 'H7N 1A1' }, customers[1]),
  ];
  const equipment = [];
  for (const [n, serial] of serials.entries()) {
    const result = ok(await service.gql(tenant, ADD, { input: { locationId: locations[n === 1 ? 1 : 0], kind: n === 2 ? 'ROUTER' : 'ONT', serial, installedAt: '2025-03-01' } }));
    equipment.push(result.addEquipment.equipment.id as string);
  }
  return { customers, locations, serials, equipment, reps: customers.map((id) => ({ __typename: 'Customer', id })) };
}

describe('Equipment.liveStatus from GenieACS', () => {
  it('asks the ACS once for every device of the request and reads what they report', async () => {
    const tenant = testTenant();
    const { serials, reps } = await twoCustomers(withAcs, tenant);
    acs.devices = [
      genieDevice(serials[0]!, { lastInform: new Date(Date.now() - 60_000), rxPower: -21.37, wifi: [4, 3], firmware: 'V5R020C00S080', uptime: 7200 }),
      genieDevice(serials[1]!, { lastInform: new Date(Date.now() - 3 * 3_600_000) }),
    ];
    const before = acs.requests.length;
    const data = ok(await withAcs.gql(tenant, LIVE, { reps }));
    expect(acs.requests.length - before).toBe(1);
    const request = acs.requests.at(-1)!;
    expect(request.path).toBe('/devices/');
    expect(JSON.parse(request.query.get('query')!)).toEqual({ '_deviceId._SerialNumber': { $in: expect.arrayContaining(serials) } });
    expect(request.query.get('projection')).toContain('_lastInform');

    const [first, second] = data._entities;
    expect(first.locations[0].equipment[0].liveStatus).toEqual({
      online: true, lastContactAt: expect.any(String), opticalRxPowerDbm: -21.37, opticalTxPowerDbm: 2.1, wifiClients: 7,
      firmware: 'V5R020C00S080', uptimeSeconds: 7200, acsDeviceId: `00E0FC-HG8245H-${serials[0]}`,
    });
    // The router is not known to the ACS: null, and no error for it.
    expect(first.locations[0].equipment[1]).toMatchObject({ serial: serials[2], liveStatus: null });
    // Last inform three hours ago: offline.
    expect(second.locations[0].equipment[0].liveStatus).toMatchObject({ online: false, opticalRxPowerDbm: -19.5 });
  });

  it('with the ACS hanging: the field is null with ACS_UNAVAILABLE after the short timeout, everything else resolves, and the ACS is not asked again for a while', async () => {
    const tenant = testTenant();
    const { serials, reps } = await twoCustomers(withHangingAcs, tenant);
    const before = hanging.requests.length;
    const result = await withHangingAcs.gql(tenant, LIVE, { reps });
    expect(result.data?._entities.map((customer: any) => customer.locations[0].address.city)).toEqual(['Granby', 'Laval']);
    expect(result.data?._entities[0].locations[0].equipment).toEqual([
      { serial: serials[0], status: 'INSTALLED', liveStatus: null },
      { serial: serials[2], status: 'INSTALLED', liveStatus: null },
    ]);
    expect(result.errors).toHaveLength(3);
    for (const error of result.errors!) {
      expect(error.extensions?.code).toBe('ACS_UNAVAILABLE');
      expect(error.message).toContain('did not answer within 300 ms');
      expect((error as { path?: unknown[] }).path?.at(-1)).toBe('liveStatus');
    }
    expect(hanging.requests.length - before).toBe(1);

    // Paused after the failure: the next request gets its answer without waiting for the ACS.
    const again = await withHangingAcs.gql(tenant, LIVE, { reps });
    expect(again.errors?.map((error) => error.extensions?.code)).toEqual(['ACS_UNAVAILABLE', 'ACS_UNAVAILABLE', 'ACS_UNAVAILABLE']);
    expect(again.data?._entities[1].locations[0].address.city).toBe('Laval');
    expect(hanging.requests.length - before).toBe(1);
  });

  it('reports an ACS answering errors as ACS_UNAVAILABLE with its status', async () => {
    const tenant = testTenant();
    const { reps } = await twoCustomers(withAcs, tenant);
    acs.mode = 'error';
    try {
      const result = await withAcs.gql(tenant, LIVE, { reps });
      expect(result.errors?.[0]).toMatchObject({ message: expect.stringContaining('HTTP 503'), extensions: { code: 'ACS_UNAVAILABLE' } });
      expect(result.data?._entities[0].locations[0].equipment[0].liveStatus).toBeNull();
    } finally {
      acs.mode = 'ok';
    }
  });

  it('says ACS_NOT_CONFIGURED without an ACS, and asks nothing about devices that are not installed', async () => {
    const tenant = testTenant();
    const { reps, equipment } = await twoCustomers(withoutAcs, tenant);
    const result = await withoutAcs.gql(tenant, LIVE, { reps });
    expect(new Set(result.errors?.map((error) => error.extensions?.code))).toEqual(new Set(['ACS_NOT_CONFIGURED']));
    ok(await withoutAcs.gql(tenant, `mutation($input: RemoveEquipmentInput!) { removeEquipment(input: $input) { equipment { id } } }`,
      { input: { equipmentId: equipment[0], removedAt: '2025-06-01' } }));
    const after = await withoutAcs.gql(tenant, `query($id: ID!) { equipment(id: $id) { status liveStatus { online } } }`, { id: equipment[0] });
    expect(after).toMatchObject({ data: { equipment: { status: 'RETURNED', liveStatus: null } } });
    expect(after.errors).toBeUndefined();
  });
});

describe('TR-069 actions through the ACS', () => {
  const REBOOT = `mutation($input: EquipmentTaskInput!) { rebootEquipment(input: $input) { equipment { id } task { status taskId } } }`;
  const REFRESH = `mutation($input: EquipmentTaskInput!) { refreshEquipmentParameters(input: $input) { task { status } } }`;

  it('reboots now (connection request) or queues for the next inform, and records the request', async () => {
    const tenant = testTenant();
    const { serials, equipment } = await twoCustomers(withAcs, tenant);
    acs.devices = [genieDevice(serials[0]!, { lastInform: new Date() })];
    acs.taskStatus = 200;
    const rebooted = ok(await withAcs.gql(tenant, REBOOT, { input: { equipmentId: equipment[0] } }));
    expect(rebooted.rebootEquipment.task).toEqual({ status: 'EXECUTED', taskId: expect.stringMatching(/^task-/) });
    const sent = acs.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: `/devices/00E0FC-HG8245H-${serials[0]}/tasks`, body: { name: 'reboot' } });
    expect(sent.query.has('connection_request')).toBe(true);

    acs.taskStatus = 202;
    const refreshed = ok(await withAcs.gql(tenant, REFRESH, { input: { equipmentId: equipment[0] } }));
    expect(refreshed.refreshEquipmentParameters.task.status).toBe('QUEUED');
    expect(acs.requests.at(-1)?.body).toEqual({ name: 'refreshObject', objectName: '' });
    expect((await outbox(withAcs.subgraph, tenant)).map((event) => event.type).filter((type) => type.endsWith('_requested'))).toEqual([
      'equipment.reboot_requested', 'equipment.refresh_requested',
    ]);
  });

  it('says NOT_FOUND for a device the ACS does not know, and ACS_UNAVAILABLE when the ACS hangs', async () => {
    const tenant = testTenant();
    const { equipment } = await twoCustomers(withAcs, tenant);
    acs.devices = [];
    const unknown = await withAcs.gql(tenant, REBOOT, { input: { equipmentId: equipment[1] } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.equipmentId' });

    const other = testTenant();
    const hangingDevices = await twoCustomers(withHangingAcs, other);
    const hung = await withHangingAcs.gql(other, REBOOT, { input: { equipmentId: hangingDevices.equipment[0] } });
    expect(hung.errors?.[0]?.extensions?.code).toBe('ACS_UNAVAILABLE');
  });
});

describe('removeEquipment', () => {
  const REMOVE = `mutation($input: RemoveEquipmentInput!) { removeEquipment(input: $input) { equipment { status installedAt removedAt } } }`;

  it('records the removal day and status, refuses a day before the installation, and a second removal', async () => {
    const tenant = testTenant();
    const { equipment } = await twoCustomers(withoutAcs, tenant);
    const early = await withoutAcs.gql(tenant, REMOVE, { input: { equipmentId: equipment[0], removedAt: '2025-02-28' } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.removedAt' });
    expect(await sql(withoutAcs.subgraph, 'SELECT status, removed_at FROM service.equipment WHERE id = ?', [equipment[0]])).toEqual([{ status: 'INSTALLED', removed_at: null }]);

    const removed = ok(await withoutAcs.gql(tenant, REMOVE, { input: { equipmentId: equipment[0], removedAt: '2026-01-15', status: 'FAULTY' } }));
    expect(removed.removeEquipment.equipment).toEqual({ status: 'FAULTY', installedAt: '2025-03-01', removedAt: '2026-01-15' });
    const again = await withoutAcs.gql(tenant, REMOVE, { input: { equipmentId: equipment[0] } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.equipmentId' });
    const events = (await outbox(withoutAcs.subgraph, tenant)).filter((event) => event.type === 'equipment.removed');
    expect(events).toHaveLength(1);
    expect(events[0]?.envelope.data).toMatchObject({ equipmentId: equipment[0], equipment: { status: 'FAULTY', removedAt: '2026-01-15' } });
  });
});
