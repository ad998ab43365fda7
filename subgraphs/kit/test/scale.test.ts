import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { ScaleSession, scalePlan, type ScaleProgress } from '../src/index.ts';
import { schemaDefinitions, testTenant } from '../src/testing/index.ts';

/**
 * `ScaleSession.bulkLoad` on a throwaway schema: a parent and a child with a
 * unique key, a secondary index and foreign keys, as a domain's big tables
 * have them.
 */
const SCHEMA = 'kit_scale';
const progress: ScaleProgress = { table: () => ({ advance: () => undefined, skip: () => undefined }) };

let admin: pg.Client;
let session: ScaleSession;

/** The schema's indexes and constraints, read by the test or (inside a bulk load's transaction) by the session. */
const definitions = (client: pg.Client | ScaleSession = admin) => schemaDefinitions(
  async (sql, params) => (client instanceof ScaleSession ? client.query<{ definition: string }>(sql, params) : (await client.query<{ definition: string }>(sql, params)).rows),
  [SCHEMA],
);

const insertChildren = (from: number, to: number) => session.query(
  `INSERT INTO ${SCHEMA}.child (parent_id, n, label) SELECT 1, n, 'child ' || n FROM generate_series($1::int, $2::int - 1) AS n`, [from, to]);

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject('adminUrl') });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA};
    CREATE TABLE ${SCHEMA}.parent (id int PRIMARY KEY, name text NOT NULL);
    CREATE TABLE ${SCHEMA}.child (parent_id int NOT NULL REFERENCES ${SCHEMA}.parent (id), n int NOT NULL, label text NOT NULL,
      PRIMARY KEY (parent_id, n));
    CREATE INDEX child_label_idx ON ${SCHEMA}.child (label) WHERE n > 0;
    INSERT INTO ${SCHEMA}.parent VALUES (1, 'one');`);
  session = await ScaleSession.open(inject('adminUrl'), scalePlan(testTenant('kit-scale'), 'Kit scale', 0.001), progress);
});
afterAll(async () => {
  await session?.close();
  await admin?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await admin?.end();
});

describe('bulk loads', () => {
  it('load a table without its secondary indexes and foreign keys, then restore them as they were, checked', async () => {
    const before = await definitions();
    const during = await session.bulkLoad({ [`${SCHEMA}.child`]: 1_000 }, async () => {
      await insertChildren(0, 1_000);
      return definitions(session);
    });
    expect(during.filter((definition) => !before.includes(definition))).toEqual([]);
    expect(before.filter((definition) => !during.includes(definition))).toEqual([
      `CREATE INDEX child_label_idx ON ${SCHEMA}.child USING btree (label) WHERE (n > 0)`,
      `${SCHEMA}.child child_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES ${SCHEMA}.parent(id)`,
    ]);
    expect(await definitions()).toEqual(before);
    expect((await admin.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.child`)).rows[0].n).toBe(1_000);
  });

  it('keep indexes and constraints, and none of the rows, when the load fails', async () => {
    const before = await definitions();
    await expect(session.bulkLoad({ [`${SCHEMA}.child`]: 1_000_000 }, async () => {
      await insertChildren(1_000, 2_000);
      throw new Error('interrupted');
    })).rejects.toThrow('interrupted');
    expect(await definitions()).toEqual(before);
    expect((await admin.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.child`)).rows[0].n).toBe(1_000);
  });

  it('maintain the indexes row by row when the table already holds more rows than the load adds', async () => {
    await admin.query(`ANALYZE ${SCHEMA}.child`);
    const before = await definitions();
    const during = await session.bulkLoad({ [`${SCHEMA}.child`]: 10 }, async () => {
      await insertChildren(2_000, 2_010);
      return definitions(session);
    });
    expect(during).toEqual(before);
    expect((await admin.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.child`)).rows[0].n).toBe(1_010);
  });

  it('run again, whole, when PostgreSQL aborts one to break a deadlock with an application transaction', async () => {
    const app = new pg.Client({ connectionString: inject('adminUrl') });
    await app.connect();
    try {
      // The application writes a child, then its parent: the other order from the bulk load's locks (parents first).
      await app.query('BEGIN');
      await app.query(`INSERT INTO ${SCHEMA}.child (parent_id, n, label) VALUES (1, 100000, 'written by the application')`);
      const deadlocks = async () => (await admin.query('SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0].n as number;
      const deadlocksBefore = await deadlocks();
      const loading = session.bulkLoad({ [`${SCHEMA}.child`]: 1_000_000 }, () => insertChildren(3_000, 3_010));
      // Once the load holds the parent and waits for the child, the application's update of the parent closes the cycle;
      // the load waited first, so PostgreSQL's check (after deadlock_timeout) finds the cycle there and aborts the load.
      const loadWaits = async () => (await admin.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = '${SCHEMA}.child'::regclass`)).rows[0].n > 0;
      while (!(await loadWaits())) await new Promise((resolve) => setTimeout(resolve, 20));
      await app.query(`UPDATE ${SCHEMA}.parent SET name = 'uno' WHERE id = 1`);
      await app.query('COMMIT');
      await loading;
      // Statistics reach pg_stat_database within a second.
      for (let waited = 0; (await deadlocks()) === deadlocksBefore && waited < 3_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await deadlocks()).toBeGreaterThan(deadlocksBefore);
      const rows = await admin.query(`SELECT count(*) FILTER (WHERE n BETWEEN 3000 AND 3009)::int AS loaded, count(*) FILTER (WHERE n = 100000)::int AS app
        FROM ${SCHEMA}.child`);
      expect(rows.rows[0]).toEqual({ loaded: 10, app: 1 });
      expect((await admin.query(`SELECT name FROM ${SCHEMA}.parent WHERE id = 1`)).rows[0].name).toBe('uno');
    } finally {
      await app.end();
    }
  });

  it('refuse rows that break a foreign key once it is restored', async () => {
    await expect(session.bulkLoad({ [`${SCHEMA}.child`]: 1_000_000 }, () =>
      session.query(`INSERT INTO ${SCHEMA}.child (parent_id, n, label) VALUES (2, 0, 'orphan')`))).rejects.toThrow(/child_parent_id_fkey/);
    expect((await admin.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.child WHERE parent_id = 2`)).rows[0].n).toBe(0);
  });
});
