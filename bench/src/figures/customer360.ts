import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { fetch360, loadLimit, openLimitPool } from '../limit.ts';
import { loadHttp, noGraphQLErrors, post, type HttpTarget } from '../http-load.ts';
import { CUSTOMER_360, CUSTOMER_360_PAGE, PAGE_SIZE, body } from '../queries.ts';
import { cpuMs } from '../processes.ts';
import { spreadOf, type LoadFigures, type LoadSpread } from '../stats.ts';

/**
 * A class of customers: the requests of a run go to each of `ids` in turn, so
 * that concurrent requests differ as they do in real use; the counts are the
 * first one's.
 */
export interface BenchCustomer {
  label: 'typical' | 'heavy';
  ids: string[];
  invoices: number;
  payments: number;
  tickets: number;
  locations: number;
  equipment: number;
}

/** Customers per class: more than the highest concurrency, so that requests in flight rarely coincide. */
const POOL = 64;

export const CONCURRENCIES = [1, 8, 32] as const;
export type Concurrency = (typeof CONCURRENCIES)[number];
const TARGETS = ['ours', 'peer', 'limit'] as const;
export type Target = (typeof TARGETS)[number];
export type Customer360Figures = Record<BenchCustomer['label'], Record<Target, Record<`c${Concurrency}`, LoadSpread>>>;
/** The ops app's whole page has no hand-written limit: gateways only, at c=1 and c=32. */
const PAGE_CONCURRENCIES = [1, 32] as const;
export type PageFigures = Record<BenchCustomer['label'], Partial<Record<'ours' | 'peer', Record<`c${(typeof PAGE_CONCURRENCIES)[number]}`, LoadSpread>>>>;

/**
 * Typical: the active customers around the median number of invoices. Heavy:
 * the heavy tail (500 invoices or more), or the customers with the most
 * invoices when the tail is small.
 */
export async function pickCustomers(adminUrl: string, tenant: string): Promise<BenchCustomer[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ typical: string[]; heavy: string[] }>(`
      WITH invoices AS (
        SELECT i.customer_id, count(*) AS invoices FROM billing.invoice i
        JOIN customers.customer c ON c.tenant_id = i.tenant_id AND c.id = i.customer_id AND c.status = 'ACTIVE'
        WHERE i.tenant_id = $1 GROUP BY i.customer_id
      ), ranked AS (
        SELECT customer_id, invoices, row_number() OVER (ORDER BY invoices, customer_id) AS n, count(*) OVER () AS total,
          row_number() OVER (ORDER BY invoices DESC, customer_id) AS from_top
        FROM invoices
      )
      SELECT
        (SELECT array_agg(customer_id ORDER BY abs(n - (total + 1) / 2), n) FROM ranked WHERE abs(n - (total + 1) / 2) <= $2 / 2) AS typical,
        (SELECT array_agg(customer_id ORDER BY from_top) FROM ranked WHERE invoices >= 500 OR from_top <= 12) AS heavy`, [tenant, POOL]);
    const pools = { typical: rows[0]!.typical.slice(0, POOL), heavy: rows[0]!.heavy };
    return await Promise.all((['typical', 'heavy'] as const).map(async (label) => {
      const { rows: [counts] } = await client.query(`SELECT
          (SELECT count(*) FROM billing.invoice WHERE tenant_id = $1 AND customer_id = $2)::int AS invoices,
          (SELECT count(*) FROM billing.payment WHERE tenant_id = $1 AND customer_id = $2)::int AS payments,
          (SELECT count(*) FROM support.ticket WHERE tenant_id = $1 AND customer_id = $2)::int AS tickets,
          (SELECT count(*) FROM service.service_location WHERE tenant_id = $1 AND customer_id = $2)::int AS locations,
          (SELECT count(*) FROM service.equipment e JOIN service.service_location l ON l.id = e.location_id
            WHERE l.tenant_id = $1 AND l.customer_id = $2)::int AS equipment`, [tenant, pools[label][0]]);
      return { label, ids: pools[label], ...counts } as BenchCustomer;
    }));
  } finally {
    await client.end();
  }
}

/** The first place two JSON values differ, for a readable failure. */
function firstDifference(a: unknown, b: unknown, path = 'customer'): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
}

