import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testTenant } from '@c360/kit/testing';
import { E911_API_KEY, fakeE911Provider, type FakeE911Provider } from './fakes.ts';
import { newLocation, ok, outbox, sql, startService, type ServiceUnderTest } from './harness.ts';

const RECORD_FIELDS = `did syncStatus syncedAt lastSyncError providerReference version comparisonKey address { number unit street city postalCode }
  syncAttempts { totalCount edges { node { kind outcome httpStatus detail recordVersion } } }`;
const SET = `mutation($input: SetE911AddressInput!) { setE911Address(input: $input) { record { ${RECORD_FIELDS} } } }`;
const VERIFY = `mutation($input: E911RecordInput!) { verifyE911Record(input: $input) { record { syncStatus lastSyncError syncAttempts { edges { node { kind outcome detail } } } } } }`;
const SYNC = `mutation($input: E911RecordInput!) { syncE911Record(input: $input) { record { syncStatus version syncAttempts { totalCount } } } }`;
const MOVE = `mutation($input: UpdateServiceLocationAddressInput!) { updateServiceLocationAddress(input: $input) {
  location { version comparisonKey address { number street } addressHistory { totalCount edges { node { address { number street } changedBy comparisonKey } } } }
  e911Records { did syncStatus version address { number street city } }
} }`;
const ADDRESS = { number: '123', street: 'rue Principale', city: 'Granby', postalCode: 'J2G 2V6' };

let provider: FakeE911Provider;
let hangingProvider: FakeE911Provider;
let service: ServiceUnderTest;
let slowService: ServiceUnderTest;
let unconfigured: ServiceUnderTest;

beforeAll(async () => {
  [provider, hangingProvider] = await Promise.all([fakeE911Provider(), fakeE911Provider()]);
  hangingProvider.mode = 'hang';
  [service, slowService, unconfigured] = await Promise.all([
    startService(inject('adminUrl'), { E911_PROVIDER_URL: provider.url, E911_PROVIDER_API_KEY: E911_API_KEY }),
    startService(inject('adminUrl'), { E911_PROVIDER_URL: hangingProvider.url, E911_PROVIDER_API_KEY: E911_API_KEY, E911_TIMEOUT_MS: '300' }),
    startService(inject('adminUrl')),
  ]);
});
afterAll(async () => {
  await Promise.all([service?.stop(), slowService?.stop(), unconfigured?.stop()]);
  await Promise.all([provider?.close(), hangingProvider?.close()]);
});

