import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { subgraphDatabaseUrl } from '../src/index.ts';

/** Each subgraph's role may use its own schema and the bus's functions, nothing else. */
describe('database roles', () => {
  let customers: pg.Client;
  beforeAll(async () => {
    customers = new pg.Client({ connectionString: subgraphDatabaseUrl(inject('adminUrl'), 'customers') });
    await customers.connect();
  });
  afterAll(() => customers?.end());

  it('cannot read another subgraph schema', async () => {
    await expect(customers.query('SELECT count(*) FROM billing.outbox')).rejects.toThrow(/permission denied/);
  });

  it('cannot create tables outside its schema', async () => {
    await expect(customers.query('CREATE TABLE public.sneaky (id int)')).rejects.toThrow(/permission denied/);
  });

  it('cannot touch the bus tables directly, only call its functions', async () => {
    await expect(customers.query('SELECT count(*) FROM bus.event')).rejects.toThrow(/permission denied/);
    await expect(customers.query('SELECT * FROM bus.read(0, NULL, 1)')).resolves.toBeDefined();
  });

  it('owns its own schema', async () => {
    const { rows } = await customers.query(`SELECT count(*)::int AS n FROM customers.outbox`);
    expect(rows[0].n).toBeGreaterThanOrEqual(0);
  });
});