/** The processes whose CPU time a gateway's run costs: the gateway (primary and workers) and the subgraphs. */
export type WatchedProcesses = (gateway: 'ours' | 'peer') => { gateway: number[]; subgraphs: number[] };

export class Customer360Bench {
  private readonly pools = new Map<number, pg.Pool>();
  /** The peer is optional: bench/focus.ts measures ours alone. */
  private readonly gateways: { ours: HttpTarget; peer?: HttpTarget };
  private readonly tenant: string;
  private readonly watched: WatchedProcesses;

  constructor(gateways: { ours: HttpTarget; peer?: HttpTarget }, tenant: string, watched: WatchedProcesses) {
    this.gateways = gateways;
    this.tenant = tenant;
    this.watched = watched;
  }

  async open(adminUrl: string): Promise<void> {
    for (const concurrency of CONCURRENCIES) this.pools.set(concurrency, await openLimitPool(adminUrl, concurrency));
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.end()));
  }

  /** Both gateways and the limit's statement must give the same customers, field for field; throws otherwise. */
  async checkSameAnswers(customer: BenchCustomer): Promise<number> {
    let bytes = 0;
    for (const id of customer.ids) {
      const limit = await fetch360(this.pools.get(1)!, this.tenant, id);
      if (!limit) throw new Error(`the limit's statement found no customer ${id}`);
      for (const [name, gateway] of Object.entries(this.gateways)) {
        const answer = await post(gateway, CUSTOMER_360, variables(id));
        if (answer.errors) throw new Error(`${name} answered the 360 of ${customer.label} customer ${id} with errors: ${JSON.stringify(answer.errors)}`);
        const difference = firstDifference(answer.data?.customer, limit);
        if (difference) throw new Error(`${name} and the limit's statement disagree for ${customer.label} customer ${id}: ${difference}`);
      }
      bytes += JSON.stringify({ data: { customer: limit } }).length;
    }
    return Math.round(bytes / customer.ids.length);
  }

  /**
   * The ops app's whole page: every gateway answers it, with no error but the
   * equipment's live status (`onlyWithoutAcs`), and the same (the peer
   * included); returns the answer's size in bytes.
   */
  async checkSamePage(customer: BenchCustomer): Promise<number> {
    let bytes = 0;
    for (const id of customer.ids) {
      const answers = await Promise.all(Object.entries(this.gateways).map(async ([name, gateway]) => {
        const answer = await post(gateway, CUSTOMER_360_PAGE, variables(id));
        if (!answer.data?.customer || !onlyWithoutAcs(JSON.stringify(answer))) throw new Error(`${name} answered the page of ${customer.label} customer ${id} with errors: ${JSON.stringify(answer.errors)}`);
        return answer;
      }));
      const difference = answers.length > 1 ? firstDifference(answers[0], answers[1], 'answer') : null;
      if (difference) throw new Error(`our gateway and the peer disagree on the page of ${customer.label} customer ${id}: ${difference}`);
      bytes += JSON.stringify(answers[0]).length;
    }
    return Math.round(bytes / customer.ids.length);
  }

  /**
   * One load run of `query` (the 360's core by default; the limit knows no
   * other). Through a gateway, it also reports the CPU time per request of the
   * gateway and of the subgraphs: on a busy machine latencies swing with the
   * neighbours, CPU time per request much less.
   */
  async run(target: Target, customer: BenchCustomer, concurrency: number, seconds: number, query = CUSTOMER_360): Promise<LoadFigures> {
    const nextId = rotation(customer.ids);
    if (target === 'limit') {
      if (query !== CUSTOMER_360) throw new Error("the limit's statement answers the 360's core only");
      return loadLimit(this.pools.get(concurrency)!, this.tenant, nextId, concurrency, seconds);
    }
    const { gateway, subgraphs } = this.watched(target);
    const before = { gateway: cpuMs(gateway), subgraphs: cpuMs(subgraphs) };
    const gatewayTarget = this.gateways[target];
    if (!gatewayTarget) throw new Error(`no ${target} gateway to measure`);
    const figures = await loadHttp(gatewayTarget, {
      body: () => body(query, variables(nextId())),
      check: (text) => (query === CUSTOMER_360 ? noGraphQLErrors(text) : onlyWithoutAcs(text)) && text.includes('"customer":{'),
    }, concurrency, seconds);
    const perRequest = (used: number) => used / Math.max(1, figures.requests);
    return { ...figures, gatewayCpuMs: perRequest(cpuMs(gateway) - before.gateway), subgraphsCpuMs: perRequest(cpuMs(subgraphs) - before.subgraphs) };
  }

  /** Every target, customer and concurrency, `runs` times; targets take turns so that they see the same conditions. */
  async measure(customers: BenchCustomer[], runs: number, seconds: number, progress: (line: string) => void): Promise<Customer360Figures> {
    const collected = new Map<string, LoadFigures[]>();
    for (let run = 1; run <= runs; run += 1) {
      for (const customer of customers) {
        for (const concurrency of CONCURRENCIES) {
          for (const target of TARGETS) {
            const figures = await this.run(target, customer, concurrency, seconds);
            const key = `${customer.label}/${target}/c${concurrency}`;
            collected.set(key, [...(collected.get(key) ?? []), figures]);
            const cpu = figures.gatewayCpuMs === undefined ? '' : `, CPU/request gateway ${figures.gatewayCpuMs.toFixed(2)} ms + subgraphs ${figures.subgraphsCpuMs!.toFixed(2)} ms`;
            progress(`run ${run}/${runs} 360 ${key}: ${figures.rps.toFixed(0)} req/s, p50 ${figures.p50.toFixed(2)} ms, p99 ${figures.p99.toFixed(2)} ms, ${figures.errors} errors${cpu}`);
          }
        }
      }
    }
    const figures = {} as Customer360Figures;
    for (const customer of customers) {
      figures[customer.label] = Object.fromEntries(TARGETS.map((target) => [target, Object.fromEntries(CONCURRENCIES.map((concurrency) =>
        [`c${concurrency}`, spreadOf(collected.get(`${customer.label}/${target}/c${concurrency}`)!)]))])) as Customer360Figures[BenchCustomer['label']];
    }
    return figures;
  }

  /** The ops app's whole page through each gateway, `runs` times; gateways take turns. */
  async measurePage(customers: BenchCustomer[], runs: number, seconds: number, progress: (line: string) => void): Promise<PageFigures> {
    const gateways = (['ours', 'peer'] as const).filter((target) => this.gateways[target]);
    const collected = new Map<string, LoadFigures[]>();
    for (let run = 1; run <= runs; run += 1) {
      for (const customer of customers) {
        for (const concurrency of PAGE_CONCURRENCIES) {
          for (const target of gateways) {
            const figures = await this.run(target, customer, concurrency, seconds, CUSTOMER_360_PAGE);
            const key = `${customer.label}/${target}/c${concurrency}`;
            collected.set(key, [...(collected.get(key) ?? []), figures]);
            progress(`run ${run}/${runs} page ${key}: ${figures.rps.toFixed(0)} req/s, p50 ${figures.p50.toFixed(2)} ms, p99 ${figures.p99.toFixed(2)} ms, ${figures.errors} errors, CPU/request gateway ${figures.gatewayCpuMs!.toFixed(2)} ms + subgraphs ${figures.subgraphsCpuMs!.toFixed(2)} ms`);
          }
        }
      }
    }
    return Object.fromEntries(customers.map((customer) => [customer.label, Object.fromEntries(gateways.map((target) => [target,
      Object.fromEntries(PAGE_CONCURRENCIES.map((c) => [`c${c}`, spreadOf(collected.get(`${customer.label}/${target}/c${c}`)!)]))]))])) as PageFigures;
  }
}

const variables = (id: string) => ({ id, pageSize: PAGE_SIZE });

/**
 * The benchmark runs without an ACS (GenieACS), as `npm start` does: the
 * page's equipment live status answers ACS_NOT_CONFIGURED, which the ops app
 * shows as a note. Any other error fails the request.
 */
export function onlyWithoutAcs(text: string): boolean {
  const codes = text.match(/"code":"[A-Z_]+"/g) ?? [];
  return codes.every((code) => code === '"code":"ACS_NOT_CONFIGURED"') && (codes.length > 0 || noGraphQLErrors(text));
}

/** Each call gives the next id, round and round. */
export function rotation(ids: string[]): () => string {
  let next = 0;
  return () => ids[next++ % ids.length]!;
}
