import { createHash } from 'node:crypto';
import pg from 'pg';
import { demoId, reseededFaker } from './demo.ts';
import { drawSamplePlace, type SamplePlace } from './places.ts';
import { shareSql } from './scale-sql.ts';

/**
 * Seed-scale data: the size of the ISP described in `../shared/seeds` (its data
 * map), times a multiplier. Like the demo data, a domain-free plan says which
 * customers exist, since when, where they receive service and which ones are
 * the heavy tail; each subgraph then generates its own domain from the plan,
 * through its own role, mostly inside PostgreSQL (`INSERT ... SELECT` over
 * `generate_series` with hash-based pseudo-randomness) because that is an order
 * of magnitude faster than shipping rows from Node.
 */

/** Record counts of the reference ISP (its data map): the sizes at scale 1. */
export const ISP_SIZE = Object.freeze({
  customers: 12_000,
  invoices: 629_935,
  payments: 343_684,
  serviceLocations: 16_000,
  equipment: 32_000,
  tickets: 98_524,
  quotes: 908,
  /** Customers with at least one quote. */
  quotedCustomers: 529,
  paymentArrangements: 7_283,
  /** Customers with at least one arrangement. */
  arrangedCustomers: 1_687,
  workOrders: 14_486,
  voipLines: 790,
  /** Customers with a VoIP line (some have two lines). */
  voipCustomers: 745,
  /** Lines provisioned on an ATA (the others are softphones or desk phones). */
  ataProvisionedLines: 786,
  /** One per line, plus the registrations of lines that are gone (`e911Orphans`). */
  e911Records: 1_014,
  e911Orphans: 224,
  ipAssignments: 20_999,
  suspensions: 1_049,
  addressHistory: 16_284,
  notes: 29_245,
  /** Stripe cards, Paysafe profiles and bank pre-authorised debits on file. */
  stripeCards: 752,
  stripeAutoPay: 143,
  paysafeProfiles: 658,
  bankDebits: 655,
});

/**
 * Volumes the data map does not give, chosen for a realistic shape at scale 1
 * (the counts of the derived records, such as quote lines or visits, follow
 * from these).
 */
export const SCALE_VOLUMES = Object.freeze({
  contacts: 6_000,
  lifeEvents: 9_000,
  emails: 36_000,
  partnerLinks: 480,
  creditLedgerEntries: 3_000,
  /** Customers with a credit limit set. */
  creditAccounts: 600,
  vouchers: 240,
  /** Staff of support; the field team grows if the busiest visit slot needs more. */
  technicians: 36,
  dispatchJobs: 10_000,
  /** Lines whose location moved while their 911 address stayed behind: what the 911 audit must find. */
  e911AddressMismatches: 31,
});

/** The ISP's agents, as the subjects their changes are recorded under (authors of notes, arrangements, lifts...). */
export const SCALE_STAFF = Object.freeze(['agent:mdupont', 'agent:jtremblay', 'agent:sgagnon', 'agent:lbergeron', 'agent:kwilson', 'agent:elavoie']);

/** "Now" of the scale data, fixed so that every run produces the same rows. */
export const SCALE_NOW = new Date('2026-11-01T00:00:00Z');
/** Years of history before SCALE_NOW. */
export const SCALE_HISTORY_YEARS = 10;

export interface ScaleCustomer {
  index: number;
  id: string;
  /** One service location, two for every third customer (as many as the ISP has: 16 000 for 12 000). */
  locationIds: string[];
  /** When they became a customer: up to ten years ago, older customers being more common. */
  since: Date;
  /** When they left (their history stops there), or null for a current customer. */
  until: Date | null;
  /** The heavy tail: a few business accounts with ten times the history of the others. */
  heavy: boolean;
  language: 'fr' | 'en';
  /**
   * Since when a current customer is suspended (for non-payment: billing leaves
   * their last invoices unpaid, service disables their ports), or null.
   */
  suspendedSince: Date | null;
}

export interface ScalePlan {
  tenantId: string;
  name: string;
  /** Multiplier of ISP_SIZE: 1 is the ISP, 10 ten times it, 0.1 a tenth. */
  size: number;
  customers: ScaleCustomer[];
}

/** How many rows of an entity a plan asks for: the ISP's count times the plan's size. */
export const planned = (plan: ScalePlan, ispCount: number): number => Math.round(ispCount * plan.size);

