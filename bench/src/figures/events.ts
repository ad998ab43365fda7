import { randomBytes } from 'node:crypto';
import { issueToken } from '@c360/gateway/auth';
import { DEV_JWT_SECRET } from '@c360/gateway/env';
import { subscriptionClient, type SubscriptionClient } from '@c360/gateway/testing';
import {
  NatsEventBus, OutboxRelay, createDatabase, dropDatabase, forkForTenant, newId, openDatabase, openEventBus, recordEvents, subgraphDatabaseUrl,
  type BusConfig, type BusKind, type MikroORM,
} from '@c360/kit';
import { SUBGRAPHS, freePort, prepareDatabase, startSystem, type SystemPorts } from '@c360/scripts/system';
import { percentile, spread, type Spread } from '../stats.ts';

export interface EventsOptions {
  bus: BusKind;
  /** The relay's backlog per run. */
  events: number;
  /** Changes per second while the subscriber's latency is measured, for `seconds`. */
  rate: number;
  seconds: number;
  runs: number;
}

/** The event pipeline's figures (issue 9) on one bus, each as its spread over the runs. */
export interface EventsFigures {
  bus: BusKind;
  /** Events per second an outbox relay moves to the bus, draining a backlog (target ≥ 2 000/s). */
  relay: { events: number; perSecond: Spread };
  /**
   * From a change's event time to a `customerChanged` subscriber receiving it
   * through the running system, at a steady rate (target p99 ≤ 100 ms at 500/s).
   */
  subscriber: { rate: number; events: number; p50: Spread; p95: Spread; p99: Spread; max: Spread; lost: number };
}

const TENANT = 'bench-events';
/** Changes at the rate before measuring: a system just started has connections to open and code to compile. */
const WARMUP_SECONDS = 3;

/**
 * Measures the pipeline on a throw-away database of the server of `adminUrl`
 * (and a throw-away JetStream stream on NATS), dropped afterwards. The
 * subscriber's latency comes first, on a fresh system whose consumers have no
 * backlog to catch up on (after a few seconds at the rate to warm it up); then
 * the relay, with the system stopped.
 */
