import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testTenant } from '@c360/kit/testing';
import { E911_API_KEY, fakeE911Provider, type FakeE911Provider } from './fakes.ts';
import { newLocation, ok, outbox, sql, startService, statementsFor, type ServiceUnderTest } from './harness.ts';

const CREATE = `mutation($input: CreateVoipLineInput!) { createVoipLine(input: $input) {
  line { id did status sipUsername sipDomain callerIdName extension voicemailEnabled maxCalls callTimeoutSeconds language
    internationalCalling countryAllowList version location { id } customer { id } }
  e911 { did syncStatus providerReference address { number unit street city postalCode } comparisonKey firstName serviceClass version
    syncAttempts { totalCount edges { node { kind outcome httpStatus recordVersion } } } }
} }`;
const SECRETS = `query($id: ID!) { voipLine(id: $id) { did sipPassword voicemailPin ata { model password } } }`;
const UPDATE = `mutation($input: UpdateVoipLineInput!) { updateVoipLine(input: $input) { line { callerIdName maxCalls countryAllowList internationalCalling version } } }`;
const PROVISION = `mutation($input: ProvisionAtaInput!) { provisionAta(input: $input) { line { ata { model macAddress port equipment { id } provisionedAt } version } } }`;
const HOME = { number: '1234', unit: 'app. 4', street: 'boul. St-Joseph O.', city: 'St-Hyacinthe', postalCode: 'J2S 1A1' };

let provider: FakeE911Provider;
let service: ServiceUnderTest;

beforeAll(async () => {
  provider = await fakeE911Provider();
  service = await startService(inject('adminUrl'), { E911_PROVIDER_URL: provider.url, E911_PROVIDER_API_KEY: E911_API_KEY });
});
afterAll(async () => {
  await service?.stop();
  await provider?.close();
});