/** A number in [0, 1) that depends only on its key: the plan's pseudo-randomness. */
export function unitHash(...parts: (string | number)[]): number {
  return createHash('md5').update(parts.join('/')).digest().readUIntBE(0, 6) / 2 ** 48;
}

const DAY = 86_400_000;
/** One heavy account in about a thousand; every such index has two locations (501 and 1002 are multiples of 3). */
const isHeavy = (index: number) => index % 1002 === 501;

function planCustomer(tenantId: string, index: number): ScaleCustomer {
  const rand = (what: string) => unitHash(tenantId, 'customer', index, what);
  const history = SCALE_HISTORY_YEARS * 365 * DAY;
  const heavy = isHeavy(index);
  // sqrt skews towards long tenures: an ISP keeps most of its customers for years.
  const since = new Date(SCALE_NOW.getTime() - (heavy ? history : Math.max(30 * DAY, history * Math.sqrt(rand('since')))));
  const left = !heavy && rand('left') < 0.12;
  const until = left ? new Date(since.getTime() + (SCALE_NOW.getTime() - since.getTime()) * (0.2 + 0.75 * rand('until'))) : null;
  return {
    index,
    id: demoId(tenantId, 'customer', index),
    locationIds: Array.from({ length: index % 3 === 0 ? 2 : 1 }, (_, n) => demoId(tenantId, 'location', index, n)),
    since,
    until,
    heavy,
    language: rand('language') < 0.7 ? 'fr' : 'en',
    suspendedSince: null,
  };
}

/** Current customers suspended for non-payment, per current customer: about one in ninety (at least one in a plan). */
const SUSPENDED_SHARE = 0.011;

/**
 * Suspends an exact number of current customers (not the heavy tail, none in
 * their first four months), drawn by hash, each within the last two months.
 */
function suspendSome(tenantId: string, customers: ScaleCustomer[]): void {
  const rand = (customer: ScaleCustomer, what: string) => unitHash(tenantId, 'customer', customer.index, what);
  const current = customers.filter((customer) => !customer.until && !customer.heavy && SCALE_NOW.getTime() - customer.since.getTime() > 120 * DAY);
  const count = Math.min(current.length, Math.max(1, Math.round(current.length * SUSPENDED_SHARE)));
  const drawn = current.map((customer) => ({ customer, draw: rand(customer, 'suspended') })).sort((a, b) => a.draw - b.draw).slice(0, count);
  for (const { customer } of drawn) customer.suspendedSince = new Date(SCALE_NOW.getTime() - Math.floor((1 + 59 * rand(customer, 'suspended-since')) * DAY));
}

export function scalePlan(tenantId: string, name: string, size: number): ScalePlan {
  if (!(size > 0)) throw new Error(`scale must be a positive number, not ${size}`);
  const count = Math.round(ISP_SIZE.customers * size);
  const customers = Array.from({ length: count }, (_, index) => planCustomer(tenantId, index));
  suspendSome(tenantId, customers);
  return { tenantId, name, size, customers };
}

/**
 * The faker a planned location's details are drawn from, place first: every
 * subgraph that draws the place of location `n` of a customer finds the same
 * address (service for the location, customers for the billing address).
 * Shared and reseeded (`reseededFaker`): draw from it before the next call.
 */
export const locationFaker = (tenantId: string, customerIndex: number, n: number) =>
  reseededFaker(Math.floor(unitHash(tenantId, 'location', customerIndex, n, 'seed') * 2 ** 31), 'fr');

/** Where a planned location is. */
export const locationPlace = (tenantId: string, customerIndex: number, n: number): SamplePlace => drawSamplePlace(locationFaker(tenantId, customerIndex, n));

/** Reports each table's progress; the command line draws it as bars. */
export interface ScaleProgress {
  table(name: string, total: number): ScaleBar;
}

export interface ScaleBar {
  /** `rows` more of the plan were handled, `inserted` of them were new (the others were there already). */
  advance(rows: number, inserted: number): void;
  /** The table already holds the whole plan: nothing to do. */
  skip(existing: number): void;
}

const CUSTOMER_TABLE_CHUNK = 5_000;

