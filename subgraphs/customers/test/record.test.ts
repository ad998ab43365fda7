import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSubgraph, testTenant, type TestSubgraph } from '@c360/kit/testing';
import { customersSubgraph } from '../src/subgraph.ts';
import { client, countRows, createCustomer, CREATE, outbox, outboxCount } from './helpers.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(customersSubgraph, inject('adminUrl'));
});
afterAll(() => subgraph?.stop());

const UPDATE = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer {
  id name companyName email website preferredLanguage tags version annualRevenue { amount currency } firstContactOn phone phoneAsTyped
} } }`;
const SETTINGS = `mutation($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { settings { defaultCountry requiredFields timeZone } } }`;
const CHANGES = `query($id: ID!, $field: String, $from: DateTime, $to: DateTime, $first: Int, $after: String) { customer(id: $id) {
  changes(field: $field, from: $from, to: $to, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { entityType action field before after changedBy operationId } }
  }
} }`;

describe('createCustomer', () => {
  it('stores the whole record, sanitising the name and normalising phones, website, language and tags', async () => {
    const gql = client(subgraph, testTenant());
    const data = await gql.ok(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer {
      kind category name companyName phone phoneAsTyped mobile email website preferredLanguage group tags salesRep
      registrationNumber taxNumber legalForm sector annualRevenue { amount currency } headcount firstContactOn remarks externalId status version
      principalContact { name role phone } defaultAddress(type: BILLING) { address { street city postalCode } comparisonKey }
    } } }`, { input: {
      kind: 'COMPANY', category: 'PROSPECT', name: '  Boulangerie   Côté  ', companyName: 'Boulangerie Côté inc.', phone: '450 555 0301',
      mobile: '(514) 555-0302', email: 'info@boulangerie.test', website: 'boulangerie-cote.ca', preferredLanguage: 'fr-ca', group: 'Affaires',
      tags: ['VIP', ' commercial ', 'vip'], salesRep: 'Marie Dupont', registrationNumber: '1171234567', taxNumber: '123456789RT0001',
      legalForm: 'Inc.', sector: 'Restauration', annualRevenue: { amount: '250000', currency: 'cad' }, headcount: 12, firstContactOn: '2024-01-15',
      remarks: 'Ouvre à 6 h', externalId: 'C-1001',
      contacts: [{ name: 'Julie Côté', role: 'Direction', phone: '819 555 0303' }],
      addresses: [{ type: 'BILLING', address: { number: '12', street: 'rue Principale', city: 'Granby', region: 'qc', postalCode: 'j2g2v6' } }],
    } });
    expect(data.createCustomer.customer).toEqual({
      kind: 'COMPANY', category: 'PROSPECT', name: 'Boulangerie Côté', companyName: 'Boulangerie Côté inc.', phone: '+14505550301',
      phoneAsTyped: '450 555 0301', mobile: '+15145550302', email: 'info@boulangerie.test', website: 'https://boulangerie-cote.ca',
      preferredLanguage: 'fr-CA', group: 'Affaires', tags: ['vip', 'commercial'], salesRep: 'Marie Dupont', registrationNumber: '1171234567',
      taxNumber: '123456789RT0001', legalForm: 'Inc.', sector: 'Restauration', annualRevenue: { amount: '250000.00', currency: 'CAD' },
      headcount: 12, firstContactOn: '2024-01-15', remarks: 'Ouvre à 6 h', externalId: 'C-1001', status: 'ACTIVE', version: 1,
      principalContact: { name: 'Julie Côté', role: 'Direction', phone: '+18195550303' },
      defaultAddress: { address: { street: 'rue Principale', city: 'Granby', postalCode: 'J2G 2V6' }, comparisonKey: '12||rue principale|granby|j2g2v6|ca' },
    });
  });

  it.each([
    [{ name: '   ' }, 'input.name'],
    [{ name: 'Ok', phone: '12' }, 'input.phone'],
    [{ name: 'Ok', email: 'nope' }, 'input.email'],
    [{ name: 'Ok', website: 'ftp://x.ca' }, 'input.website'],
    [{ name: 'Ok', preferredLanguage: 'not a language!' }, 'input.preferredLanguage'],
    [{ name: 'Ok', tags: ['ok', '  '] }, 'input.tags[1]'],
    [{ name: 'Ok', annualRevenue: { amount: '12.345', currency: 'CAD' } }, 'input.annualRevenue.amount'],
    [{ name: 'Ok', annualRevenue: { amount: '12', currency: 'XYZ' } }, 'input.annualRevenue.currency'],
    [{ name: 'Ok', headcount: -1 }, 'input.headcount'],
    [{ name: 'Ok', firstContactOn: '2999-01-01' }, 'input.firstContactOn'],
    [{ name: 'Ok', contacts: [{ name: 'A' }, { name: 'B', email: 'bad' }] }, 'input.contacts[1].email'],
    [{ name: 'Ok', addresses: [{ type: 'BILLING', address: { street: 'rue X', city: 'Granby', postalCode: '12345' } }] }, 'input.addresses[0].address.postalCode'],
  ])('refuses %j naming %s, and stores nothing: no row, no event', async (input, field) => {
    const tenant = testTenant();
    const error = await client(subgraph, tenant).fails(CREATE, { input });
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await countRows(subgraph, 'customer', tenant)).toBe(0);
    expect(await countRows(subgraph, 'change_record', tenant)).toBe(0);
    expect(await outboxCount(subgraph, tenant)).toBe(0);
  });

  it("enforces the tenant's required fields on create (both mutations) and refuses clearing them", async () => {
    const tenant = testTenant();
    const gql = client(subgraph, tenant);
    await gql.ok(SETTINGS, { input: { requiredFields: ['EMAIL', 'ADDRESS', 'TAX_NUMBER'] } });
    expect(await gql.fails(CREATE, { input: { name: 'Sans courriel', taxNumber: 'T1' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    expect(await gql.fails(CREATE, { input: { name: 'Sans adresse', email: 'a@b.ca', taxNumber: 'T1' } })).toMatchObject({ field: 'input.addresses' });
    expect(await gql.fails(CREATE, { input: { name: 'Sans taxe', email: 'a@b.ca', addresses: [{ type: 'OTHER', address: { street: 'rue A', city: 'Granby', postalCode: 'J2G 1A1' } }] } }))
      .toMatchObject({ field: 'input.taxNumber' });
    expect(await gql.fails(`mutation { upsertCustomer(input: { phone: "4505550310", name: "Caisse", email: "c@d.ca", taxNumber: "T" }) { isNew } }`))
      .toMatchObject({ field: 'input.address' });
    expect(await countRows(subgraph, 'customer', tenant)).toBe(0);

    const complete = await createCustomer(gql, {
      name: 'Complet', email: 'a@b.ca', taxNumber: 'T1', addresses: [{ type: 'OTHER', address: { street: 'rue A', city: 'Granby', postalCode: 'J2G 1A1' } }],
    });
    expect(await gql.fails(UPDATE, { input: { id: complete.id, version: 1, email: null } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    const upserted = await gql.ok(`mutation { upsertCustomer(input: { phone: "4505550310", name: "Caisse", email: "c@d.ca", taxNumber: "T",
      address: { type: BILLING, address: { street: "rue B", city: "Granby", postalCode: "J2G 1A2" } } }) { isNew customer { addresses { type isDefault } } } }`);
    expect(upserted.upsertCustomer).toEqual({ isNew: true, customer: { addresses: [{ type: 'BILLING', isDefault: true }] } });
    expect((await gql.ok('{ tenantSettings { requiredFields timeZone defaultCountry } }')).tenantSettings)
      .toEqual({ requiredFields: ['EMAIL', 'ADDRESS', 'TAX_NUMBER'], timeZone: 'America/Toronto', defaultCountry: 'CA' });
  });

  it('lets a viewer read customers but not change them', async () => {
    const tenant = testTenant();
    const customer = await createCustomer(client(subgraph, tenant), { name: 'Lecture seule' });
    const viewer = client(subgraph, tenant, ['viewer']);
    expect((await viewer.ok('query($id: ID!) { customer(id: $id) { name } }', { id: customer.id })).customer.name).toBe('Lecture seule');
    expect(await viewer.fails(UPDATE, { input: { id: customer.id, version: 1, name: 'Non' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await viewer.fails(CREATE, { input: { name: 'Non plus' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await countRows(subgraph, 'customer', tenant)).toBe(1);
  });

  it('lets only admins change the settings, and validates them naming the field', async () => {
    const tenant = testTenant();
    expect(await client(subgraph, tenant, ['agent']).fails(SETTINGS, { input: { timeZone: 'Europe/Paris' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await client(subgraph, tenant).fails(SETTINGS, { input: { timeZone: 'Mars/Olympus' } })).toMatchObject({ field: 'input.timeZone' });
    expect(await client(subgraph, tenant).fails(SETTINGS, { input: { defaultCountry: 'QQ' } })).toMatchObject({ field: 'input.defaultCountry' });
  });

  it('refuses a phone another customer has, whatever its format, and lets one of 10 concurrent creates win', async () => {
    const gql = client(subgraph, testTenant());
    await createCustomer(gql, { name: 'Premier', phone: '450-555-0320' });
    expect(await gql.fails(CREATE, { input: { name: 'Doublon', phone: '+1 (450) 555-0320' } })).toMatchObject({ code: 'CONFLICT', field: 'input.phone' });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => gql.raw(CREATE, { input: { name: `Course ${i}`, phone: i % 2 ? '4505550321' : '450.555.0321' } })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => result.errors?.[0]?.extensions?.field === 'input.phone')).toHaveLength(9);
    expect((await gql.ok('{ customers(search: "5550321") { totalCount } }')).customers.totalCount).toBe(1);
  });

  it('refuses an external id another customer of the tenant has (CONFLICT on input.externalId) and finds a customer by it', async () => {
    const tenant = testTenant();
    const gql = client(subgraph, tenant);
    const legacy = await createCustomer(gql, { name: 'Importé', externalId: 'LEG-42' });
    const other = await createCustomer(gql, { name: 'Autre' });
    const events = await outboxCount(subgraph, tenant);
    expect(await gql.fails(CREATE, { input: { name: 'Doublon', externalId: 'LEG-42' } })).toMatchObject({ code: 'CONFLICT', field: 'input.externalId' });
    expect(await gql.fails(UPDATE, { input: { id: other.id, version: 1, externalId: 'LEG-42' } })).toMatchObject({ code: 'CONFLICT', field: 'input.externalId' });
    expect([await countRows(subgraph, 'customer', tenant), await outboxCount(subgraph, tenant)]).toEqual([2, events]);

    const byExternalId = 'query($externalId: String!) { customerByExternalId(externalId: $externalId) { id externalId } }';
    expect((await gql.ok(byExternalId, { externalId: 'LEG-42' })).customerByExternalId).toEqual({ id: legacy.id, externalId: 'LEG-42' });
    expect((await gql.ok(byExternalId, { externalId: 'LEG-43' })).customerByExternalId).toBeNull();
    // External ids are unique per tenant: another tenant neither sees this one nor is refused its own.
    const elsewhere = client(subgraph, testTenant());
    expect((await elsewhere.ok(byExternalId, { externalId: 'LEG-42' })).customerByExternalId).toBeNull();
    const theirs = await createCustomer(elsewhere, { name: 'Ailleurs', externalId: 'LEG-42' });
    expect((await elsewhere.ok(byExternalId, { externalId: 'LEG-42' })).customerByExternalId.id).toBe(theirs.id);
  });

  it("normalises a phone typed in the tenant's default country (FR) to E.164 and finds it typed either way", async () => {
    const gql = client(subgraph, testTenant());
    expect((await gql.ok(SETTINGS, { input: { defaultCountry: 'FR' } })).updateTenantSettings.settings.defaultCountry).toBe('FR');
    const created = (await gql.ok(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id phone phoneAsTyped } } }`,
      { input: { name: 'Librairie du Marais', phone: '01 42 68 53 00' } })).createCustomer.customer;
    expect(created).toMatchObject({ phone: '+33142685300', phoneAsTyped: '01 42 68 53 00' });
    for (const typed of ['01 42 68 53 00', '+33 1 42 68 53 00', '0142685300']) {
      expect((await gql.ok('query($phone: String!) { customerByPhone(phone: $phone) { id } }', { phone: typed })).customerByPhone).toEqual({ id: created.id });
    }
    expect(await gql.fails(CREATE, { input: { name: 'Doublon', phone: '+33142685300' } })).toMatchObject({ code: 'CONFLICT', field: 'input.phone' });
  });
});

describe('updateCustomer', () => {
  it('changes only the fields given, clears those given as null, and refuses a stale version', async () => {
    const gql = client(subgraph, testTenant());
    const created = await createCustomer(gql, { name: 'Avant', email: 'avant@x.ca', tags: ['vip'] });
    const updated = await gql.ok(UPDATE, { input: { id: created.id, version: 1, name: 'Après', email: null, website: 'www.apres.ca' } });
    expect(updated.updateCustomer.customer).toMatchObject({ name: 'Après', email: null, website: 'https://www.apres.ca', tags: ['vip'], version: 2 });
    const stale = await gql.fails(UPDATE, { input: { id: created.id, version: 1, name: 'Perdu' } });
    expect(stale).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    expect(await gql.fails(UPDATE, { input: { id: created.id, version: 2, name: null } })).toMatchObject({ field: 'input.name' });
    expect((await gql.ok('query($id: ID!) { customer(id: $id) { name version } }', { id: created.id })).customer).toEqual({ name: 'Après', version: 2 });
  });

  it('lets one of two concurrent updates of the same version win', async () => {
    const gql = client(subgraph, testTenant());
    const created = await createCustomer(gql, { name: 'Course' });
    const results = await Promise.all(['Un', 'Deux'].map((name) => gql.raw(UPDATE, { input: { id: created.id, version: 1, name } })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.find((result) => result.errors)?.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
  });

  it('records who changed which field, before and after, with the event in the same transaction', async () => {
    const tenant = testTenant();
    const gql = client(subgraph, tenant, ['agent'], 'agent-42');
    const created = await createCustomer(gql, { name: 'Historique', email: 'h@x.ca', phone: '450 555 0330' });
    await gql.ok(UPDATE, { input: { id: created.id, version: 1, email: 'nouveau@x.ca', tags: ['vip', 'ppa'] } });
    const changes = (await gql.ok(CHANGES, { id: created.id, field: 'email' })).customer.changes;
    expect(changes.totalCount).toBe(2);
    expect(changes.edges.map((edge: any) => edge.node)).toMatchObject([
      { entityType: 'CUSTOMER', action: 'UPDATED', field: 'email', before: 'h@x.ca', after: 'nouveau@x.ca', changedBy: 'agent-42' },
      { entityType: 'CUSTOMER', action: 'CREATED', field: 'email', before: null, after: 'h@x.ca', changedBy: 'agent-42' },
    ]);
    const tags = (await gql.ok(CHANGES, { id: created.id, field: 'tags' })).customer.changes.edges[0].node;
    expect(tags).toMatchObject({ before: null, after: '["vip","ppa"]' });
    const events = await outbox(subgraph, created.id);
    expect(events.map((event) => event.type)).toEqual(['customer.created', 'customer.updated']);
    expect(events[1]?.envelope.data).toMatchObject({ customerId: created.id, changedFields: ['email', 'tags'], version: 2 });
  });

  it('pages the history and filters it by period', async () => {
    const gql = client(subgraph, testTenant());
    const created = await createCustomer(gql, { name: 'Pages' });
    const between = new Date().toISOString();
    for (let version = 1; version <= 3; version += 1) await gql.ok(UPDATE, { input: { id: created.id, version, remarks: `r${version}` } });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await gql.ok(CHANGES, { id: created.id, first: 2, after })).customer.changes;
      expect(page.totalCount).toBe(7);
      seen.push(...page.edges.map((edge: any) => `${edge.node.field}=${edge.node.after}`));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.slice(0, 3)).toEqual(['remarks=r3', 'remarks=r2', 'remarks=r1']);
    expect(seen.slice(3).sort()).toEqual(['category=CLIENT', 'kind=INDIVIDUAL', 'name=Pages', 'status=ACTIVE']);
    const recent = (await gql.ok(CHANGES, { id: created.id, from: between })).customer.changes;
    expect(recent.totalCount).toBe(3);
    const old = (await gql.ok(CHANGES, { id: created.id, to: between })).customer.changes;
    expect(old.totalCount).toBe(4);
  });
});
