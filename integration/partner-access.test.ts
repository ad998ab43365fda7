import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { subscriptionClient } from '@c360/gateway/testing';
import { testTenant } from '@c360/kit/testing';
import { eventually } from './testkit.ts';
import { CREATE_KEY, bearer, client as clientOf, createCustomer, createKey, errorOf, okClient as okClientOf, partnerSystem, renameCustomer } from './partners.ts';

const running = partnerSystem();
const client = (authorization: string) => clientOf(running.system, authorization);
const okClient = (authorization: string) => okClientOf(running.system, authorization);
const subscriber = (authorization: string) => running.closeLater(subscriptionClient(running.system.gatewayUrl, authorization));

interface Change {
  customerChanged: { id: string; type: string; time: string; customerId: string; changedFields: string[]; customer: Record<string, any> | null };
}

const CHANGES = `subscription($customerId: ID, $types: [String!], $after: String) {
  customerChanged(customerId: $customerId, types: $types, after: $after) { id type customerId changedFields } }`;

const CHANGES_SINCE = `subscription($since: DateTime, $after: String) {
  customerChanged(since: $since, after: $after) { id type } }`;

/** Waits until the customers' own events are on the bus (the timeline has them), so that a subscription from now does not see them. */
const onTheBus = (gql: ReturnType<typeof okClient>, ...ids: string[]) => eventually(async () => {
  for (const id of ids) expect((await gql('query($id: ID!) { customer(id: $id) { timeline { totalCount } } }', { id })).customer.timeline.totalCount).toBeGreaterThan(0);
});

