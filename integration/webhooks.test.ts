import { describe, expect, it } from 'vitest';
import { startWebhookReceiver, verifyWithReferenceLibrary } from '@c360/gateway/testing';
import { testTenant } from '@c360/kit/testing';
import { eventually } from './testkit.ts';
import { bearer, client as clientOf, createCustomer, createKey, errorOf, okClient as okClientOf, partnerSystem, renameCustomer } from './partners.ts';

const running = partnerSystem();
const client = (authorization: string) => clientOf(running.system, authorization);
const okClient = (authorization: string) => okClientOf(running.system, authorization);

const CREATE_ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
  secret endpoint { id url eventTypes status version } } }`;
const ENDPOINT = `query($id: ID!) { webhookEndpoint(id: $id) { id status disabledReason failingSince version
  deliveries(first: 50) { totalCount edges { node { id messageId eventId eventType status attemptCount replays lastStatusCode
    attempts { attempt statusCode attemptedAt } } } } } }`;
const UPDATE_ENDPOINT = 'mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { status version } } }';

/** A receiver registered as an endpoint of `tenant` for `eventTypes`, by `authorization` (the tenant's admin by default). */
async function endpointFor(tenant: string, eventTypes: string[], authorization?: string) {
  const receiver = running.closeLater(await startWebhookReceiver());
  const gql = okClient(authorization ?? await bearer(tenant));
  const { createWebhookEndpoint } = await gql(CREATE_ENDPOINT, { input: { url: receiver.url, eventTypes } });
  receiver.secret = createWebhookEndpoint.secret;
  return { receiver, endpoint: createWebhookEndpoint.endpoint as { id: string; version: number }, secret: createWebhookEndpoint.secret as string };
}

const deliveriesOf = async (tenant: string, endpointId: string) =>
  (await okClient(await bearer(tenant))(ENDPOINT, { id: endpointId })).webhookEndpoint;

describe('webhooks', () => {
  it('sends Standard Webhooks deliveries that the reference library verifies, with a secret shown once and sealed at rest', async () => {
    const tenant = testTenant();
    const gql = okClient(await bearer(tenant));
    const { receiver, endpoint, secret } = await endpointFor(tenant, ['customer.*']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const { rows } = await running.admin.query('SELECT secret_sealed FROM gateway.webhook_endpoint WHERE id = $1', [endpoint.id]);
    expect(rows[0].secret_sealed).not.toContain(secret.slice(6, 20));

    const customer = await createCustomer(gql, 'Julie Bouchard');
    await gql('mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } } }',
      { input: { customerId: customer.id, lines: [{ description: 'Fibre', quantity: '1', unitPrice: '10.00' }] } });
    await renameCustomer(gql, customer, 'Julie Bouchard-Roy');
    const received = await receiver.waitFor((all) => all.length >= 2);
    expect(received.map((delivery) => delivery.verifyError)).toEqual([null, null]);
    expect(received.map((delivery) => delivery.verified?.type)).toEqual(['customer.created', 'customer.updated']);
    expect(received[1]!.verified!.data).toMatchObject({ customerId: customer.id, subject: customer.id, changedFields: ['name'] });
    expect(received[1]!.id).toBe(`msg_${received[1]!.verified!.data.eventId}`);

    // A body altered on the way does not verify.
    expect(() => verifyWithReferenceLibrary(secret, `${received[0]!.body} `, {
      'webhook-id': received[0]!.id, 'webhook-timestamp': received[0]!.timestamp, 'webhook-signature': received[0]!.signature,
    })).toThrow();

    const log = await eventually(async () => {
      const found = await deliveriesOf(tenant, endpoint.id);
      expect(found.deliveries.edges.map((edge: any) => edge.node.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
      return found;
    });
    expect(log.deliveries.edges[0].node).toMatchObject({ eventType: 'customer.updated', attemptCount: 1, attempts: [{ attempt: 1, statusCode: 200 }] });
  });

  it('retries failures on the schedule, dead-letters after the last attempt, and an admin replays them', async () => {
    const tenant = testTenant();
    const gql = okClient(await bearer(tenant));
    const { receiver, endpoint } = await endpointFor(tenant, ['customer.created']);
    receiver.respond(() => ({ status: 500 }));
    await createCustomer(gql, 'Toujours en panne');
    const failed = await eventually(async () => {
      const found = await deliveriesOf(tenant, endpoint.id);
      expect(found.deliveries.edges[0]?.node.status).toBe('FAILED');
      return found.deliveries.edges[0].node;
    });
    // First attempt, then one per step of the schedule (0.3 s each, ±10 %).
    expect(failed.attempts.map((attempt: any) => attempt.statusCode)).toEqual([500, 500, 500, 500]);
    const times = failed.attempts.map((attempt: any) => Date.parse(attempt.attemptedAt));
    for (let i = 1; i < times.length; i += 1) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(250);
    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((delivery) => delivery.id)).size).toBe(1);

    // The endpoint's log, by status.
    const LOG_BY_STATUS = 'query($id: ID!, $status: WebhookDeliveryStatus) { webhookEndpoint(id: $id) { deliveries(status: $status) { totalCount edges { node { id } } } } }';
    const byStatus = async (status: string) => (await gql(LOG_BY_STATUS, { id: endpoint.id, status })).webhookEndpoint.deliveries;
    expect(await byStatus('FAILED')).toEqual({ totalCount: 1, edges: [{ node: { id: failed.id } }] });
    expect((await byStatus('SUCCEEDED')).totalCount).toBe(0);

    const dead = await gql('{ webhookDeadLetters { totalCount edges { node { id eventType endpoint { id } } } } }');
    expect(dead.webhookDeadLetters.edges.map((edge: any) => edge.node)).toEqual([{ id: failed.id, eventType: 'customer.created', endpoint: { id: endpoint.id } }]);
    expect(errorOf(await client(await bearer(tenant, ['agent']))('{ webhookDeadLetters { totalCount } }'))).toMatchObject({ code: 'FORBIDDEN' });

    receiver.respond(() => ({ status: 204 }));
    const { replayWebhookDeliveries } = await gql('mutation($ids: [ID!]!) { replayWebhookDeliveries(input: { ids: $ids }) { deliveries { id status replays } } }', { ids: [failed.id] });
    expect(replayWebhookDeliveries.deliveries).toEqual([{ id: failed.id, status: 'PENDING', replays: 1 }]);
    await receiver.waitFor((all) => all.some((delivery) => delivery.status === 204));
    expect(receiver.received.at(-1)!.id).toBe(receiver.received[0]!.id);
    await eventually(async () => expect((await deliveriesOf(tenant, endpoint.id)).deliveries.edges[0].node.status).toBe('SUCCEEDED'));
    expect((await gql('{ webhookDeadLetters { totalCount } }')).webhookDeadLetters.totalCount).toBe(0);
    expect(errorOf(await client(await bearer(tenant))('mutation($ids: [ID!]!) { replayWebhookDeliveries(input: { ids: $ids }) { deliveries { id } } }', { ids: [failed.id] })))
      .toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ids[0]' });
  });

  it("disables the endpoint on 410 and tells its owner on their next query; enabling it sends what was queued", async () => {
    const tenant = testTenant();
    const gql = client(await bearer(tenant));
    const { receiver, endpoint } = await endpointFor(tenant, ['customer.*']);
    receiver.respond(() => ({ status: 410 }));
    const customer = await createCustomer(okClient(await bearer(tenant)), 'Parti');
    await eventually(async () => expect((await deliveriesOf(tenant, endpoint.id))).toMatchObject({ status: 'DISABLED', disabledReason: 'GONE' }));
    const told = await eventually(async () => {
      const response = await gql('{ webhookEndpoints { totalCount } }') as { extensions?: { notices?: unknown[] } };
      expect(response.extensions?.notices).toHaveLength(1);
      return response.extensions!.notices!;
    });
    expect(told[0]).toMatchObject({ code: 'WEBHOOK_ENDPOINT_DISABLED', endpointId: endpoint.id, reason: 'GONE' });
    expect(((await gql('{ webhookEndpoints { totalCount } }')) as { extensions?: unknown }).extensions).toBeUndefined();

    // Nothing is queued while disabled.
    await renameCustomer(okClient(await bearer(tenant)), customer, 'Toujours parti');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await deliveriesOf(tenant, endpoint.id)).deliveries.totalCount).toBe(1);
    receiver.respond(() => ({ status: 200 }));
    const { version } = await deliveriesOf(tenant, endpoint.id);
    await okClient(await bearer(tenant))(UPDATE_ENDPOINT, { input: { id: endpoint.id, version, status: 'ENABLED' } });
    await receiver.waitFor((all) => all.some((delivery) => delivery.status === 200));
    expect(receiver.received.filter((delivery) => delivery.status === 200).map((delivery) => delivery.verified?.type)).toEqual(['customer.created']);
    expect(errorOf(await gql(UPDATE_ENDPOINT, { input: { id: endpoint.id, version, status: 'DISABLED' } }))).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
  });

  it('slows down on 429 with Retry-After, and keeps each customer\'s events in order through retries', async () => {
    const tenant = testTenant();
    const gql = okClient(await bearer(tenant));
    const { receiver } = await endpointFor(tenant, ['customer.*']);
    let calls = 0;
    receiver.respond(() => (calls++ === 0 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 200 }));
    const customer = await createCustomer(gql, 'Version 0');
    for (const n of [1, 2, 3]) await renameCustomer(gql, customer, `Version ${n}`);
    const received = await receiver.waitFor((all) => all.filter((delivery) => delivery.status === 200).length >= 4);
    expect(received[1]!.receivedAt - received[0]!.receivedAt).toBeGreaterThanOrEqual(1900);
    expect(received.filter((delivery) => delivery.status === 200).map((delivery) => delivery.verified?.type))
      .toEqual(['customer.created', 'customer.updated', 'customer.updated', 'customer.updated']);
    const timestamps = received.filter((delivery) => delivery.status === 200).map((delivery) => delivery.verified!.timestamp);
    expect([...timestamps].sort()).toEqual(timestamps);
  });

  it.each([502, 504])('holds the whole endpoint back after a %i (with its Retry-After), other customers\' deliveries too', async (status) => {
    const tenant = testTenant();
    const gql = okClient(await bearer(tenant));
    const { receiver } = await endpointFor(tenant, ['customer.created']);
    let calls = 0;
    receiver.respond(() => (calls++ === 0 ? { status, headers: { 'retry-after': '2' } } : { status: 200 }));
    await createCustomer(gql, 'Sous charge');
    const [overloaded] = await receiver.waitFor((all) => all.length >= 1);
    const other = await createCustomer(gql, 'Un autre client');
    const received = await receiver.waitFor((all) => all.some((delivery) => delivery.verified?.data.customerId === other.id));
    const otherDelivery = received.find((delivery) => delivery.verified?.data.customerId === other.id)!;
    expect(otherDelivery.receivedAt - overloaded!.receivedAt).toBeGreaterThanOrEqual(1900);
  });

  it('delays only the failed delivery after another failure: the endpoint keeps receiving', async () => {
    const tenant = testTenant();
    const gql = okClient(await bearer(tenant));
    const { receiver } = await endpointFor(tenant, ['customer.created']);
    let calls = 0;
    receiver.respond(() => (calls++ === 0 ? { status: 503, headers: { 'retry-after': '5' } } : { status: 200 }));
    const failing = await createCustomer(gql, 'En maintenance');
    const [failed] = await receiver.waitFor((all) => all.length >= 1);
    const other = await createCustomer(gql, 'Pas concerné');
    const received = await receiver.waitFor((all) => all.filter((delivery) => delivery.status === 200).length >= 2, 30_000);
    expect(received.filter((delivery) => delivery.status === 200).map((delivery) => delivery.verified?.data.customerId)).toEqual([other.id, failing.id]);
    // Retry-After is honoured for the delivery that failed.
    expect(received.at(-1)!.receivedAt - failed!.receivedAt).toBeGreaterThanOrEqual(4900);
  });

  it('disables an endpoint that has failed every attempt for days, and says so to its owner', async () => {
    const tenant = testTenant();
    const gql = okClient(await bearer(tenant));
    const { receiver, endpoint } = await endpointFor(tenant, ['customer.*']);
    receiver.respond(() => ({ status: 503 }));
    // Failing since six days (the limit is five): the next failure disables it.
    await running.admin.query("UPDATE gateway.webhook_endpoint SET failing_since = now() - interval '6 days' WHERE id = $1", [endpoint.id]);
    await createCustomer(gql, 'Injoignable');
    await eventually(async () => expect(await deliveriesOf(tenant, endpoint.id)).toMatchObject({ status: 'DISABLED', disabledReason: 'FAILING' }));
    const response = await eventually(async () => {
      const found = await client(await bearer(tenant))('{ webhookEndpoints { totalCount } }') as { extensions?: { notices?: { reason: string }[] } };
      expect(found.extensions?.notices?.[0]?.reason).toBe('FAILING');
      return found;
    });
    expect(response.extensions!.notices).toHaveLength(1);
  });

  it('refuses private and reserved targets, and bad input names its field', async () => {
    const gql = client(await bearer(testTenant()));
    for (const url of ['http://10.1.2.3/hook', 'http://169.254.169.254/latest', 'http://[fd00::1]/hook', 'ftp://example.com/x', 'http://user:pw@127.0.0.1/x', 'not a url']) {
      expect(errorOf(await gql('mutation($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: ["*"] }) { secret } }', { url })))
        .toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    }
    expect(errorOf(await gql('mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/x", eventTypes: ["Invoice"] }) { secret } }')))
      .toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.eventTypes[0]' });
  });

  it("keeps tenants apart, and a partner's key manages only its own endpoints within its event types", async () => {
    const [a, b] = [testTenant(), testTenant()];
    const { receiver, endpoint } = await endpointFor(a, ['*']);
    const gqlB = okClient(await bearer(b));
    await createCustomer(gqlB, 'Client de B');
    expect((await gqlB('query($id: ID!) { webhookEndpoint(id: $id) { id } }', { id: endpoint.id })).webhookEndpoint).toBeNull();
    expect((await gqlB('{ webhookEndpoints { totalCount } }')).webhookEndpoints.totalCount).toBe(0);
    const customerA = await createCustomer(okClient(await bearer(a)), 'Client de A');
    const received = await receiver.waitFor((all) => all.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.map((delivery) => delivery.verified?.data.customerId)).toEqual([customerA.id]);

    const { key } = await createKey(running.system, a, { eventTypes: ['customer.updated'], fields: ['Mutation.createWebhookEndpoint', 'Query.webhookEndpoints', 'WebhookEndpointConnection.totalCount', 'CreateWebhookEndpointPayload.*', 'WebhookEndpoint.*'] });
    const partner = client(`Bearer ${key}`);
    expect(errorOf(await partner('mutation($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: ["customer.*"] }) { secret } }', { url: receiver.url })))
      .toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.eventTypes[0]' });
    const mine = await endpointFor(a, ['customer.updated'], `Bearer ${key}`);
    expect((await partner('{ webhookEndpoints { totalCount } }')).data).toEqual({ webhookEndpoints: { totalCount: 1 } });
    const customer = await createCustomer(okClient(await bearer(a)), 'Avant');
    await renameCustomer(okClient(await bearer(a)), customer, 'Après');
    const partnerReceived = await mine.receiver.waitFor((all) => all.length >= 1);
    expect(partnerReceived.map((delivery) => delivery.verified?.type)).toEqual(['customer.updated']);
    expect(mine.endpoint.id).not.toBe(endpoint.id);
  });
});
