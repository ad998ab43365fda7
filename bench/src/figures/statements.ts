import { setTimeout } from 'node:timers/promises';
import type { StatementCounter } from '../statements.ts';
import { post, type HttpTarget } from '../http-load.ts';
import { CUSTOMERS_PAGE, CUSTOMER_360, CUSTOMER_360_PAGE, PAGE_SIZE } from '../queries.ts';
import { onlyWithoutAcs, type BenchCustomer } from './customer360.ts';

/** Requests per measurement: enough for an average, few enough to be quick. */
const REQUESTS = 20;
const SETTLE_MS = 3_000;

export interface StatementFigures {
  /** Statements per request, all subgraphs together. */
  perRequest: number;
  bySubgraph: Record<string, number>;
}

/**
 * SQL statements per request counted at the database: the 360's core and the
 * ops app's whole customer page, of a typical and of a heavy customer (data
 * size), the customers list page with 5 and 50 rows (page size). Requests go one at a time through our gateway.
 */
export async function countStatements(counter: StatementCounter, gateway: HttpTarget, customers: BenchCustomer[]) {
  // A load run that just ended leaves up to 32 requests in flight in the gateway (p99 under a second at c=32):
  // let them finish before counting, or their statements count too.
  await setTimeout(SETTLE_MS);
  const measure = async (query: string, variables: Record<string, unknown>): Promise<StatementFigures> => {
    const bySubgraph = await counter.during(async () => {
      for (let i = 0; i < REQUESTS; i += 1) {
        const answer = await post(gateway, query, variables);
        if (!onlyWithoutAcs(JSON.stringify(answer))) throw new Error(`statement count: the request failed: ${JSON.stringify(answer.errors)}`);
      }
    });
    const perSubgraph = Object.fromEntries(Object.entries(bySubgraph).map(([name, calls]) => [name, calls / REQUESTS]));
    return { perRequest: Object.values(perSubgraph).reduce((total, count) => total + count, 0), bySubgraph: perSubgraph };
  };
  const customer360: Record<string, StatementFigures> = {};
  const page: Record<string, StatementFigures> = {};
  for (const customer of customers) {
    customer360[customer.label] = await measure(CUSTOMER_360, { id: customer.ids[0], pageSize: PAGE_SIZE });
    page[customer.label] = await measure(CUSTOMER_360_PAGE, { id: customer.ids[0], pageSize: PAGE_SIZE });
  }
  return {
    customer360,
    page,
    listPage: { first5: await measure(CUSTOMERS_PAGE, { first: 5 }), first50: await measure(CUSTOMERS_PAGE, { first: 50 }) },
  };
}

export type StatementsResult = Awaited<ReturnType<typeof countStatements>>;