/** Lets a subscription that was just sent reach the gateway (the protocol does not acknowledge it). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

const typesOf = (events: Change[]) => events.map((event) => event.customerChanged.type);

describe('API keys', () => {
  it('are created by an admin, shown once, stored as a hash, and read only the fields they were given', async () => {
    const tenant = testTenant();
    const gql = okClient(await bearer(tenant));
    const customer = await createCustomer(gql, 'Lucie Gagnon', { email: 'lucie@example.ca' });
    const { key, apiKey } = await createKey(running.system, tenant, { eventTypes: ['customer.*'], fields: ['Query.customer', 'Customer.name', 'Customer.status'] });
    expect(key).toMatch(/^c360_[A-Za-z0-9_-]{43}$/);
    expect(apiKey.prefix).toBe(key.slice(0, 11));
    const { rows } = await running.admin.query('SELECT to_jsonb(k) AS row, key_hash FROM gateway.api_key k WHERE id = $1', [apiKey.id]);
    expect(rows[0].key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(rows[0].row)).not.toContain(key.slice(5));

    const partner = client(`Bearer ${key}`);
    expect((await partner('query($id: ID!) { customer(id: $id) { name status } }', { id: customer.id })).data)
      .toEqual({ customer: { name: 'Lucie Gagnon', status: 'ACTIVE' } });
    const email = await partner('query($id: ID!) { customer(id: $id) { name email } }', { id: customer.id });
    expect(email.status).toBe(403);
    expect(errorOf(email)).toMatchObject({ code: 'FORBIDDEN', field: 'Customer.email' });
    expect(errorOf(await partner('mutation { createCustomer(input: { name: "X" }) { customer { id } } }'))).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.createCustomer' });
    expect(errorOf(await partner('{ apiKeys { totalCount } }'))).toMatchObject({ code: 'FORBIDDEN', field: 'Query.apiKeys' });
  });

  it('are refused to anyone but an admin, and bad input names its field and creates nothing', async () => {
    const tenant = testTenant();
    const agent = client(await bearer(tenant, ['agent']));
    expect(errorOf(await agent(CREATE_KEY, { input: { name: 'x', eventTypes: ['*'], fields: ['*'] } }))).toMatchObject({ code: 'FORBIDDEN' });
    const gql = client(await bearer(tenant));
    const cases: [Record<string, unknown>, string][] = [
      [{ eventTypes: ['customer..updated'], fields: ['*'] }, 'input.eventTypes[0]'],
      [{ eventTypes: ['*'], fields: ['Customer.name', 'customer'] }, 'input.fields[1]'],
      [{ eventTypes: [], fields: ['*'] }, 'input.eventTypes'],
      [{ eventTypes: ['*'], fields: ['*'], expiresAt: '2020-01-01T00:00:00Z' }, 'input.expiresAt'],
    ];
    for (const [input, field] of cases) {
      expect(errorOf(await gql(CREATE_KEY, { input: { name: 'Bad', ...input } }))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const { rows } = await running.admin.query('SELECT count(*)::int AS n FROM gateway.api_key WHERE tenant_id = $1', [tenant]);
    expect(rows[0].n).toBe(0);
  });

  it('stop working once revoked or expired', async () => {
    const tenant = testTenant();
    const { key, apiKey } = await createKey(running.system, tenant, { eventTypes: ['*'], fields: ['Query.customers', 'CustomerConnection.totalCount'] });
    const partner = client(`Bearer ${key}`);
    expect((await partner('{ customers { totalCount } }')).data).toEqual({ customers: { totalCount: 0 } });
    const watching = subscriber(`Bearer ${key}`).subscribe<Change>('subscription { customerChanged { id } }');
    await settle();
    await okClient(await bearer(tenant))('mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { active revokedAt } } }', { id: apiKey.id });
    const revoked = await partner('{ customers { totalCount } }');
    expect(revoked.status).toBe(401);
    expect(errorOf(revoked)).toMatchObject({ code: 'UNAUTHENTICATED' });
    // An open subscription ends at its next event.
    await createCustomer(okClient(await bearer(tenant)), 'Après la révocation');
    await watching.ended;
    expect(watching.events).toEqual([]);
    expect(JSON.stringify(watching.errors)).toContain('UNAUTHENTICATED');

    const short = await createKey(running.system, tenant, { eventTypes: ['*'], fields: ['*'], expiresAt: new Date(Date.now() + 1500).toISOString() });
    const soon = client(`Bearer ${short.key}`);
    expect((await soon('{ customers { totalCount } }')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect((await soon('{ customers { totalCount } }')).status).toBe(401);
    expect((await client('Bearer c360_not-a-key')('{ customers { totalCount } }')).status).toBe(401);
  });

  it("never cross tenants: a key reads only its tenant, and admins see and revoke only their tenant's keys", async () => {
    const [a, b] = [testTenant(), testTenant()];
    const theirs = await createCustomer(okClient(await bearer(b)), 'Client de B');
    const { key, apiKey } = await createKey(running.system, a, { eventTypes: ['*'], fields: ['*'] });
    expect((await client(`Bearer ${key}`)('query($id: ID!) { customer(id: $id) { name } }', { id: theirs.id })).data).toEqual({ customer: null });
    const adminB = client(await bearer(b));
    expect((await adminB('{ apiKeys { totalCount } }')).data).toEqual({ apiKeys: { totalCount: 0 } });
    expect(errorOf(await adminB('mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { id } } }', { id: apiKey.id }))).toMatchObject({ code: 'NOT_FOUND', field: 'input.id' });
    expect((await client(`Bearer ${key}`)('{ customers { totalCount } }')).status).toBe(200);
  });
});

describe('the customerChanged subscription', () => {
  it("streams the tenant's changes, with the customer selection resolved through every subgraph", async () => {
    const tenant = testTenant();
    const gql = okClient(await bearer(tenant));
    const subscription = subscriber(await bearer(tenant)).subscribe<Change>(`subscription { customerChanged {
      id type time customerId changedFields
      customer { id name renamed: name email balance { amount currency } locations { id } openTicketCount }
    } }`);
    await settle();
    const customer = await createCustomer(gql, 'Marc Tremblay', { email: 'marc@example.ca' });
    await renameCustomer(gql, customer, 'Marc-André Tremblay');
    await gql('mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } } }',
      { input: { customerId: customer.id, lines: [{ description: 'Fibre 500', quantity: '1', unitPrice: '60.00' }] } });
    const events = await subscription.waitFor((received) => received.length >= 3);
    expect(typesOf(events)).toEqual(['customer.created', 'customer.updated', 'invoice.created']);
    const [created, renamed, invoiced] = events.map((event) => event.customerChanged);
    expect(created).toMatchObject({ customerId: customer.id, customer: { id: customer.id, email: 'marc@example.ca', locations: [], openTicketCount: 0 } });
    expect(renamed!.changedFields).toEqual(['name']);
    expect(renamed!.customer).toMatchObject({ name: 'Marc-André Tremblay', renamed: 'Marc-André Tremblay' });
    expect(invoiced!.customer!.balance).toEqual({ amount: expect.any(String), currency: expect.any(String) });
    expect(Date.parse(invoiced!.time)).toBeGreaterThan(Date.parse(created!.time) - 1);
    subscription.unsubscribe();
  });

  it("keeps to one customer and some types when asked, and never shows another tenant's events", async () => {
    const [tenant, other] = [testTenant(), testTenant()];
    const gql = okClient(await bearer(tenant));
    const [watched, unwatched] = [await createCustomer(gql, 'Suivi'), await createCustomer(gql, 'Pas suivi')];
    await onTheBus(gql, watched.id, unwatched.id);
    const one = subscriber(await bearer(tenant)).subscribe<Change>(CHANGES, { customerId: watched.id, types: ['customer.updated', 'note.*'] });
    const all = subscriber(await bearer(tenant)).subscribe<Change>(CHANGES);
    await settle();
    const theirs = await createCustomer(okClient(await bearer(other)), 'Autre locataire');
    await renameCustomer(gql, unwatched, 'Toujours pas suivi');
    await gql('mutation($id: ID!) { addNote(input: { customerId: $id, body: "Rappeler lundi" }) { note { id } } }', { id: watched.id });
    await renameCustomer(gql, watched, 'Suivi de près');
    const mine = await one.waitFor((received) => received.length >= 2);
    expect(mine.map((event) => [event.customerChanged.type, event.customerChanged.customerId])).toEqual([['note.created', watched.id], ['customer.updated', watched.id]]);
    const everything = await all.waitFor((received) => received.length >= 3);
    expect(everything.map((event) => event.customerChanged.customerId)).not.toContain(theirs.id);
    expect(typesOf(everything)).toEqual(['customer.updated', 'note.created', 'customer.updated']);
  });

  it('resumes after the last event a partner saw, missing nothing and repeating nothing', async () => {
    const tenant = testTenant();
    const gql = okClient(await bearer(tenant));
    const { key } = await createKey(running.system, tenant, { eventTypes: ['customer.*'], fields: ['Customer.name'] });
    const customer = await createCustomer(gql, 'Version 0');
    await onTheBus(gql, customer.id);
    const first = subscriber(`Bearer ${key}`);
    const before = first.subscribe<Change>('subscription { customerChanged { id type customer { name } } }');
    await settle();
    for (const n of [1, 2, 3]) await renameCustomer(gql, customer, `Version ${n}`);
    const seen = await before.waitFor((received) => received.length >= 3);
    await first.close();
    // While the partner is away.
    for (const n of [4, 5, 6, 7, 8]) await renameCustomer(gql, customer, `Version ${n}`);
    const lastSeen = seen.at(-1)!.customerChanged.id;
    const resumed = subscriber(`Bearer ${key}`).subscribe<Change>('subscription($after: String) { customerChanged(after: $after) { id type customer { name } } }', { after: lastSeen });
    const afterwards = await resumed.waitFor((received) => received.length >= 5);
    await renameCustomer(gql, customer, 'Version 9');
    await resumed.waitFor((received) => received.length >= 6);
    expect(afterwards.map((event) => event.customerChanged.type)).toEqual(Array(6).fill('customer.updated'));
    expect(new Set([...seen, ...resumed.events].map((event) => event.customerChanged.id)).size).toBe(9);
    // The customer is read when its event is sent, so it shows the customer as it is then: never older than the event.
    const versions = [...seen, ...resumed.events].map((event) => Number(event.customerChanged.customer?.name.replace('Version ', '')));
    versions.forEach((version, index) => expect(version).toBeGreaterThanOrEqual(index + 1));
    expect(versions.at(-1)).toBe(9);
  });

  it('replays from a time every event of the tenant from then on, then goes on live', async () => {
    const tenant = testTenant();
    const gql = okClient(await bearer(tenant));
    const customer = await createCustomer(gql, 'Version 0');
    for (const n of [1, 2]) await renameCustomer(gql, customer, `Version ${n}`);
    const since = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const n of [3, 4]) await renameCustomer(gql, customer, `Version ${n}`);
    await eventually(async () => expect((await gql('query($id: ID!) { customer(id: $id) { timeline { totalCount } } }', { id: customer.id })).customer.timeline.totalCount).toBe(5));
    const replay = subscriber(await bearer(tenant)).subscribe<Change>(
      'subscription($since: DateTime) { customerChanged(since: $since) { id type time customer { name } } }', { since: since.toISOString() });
    const replayed = await replay.waitFor((received) => received.length >= 2);
    await renameCustomer(gql, customer, 'Version 5');
    await replay.waitFor((received) => received.length >= 3);
    await settle();
    expect(replay.events.map((event) => event.customerChanged.type)).toEqual(['customer.updated', 'customer.updated', 'customer.updated']);
    expect(replayed.every((event) => Date.parse(event.customerChanged.time) >= since.getTime())).toBe(true);
    expect(replay.events.at(-1)!.customerChanged.customer).toEqual({ name: 'Version 5' });

    // From a time that has not come yet: nothing until then.
    const future = subscriber(await bearer(tenant)).subscribe<Change>(CHANGES_SINCE, { since: new Date(Date.now() + 3_600_000).toISOString() });
    const both = subscriber(await bearer(tenant)).subscribe<Change>(CHANGES_SINCE, { since: since.toISOString(), after: replayed[0]!.customerChanged.id });
    const garbled = subscriber(await bearer(tenant)).subscribe<Change>(CHANGES_SINCE, { since: 'yesterday' });
    await renameCustomer(gql, customer, 'Version 6');
    await Promise.all([both.ended, garbled.ended]);
    expect(JSON.stringify(both.errors)).toContain('"field":"since"');
    expect(JSON.stringify(garbled.errors)).toContain('"field":"since"');
    await settle();
    expect(future.events).toEqual([]);
  });

  it("refuses an `after` of another tenant, fields and types outside a key's scopes, and bad credentials", async () => {
    const [tenant, other] = [testTenant(), testTenant()];
    const theirs = subscriber(await bearer(other)).subscribe<Change>(CHANGES);
    await settle();
    await createCustomer(okClient(await bearer(other)), 'Ailleurs');
    const [foreign] = await theirs.waitFor((received) => received.length >= 1);
    const mine = subscriber(await bearer(tenant));
    const stolen = mine.subscribe<Change>(CHANGES, { after: foreign!.customerChanged.id });
    await stolen.ended;
    expect(JSON.stringify(stolen.errors)).toContain('"field":"after"');

    const { key } = await createKey(running.system, tenant, { eventTypes: ['customer.updated'], fields: ['Customer.name'] });
    const partner = subscriber(`Bearer ${key}`);
    const email = partner.subscribe<Change>('subscription { customerChanged { id customer { email } } }');
    await email.ended;
    expect(JSON.stringify(email.errors)).toContain('Customer.email');
    const invoices = partner.subscribe<Change>(CHANGES, { types: ['invoice.*'] });
    await invoices.ended;
    expect(JSON.stringify(invoices.errors)).toContain('types[0]');

    const allowed = partner.subscribe<Change>('subscription { customerChanged { type customer { name } } }');
    await settle();
    const gql = okClient(await bearer(tenant));
    const customer = await createCustomer(gql, 'Créé');
    await gql('mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } } }',
      { input: { customerId: customer.id, lines: [{ description: 'Fibre', quantity: '1', unitPrice: '10.00' }] } });
    await renameCustomer(gql, customer, 'Renommé');
    const received = await allowed.waitFor((events) => events.length >= 1);
    await settle();
    expect(received.map((event) => [event.customerChanged.type, event.customerChanged.customer?.name])).toEqual([['customer.updated', 'Renommé']]);

    const refused = subscriptionClient(running.system.gatewayUrl, 'Bearer c360_wrong').subscribe(CHANGES);
    await refused.ended;
    expect(JSON.stringify(refused.errors)).toMatch(/4403|Forbidden/);
  });
});
