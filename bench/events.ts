/**
 * `node bench/events.ts`: the event pipeline's figures (issue 9), printed as
 * JSON; not part of `npm test`, and not (yet) of `npm run bench`. On a
 * throw-away database of the server of `npm start` (or DATABASE_URL), with
 * the bus of EVENT_BUS:
 *
 * - relay: events per second an outbox relay moves to the bus (target ≥ 2 000/s);
 * - subscriber: latency from a change's event time to a `customerChanged`
 *   subscriber receiving it, at a steady rate (target p99 ≤ 100 ms at 500/s).
 *
 *   node bench/events.ts --events 20000 --rate 500 --seconds 10
 */
import { randomBytes } from 'node:crypto';
import { issueToken } from '@c360/gateway/auth';
import { DEV_JWT_SECRET } from '@c360/gateway/env';
import { subscriptionClient } from '@c360/gateway/testing';
import {
  NatsEventBus, OutboxRelay, createDatabase, dropDatabase, forkForTenant, newId, openDatabase, openEventBus, recordEvents, subgraphDatabaseUrl,
  type MikroORM,
} from '@c360/kit';
import { openLocalDatabase } from '@c360/scripts/local-database';
import { SUBGRAPHS, freePort, prepareDatabase, startSystem, type SystemPorts } from '@c360/scripts/system';
import { parseArgs, positiveNumber } from './src/args.ts';

const args = parseArgs({ events: '20000', rate: '500', seconds: '10' });
const options = { events: Math.round(positiveNumber(args.events, 'events')), rate: positiveNumber(args.rate, 'rate'), seconds: positiveNumber(args.seconds, 'seconds') };
const log = (line: string) => console.error(`[bench events] ${line}`);
const bus = { EVENT_BUS: (process.env.EVENT_BUS === 'nats' ? 'nats' : 'postgres') as 'nats' | 'postgres', NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', NATS_STREAM: `c360_bench_${randomBytes(4).toString('hex')}` };
const TENANT = 'bench-events';

const local = await openLocalDatabase(log);
const serverUrl = Object.assign(new URL(local.adminUrl), { pathname: '/postgres' }).toString();
const databaseName = `c360_bench_events_${Date.now().toString(36)}`;
const adminUrl = await createDatabase(serverUrl, databaseName);
const customersUrl = subgraphDatabaseUrl(adminUrl, 'customers');
let orm: MikroORM | undefined;
try {
  await prepareDatabase(adminUrl, { demo: false, log });
  const customers = SUBGRAPHS.find((definition) => definition.name === 'customers')!;
  orm = await openDatabase({ schema: 'customers', url: customersUrl, entities: customers.entities, migrations: customers.migrations });
  const relay = await relayThroughput(orm);
  const subscriber = await subscriberLatency(orm);
  console.log(JSON.stringify({ bus: bus.EVENT_BUS, relay, subscriber }, null, 2));
} finally {
  await orm?.close();
  if (bus.EVENT_BUS === 'nats') await (await NatsEventBus.connect({ url: bus.NATS_URL, stream: bus.NATS_STREAM, name: 'bench' })).destroy();
  await dropDatabase(serverUrl, databaseName);
  await local.stop();
}

/** `count` customer changes in transactions of `perTransaction`, as the customers subgraph writes them. */
async function writeChanges(db: MikroORM, count: number, perTransaction: number): Promise<void> {
  for (let written = 0; written < count; written += perTransaction) {
    await forkForTenant(db, TENANT).transactional((em) => recordEvents(em, 'customers', TENANT, Array.from({ length: Math.min(perTransaction, count - written) }, () => {
      const customerId = newId();
      return { type: 'customer.updated', subject: customerId, data: { customerId, changedFields: ['remarks'] } };
    })));
  }
}

/** A backlog of `options.events` in the outbox, then a relay started on it: events per second until it is empty. */
async function relayThroughput(db: MikroORM) {
  log(`writing ${options.events} events to the customers outbox`);
  await writeChanges(db, options.events, 500);
  const eventBus = await openEventBus(bus, adminUrl, 'bench-relay');
  const relay = new OutboxRelay({ schema: 'customers', url: customersUrl, bus: eventBus });
  const started = performance.now();
  await relay.start();
  await relay.flush();
  const seconds = (performance.now() - started) / 1000;
  await relay.stop();
  await eventBus.close();
  return { events: options.events, seconds: Number(seconds.toFixed(2)), perSecond: Math.round(options.events / seconds), target: '>= 2000' };
}

/** The system running; changes at `options.rate` per second; the latency each reaches a subscriber with. */
async function subscriberLatency(db: MikroORM) {
  const ports: SystemPorts = { gateway: await freePort(), customers: await freePort(), billing: await freePort(), service: await freePort(), support: await freePort() };
  const system = await startSystem({ adminUrl, ports, env: { ...bus }, gatewayWorkers: 1, output: (name, line) => (/error/i.test(line) ? log(`${name}: ${line}`) : undefined) });
  try {
    const token = await issueToken({ tenant: TENANT, subject: 'bench', roles: ['admin'], secret: DEV_JWT_SECRET });
    const client = subscriptionClient(system.gatewayUrl, `Bearer ${token}`);
    const latencies: number[] = [];
    const subscription = client.subscribe<{ customerChanged: { time: string } }>('subscription { customerChanged { id time } }');
    const received = subscription.events;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const total = Math.round(options.rate * options.seconds);
    // The predicate runs as each event arrives: it notes when.
    const arrivals = new Map<number, number>();
    const all = subscription.waitFor((events) => {
      arrivals.set(events.length, Date.now());
      return events.length >= total;
    }, options.seconds * 1000 + 120_000).catch((error: Error) => log(error.message));
    // Ten transactions a second, each with a tenth of the second's changes.
    const perTick = Math.max(1, Math.round(options.rate / 10));
    log(`${total} changes at ${options.rate}/s`);
    const started = Date.now();
    for (let written = 0, tick = 0; written < total; written += perTick, tick += 1) {
      const due = started + tick * 100;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      await writeChanges(db, Math.min(perTick, total - written), perTick);
    }
    await all;
    received.forEach((event, index) => latencies.push((arrivals.get(index + 1) ?? Date.now()) - Date.parse(event.customerChanged.time)));
    await client.close();
    latencies.sort((a, b) => a - b);
    const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))] ?? null;
    return { rate: options.rate, events: latencies.length, expected: total, p50ms: at(0.5), p95ms: at(0.95), p99ms: at(0.99), maxMs: latencies.at(-1) ?? null, target: 'p99 <= 100 ms at 500/s' };
  } finally {
    await system.stop();
  }
}