/**
 * A seed session's settings. Nothing waits for a seed's commits to reach the
 * disk (a crash loses at most the last commits, and a rerun adds what is
 * missing); the plans are temp tables of up to ~100 MB per million rows, read
 * many times (temp_buffers, set before the first temp table), sorted and
 * hashed whole (work_mem: the invoices' plan sorts ~60 MB at scale 1 several
 * times); indexes are rebuilt after bulk loads (maintenance_work_mem).
 * No JIT: on a server built with LLVM it compiled every slice's statement
 * anew, two thirds of the time of an invoice slice.
 */
const SESSION_SETTINGS = `SET synchronous_commit = off; SET jit = off; SET temp_buffers = '256MB'; SET work_mem = '256MB'; SET maintenance_work_mem = '256MB'`;

/**
 * What `bulkLoad` sets aside on the tables it loads, as statements to drop and
 * to restore them: the non-unique indexes that back no constraint, then the
 * foreign keys the tables hold. Unique keys and exclusion constraints stay:
 * ON CONFLICT and the data's rules rely on them.
 */
const SET_ASIDE = `
  SELECT format('DROP INDEX %s', i.indexrelid::regclass) AS drop, pg_get_indexdef(i.indexrelid) AS restore, 1 AS step
  FROM pg_index i
  WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisunique AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid)
  UNION ALL
  SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
    format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)), 2
  FROM pg_constraint c
  WHERE c.contype = 'f' AND c.conrelid = ANY($1::regclass[])
  ORDER BY step, drop`;

/** PostgreSQL's SQLSTATE for a transaction it aborted to break a deadlock. */
const DEADLOCK_DETECTED = '40P01';
const BULK_LOAD_ATTEMPTS = 3;

/**
 * One subgraph's connection for seeding, as its own role. It creates, for this
 * session only, the plan's customers as `pg_temp.scale_customer` and these
 * SQL functions (keyed by the tenant, so two tenants get different data):
 *
 * - `pg_temp.scale_rand(key)`: a float in [0, 1) from a hash of the key;
 * - `pg_temp.scale_int(key, lo, hi)`: an integer in [lo, hi];
 * - `pg_temp.scale_pick(key, array)`: one element of the array;
 * - `pg_temp.scale_id(key)`: a deterministic UUID (version 8, RFC 9562 "custom"),
 *   so that a rerun inserts the same ids and `ON CONFLICT DO NOTHING` makes it a no-op.
 */
export class ScaleSession {
  readonly plan: ScalePlan;
  private readonly client: pg.Client;
  private readonly progress: ScaleProgress;

  private constructor(client: pg.Client, plan: ScalePlan, progress: ScaleProgress) {
    this.client = client;
    this.plan = plan;
    this.progress = progress;
  }

