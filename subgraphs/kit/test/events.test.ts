import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineEntity, p } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  BusConsumer, NatsEventBus, OutboxRelay, PostgresEventBus, forkForTenant, migrate, openDatabase, provisionDatabase, recordEvents,
  subgraphDatabaseUrl, tenantFilter, type EventBus, type EventEnvelope,
} from '../src/index.ts';
import { testTenant } from '../src/testing/index.ts';

/**
 * The same guarantees on both buses: PostgreSQL (the default) and NATS
 * JetStream (the server on 127.0.0.1:4222, with a stream of this run's own,
 * deleted at the end). Each bus gets a throwaway subgraph schema with one
 * table and its own relay (one outbox feeds one bus), to exercise the kit
 * without any domain.
 */
const BUSES = [
  { kind: 'postgres', schema: 'kit_events' },
  { kind: 'nats', schema: 'kit_events_nats' },
] as const;

const Probe = defineEntity({
  name: 'Probe',
  tableName: 'probe',
  filters: tenantFilter,
  properties: { id: p.integer().primary(), tenantId: p.string(), label: p.string() },
});
const probeTable = (schema: string) => class ProbeTable extends Migration {
  override async up() {
    this.addSql(`CREATE TABLE ${schema}.probe (id serial PRIMARY KEY, tenant_id text NOT NULL, label text NOT NULL)`);
  }
};

const labelsOf = (events: EventEnvelope[], tenant: string) => events.filter((event) => event.tenantid === tenant).map((event) => event.data.label);