const freshDid = () => `+1819${200 + Math.floor(Math.random() * 700)}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
const types = async (on: ServiceUnderTest, tenant: string) => (await outbox(on.subgraph, tenant)).map((event) => event.type);

describe('setE911Address', () => {
  it('registers a DID\'s 911 address (a record without a line) and records the provider\'s acceptance', async () => {
    const tenant = testTenant();
    const did = freshDid();
    const data = ok(await service.gql(tenant, SET, { input: { did: did.slice(2), expectedVersion: null, address: { ...ADDRESS, unit: 'Apt 4' }, details: { serviceClass: 'BUS', lastName: 'Dépanneur Chez Léo' } } }));
    expect(data.setE911Address.record).toMatchObject({
      did, syncStatus: 'SYNCED', syncedAt: expect.any(String), lastSyncError: null, version: 1, comparisonKey: '123|4|rue principale|granby|j2g2v6|ca',
      syncAttempts: { totalCount: 1, edges: [{ node: { kind: 'PUSH', outcome: 'SYNCED', httpStatus: 200, recordVersion: 1 } }] },
    });
    expect(provider.registrations.get(did)).toMatchObject({ serviceClass: 'BUS', lastName: 'Dépanneur Chez Léo', address: { houseNumber: '123', unit: 'Apt 4' } });
    expect(await types(service, tenant)).toEqual(['e911.address_changed', 'e911.synced']);
  });

  it('records a refusal by the provider as FAILED with its reason', async () => {
    const tenant = testTenant();
    const did = freshDid();
    provider.refused.add(did);
    const data = ok(await service.gql(tenant, SET, { input: { did, address: ADDRESS } }));
    expect(data.setE911Address.record).toMatchObject({
      syncStatus: 'FAILED', syncedAt: null, lastSyncError: 'Refused: civic address not found in the address guide',
      syncAttempts: { edges: [{ node: { outcome: 'FAILED', httpStatus: 422 } }] },
    });
    expect(await types(service, tenant)).toEqual(['e911.address_changed', 'e911.sync_failed']);
    provider.refused.delete(did);
    const retried = ok(await service.gql(tenant, SYNC, { input: { did } }));
    expect(retried.syncE911Record.record).toEqual({ syncStatus: 'SYNCED', version: 1, syncAttempts: { totalCount: 2 } });
  });

  it('records a provider that does not answer in time as FAILED, and keeps the change', async () => {
    const tenant = testTenant();
    const did = freshDid();
    const data = ok(await slowService.gql(tenant, SET, { input: { did, address: ADDRESS } }));
    expect(data.setE911Address.record).toMatchObject({
      syncStatus: 'FAILED', lastSyncError: 'The 911 provider did not answer within 300 ms', address: { number: '123', street: 'rue Principale' },
    });
    expect(hangingProvider.requests.at(-1)).toMatchObject({ method: 'PUT', path: `/v1/registrations/${did}` });
  });

  it('keeps the change PENDING, with a NOT_CONFIGURED attempt, when no provider is configured', async () => {
    const tenant = testTenant();
    const data = ok(await unconfigured.gql(tenant, SET, { input: { did: freshDid(), address: ADDRESS } }));
    expect(data.setE911Address.record).toMatchObject({
      syncStatus: 'PENDING', syncAttempts: { edges: [{ node: { outcome: 'NOT_CONFIGURED', detail: expect.stringContaining('E911_PROVIDER_URL') } }] },
    });
    expect(await types(unconfigured, tenant)).toEqual(['e911.address_changed']);
  });

  it('detects concurrent edits through expectedVersion and changes nothing on a refusal', async () => {
    const tenant = testTenant();
    const did = freshDid();
    ok(await service.gql(tenant, SET, { input: { did, address: ADDRESS } }));
    const cases: [Record<string, unknown>, string, string][] = [
      [{ expectedVersion: null }, 'CONFLICT', 'input.expectedVersion'],
      [{ expectedVersion: 7 }, 'CONFLICT', 'input.expectedVersion'],
      [{ expectedVersion: 1, address: { ...ADDRESS, number: null } }, 'BAD_USER_INPUT', 'input.address.number'],
      [{ expectedVersion: 1, address: { ...ADDRESS, postalCode: 'nope' } }, 'BAD_USER_INPUT', 'input.address.postalCode'],
      [{ expectedVersion: 1, did: '123' }, 'BAD_USER_INPUT', 'input.did'],
    ];
    for (const [override, code, field] of cases) {
      const result = await service.gql(tenant, SET, { input: { did, address: { ...ADDRESS, number: '999' }, ...override } });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
    const missing = await service.gql(tenant, SET, { input: { did: freshDid(), expectedVersion: 1, address: ADDRESS } });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.expectedVersion' });
    expect(await sql(service.subgraph, 'SELECT civic_number, version FROM service.e911_record WHERE tenant_id = ?', [tenant])).toEqual([{ civic_number: '123', version: 1 }]);
    expect(await types(service, tenant)).toEqual(['e911.address_changed', 'e911.synced']);
  });

  it('creates one record out of 5 concurrent creations of a DID\'s record', async () => {
    const tenant = testTenant();
    const did = freshDid();
    const results = await Promise.all(Array.from({ length: 5 }, (_, n) => service.gql(tenant, SET, { input: { did, address: { ...ADDRESS, number: String(100 + n) } } })));
    expect(results.filter((result) => result.data?.setE911Address)).toHaveLength(1);
    expect(results.flatMap((result) => result.errors ?? []).map((error) => error.extensions)).toEqual(
      Array.from({ length: 4 }, () => expect.objectContaining({ code: 'CONFLICT', field: 'input.expectedVersion' })));
  });
});

describe('a location\'s address change', () => {
  it('keeps the old address in the history, and moves and pushes the 911 address of the location\'s active lines', async () => {
    const tenant = testTenant();
    const locationId = await newLocation(service, tenant, ADDRESS);
    const dids = [freshDid(), freshDid()];
    for (const did of dids) ok(await service.gql(tenant, `mutation($input: CreateVoipLineInput!) { createVoipLine(input: $input) { line { id } } }`, { input: { locationId, did } }));
    const moved = ok(await service.gql(tenant, MOVE, { input: { locationId, version: 1, address: { number: '88', street: 'boul. Leclerc O.', city: 'Granby', postalCode: 'J2G 1T9' } } }));
    const { location, e911Records } = moved.updateServiceLocationAddress;
    expect(location).toMatchObject({
      version: 2, comparisonKey: '88||boulevard leclerc ouest|granby|j2g1t9|ca',
      addressHistory: { totalCount: 1, edges: [{ node: { address: { number: '123', street: 'rue Principale' }, changedBy: `test-${tenant}`, comparisonKey: '123||rue principale|granby|j2g2v6|ca' } }] },
    });
    expect(e911Records.map((record: any) => record.did).sort()).toEqual([...dids].sort());
    for (const record of e911Records) expect(record).toMatchObject({ syncStatus: 'SYNCED', version: 2, address: { number: '88', street: 'boul. Leclerc O.' } });
    for (const did of dids) expect(provider.registrations.get(did)?.address).toMatchObject({ houseNumber: '88', street: 'boul. Leclerc O.' });
    const events = await outbox(service.subgraph, tenant);
    const afterMove = events.slice(events.findIndex((event) => event.type === 'location.address_changed'));
    expect(afterMove.map((event) => event.type)).toEqual(['location.address_changed', 'e911.address_changed', 'e911.address_changed', 'e911.synced', 'e911.synced']);
    expect(afterMove[1]?.envelope.data).toMatchObject({ cause: 'service_location_address_changed', version: 2 });
  });

  it('refuses a stale version, and an address without civic number once lines depend on it, changing nothing', async () => {
    const tenant = testTenant();
    const locationId = await newLocation(service, tenant, ADDRESS);
    ok(await service.gql(tenant, `mutation($input: CreateVoipLineInput!) { createVoipLine(input: $input) { line { id } } }`, { input: { locationId, did: freshDid() } }));
    const stale = await service.gql(tenant, MOVE, { input: { locationId, version: 0, address: { ...ADDRESS, number: '5' } } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    const noNumber = await service.gql(tenant, MOVE, { input: { locationId, version: 1, address: { ...ADDRESS, number: null } } });
    expect(noNumber.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.address.number' });
    const unknown = await service.gql(tenant, MOVE, { input: { locationId: randomUUID(), version: 1, address: ADDRESS } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.locationId' });
    expect(await sql(service.subgraph, 'SELECT count(*)::int AS n FROM service.address_history WHERE tenant_id = ?', [tenant])).toEqual([{ n: 0 }]);
    expect(await sql(service.subgraph, 'SELECT version FROM service.e911_record WHERE tenant_id = ?', [tenant])).toEqual([{ version: 1 }]);
  });
});

describe('verifyE911Record', () => {
  it('compares the provider\'s registration after normalisation: SYNCED, MISMATCH or MISSING, each with its event', async () => {
    const tenant = testTenant();
    const did = freshDid();
    ok(await service.gql(tenant, SET, { input: { did, address: { ...ADDRESS, street: 'Rue Principale', unit: 'Apt 4' } } }));
    // The provider re-typed it in its own way: still the same place.
    provider.registrations.get(did)!.address = { houseNumber: '123,', unit: '#4', street: 'rue principale', city: 'GRANBY', province: 'QC', postalCode: 'J2G2V6', country: 'CA' };
    expect(ok(await service.gql(tenant, VERIFY, { input: { did } })).verifyE911Record.record.syncStatus).toBe('SYNCED');

    provider.registrations.get(did)!.address.houseNumber = '132';
    const mismatch = ok(await service.gql(tenant, VERIFY, { input: { did } })).verifyE911Record.record;
    expect(mismatch).toMatchObject({ syncStatus: 'MISMATCH', lastSyncError: 'The provider has #4-132, rue principale, GRANBY, J2G2V6' });

    provider.registrations.delete(did);
    expect(ok(await service.gql(tenant, VERIFY, { input: { did } })).verifyE911Record.record).toMatchObject({
      syncStatus: 'MISSING', syncAttempts: { edges: [{ node: { kind: 'VERIFY', outcome: 'MISSING' } }, { node: { outcome: 'MISMATCH' } }, { node: { outcome: 'SYNCED' } }, { node: { kind: 'PUSH' } }] },
    });
    expect(await types(service, tenant)).toEqual(['e911.address_changed', 'e911.synced', 'e911.synced', 'e911.mismatch', 'e911.missing']);
  });

  it('says E911_PROVIDER_NOT_CONFIGURED or E911_PROVIDER_UNAVAILABLE when the provider cannot be asked, and NOT_FOUND for a DID without record', async () => {
    const tenant = testTenant();
    const did = freshDid();
    ok(await unconfigured.gql(tenant, SET, { input: { did, address: ADDRESS } }));
    expect((await unconfigured.gql(tenant, VERIFY, { input: { did } })).errors?.[0]?.extensions?.code).toBe('E911_PROVIDER_NOT_CONFIGURED');
    expect((await slowService.gql(tenant, VERIFY, { input: { did } })).errors?.[0]?.extensions?.code).toBe('E911_PROVIDER_UNAVAILABLE');
    expect((await service.gql(tenant, VERIFY, { input: { did: freshDid() } })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.did' });
  });
});
