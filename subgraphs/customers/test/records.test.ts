import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSubgraph, testTenant, type TestSubgraph } from '@c360/kit/testing';
import { customersSubgraph } from '../src/subgraph.ts';
import { client, countRows, createCustomer, outbox, outboxCount, statementsInRequests, type Client } from './helpers.ts';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(customersSubgraph, inject('adminUrl'));
});
afterAll(() => subgraph?.stop());

const CONTACTS = `query($id: ID!) { customer(id: $id) { contacts { id name isPrincipal version } principalContact { name } } }`;
const ADDRESSES = `query($id: ID!) { customer(id: $id) { addresses { id type isDefault label version } } }`;
const place = (street: string) => ({ street, city: 'Granby', postalCode: 'J2G 1A1' });

async function addContact(gql: Client, input: Record<string, unknown>) {
  return (await gql.ok('mutation($input: AddContactInput!) { addContact(input: $input) { contact { id name isPrincipal version } } }', { input })).addContact.contact;
}

async function addAddress(gql: Client, input: Record<string, unknown>) {
  return (await gql.ok('mutation($input: AddCustomerAddressInput!) { addCustomerAddress(input: $input) { address { id type isDefault version } } }', { input }))
    .addCustomerAddress.address;
}

describe('contacts', () => {
  it('keeps exactly one principal: the first, then the one chosen, then the oldest left when it is removed', async () => {
    const gql = client(subgraph, testTenant());
    const customer = await createCustomer(gql, { name: 'Entreprise', kind: 'COMPANY' });
    const first = await addContact(gql, { customerId: customer.id, name: 'Ana', isPrincipal: false });
    expect(first.isPrincipal).toBe(true);
    const second = await addContact(gql, { customerId: customer.id, name: 'Bo' });
    const third = await addContact(gql, { customerId: customer.id, name: 'Cy', isPrincipal: true });
    let view = (await gql.ok(CONTACTS, { id: customer.id })).customer;
    expect(view.contacts.map((c: any) => [c.name, c.isPrincipal])).toEqual([['Cy', true], ['Ana', false], ['Bo', false]]);
    expect(await gql.fails('mutation($input: UpdateContactInput!) { updateContact(input: $input) { contact { id } } }', { input: { id: third.id, version: 1, isPrincipal: false } }))
      .toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.isPrincipal' });
    await gql.ok('mutation($input: RemoveRecordInput!) { removeContact(input: $input) { contact { id } } }', { input: { id: third.id, version: 1 } });
    view = (await gql.ok(CONTACTS, { id: customer.id })).customer;
    expect(view.contacts.map((c: any) => [c.name, c.isPrincipal])).toEqual([['Ana', true], ['Bo', false]]);
    expect(view.principalContact.name).toBe('Ana');
    const history = (await gql.ok(`query($id: ID!) { customer(id: $id) { changes(field: "contact.isPrincipal") { edges { node { entityId before after } } } } }`, { id: customer.id }))
      .customer.changes.edges.map((edge: any) => edge.node);
    expect(history).toContainEqual({ entityId: first.id, before: 'true', after: 'false' });
    expect(history).toContainEqual({ entityId: first.id, before: 'false', after: 'true' });
    expect(second.isPrincipal).toBe(false);
  });

  it('refuses a stale contact version and makes one principal out of concurrent requests', async () => {
    const gql = client(subgraph, testTenant());
    const customer = await createCustomer(gql, { name: 'Course', contacts: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] });
    const update = 'mutation($input: UpdateContactInput!) { updateContact(input: $input) { contact { id version } } }';
    const [a, b, c] = customer.contacts;
    await gql.ok(update, { input: { id: b.id, version: 1, role: 'Achats' } });
    expect(await gql.fails(update, { input: { id: b.id, version: 1, role: 'Perdu' } })).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    const results = await Promise.all([b, c].map((contact: any) => gql.raw(update, { input: { id: contact.id, version: contact === b ? 2 : 1, isPrincipal: true } })));
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    const principals = (await gql.ok(CONTACTS, { id: customer.id })).customer.contacts.filter((contact: any) => contact.isPrincipal);
    expect(principals).toHaveLength(1);
    expect(a.isPrincipal).toBe(true);
  });
});