describe.each(BUSES)('outbox, relay and consumers on the $kind bus', ({ kind, schema: SCHEMA }) => {
  let orm: MikroORM;
  let relay: OutboxRelay;
  let bus: EventBus;

  beforeAll(async () => {
    const adminUrl = inject('adminUrl');
    await provisionDatabase(adminUrl, [SCHEMA]);
    const url = subgraphDatabaseUrl(adminUrl, SCHEMA);
    orm = await openDatabase({ schema: SCHEMA, url, entities: [Probe], migrations: [{ name: 'Probe0001', class: probeTable(SCHEMA) }] });
    await migrate(orm);
    bus = kind === 'nats'
      ? await NatsEventBus.connect({ url: 'nats://127.0.0.1:4222', stream: `c360_test_${randomBytes(6).toString('hex')}`, name: 'kit-test' })
      : new PostgresEventBus({ url, name: 'kit-test' });
    relay = new OutboxRelay({ schema: SCHEMA, url, bus, pollMs: 100 });
    await relay.start();
  });
  afterAll(async () => {
    await relay?.stop();
    if (bus instanceof NatsEventBus) await bus.destroy();
    else await bus?.close();
    await orm?.close();
  });

  /** One change and its event, committed (or rolled back) together. */
  async function change(tenant: string, subject: string, label: string, fail = false) {
    await forkForTenant(orm, tenant).transactional(async (em) => {
      await em.insert(Probe, { tenantId: tenant, label });
      await recordEvents(em, SCHEMA, tenant, [{ type: 'probe.changed', subject, data: { label } }]);
      if (fail) throw new Error('rolled back on purpose');
    }).catch((error: Error) => {
      if (!fail) throw error;
    });
  }

  function recordingConsumer(name: string, seen: EventEnvelope[], failOn?: string) {
    return new BusConsumer({
      name,
      types: ['probe.changed'],
      async handle(em, event) {
        if (event.data.label === failOn) throw new Error('handler failed');
        seen.push(event);
        await em.insert(Probe, { tenantId: event.tenantid, label: `seen:${event.data.label}` });
      },
    }, { schema: SCHEMA, orm, bus });
  }

  it('delivers committed events in order per entity, never rolled-back ones, as CloudEvents', async () => {
    const tenant = testTenant();
    const seen: EventEnvelope[] = [];
    const consumer = recordingConsumer(`order-${tenant}`, seen);
    await consumer.start();
    await Promise.all([
      (async () => { for (const n of [1, 2, 3]) await change(tenant, 'entity-a', `a${n}`); })(),
      (async () => { for (const n of [1, 2, 3]) await change(tenant, 'entity-b', `b${n}`); })(),
      change(tenant, 'entity-c', 'never', true),
    ]);
    await relay.flush();
    await consumer.catchUp();
    const mine = seen.filter((event) => event.tenantid === tenant);
    expect(mine.filter((event) => event.subject === 'entity-a').map((event) => event.data.label)).toEqual(['a1', 'a2', 'a3']);
    expect(mine.filter((event) => event.subject === 'entity-b').map((event) => event.data.label)).toEqual(['b1', 'b2', 'b3']);
    expect(labelsOf(seen, tenant)).not.toContain('never');
    expect(mine[0]).toMatchObject({ specversion: '1.0', type: 'probe.changed', source: `/c360/${SCHEMA}`, datacontenttype: 'application/json' });
    await consumer.stop();
  });

  it('applies each event once per consumer even when replayed, and keeps its position across restarts', async () => {
    const tenant = testTenant();
    const name = `replay-${tenant}`;
    const seen: EventEnvelope[] = [];
    const first = recordingConsumer(name, seen);
    await first.start();
    await change(tenant, 'x', 'one');
    await change(tenant, 'x', 'two');
    await relay.flush();
    await first.catchUp();
    await first.stop();
    expect(labelsOf(seen, tenant)).toEqual(['one', 'two']);

    // A new instance under the same name resumes after 'two'.
    await change(tenant, 'x', 'three');
    await relay.flush();
    const second = recordingConsumer(name, seen);
    await second.start();
    await second.catchUp();
    expect(labelsOf(seen, tenant)).toEqual(['one', 'two', 'three']);

    // Replaying from the start re-reads everything but applies nothing twice.
    await second.rewind({ position: 0 });
    await second.catchUp();
    await second.stop();
    expect(labelsOf(seen, tenant)).toEqual(['one', 'two', 'three']);
    const effects = await forkForTenant(orm, tenant).find(Probe, { label: { $like: 'seen:%' } });
    expect(effects).toHaveLength(3);
  });

  it('retries an event whose handler failed, without losing the ones before it (at least once)', async () => {
    const tenant = testTenant();
    const name = `retry-${tenant}`;
    const seen: EventEnvelope[] = [];
    const failing = recordingConsumer(name, seen, 'poison');
    await failing.start();
    await change(tenant, 'y', 'before');
    await change(tenant, 'y', 'poison');
    await relay.flush();
    await failing.catchUp();
    await failing.stop();
    // What committed: 'before' once (a handler may run again for a batch that rolled back; its effects do not).
    const effects = async () => (await forkForTenant(orm, tenant).find(Probe, { label: { $like: 'seen:%' } }, { orderBy: { id: 'asc' } })).map((probe) => probe.label);
    expect(await effects()).toEqual(['seen:before']);
    expect(labelsOf(seen, tenant)).not.toContain('poison');

    const fixed = recordingConsumer(name, seen);
    await fixed.start();
    await fixed.catchUp();
    await fixed.stop();
    expect(await effects()).toEqual(['seen:before', 'seen:poison']);
  });

  it('finds an event\'s position by id and replays from a time', async () => {
    const tenant = testTenant();
    await change(tenant, 'z', 'old');
    await relay.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const boundary = new Date();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await change(tenant, 'z', 'new');
    await relay.flush();
    const seen: EventEnvelope[] = [];
    const consumer = recordingConsumer(`time-${tenant}`, seen);
    const head = await bus.head();
    await consumer.rewind({ position: head });
    await consumer.start();
    await consumer.catchUp();
    expect(labelsOf(seen, tenant)).toEqual([]);

    await consumer.rewind({ time: boundary });
    await consumer.catchUp();
    expect(labelsOf(seen, tenant)).toEqual(['new']);
    await consumer.stop();

    const last = seen.find((event) => event.tenantid === tenant)!;
    expect(await bus.positionOf(last.id)).toEqual({ position: head, tenantId: tenant });
    expect(await bus.positionOf('00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('replays from a time every event at or after it, even one that reached the bus behind an older one', async () => {
    const tenant = testTenant();
    const boundary = new Date(Date.now() - 60_000);
    const probe = (label: string, time: Date): EventEnvelope => ({
      specversion: '1.0', id: randomUUID(), source: `/c360/${SCHEMA}`, type: 'probe.changed', subject: 'v', time: time.toISOString(),
      tenantid: tenant, datacontenttype: 'application/json', data: { label },
    });
    // Another relay's older event lands after this one (independent relays, one of them late).
    await bus.publish([probe('recent', new Date()), probe('late-published', new Date(boundary.getTime() - 60_000))]);
    const seen: EventEnvelope[] = [];
    const consumer = recordingConsumer(`late-${tenant}`, seen);
    await consumer.rewind({ time: boundary });
    await consumer.start();
    await consumer.catchUp();
    await consumer.stop();
    expect(labelsOf(seen, tenant)).toContain('recent');
  });

  // NATS sends several events at once: a failed one must hold back its entity's and customer's later ones.
  it.runIf(kind === 'nats')('never puts a later event of an entity or customer on the bus ahead of one that failed to publish', async () => {
    const tenant = testTenant();
    const [a, b] = [randomUUID(), randomUUID()];
    const event = (customerId: string, label: string, padding = ''): EventEnvelope => ({
      specversion: '1.0', id: randomUUID(), source: `/c360/${SCHEMA}`, type: 'probe.changed', subject: randomUUID(), time: new Date().toISOString(),
      tenantid: tenant, datacontenttype: 'application/json', data: { customerId, label, padding },
    });
    const from = await bus.head();
    // Over the server's largest message (1 MiB by default): refused.
    await expect(bus.publish([event(a, 'a1'), event(a, 'a2', 'x'.repeat(2 ** 21)), event(b, 'b1'), event(a, 'a3'), event(b, 'b2')])).rejects.toThrow();
    const seen: EventEnvelope[] = [];
    const subscription = await bus.subscribe({ after: from, tenantId: tenant, handle: async ({ envelope }) => void seen.push(envelope) });
    await subscription.drain();
    await subscription.close();
    expect(seen.map((envelope) => envelope.data.label)).toEqual(['a1', 'b1', 'b2']);
  });

  it('reads one tenant\'s events only when asked, from any position', async () => {
    const [mine, theirs] = [testTenant(), testTenant()];
    const from = await bus.head();
    await change(theirs, 'w', 'theirs');
    await change(mine, 'w', 'mine');
    await relay.flush();
    const read = async (types?: string[]) => {
      const seen: EventEnvelope[] = [];
      const subscription = await bus.subscribe({ after: from, tenantId: mine, types, handle: async ({ envelope }) => void seen.push(envelope) });
      await subscription.drain();
      await subscription.close();
      return seen.map((event) => [event.tenantid, event.data.label]);
    };
    expect(await read()).toEqual([[mine, 'mine']]);
    // By type too: one type (NATS filters it on the server) or several.
    expect(await read(['probe.other'])).toEqual([]);
    expect(await read(['probe.other', 'probe.changed'])).toEqual([[mine, 'mine']]);
  });
});
