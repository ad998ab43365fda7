import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { customersSubgraph } from '@c360/customers';
import { subscriptionClient, startWebhookReceiver, type SubscriptionClient, type WebhookReceiver } from '@c360/gateway/testing';
import {
  NatsEventBus, createDatabase, dropDatabase, forkForTenant, openDatabase, recordEvents, subgraphDatabaseUrl, type MikroORM,
} from '@c360/kit';
import { testTenant } from '@c360/kit/testing';
import { ROOT, prepareDatabase } from '@c360/scripts/system';
import { eventually, startTestSystem, type TestSystem } from './testkit.ts';
import { bearer, createCustomer, createKey, okClient } from './partners.ts';

const CUSTOMERS = 50;
const PER_TRANSACTION = 50;
const CHANGES = 10_000;

/**
 * The fault test: a burst of 10 000 changes while the customers
 * outbox relay (a process of its own here) is killed with SIGKILL and
 * restarted. Every change must reach every subscriber (a person's and a
 * partner's API key, each on its own connection) and the webhook endpoint,
 * none lost, in order per customer. On both buses: PostgreSQL and NATS
 * JetStream. Each run has a database of its own: the test files running
 * beside it must not relay this outbox.
 */
describe.each(['postgres', 'nats'])('a relay killed in the middle of a burst of 10 000 changes, on the %s bus', (bus) => {
  const serverUrl = Object.assign(new URL(inject('adminUrl')), { pathname: '/postgres' }).toString();
  const databaseName = `c360_fault_${bus}_${process.pid}_${Date.now().toString(36)}`;
  // A schedule long enough that no delivery is dead-lettered on a machine slowed down by the burst itself.
  const env = {
    WEBHOOK_ALLOW_TARGETS: 'loopback', OUTBOX_RELAY: 'false', EVENT_BUS: bus, NATS_STREAM: `c360_fault_${randomBytes(5).toString('hex')}`,
    WEBHOOK_CONCURRENCY: '32', WEBHOOK_TIMEOUT_MS: '10000', WEBHOOK_RETRY_SCHEDULE: '0.5,1,2,4,8,15,30',
  };
  let adminUrl: string;
  let system: TestSystem;
  let customersOrm: MikroORM;
  let relay: ChildProcess | undefined;
  let receiver: WebhookReceiver;
  const subscribers: SubscriptionClient[] = [];

  beforeAll(async () => {
    adminUrl = await createDatabase(serverUrl, databaseName);
    await prepareDatabase(adminUrl, { demo: false });
    system = await startTestSystem(adminUrl, env);
    customersOrm = await openDatabase({ schema: 'customers', url: subgraphDatabaseUrl(adminUrl, 'customers'), entities: customersSubgraph.entities, migrations: customersSubgraph.migrations });
    receiver = await startWebhookReceiver();
  }, 180_000);
  afterAll(async () => {
    relay?.kill('SIGKILL');
    await Promise.all(subscribers.map((subscriber) => subscriber.close()));
    await receiver?.close();
    await customersOrm?.close();
    await system?.stop();
    if (bus === 'nats') await (await NatsEventBus.connect({ url: 'nats://127.0.0.1:4222', stream: env.NATS_STREAM, name: 'fault-test' })).destroy();
    await dropDatabase(serverUrl, databaseName);
  });

  function startRelay(): ChildProcess {
    const child = spawn(process.execPath, [join(ROOT, 'subgraphs/kit/src/events/relay-main.ts')], {
      env: { ...process.env, ...env, SCHEMA: 'customers', DATABASE_URL: subgraphDatabaseUrl(adminUrl, 'customers') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return child;
  }

  const published = async () => Number((await customersOrm.em.fork().execute<{ n: string }[]>(
    'SELECT count(*) AS n FROM customers.outbox WHERE published_at IS NOT NULL'))[0]!.n);

  it('delivers every change to every subscriber and webhook at least once, none lost, in order per customer', async () => {
    const tenant = testTenant();
    relay = startRelay();
    const gql = okClient(system, await bearer(tenant));
    const customers = await Promise.all(Array.from({ length: CUSTOMERS }, (_, n) => createCustomer(gql, `Rafale ${n}`)));
    const { createWebhookEndpoint } = await gql('mutation($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: ["customer.updated"] }) { secret } }', { url: receiver.url });
    receiver.secret = createWebhookEndpoint.secret;
    const { key } = await createKey(system, tenant, { eventTypes: ['customer.updated'], fields: ['Query.customer'] });
    subscribers.push(subscriptionClient(system.gatewayUrl, await bearer(tenant)), subscriptionClient(system.gatewayUrl, `Bearer ${key}`));
    const subscriptions = subscribers.map((subscriber) => subscriber.subscribe<{ customerChanged: { id: string; customerId: string } }>(
      'subscription { customerChanged(types: ["customer.updated"]) { id customerId } }'));
    await eventually(async () => expect(await published()).toBeGreaterThanOrEqual(CUSTOMERS));
    await new Promise((resolve) => setTimeout(resolve, 1000));

    // The burst: each transaction changes 50 customers and records their events, as the subgraph does.
    const sequence = new Map<string, { customerId: string; n: number }>();
    const burst = (async () => {
      for (let batch = 0; batch < CHANGES / PER_TRANSACTION; batch += 1) {
        await forkForTenant(customersOrm, tenant).transactional(async (em) => {
          await em.execute('UPDATE customers.customer SET remarks = ?, version = version + 1 WHERE tenant_id = ?', [`burst ${batch}`, tenant]);
          const envelopes = await recordEvents(em, 'customers', tenant, customers.map((customer) => ({
            type: 'customer.updated', subject: customer.id, data: { customerId: customer.id, changedFields: ['remarks'], customer: { remarks: `burst ${batch}` } },
          })));
          envelopes.forEach((envelope, index) => sequence.set(envelope.id, { customerId: customers[index]!.id, n: batch }));
        });
      }
    })();

    // Killed while it is publishing, then started again.
    await eventually(async () => expect(await published()).toBeGreaterThan(CUSTOMERS + CHANGES / 5), 60_000);
    relay.kill('SIGKILL');
    await new Promise((resolve) => relay!.once('exit', resolve));
    const atKill = await published();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await published()).toBe(atKill);
    relay = startRelay();
    await burst;
    expect(atKill).toBeLessThan(CUSTOMERS + CHANGES);


    // Each position is sent once: the count is the number of distinct events (checked below).
    const received = await Promise.all(subscriptions.map((subscription) => subscription.waitFor((events) => events.length >= CHANGES, 180_000)));
    await receiver.waitFor(() => receiver.acceptedIds.size >= CHANGES, 180_000);

    const inOrder = (ids: string[]) => {
      const last = new Map<string, number>();
      for (const id of ids) {
        const change = sequence.get(id)!;
        expect(change).toBeDefined();
        expect(change.n).toBeGreaterThanOrEqual(last.get(change.customerId) ?? -1);
        last.set(change.customerId, change.n);
      }
    };
    for (const events of received) {
      const subscribed = events.map((event) => event.customerChanged.id);
      expect(new Set(subscribed)).toEqual(new Set(sequence.keys()));
      inOrder(subscribed);
    }

    const delivered = receiver.received.filter((delivery) => delivery.status === 200);
    expect(delivered.every((delivery) => delivery.verified !== null)).toBe(true);
    const firstReceipts = [...new Set(delivered.map((delivery) => delivery.verified!.data.eventId as string))];
    expect(new Set(firstReceipts)).toEqual(new Set(sequence.keys()));
    inOrder(firstReceipts);
  }, 400_000);
});