describe('addresses', () => {
  it('keeps one default per type, through adds, type changes and removals, with a normalised comparison key', async () => {
    const gql = client(subgraph, testTenant());
    const customer = await createCustomer(gql, { name: 'Adresses' });
    const billing = await addAddress(gql, { customerId: customer.id, type: 'BILLING', address: place('rue A') });
    const shipping = await addAddress(gql, { customerId: customer.id, type: 'SHIPPING', address: place('rue B') });
    const billing2 = await addAddress(gql, { customerId: customer.id, type: 'BILLING', isDefault: true, address: { number: '4-1234', street: 'Boul. St-Joseph O.', city: 'St-Hyacinthe', postalCode: 'j2s1a1' } });
    expect([billing.isDefault, shipping.isDefault, billing2.isDefault]).toEqual([true, true, true]);
    let rows = (await gql.ok(ADDRESSES, { id: customer.id })).customer.addresses;
    expect(rows.map((a: any) => [a.type, a.isDefault])).toEqual([['BILLING', false], ['SHIPPING', true], ['BILLING', true]]);
    const key = (await gql.ok(`query($id: ID!) { customer(id: $id) { defaultAddress(type: BILLING) { comparisonKey } } }`, { id: customer.id })).customer.defaultAddress.comparisonKey;
    expect(key).toBe('1234|4|boulevard saint joseph ouest|saint hyacinthe|j2s1a1|ca');

    // The default shipping address becomes a billing one: it is not the billing default, and shipping has no address left.
    await gql.ok('mutation($input: UpdateCustomerAddressInput!) { updateCustomerAddress(input: $input) { address { id } } }', { input: { id: shipping.id, version: 1, type: 'BILLING' } });
    await gql.ok('mutation($input: RemoveRecordInput!) { removeCustomerAddress(input: $input) { address { id } } }', { input: { id: billing2.id, version: 1 } });
    rows = (await gql.ok(ADDRESSES, { id: customer.id })).customer.addresses;
    expect(rows.map((a: any) => [a.id, a.isDefault])).toEqual([[billing.id, true], [shipping.id, false]]);
  });
});

describe('partners', () => {
  it('shows a link on both customers, refuses a duplicate and a link to oneself', async () => {
    const gql = client(subgraph, testTenant());
    const [a, b] = [await createCustomer(gql, { name: 'Alpha' }), await createCustomer(gql, { name: 'Beta' })];
    const add = 'mutation($input: AddPartnerInput!) { addPartner(input: $input) { partner { id role customer { name } partnerCustomer { name } organisationName } } }';
    const link = (await gql.ok(add, { input: { customerId: a.id, partnerCustomerId: b.id, role: 'Comptable' } })).addPartner.partner;
    await gql.ok(add, { input: { customerId: a.id, organisationName: 'Cabinet Lemieux', role: 'Avocat' } });
    expect(link).toMatchObject({ customer: { name: 'Alpha' }, partnerCustomer: { name: 'Beta' } });
    expect(await gql.fails(add, { input: { customerId: a.id, partnerCustomerId: b.id, role: ' comptable ' } })).toMatchObject({ code: 'CONFLICT', field: 'input.role' });
    expect(await gql.fails(add, { input: { customerId: a.id, partnerCustomerId: a.id, role: 'Moi' } })).toMatchObject({ field: 'input.partnerCustomerId' });
    expect(await gql.fails(add, { input: { customerId: a.id, role: 'Personne' } })).toMatchObject({ field: 'input.partnerCustomerId' });
    const partners = async (id: string) => (await gql.ok('query($id: ID!) { customer(id: $id) { partners { role } } }', { id })).customer.partners.map((p: any) => p.role);
    expect(await partners(a.id)).toEqual(['Comptable', 'Avocat']);
    expect(await partners(b.id)).toEqual(['Comptable']);
    const bHistory = (await gql.ok('query($id: ID!) { customer(id: $id) { changes(field: "partner.role") { totalCount } } }', { id: b.id })).customer.changes;
    expect(bHistory.totalCount).toBe(1);
  });
});