export async function measureEvents(adminUrl: string, options: EventsOptions, log: (line: string) => void): Promise<EventsFigures> {
  const serverUrl = Object.assign(new URL(adminUrl), { pathname: '/postgres' }).toString();
  const databaseName = `c360_bench_events_${options.bus}_${Date.now().toString(36)}`;
  const bus: BusConfig = { EVENT_BUS: options.bus, NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', NATS_STREAM: `c360_bench_${randomBytes(4).toString('hex')}` };
  const url = await createDatabase(serverUrl, databaseName);
  let orm: MikroORM | undefined;
  try {
    await prepareDatabase(url, { demo: false, log });
    const customers = SUBGRAPHS.find((definition) => definition.name === 'customers')!;
    orm = await openDatabase({ schema: 'customers', url: subgraphDatabaseUrl(url, 'customers'), entities: customers.entities, migrations: customers.migrations });
    const subscriber = await subscriberLatency(url, orm, bus, options, log);
    const relay = await relayThroughput(url, orm, bus, options, log);
    return { bus: options.bus, relay, subscriber };
  } finally {
    await orm?.close();
    if (options.bus === 'nats') await (await NatsEventBus.connect({ url: bus.NATS_URL, stream: bus.NATS_STREAM, name: 'bench-events' })).destroy();
    await dropDatabase(serverUrl, databaseName);
  }
}

/** `count` customer changes in transactions of `perTransaction`, as the customers subgraph writes them. */
async function writeChanges(orm: MikroORM, count: number, perTransaction: number): Promise<void> {
  for (let written = 0; written < count; written += perTransaction) {
    await forkForTenant(orm, TENANT).transactional((em) => recordEvents(em, 'customers', TENANT, Array.from({ length: Math.min(perTransaction, count - written) }, () => {
      const customerId = newId();
      return { type: 'customer.updated', subject: customerId, data: { customerId, changedFields: ['remarks'] } };
    })));
  }
}

/** Per run: a backlog of `options.events` in the outbox, then a relay started on it; events per second until it is empty. */
async function relayThroughput(url: string, orm: MikroORM, bus: BusConfig, options: EventsOptions, log: (line: string) => void): Promise<EventsFigures['relay']> {
  const rates: number[] = [];
  const eventBus = await openEventBus(bus, url, 'bench-relay');
  try {
    for (let run = 1; run <= options.runs; run += 1) {
      await writeChanges(orm, options.events, 500);
      const relay = new OutboxRelay({ schema: 'customers', url: subgraphDatabaseUrl(url, 'customers'), bus: eventBus });
      const started = performance.now();
      await relay.start();
      await relay.flush();
      const seconds = (performance.now() - started) / 1000;
      await relay.stop();
      rates.push(options.events / seconds);
      log(`run ${run}/${options.runs} relay (${options.bus}): ${options.events} events in ${seconds.toFixed(2)} s, ${rates.at(-1)!.toFixed(0)} /s`);
    }
  } finally {
    await eventBus.close();
  }
  return { events: options.events, perSecond: spread(rates) };
}

/** The system running on the bus; per run, changes at `options.rate` per second and the latency each reaches a subscriber with. */
async function subscriberLatency(url: string, orm: MikroORM, bus: BusConfig, options: EventsOptions, log: (line: string) => void): Promise<EventsFigures['subscriber']> {
  const ports: SystemPorts = { gateway: await freePort(), customers: await freePort(), billing: await freePort(), service: await freePort(), support: await freePort() };
  const system = await startSystem({
    adminUrl: url, ports, env: { ...bus }, gatewayWorkers: 1,
    output: (name, line) => (/error/i.test(line) ? log(`${name}: ${line}`) : undefined),
  });
  const token = await issueToken({ tenant: TENANT, subject: 'bench', roles: ['admin'], secret: DEV_JWT_SECRET });
  const client = subscriptionClient(system.gatewayUrl, `Bearer ${token}`);
  const runs: number[][] = [];
  let lost = 0;
  try {
    await oneRun(client, orm, { ...options, seconds: WARMUP_SECONDS });
    for (let run = 1; run <= options.runs; run += 1) {
      const latencies = await oneRun(client, orm, options);
      lost += Math.round(options.rate * options.seconds) - latencies.length;
      runs.push(latencies);
      log(`run ${run}/${options.runs} subscriber (${options.bus}) at ${options.rate}/s: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, ${latencies.length} events`);
    }
  } finally {
    await client.close();
    await system.stop();
  }
  const of = (p: number) => spread(runs.map((latencies) => percentile(latencies, p)));
  return { rate: options.rate, events: Math.round(options.rate * options.seconds), p50: of(50), p95: of(95), p99: of(99), max: of(100), lost };
}

/** One subscription, `rate × seconds` changes in ten transactions a second; each event's latency in milliseconds, sorted. */
async function oneRun(client: SubscriptionClient, orm: MikroORM, options: EventsOptions): Promise<number[]> {
  const total = Math.round(options.rate * options.seconds);
  const subscription = client.subscribe<{ customerChanged: { time: string } }>('subscription { customerChanged { id time } }');
  // The protocol does not acknowledge a subscription: give it a moment to reach the gateway.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  // The predicate runs as each event arrives: it notes when.
  const arrivals: number[] = [];
  const all = subscription.waitFor((events) => {
    while (arrivals.length < events.length) arrivals.push(Date.now());
    return events.length >= total;
  }, options.seconds * 1000 + 60_000).catch(() => undefined);
  const perTick = Math.max(1, Math.round(options.rate / 10));
  const started = Date.now();
  for (let written = 0, tick = 0; written < total; written += perTick, tick += 1) {
    const due = started + tick * 100;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    await writeChanges(orm, Math.min(perTick, total - written), perTick);
  }
  await all;
  subscription.unsubscribe();
  return subscription.events.map((event, index) => arrivals[index]! - Date.parse(event.customerChanged.time)).sort((a, b) => a - b);
}