/** A fresh DID in the fictional 555-01xx block of a random area code, so that tests never share one. */
const freshDid = () => `+1${['450', '514', '819', '438'][Math.floor(Math.random() * 4)]}${200 + Math.floor(Math.random() * 700)}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;

async function createLine(tenant: string, input: Record<string, unknown>) {
  return service.gql(tenant, CREATE, { input });
}

async function lineAt(tenant: string, overrides: Record<string, unknown> = {}) {
  const customerId = randomUUID();
  const locationId = await newLocation(service, tenant, HOME, customerId);
  const did = freshDid();
  const data = ok(await createLine(tenant, { locationId, did, ...overrides }));
  return { customerId, locationId, did, line: data.createVoipLine.line, e911: data.createVoipLine.e911 };
}

describe('createVoipLine', () => {
  it('creates the line with its settings and registers its 911 address (the location\'s) with the provider', async () => {
    const tenant = testTenant();
    const customerId = randomUUID();
    const locationId = await newLocation(service, tenant, HOME, customerId);
    const did = freshDid();
    const national = `(${did.slice(2, 5)}) ${did.slice(5, 8)}-${did.slice(8)}`;
    const data = ok(await createLine(tenant, {
      locationId, did: national, callerIdName: '  Lavoie  Sophie ', extension: '201', countryAllowList: ['fr', 'us', 'FR'],
      internationalCalling: true, e911: { firstName: 'Sophie', lastName: 'Lavoie', municipalityCode: '54048', serviceClass: 'RES' },
    }));
    expect(data.createVoipLine.line).toEqual({
      id: expect.any(String), did, status: 'ACTIVE', sipUsername: did.slice(1), sipDomain: 'sip.example.net', callerIdName: 'Lavoie Sophie',
      extension: '201', voicemailEnabled: true, maxCalls: 2, callTimeoutSeconds: 25, language: 'FRENCH', internationalCalling: true,
      countryAllowList: ['FR', 'US'], version: 1, location: { id: locationId }, customer: { id: customerId },
    });
    expect(data.createVoipLine.e911).toMatchObject({
      did, syncStatus: 'SYNCED', providerReference: expect.stringMatching(/^REG-/), firstName: 'Sophie', serviceClass: 'RES', version: 1,
      address: { number: '1234', unit: 'app. 4', street: 'boul. St-Joseph O.', city: 'St-Hyacinthe', postalCode: 'J2S 1A1' },
      comparisonKey: '1234|4|boulevard saint joseph ouest|saint hyacinthe|j2s1a1|ca',
      syncAttempts: { totalCount: 1, edges: [{ node: { kind: 'PUSH', outcome: 'SYNCED', httpStatus: 200, recordVersion: 1 } }] },
    });
    expect(provider.registrations.get(did)).toEqual({
      did, firstName: 'Sophie', lastName: 'Lavoie', municipalityCode: '54048', serviceClass: 'RES', enhancedCapable: true,
      address: { houseNumber: '1234', unit: 'app. 4', street: 'boul. St-Joseph O.', city: 'St-Hyacinthe', province: null, postalCode: 'J2S 1A1', country: 'CA' },
    });
    expect((await outbox(service.subgraph, tenant)).map((event) => event.type)).toEqual([
      'location.created', 'voip_line.created', 'e911.address_changed', 'e911.synced',
    ]);
  });

  it('keeps the secrets encrypted at rest, never in an event', async () => {
    const tenant = testTenant();
    const { line } = await lineAt(tenant, { sipPassword: 'Correct-Horse-42', voicemailPin: '482913' });
    const [row] = await sql(service.subgraph, 'SELECT sip_password_secret, voicemail_pin_secret FROM service.voip_line WHERE id = ?', [line.id]);
    expect(row?.sip_password_secret).toMatch(/^v1:[\w-]{8}:/);
    expect(row?.sip_password_secret).not.toContain('Correct-Horse-42');
    expect(row?.voicemail_pin_secret).not.toContain('482913');
    const events = JSON.stringify(await outbox(service.subgraph, tenant));
    expect(events).not.toContain('Correct-Horse-42');
    expect(events).not.toContain(row?.sip_password_secret);
  });

  it.each([
    [{ did: 'not a number' }, 'input.did'],
    [{ callerIdName: 'A caller-ID name far too long' }, 'input.callerIdName'],
    [{ extension: '1' }, 'input.extension'],
    [{ maxCalls: 0 }, 'input.maxCalls'],
    [{ callTimeoutSeconds: 600 }, 'input.callTimeoutSeconds'],
    [{ voicemailPin: '12' }, 'input.voicemailPin'],
    [{ voicemailPin: '7777' }, 'input.voicemailPin'],
    [{ voicemailEmail: 'nobody' }, 'input.voicemailEmail'],
    [{ countryAllowList: ['FR', 'XX'] }, 'input.countryAllowList[1]'],
    [{ sipPassword: 'short' }, 'input.sipPassword'],
    [{ subscriptionId: 'nope' }, 'input.subscriptionId'],
    [{ e911: { municipalityCode: 'no spaces allowed' } }, 'input.e911.municipalityCode'],
    [{ locationId: 'nope' }, 'input.locationId'],
  ])('refuses %j naming %s, and stores nothing', async (override, field) => {
    const tenant = testTenant();
    const locationId = await newLocation(service, tenant, HOME);
    const result = await createLine(tenant, { locationId, did: freshDid(), ...override });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await sql(service.subgraph, 'SELECT count(*)::int AS n FROM service.voip_line WHERE tenant_id = ?', [tenant])).toEqual([{ n: 0 }]);
    expect(await sql(service.subgraph, 'SELECT count(*)::int AS n FROM service.e911_record WHERE tenant_id = ?', [tenant])).toEqual([{ n: 0 }]);
    expect((await outbox(service.subgraph, tenant)).map((event) => event.type)).toEqual(['location.created']);
  });

  it('puts a DID on one active line: of 6 concurrent creations one wins, the others are CONFLICTs on input.did', async () => {
    const tenant = testTenant();
    const locationId = await newLocation(service, tenant, HOME);
    const did = freshDid();
    const results = await Promise.all(Array.from({ length: 6 }, () => createLine(tenant, { locationId, did })));
    expect(results.filter((result) => result.data?.createVoipLine)).toHaveLength(1);
    expect(results.flatMap((result) => result.errors ?? []).map((error) => error.extensions)).toEqual(
      Array.from({ length: 5 }, () => expect.objectContaining({ code: 'CONFLICT', field: 'input.did' })));
  });
});

describe('VoIP secrets', () => {
  it('shows each secret only to the roles allowed, and audits every read, refused ones included', async () => {
    const tenant = testTenant();
    const { line } = await lineAt(tenant, { sipPassword: 'Correct-Horse-42', voicemailPin: '482913' });
    const ata = ok(await service.gql(tenant, PROVISION, { input: { lineId: line.id, model: 'Grandstream HT502', macAddress: '00-0b-82-aa-bb-01', password: 'Ata-Pass-123456' } }));
    expect(ata.provisionAta.line.ata).toMatchObject({ model: 'Grandstream HT502', macAddress: '00:0B:82:AA:BB:01', port: 1, equipment: null });

    const asAdmin = await service.gql(tenant, SECRETS, { id: line.id }, ['admin']);
    expect(asAdmin).toMatchObject({ data: { voipLine: { sipPassword: 'Correct-Horse-42', voicemailPin: '482913', ata: { password: 'Ata-Pass-123456' } } } });
    expect(asAdmin.errors).toBeUndefined();

    const asAgent = await service.gql(tenant, SECRETS, { id: line.id }, ['agent']);
    expect(asAgent.data?.voipLine).toEqual({ did: line.did, sipPassword: null, voicemailPin: '482913', ata: { model: 'Grandstream HT502', password: null } });
    expect(asAgent.errors?.map((error) => [error.extensions?.code, (error as { path?: unknown[] }).path?.join('.')])).toEqual(expect.arrayContaining([
      ['FORBIDDEN', 'voipLine.sipPassword'], ['FORBIDDEN', 'voipLine.ata.password'],
    ]));

    const asViewer = await service.gql(tenant, SECRETS, { id: line.id }, ['viewer']);
    expect(asViewer.data?.voipLine).toMatchObject({ did: line.did, sipPassword: null, voicemailPin: null });
    expect(asViewer.errors).toHaveLength(3);
    expect(asViewer.errors?.[0]?.message).toMatch(/only shown to/);

    const audit = await sql(service.subgraph, 'SELECT secret, subject, roles, granted FROM service.secret_read WHERE tenant_id = ? ORDER BY roles[1], secret', [tenant]);
    const subject = `test-${tenant}`;
    expect(audit).toEqual([
      { secret: 'ATA_PASSWORD', subject, roles: ['admin'], granted: true },
      { secret: 'SIP_PASSWORD', subject, roles: ['admin'], granted: true },
      { secret: 'VOICEMAIL_PIN', subject, roles: ['admin'], granted: true },
      { secret: 'ATA_PASSWORD', subject, roles: ['agent'], granted: false },
      { secret: 'SIP_PASSWORD', subject, roles: ['agent'], granted: false },
      { secret: 'VOICEMAIL_PIN', subject, roles: ['agent'], granted: true },
      { secret: 'ATA_PASSWORD', subject, roles: ['viewer'], granted: false },
      { secret: 'SIP_PASSWORD', subject, roles: ['viewer'], granted: false },
      { secret: 'VOICEMAIL_PIN', subject, roles: ['viewer'], granted: false },
    ]);

    const reads = `query($id: ID!) { voipLine(id: $id) { secretReads(first: 100) { totalCount edges { node { secret granted roles } } } } }`;
    expect(ok(await service.gql(tenant, reads, { id: line.id })).voipLine.secretReads.totalCount).toBe(9);
    const notAdmin = await service.gql(tenant, reads, { id: line.id }, ['technician']);
    expect(notAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('writes the audit of many lines\' secrets in one statement', async () => {
    const tenant = testTenant();
    const lines = [await lineAt(tenant), await lineAt(tenant), await lineAt(tenant)];
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on VoipLine { sipPassword voicemailPin } } }`;
    const one = await statementsFor(service.subgraph, () => service.gql(tenant, query, { reps: [{ __typename: 'VoipLine', id: lines[0]!.line.id }] }));
    const three = await statementsFor(service.subgraph, () => service.gql(tenant, query, { reps: lines.map(({ line }) => ({ __typename: 'VoipLine', id: line.id })) }));
    expect(three).toBe(one);
    expect(await sql(service.subgraph, 'SELECT count(*)::int AS n FROM service.secret_read WHERE tenant_id = ?', [tenant])).toEqual([{ n: 8 }]);
  });

  it('lets only the roles that may read a secret set it, generates one when no value is given, and never puts it in the event', async () => {
    const tenant = testTenant();
    const { line } = await lineAt(tenant);
    const SET = `mutation($input: SetVoipLineSecretInput!) { setVoipLineSecret(input: $input) { line { version } } }`;
    const refused = await service.gql(tenant, SET, { input: { lineId: line.id, secret: 'SIP_PASSWORD', value: 'New-Password-2026' } }, ['agent']);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await service.gql(tenant, SET, { input: { lineId: line.id, secret: 'VOICEMAIL_PIN', value: '12ab' } }, ['agent']);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.value' });
    const noAta = await service.gql(tenant, SET, { input: { lineId: line.id, secret: 'ATA_PASSWORD' } });
    expect(noAta.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.secret' });

    ok(await service.gql(tenant, SET, { input: { lineId: line.id, secret: 'SIP_PASSWORD', value: 'New-Password-2026' } }, ['technician']));
    ok(await service.gql(tenant, SET, { input: { lineId: line.id, secret: 'VOICEMAIL_PIN' } }, ['agent']));
    const read = ok(await service.gql(tenant, SECRETS, { id: line.id }, ['technician']));
    expect(read.voipLine.sipPassword).toBe('New-Password-2026');
    expect(read.voipLine.voicemailPin).toMatch(/^\d{6}$/);
    const changed = (await outbox(service.subgraph, tenant)).filter((event) => event.type === 'voip_line.secret_changed');
    expect(changed.map((event) => event.envelope.data.secret)).toEqual(['SIP_PASSWORD', 'VOICEMAIL_PIN']);
    expect(JSON.stringify(changed)).not.toContain('New-Password-2026');
  });
});