describe('life events', () => {
  it('lists upcoming events across customers, yearly ones on their next anniversary, soonest first', async () => {
    const gql = client(subgraph, testTenant());
    const customer = await createCustomer(gql, { name: 'Événements' });
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'America/Toronto' });
    const yearsAgo = (offset: number, years: number) => `${Number(day(offset).slice(0, 4)) - years}${day(offset).slice(4)}`;
    const add = 'mutation($input: AddLifeEventInput!) { addLifeEvent(input: $input) { lifeEvent { id recursYearly } } }';
    const birthday = (await gql.ok(add, { input: { customerId: customer.id, kind: 'BIRTHDAY', occursOn: yearsAgo(3, 40) } })).addLifeEvent.lifeEvent;
    expect(birthday.recursYearly).toBe(true);
    await gql.ok(add, { input: { customerId: customer.id, kind: 'WEDDING', occursOn: day(10) } });
    await gql.ok(add, { input: { customerId: customer.id, kind: 'MOVE', occursOn: day(60) } });
    await gql.ok(add, { input: { customerId: customer.id, kind: 'FLIGHT', occursOn: day(-2) } });
    expect(await gql.fails(add, { input: { customerId: customer.id, kind: 'CUSTOM', occursOn: day(1) } })).toMatchObject({ field: 'input.title' });
    const upcoming = (await gql.ok('{ upcomingLifeEvents(withinDays: 30) { totalCount edges { node { occursOn daysAway event { kind customer { name } } } } } }')).upcomingLifeEvents;
    expect(upcoming.totalCount).toBe(2);
    expect(upcoming.edges.map((edge: any) => [edge.node.event.kind, edge.node.daysAway, edge.node.occursOn])).toEqual([
      ['BIRTHDAY', 3, day(3)],
      ['WEDDING', 10, day(10)],
    ]);
    const page = (await gql.ok('{ upcomingLifeEvents(withinDays: 366, first: 1) { totalCount pageInfo { endCursor } } }')).upcomingLifeEvents;
    const next = (await gql.ok('query($after: String) { upcomingLifeEvents(withinDays: 366, first: 5, after: $after) { edges { node { event { kind } } } } }', { after: page.pageInfo.endCursor }))
      .upcomingLifeEvents.edges.map((edge: any) => edge.node.event.kind);
    expect([page.totalCount, next]).toEqual([3, ['WEDDING', 'MOVE']]);
    expect(await gql.fails('{ upcomingLifeEvents(withinDays: 400) { totalCount } }')).toMatchObject({ field: 'withinDays' });
  });
});

describe('e-mails and notes', () => {
  it('lists e-mails newest first and logs a Message-ID once', async () => {
    const gql = client(subgraph, testTenant());
    const customer = await createCustomer(gql, { name: 'Courriels' });
    const log = 'mutation($input: LogEmailInput!) { logEmail(input: $input) { isNew email { id subject to cc excerpt } } }';
    const message = (n: number) => ({ customerId: customer.id, direction: 'INBOUND', from: 'client@x.ca', to: ['service@t.ca'], subject: `Sujet ${n}`, sentAt: `2026-11-0${n}T10:00:00Z`, messageId: `<m${n}@x.ca>` });
    for (const n of [2, 1, 3]) await gql.ok(log, { input: message(n) });
    const again = (await gql.ok(log, { input: { ...message(1), excerpt: 'x'.repeat(5000) } })).logEmail;
    expect(again.isNew).toBe(false);
    expect(await gql.fails(log, { input: { ...message(4), to: ['ok@x.ca', 'pas-un-courriel'] } })).toMatchObject({ field: 'input.to[1]' });
    const emails = (await gql.ok('query($id: ID!) { customer(id: $id) { emails(first: 2) { totalCount edges { node { subject } } } } }', { id: customer.id })).customer.emails;
    expect(emails.totalCount).toBe(3);
    expect(emails.edges.map((edge: any) => edge.node.subject)).toEqual(['Sujet 3', 'Sujet 2']);
  });

  it('lists pinned notes first, then newest, and lets only the author or an admin edit one', async () => {
    const tenant = testTenant();
    const author = client(subgraph, tenant, ['agent'], 'agent-a');
    const other = client(subgraph, tenant, ['agent'], 'agent-b');
    const customer = await createCustomer(author, { name: 'Notes' });
    const add = 'mutation($input: AddNoteInput!) { addNote(input: $input) { note { id version author } } }';
    const first = (await author.ok(add, { input: { customerId: customer.id, body: 'Première' } })).addNote.note;
    await author.ok(add, { input: { customerId: customer.id, body: 'Épinglée', pinned: true } });
    await author.ok(add, { input: { customerId: customer.id, body: 'Dernière' } });
    expect(first.author).toBe('agent-a');
    const notes = async () => (await author.ok('query($id: ID!) { customer(id: $id) { notes { edges { node { body pinned } } } } }', { id: customer.id }))
      .customer.notes.edges.map((edge: any) => edge.node.body);
    expect(await notes()).toEqual(['Épinglée', 'Dernière', 'Première']);
    const update = 'mutation($input: UpdateNoteInput!) { updateNote(input: $input) { note { pinned version } } }';
    expect(await other.fails(update, { input: { id: first.id, version: 1, pinned: true } })).toMatchObject({ code: 'FORBIDDEN' });
    await author.ok(update, { input: { id: first.id, version: 1, pinned: true } });
    // Pinned ones newest first among themselves.
    expect(await notes()).toEqual(['Épinglée', 'Première', 'Dernière']);
    const page = (await author.ok('query($id: ID!) { customer(id: $id) { notes(first: 1) { pageInfo { endCursor } } } }', { id: customer.id })).customer.notes;
    const rest = (await author.ok('query($id: ID!, $after: String) { customer(id: $id) { notes(after: $after) { edges { node { body } } } } }', { id: customer.id, after: page.pageInfo.endCursor }))
      .customer.notes.edges.map((edge: any) => edge.node.body);
    expect(rest).toEqual(['Première', 'Dernière']);
    expect((await outbox(subgraph, first.id)).map((event) => event.type)).toEqual(['note.created', 'note.updated']);
  });
});

