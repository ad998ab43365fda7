import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineEntity, p } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  BusConsumer, OutboxRelay, PostgresEventBus, migrate, openDatabase, provisionDatabase, recordEvents, recordHistory, subgraphDatabaseUrl,
  type EventEnvelope,
} from '../src/index.ts';
import { testTenant } from '../src/testing/index.ts';

/** Past events (demo data, imports) next to live ones, on a throwaway schema with its own relay and the PostgreSQL bus. */
const SCHEMA = 'kit_history';

/** The ORM wants one entity; the events need no table of their own. */
const Probe = defineEntity({ name: 'Probe', tableName: 'probe', properties: { id: p.integer().primary() } });
class ProbeTable extends Migration {
  override async up() {
    this.addSql(`CREATE TABLE ${SCHEMA}.probe (id serial PRIMARY KEY)`);
  }
}

let orm: MikroORM;
let bus: PostgresEventBus;
let relay: OutboxRelay;
beforeAll(async () => {
  const adminUrl = inject('adminUrl');
  await provisionDatabase(adminUrl, [SCHEMA]);
  const url = subgraphDatabaseUrl(adminUrl, SCHEMA);
  orm = await openDatabase({ schema: SCHEMA, url, entities: [Probe], migrations: [{ name: 'Probe0001', class: ProbeTable }] });
  await migrate(orm);
  bus = new PostgresEventBus({ url, name: 'kit-history-test' });
  relay = new OutboxRelay({ schema: SCHEMA, url, bus, pollMs: 100 });
  await relay.start();
});
afterAll(async () => {
  await relay?.stop();
  await bus?.close();
  await orm?.close();
});

/** A consumer that keeps what it is handed, of one tenant. */
function watcher(name: string, tenant: string, history: boolean, seen: EventEnvelope[]) {
  return new BusConsumer({
    name, types: ['probe.done'], history,
    async handle(_em, event) {
      if (event.tenantid === tenant) seen.push(event);
    },
  }, { schema: SCHEMA, orm, bus });
}

describe('events of the past', () => {
  it('are recorded at their own time, oldest first, once, and reach only the consumers that take history', async () => {
    const tenant = testTenant();
    const past = [
      { type: 'probe.done', subject: 'b', data: { label: 'later' }, time: '2024-05-02T10:00:00.000Z' },
      { type: 'probe.done', subject: 'a', data: { label: 'earlier' }, time: new Date('2023-01-15T08:30:00Z') },
    ];
    const recorded = await orm.em.fork().transactional(async (em) => {
      const envelopes = await recordHistory(em, SCHEMA, tenant, past);
      await recordEvents(em, SCHEMA, tenant, [{ type: 'probe.done', subject: 'c', data: { label: 'live' } }]);
      return envelopes;
    });
    expect(recorded.map((event) => [event.data.label, event.time, event.history])).toEqual([
      ['earlier', '2023-01-15T08:30:00.000Z', true], ['later', '2024-05-02T10:00:00.000Z', true],
    ]);
    // The same past recorded again is the same event: nothing new in the outbox.
    const again = await orm.em.fork().transactional((em) => recordHistory(em, SCHEMA, tenant, past));
    expect(again.map((event) => event.id).sort()).toEqual(recorded.map((event) => event.id).sort());
    const rows = await orm.em.fork().execute<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${SCHEMA}.outbox WHERE tenant_id = ?`, [tenant]);
    expect(rows[0]?.n).toBe(3);

    const views: EventEnvelope[] = [];
    const actors: EventEnvelope[] = [];
    const consumers = [watcher(`view-${tenant}`, tenant, true, views), watcher(`actor-${tenant}`, tenant, false, actors)];
    await relay.flush();
    for (const consumer of consumers) await consumer.start();
    for (const consumer of consumers) await consumer.catchUp();
    for (const consumer of consumers) await consumer.stop();
    expect(views.map((event) => event.data.label)).toEqual(['earlier', 'later', 'live']);
    expect(actors.map((event) => event.data.label)).toEqual(['live']);
    expect(actors[0]?.history).toBeUndefined();
  });
});