describe('updating, provisioning and decommissioning lines', () => {
  it('changes only what is sent, refuses a stale version and a null for a required setting', async () => {
    const tenant = testTenant();
    const { line } = await lineAt(tenant, { callerIdName: 'LAVOIE' });
    const updated = ok(await service.gql(tenant, UPDATE, { input: { lineId: line.id, version: 1, maxCalls: 4, countryAllowList: ['ca', 'fr'] } }));
    expect(updated.updateVoipLine.line).toEqual({ callerIdName: 'LAVOIE', maxCalls: 4, countryAllowList: ['CA', 'FR'], internationalCalling: false, version: 2 });
    const stale = await service.gql(tenant, UPDATE, { input: { lineId: line.id, version: 1, callerIdName: null } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    const nullRequired = await service.gql(tenant, UPDATE, { input: { lineId: line.id, version: 2, maxCalls: null } });
    expect(nullRequired.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.maxCalls' });
    const cleared = ok(await service.gql(tenant, UPDATE, { input: { lineId: line.id, version: 2, callerIdName: null } }));
    expect(cleared.updateVoipLine.line).toMatchObject({ callerIdName: null, version: 3 });
    const events = (await outbox(service.subgraph, tenant)).filter((event) => event.type === 'voip_line.updated');
    expect(events.map((event) => event.envelope.data.changedFields)).toEqual([['maxCalls', 'countryAllowList'], ['callerIdName']]);
  });

  it('provisions lines on the ports of an ATA of the location, one line per port', async () => {
    const tenant = testTenant();
    const customerId = randomUUID();
    const locationId = await newLocation(service, tenant, HOME, customerId);
    const ata = ok(await service.gql(tenant, `mutation($input: AddEquipmentInput!) { addEquipment(input: $input) { equipment { id } } }`,
      { input: { locationId, kind: 'ATA', model: 'Grandstream HT502', serial: `GSHT${randomUUID().slice(0, 6)}`, macAddress: '00:0B:82:12:34:56' } })).addEquipment.equipment.id;
    const [first, second] = [ok(await createLine(tenant, { locationId, did: freshDid() })), ok(await createLine(tenant, { locationId, did: freshDid() }))]
      .map((data) => data.createVoipLine.line.id as string);
    const onPort1 = ok(await service.gql(tenant, PROVISION, { input: { lineId: first, equipmentId: ata } }));
    expect(onPort1.provisionAta.line.ata).toMatchObject({ model: 'Grandstream HT502', macAddress: '00:0B:82:12:34:56', port: 1, equipment: { id: ata } });
    const taken = await service.gql(tenant, PROVISION, { input: { lineId: second, equipmentId: ata, port: 1 } });
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.port' });
    ok(await service.gql(tenant, PROVISION, { input: { lineId: second, equipmentId: ata, port: 2 } }));

    const ont = ok(await service.gql(tenant, `mutation($input: AddEquipmentInput!) { addEquipment(input: $input) { equipment { id } } }`,
      { input: { locationId, kind: 'ONT', serial: `ALCL${randomUUID().slice(0, 6)}` } })).addEquipment.equipment.id;
    const notAnAta = await service.gql(tenant, PROVISION, { input: { lineId: second, equipmentId: ont } });
    expect(notAnAta.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.equipmentId' });
    const bare = await service.gql(tenant, PROVISION, { input: { lineId: second, model: 'HT502' } });
    expect(bare.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.macAddress' });
    // One event per line provisioned, none for the refusals.
    const provisioned = (await outbox(service.subgraph, tenant)).filter((event) => event.type === 'voip_line.ata_provisioned');
    const device = { model: 'Grandstream HT502', macAddress: '00:0B:82:12:34:56', equipmentId: ata };
    expect(provisioned.map((event) => [event.subject, event.envelope.data.ata])).toEqual([[first, { ...device, port: 1 }], [second, { ...device, port: 2 }]]);
  });

  it('decommissions a line and keeps its 911 record; the DID can then go on a new line, which takes the record over', async () => {
    const tenant = testTenant();
    const { line, did } = await lineAt(tenant);
    const DECOMMISSION = `mutation($input: DecommissionVoipLineInput!) { decommissionVoipLine(input: $input) { line { status decommissionedAt } } }`;
    const done = ok(await service.gql(tenant, DECOMMISSION, { input: { lineId: line.id, version: 1 } }));
    expect(done.decommissionVoipLine.line).toEqual({ status: 'DECOMMISSIONED', decommissionedAt: expect.any(String) });
    const record = ok(await service.gql(tenant, `query($did: String!) { e911Record(did: $did) { did line { id } version } voipLineByDid(did: $did) { id } }`, { did }));
    expect(record).toEqual({ e911Record: { did, line: null, version: 1 }, voipLineByDid: null });
    const again = await service.gql(tenant, DECOMMISSION, { input: { lineId: line.id, version: 2 } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lineId' });
    const decommissioned = (await outbox(service.subgraph, tenant)).filter((event) => event.type === 'voip_line.decommissioned');
    expect(decommissioned.map((event) => [event.subject, event.envelope.data.did])).toEqual([[line.id, did]]);

    const elsewhere = await newLocation(service, tenant, { number: '77', street: 'rue Girouard', city: 'Granby', postalCode: 'J2G 3A1' });
    const reused = ok(await createLine(tenant, { locationId: elsewhere, did }));
    expect(reused.createVoipLine.e911).toMatchObject({ did, version: 2, address: { number: '77', street: 'rue Girouard' }, syncStatus: 'SYNCED' });
  });
});

describe('reading lines', () => {
  const CUSTOMER_LINES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { id voipLines { did location { id } e911 { syncStatus } } } } }`;

  it('resolves the lines of several customers, with their locations and 911 records, in a constant number of statements', async () => {
    const tenant = testTenant();
    const created = [await lineAt(tenant), await lineAt(tenant), await lineAt(tenant)];
    const reps = created.map(({ customerId }) => ({ __typename: 'Customer', id: customerId }));
    let data: any;
    const many = await statementsFor(service.subgraph, async () => {
      data = ok(await service.gql(tenant, CUSTOMER_LINES, { reps }));
    });
    const one = await statementsFor(service.subgraph, () => service.gql(tenant, CUSTOMER_LINES, { reps: reps.slice(0, 1) }));
    expect(data._entities.map((customer: any) => customer.voipLines.map((line: any) => line.did))).toEqual(created.map(({ did }) => [did]));
    expect(data._entities[2].voipLines[0]).toMatchObject({ location: { id: created[2]!.locationId }, e911: { syncStatus: 'SYNCED' } });
    expect(many).toBe(one);
  });

  it('shows another tenant nothing of a tenant\'s lines and 911 records, including through _entities', async () => {
    const [a, b] = [testTenant('a'), testTenant('b')];
    const { line, did, customerId } = await lineAt(a);
    const query = `query($reps: [_Any!]!, $id: ID!, $did: String!) {
      _entities(representations: $reps) { ... on VoipLine { id } ... on Customer { voipLines { id } } }
      voipLine(id: $id) { id } voipLineByDid(did: $did) { id } e911Record(did: $did) { id }
      didReport { totalCount } e911Audit { totalCount } }`;
    const variables = { reps: [{ __typename: 'VoipLine', id: line.id }, { __typename: 'Customer', id: customerId }], id: line.id, did };
    expect(ok(await service.gql(a, query, variables))).toMatchObject({ _entities: [{ id: line.id }, { voipLines: [{ id: line.id }] }], voipLine: { id: line.id }, didReport: { totalCount: 1 } });
    expect(ok(await service.gql(b, query, variables))).toEqual({
      _entities: [null, { voipLines: [] }], voipLine: null, voipLineByDid: null, e911Record: null, didReport: { totalCount: 0 }, e911Audit: { totalCount: 0 },
    });
    const intrude = await service.gql(b, UPDATE, { input: { lineId: line.id, version: 1, maxCalls: 3 } });
    expect(intrude.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.lineId' });
  });
});