describe('isolation and batching', () => {
  const EVERYTHING = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer {
    id contacts { id } addresses { id } partners { id } currentSuspension { id } suspensions { id }
    lifeEvents(first: 5) { totalCount edges { node { id } } } emails(first: 5) { totalCount edges { node { id } } }
    notes(first: 5) { totalCount edges { node { id } } } changes(first: 5) { totalCount edges { node { id } } }
  } } }`;

  async function populated(gql: Client, name: string) {
    const customer = await createCustomer(gql, {
      name, contacts: [{ name: 'C' }], addresses: [{ type: 'BILLING', address: place('rue C') }],
    });
    await gql.ok(`mutation($id: ID!) {
      addLifeEvent(input: { customerId: $id, kind: WEDDING, occursOn: "2030-06-01" }) { lifeEvent { id } }
      logEmail(input: { customerId: $id, direction: OUTBOUND, from: "a@t.ca", to: ["b@x.ca"], sentAt: "2026-11-01T00:00:00Z" }) { isNew }
      addNote(input: { customerId: $id, body: "Note" }) { note { id } }
      addPartner(input: { customerId: $id, organisationName: "Org", role: "Avocat" }) { partner { id } }
      suspendCustomer(input: { customerId: $id, reason: NON_PAYMENT }) { suspension { id } }
    }`, { id: customer.id });
    return customer.id as string;
  }

  it("never shows another tenant's records, including through _entities", async () => {
    const [a, b] = [client(subgraph, testTenant('a')), client(subgraph, testTenant('b'))];
    const id = await populated(a, 'Chez A');
    const asA = (await a.ok(EVERYTHING, { reps: [{ __typename: 'Customer', id }] }))._entities[0];
    expect(asA).toMatchObject({ contacts: [{}], addresses: [{}], partners: [{}], currentSuspension: {}, suspensions: [{}] });
    expect([asA.lifeEvents.totalCount, asA.emails.totalCount, asA.notes.totalCount]).toEqual([1, 1, 1]);
    expect((await b.ok(EVERYTHING, { reps: [{ __typename: 'Customer', id }] }))._entities).toEqual([null]);
    // Changing A's records as B finds nothing.
    const contactId = asA.contacts[0].id;
    expect(await b.fails('mutation($input: RemoveRecordInput!) { removeContact(input: $input) { contact { id } } }', { input: { id: contactId, version: 1 } }))
      .toMatchObject({ code: 'NOT_FOUND' });
    expect(await b.fails('mutation($id: ID!) { addNote(input: { customerId: $id, body: "Intrus" }) { note { id } } }', { id })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await b.ok('{ upcomingLifeEvents(withinDays: 366) { totalCount } testDataCandidates { totalCount } customerStatistics { total } }')))
      .toEqual({ upcomingLifeEvents: { totalCount: 0 }, testDataCandidates: { totalCount: 0 }, customerStatistics: expect.objectContaining({ total: 0 }) });
  });

  it('loads every section of many customers with as many statements as for one', async () => {
    const gql = client(subgraph, testTenant());
    const ids = [];
    for (let n = 0; n < 4; n += 1) ids.push(await populated(gql, `Client ${n}`));
    const statementsFor = async (customerIds: string[]) => {
      const before = await statementsInRequests(subgraph);
      const result = await gql.ok(EVERYTHING, { reps: customerIds.map((id) => ({ __typename: 'Customer', id })) });
      expect(result._entities.every((entity: any) => entity.contacts.length === 1 && entity.notes.totalCount === 1)).toBe(true);
      return (await statementsInRequests(subgraph)) - before;
    };
    const one = await statementsFor(ids.slice(0, 1));
    const four = await statementsFor(ids);
    expect(one).toBe(four);
    expect(one).toBe(10);
  });

  it('refuses bad input on records naming the field and stores nothing', async () => {
    const tenant = testTenant();
    const gql = client(subgraph, tenant);
    const customer = await createCustomer(gql, { name: 'Rien' });
    const [rows, events] = [await countRows(subgraph, 'change_record', tenant), await outboxCount(subgraph, tenant)];
    expect(await gql.fails('mutation($id: ID!) { addContact(input: { customerId: $id, name: "X", phone: "123" }) { contact { id } } }', { id: customer.id }))
      .toMatchObject({ field: 'input.phone' });
    expect(await gql.fails('mutation($id: ID!) { addCustomerAddress(input: { customerId: $id, type: BILLING, address: { street: " ", city: "G" } }) { address { id } } }', { id: customer.id }))
      .toMatchObject({ field: 'input.address.street' });
    expect(await gql.fails('mutation($id: ID!) { addNote(input: { customerId: $id, body: "  " }) { note { id } } }', { id: customer.id })).toMatchObject({ field: 'input.body' });
    expect(await gql.fails('mutation { addNote(input: { customerId: "nope", body: "x" }) { note { id } } }')).toMatchObject({ field: 'input.customerId' });
    expect([await countRows(subgraph, 'contact', tenant), await countRows(subgraph, 'customer_address', tenant), await countRows(subgraph, 'note', tenant)]).toEqual([0, 0, 0]);
    expect([await countRows(subgraph, 'change_record', tenant), await outboxCount(subgraph, tenant)]).toEqual([rows, events]);
  });
});

describe('every kind of record', () => {
  /**
   * One row per kind: how it is added and, unless it is add-only, how it is updated; `field` (as
   * `Customer.changes(field:)` names it) is `value` once added, `update.value` once updated.
   */
  interface RecordCase {
    kind: string;
    /** Its mutations are `add<Name>` (`logEmail` for e-mails), `update<Name>`, `remove<Name>`; its payload field. */
    name: string;
    payload: string;
    eventPrefix: string;
    field: string;
    value: string;
    add: { mutation: string; input: string; values: Record<string, unknown> };
    update?: { values: Record<string, unknown>; value: string };
    /** The customer's current ones, as ids. */
    list: string;
    ids: (customer: any) => string[];
  }
  const connectionIds = (connection: any) => connection.edges.map((edge: any) => edge.node.id);
  const CASES: RecordCase[] = [
    {
      kind: 'contact', name: 'Contact', payload: 'contact', eventPrefix: 'contact', field: 'contact.role', value: 'Comptable',
      add: { mutation: 'addContact', input: 'AddContactInput', values: { name: 'Ana Roy', role: 'Comptable' } },
      update: { values: { role: 'Achats' }, value: 'Achats' }, list: 'contacts { id }', ids: (customer) => customer.contacts.map((contact: any) => contact.id),
    },
    {
      kind: 'address', name: 'CustomerAddress', payload: 'address', eventPrefix: 'customer_address', field: 'address.label', value: 'Siège',
      add: { mutation: 'addCustomerAddress', input: 'AddCustomerAddressInput', values: { type: 'SHIPPING', label: 'Siège', address: place('rue D') } },
      update: { values: { label: 'Entrepôt' }, value: 'Entrepôt' }, list: 'addresses { id }', ids: (customer) => customer.addresses.map((address: any) => address.id),
    },
    {
      kind: 'partner', name: 'Partner', payload: 'partner', eventPrefix: 'partner_link', field: 'partner.role', value: 'Avocat',
      add: { mutation: 'addPartner', input: 'AddPartnerInput', values: { organisationName: 'Cabinet Lemieux', role: 'Avocat' } },
      update: { values: { role: 'Notaire' }, value: 'Notaire' }, list: 'partners { id }', ids: (customer) => customer.partners.map((partner: any) => partner.id),
    },
    {
      kind: 'life event', name: 'LifeEvent', payload: 'lifeEvent', eventPrefix: 'life_event', field: 'lifeEvent.occursOn', value: '2030-06-01',
      add: { mutation: 'addLifeEvent', input: 'AddLifeEventInput', values: { kind: 'WEDDING', occursOn: '2030-06-01' } },
      update: { values: { occursOn: '2030-07-15' }, value: '2030-07-15' }, list: 'lifeEvents { edges { node { id } } }', ids: (customer) => connectionIds(customer.lifeEvents),
    },
    {
      kind: 'note', name: 'Note', payload: 'note', eventPrefix: 'note', field: 'note.body', value: 'Rappeler lundi',
      add: { mutation: 'addNote', input: 'AddNoteInput', values: { body: 'Rappeler lundi' } },
      update: { values: { body: 'Rappeler mardi' }, value: 'Rappeler mardi' }, list: 'notes { edges { node { id } } }', ids: (customer) => connectionIds(customer.notes),
    },
    {
      kind: 'e-mail (logged once, never changed)', name: 'Email', payload: 'email', eventPrefix: 'email_message', field: 'email.subject', value: 'Devis fibre',
      add: { mutation: 'logEmail', input: 'LogEmailInput', values: { direction: 'INBOUND', from: 'client@x.ca', to: ['service@t.ca'], subject: 'Devis fibre', sentAt: '2026-11-02T10:00:00Z' } },
      list: 'emails { edges { node { id } } }', ids: (customer) => connectionIds(customer.emails),
    },
  ];

  it.each(CASES)('$kind: add → update → remove, with its events, its history and a CONFLICT on a stale version', async (spec) => {
    const gql = client(subgraph, testTenant());
    const customer = await createCustomer(gql, { name: 'Fiche complète' });
    const current = async () => spec.ids((await gql.ok(`query($id: ID!) { customer(id: $id) { ${spec.list} } }`, { id: customer.id })).customer);
    const history = async () => (await gql.ok('query($id: ID!, $field: String) { customer(id: $id) { changes(field: $field) { edges { node { action entityId before after } } } } }',
      { id: customer.id, field: spec.field })).customer.changes.edges.map((edge: any) => edge.node);
    const selection = spec.name === 'Email' ? 'id' : 'id version';
    const added = (await gql.ok(`mutation($input: ${spec.add.input}!) { ${spec.add.mutation}(input: $input) { ${spec.payload} { ${selection} } } }`,
      { input: { customerId: customer.id, ...spec.add.values } }))[spec.add.mutation][spec.payload];
    expect(await current()).toEqual([added.id]);
    const types = [`${spec.eventPrefix}.created`];
    const changes = [{ action: 'CREATED', entityId: added.id, before: null as string | null, after: spec.value as string | null }];

    const { update: updating } = spec;
    if (updating) {
      const update = `mutation($input: Update${spec.name}Input!) { update${spec.name}(input: $input) { ${spec.payload} { version } } }`;
      const remove = `mutation($input: RemoveRecordInput!) { remove${spec.name}(input: $input) { ${spec.payload} { id } } }`;
      expect((await gql.ok(update, { input: { id: added.id, version: 1, ...updating.values } }))[`update${spec.name}`][spec.payload].version).toBe(2);
      expect(await gql.fails(update, { input: { id: added.id, version: 1, ...updating.values } })).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
      expect(await gql.fails(remove, { input: { id: added.id, version: 1 } })).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
      await gql.ok(remove, { input: { id: added.id, version: 2 } });
      expect(await current()).toEqual([]);
      types.push(`${spec.eventPrefix}.updated`, `${spec.eventPrefix}.removed`);
      changes.unshift(
        { action: 'REMOVED', entityId: added.id, before: updating.value, after: null },
        { action: 'UPDATED', entityId: added.id, before: spec.value, after: updating.value },
      );
    }

    expect(await history()).toEqual(changes);
    const events = await outbox(subgraph, added.id);
    expect(events.map((event) => event.type)).toEqual(types);
    const [dataKey, fieldName] = spec.field.split('.') as [string, string];
    expect(events[0]!.envelope.data).toMatchObject({ customerId: customer.id, [`${dataKey}Id`]: added.id, changedFields: expect.arrayContaining([fieldName]) });
    if (updating) {
      expect(events[1]!.envelope.data).toMatchObject({ customerId: customer.id, changedFields: [fieldName], [dataKey]: { [fieldName]: updating.value } });
      expect(events[2]!.envelope.data).toMatchObject({ customerId: customer.id, [dataKey]: { [fieldName]: updating.value } });
    }
  });
});