  static async open(url: string, plan: ScalePlan, progress: ScaleProgress): Promise<ScaleSession> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const session = new ScaleSession(client, plan, progress);
    try {
      // Month arithmetic and date_trunc on timestamptz follow the session's time zone: pin it, so that the data is the same everywhere.
      await session.query(`SET TimeZone = 'UTC'`);
      await session.query(SESSION_SETTINGS);
      await session.installFunctions();
      await session.loadCustomers();
    } catch (error) {
      await client.end();
      throw error;
    }
    return session;
  }

  get tenantId(): string {
    return this.plan.tenantId;
  }

  async query<R extends object = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.client.query<R>(sql, params)).rows;
  }

  /** Rows of the plan's tenant in a table of the subgraph's schema. */
  async existing(table: string): Promise<number> {
    const [row] = await this.query<{ count: string }>(`SELECT count(*) FROM ${table} WHERE tenant_id = $1`, [this.tenantId]);
    return Number(row?.count ?? 0);
  }

  bar(table: string, total: number): ScaleBar {
    return this.progress.table(table, total);
  }

  /**
   * Loads `total` planned rows into `table` with one bar: `insert(from, to)`
   * writes rows [from, to) of the plan in one statement and returns
   * how many of them were new. A table that already holds its plan is skipped
   * (false) before `prepare` (which plans the rows) runs; a rerun of a partial
   * load inserts only what is missing.
   */
  async fill(table: string, total: number, size: number, insert: (from: number, to: number) => Promise<number>,
    options: { prepare?: () => Promise<unknown> } = {}): Promise<boolean> {
    const bar = this.bar(table, total);
    const existing = await this.existing(table);
    if (existing >= total) {
      bar.skip(existing);
      return false;
    }
    await options.prepare?.();
    await this.inChunks(total, size, async (from, to) => bar.advance(to - from, await insert(from, to)));
    return true;
  }

  /**
   * Plans `total` records spread over owners (the plan's customers by default)
   * in proportion to `weight`, by cumulative rounding (see `shareSql`): creates
   * `pg_temp.<name>` with one row per record, numbered `n` from 0 in owner
   * order, the owner's `columns`, `k` (the record's rank for its owner, from 0)
   * and `count` (its owner's records). `from` may join other tables; its
   * parameters (`params`) are numbered from $2. Returns the rows planned.
   */
  async planShares(name: string, total: number, spec: { weight: string; from?: string; columns?: string; order?: string; params?: unknown[] }): Promise<number> {
    const { weight, from = 'pg_temp.scale_customer c', columns = 'c.*', order = 'c.idx', params = [] } = spec;
    return this.planTable(name, `
      WITH owner AS (SELECT ${columns}, (${weight})::numeric AS weight, ${order} AS owner_order FROM ${from}),
      counted AS (SELECT o.*, ${shareSql('$1::int', 'o.weight', 'o.owner_order')} AS count FROM owner o)
      SELECT (row_number() OVER (ORDER BY o.owner_order, k.k) - 1)::int AS n, o.*, k.k::int AS k
      FROM counted o CROSS JOIN LATERAL generate_series(0, o.count - 1) AS k(k)`, [total, ...params]);
  }

  /**
   * Creates the temp table `name` from `select`, indexes it (by `n`, the row
   * number slices of `fill` are taken by, unless other columns are given) and
   * analyzes it for the statements that read it. Returns its rows.
   */
  async planTable(name: string, select: string, params: unknown[] = [], indexes: readonly string[] = ['n']): Promise<number> {
    await this.query(`CREATE TEMP TABLE ${name} AS ${select}`, params);
    for (const columns of indexes) await this.query(`CREATE INDEX ON pg_temp.${name} (${columns})`);
    await this.query(`ANALYZE pg_temp.${name}`);
    return this.planned(name);
  }

  /** Rows of a temp table: a plan's size. */
  async planned(tempTable: string): Promise<number> {
    const [row] = await this.query<{ count: number }>(`SELECT count(*)::int AS count FROM pg_temp.${tempTable}`);
    return row?.count ?? 0;
  }

  /** Runs an `INSERT ... ON CONFLICT DO NOTHING` (without RETURNING) and says how many rows it inserted. */
  async insert(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.query<{ inserted: number }>(`WITH inserted AS (${sql} RETURNING 1) SELECT count(*)::int AS inserted FROM inserted`, params);
    return row?.inserted ?? 0;
  }

  /** Calls `step(from, to)` over [0, count) in slices of `size`, one statement per slice. */
  async inChunks(count: number, size: number, step: (from: number, to: number) => Promise<void>): Promise<void> {
    for (let from = 0; from < count; from += size) await step(from, Math.min(from + size, count));
  }

  /**
   * Runs `load` in one transaction as the bulk load of `tables` (each with the
   * rows it is about to receive, parents first). A table that holds fewer rows
   * than that, all tenants together, has its secondary indexes and foreign keys
   * (`SET_ASIDE`) dropped for the load and restored, same definitions, before
   * the commit: one sort per index and one join per foreign key cost a fraction
   * of maintaining them row by row. In one transaction, an interrupted seed
   * keeps every index and constraint (and loses the rows, which a rerun loads);
   * other sessions wait for these tables until the commit. A load PostgreSQL
   * aborts to break a deadlock runs again (three attempts).
   */
  async bulkLoad<T>(tables: Record<string, number>, load: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.bulkLoadOnce(tables, load);
      } catch (error) {
        // Its locks are taken parents first, but an application transaction may hold a child and then want its
        // parent: PostgreSQL then aborts one of the two. The load rolled back whole, so it can run again.
        if ((error as { code?: string }).code !== DEADLOCK_DETECTED || attempt === BULK_LOAD_ATTEMPTS) throw error;
      }
    }
  }

  private async bulkLoadOnce<T>(tables: Record<string, number>, load: () => Promise<T>): Promise<T> {
    await this.query('BEGIN');
    try {
      // reltuples: the planner's row count (-1 before the first ANALYZE), enough to tell a bulk load from an addition.
      const bulk = (await this.query<{ name: string }>(
        `SELECT t.name FROM unnest($1::text[], $2::float8[]) WITH ORDINALITY AS t(name, rows, position)
         JOIN pg_class c ON c.oid = t.name::regclass
         WHERE greatest(c.reltuples, 0) < t.rows ORDER BY t.position`,
        [Object.keys(tables), Object.values(tables)],
      )).map((row) => row.name);
      const setAside = bulk.length > 0 ? await this.lockForBulkLoad(bulk) : [];
      for (const { drop } of setAside) await this.query(drop);
      const result = await load();
      for (const { restore } of setAside) await this.query(restore);
      await this.query('COMMIT');
      return result;
    } catch (error) {
      await this.query('ROLLBACK');
      throw error;
    }
  }

  /**
   * Takes every lock a bulk load of `tables` needs before it starts, parents
   * first (the order the application's writes take them in): the tables its
   * foreign keys point at (dropping and adding a foreign key locks them), then
   * the tables themselves; a seed of another tenant running beside this one
   * waits instead of deadlocking. Then reads what to set aside (`SET_ASIDE`):
   * only now, since that other seed may have had them set aside until it
   * committed.
   */
  private async lockForBulkLoad(tables: string[]): Promise<{ drop: string; restore: string }[]> {
    const parents = (await this.query<{ parent: string }>(
      `SELECT DISTINCT c.confrelid::regclass::text AS parent FROM pg_constraint c
       WHERE c.contype = 'f' AND c.conrelid = ANY($1::regclass[]) AND NOT c.confrelid = ANY($1::regclass[])`,
      [tables],
    )).map((row) => row.parent);
    if (parents.length > 0) await this.query(`LOCK TABLE ${parents.join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
    await this.query(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
    return this.query<{ drop: string; restore: string }>(SET_ASIDE, [tables]);
  }

  /** Fresh statistics for the planner: the benchmark reads right after the seed. */
  async analyze(tables: string[]): Promise<void> {
    for (const table of tables) await this.query(`ANALYZE ${table}`);
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  private async installFunctions(): Promise<void> {
    const salt = pg.escapeLiteral(`${this.tenantId}/`);
    // Plain SQL functions: PostgreSQL inlines them into the statements that call them.
    const fn = (signature: string, returns: string, body: string) =>
      this.query(`CREATE FUNCTION pg_temp.${signature} RETURNS ${returns} LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ SELECT ${body} $fn$`);
    // hashtextextended (the hash of hash partitioning, kept stable across versions) is ten times cheaper than md5.
    await fn('scale_rand(key text)', 'float8', `(hashtextextended(${salt} || key, 0) & 4503599627370495)::float8 / 4503599627370496.0::float8`);
    await fn('scale_int(key text, lo int, hi int)', 'int', 'lo + floor(pg_temp.scale_rand(key) * (hi - lo + 1))::int');
    await fn('scale_pick(key text, options anyarray)', 'anyelement', 'options[1 + floor(pg_temp.scale_rand(key) * cardinality(options))::int]');
    await fn('scale_id(key text)', 'uuid', `overlay(overlay(md5(${salt} || 'id/' || key) PLACING '8' FROM 13) PLACING '9' FROM 17)::uuid`);
  }

  private async loadCustomers(): Promise<void> {
    await this.query(`CREATE TEMP TABLE scale_customer (
      idx int PRIMARY KEY, id uuid NOT NULL, location_ids uuid[] NOT NULL, since timestamptz NOT NULL, until timestamptz,
      heavy boolean NOT NULL, language text NOT NULL, suspended_since timestamptz)`);
    const rows = this.plan.customers.map((customer) => ({
      idx: customer.index, id: customer.id, location_ids: customer.locationIds, since: customer.since, until: customer.until,
      heavy: customer.heavy, language: customer.language, suspended_since: customer.suspendedSince,
    }));
    await this.inChunks(rows.length, CUSTOMER_TABLE_CHUNK, (from, to) => this.query(
      `INSERT INTO pg_temp.scale_customer SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS r(idx int, id uuid, location_ids uuid[], since timestamptz, until timestamptz, heavy boolean, language text, suspended_since timestamptz)`,
      [JSON.stringify(rows.slice(from, to))],
    ).then(() => undefined));
    await this.query('ANALYZE pg_temp.scale_customer');
  }
}
