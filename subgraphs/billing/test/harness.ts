import { expect, inject } from 'vitest';
import { startTestSubgraph, testCaller, type GraphQLResponse, type TestSubgraph } from '@c360/kit/testing';
import { loadBillingEnv } from '../src/env.ts';
import { BillingJobs } from '../src/jobs/collections.jobs.ts';
import { createRuntime } from '../src/runtime.ts';
import { createBillingSubgraph } from '../src/subgraph.ts';

/** A billing subgraph booted for a test file, with the helpers its tests share. */
export interface BillingUnderTest {
  subgraph: TestSubgraph;
  /** A query as the gateway would send it for `tenant` (admin unless `roles` say otherwise). */
  query<T = Record<string, any>>(tenant: string, query: string, variables?: Record<string, unknown>, roles?: string[]): Promise<GraphQLResponse<T>>;
  /** The same, failing the test on any error; returns `data`. */
  ok<T = Record<string, any>>(tenant: string, query: string, variables?: Record<string, unknown>, roles?: string[]): Promise<T>;
  sql<T>(query: string, params?: unknown[]): Promise<T[]>;
  /** SQL statements the subgraph ran while serving GraphQL requests, from its metrics endpoint. */
  statementsInRequests(): Promise<number>;
  /** Outbox event types of the tenant, in order, optionally only those about `subject`. */
  eventTypes(tenant: string, subject?: string): Promise<string[]>;
  stop(): Promise<void>;
}

/** Boots billing on this run's database; `env` overrides billing's own variables (CUSTOMERS_URL, STRIPE_API_URL...). */
export async function startBilling(env: Record<string, string> = {}): Promise<BillingUnderTest> {
  const subgraph = await startTestSubgraph(createBillingSubgraph(loadBillingEnv(env)), inject('adminUrl'));
  const query: BillingUnderTest['query'] = (tenant, text, variables, roles) => subgraph.query(testCaller(tenant, roles), text, variables);
  const sql: BillingUnderTest['sql'] = (text, params = []) => subgraph.orm.em.fork().execute(text, params);
  return {
    subgraph,
    query,
    async ok(tenant, text, variables, roles) {
      const result = await query(tenant, text, variables, roles);
      expect(result.errors).toBeUndefined();
      return result.data as never;
    },
    sql,
    async statementsInRequests() {
      const text = await (await fetch(subgraph.url.replace(/\/graphql$/, '/metrics'))).text();
      return Number(/c360_sql_statements_in_requests_total (\d+)/.exec(text)?.[1]);
    },
    async eventTypes(tenant, subject) {
      const rows = await sql<{ type: string }>(
        'SELECT type FROM billing.outbox WHERE tenant_id = ? AND (?::text IS NULL OR subject = ?) ORDER BY seq', [tenant, subject ?? null, subject ?? null]);
      return rows.map((row) => row.type);
    },
    stop: () => subgraph.stop(),
  };
}

/** The scheduled jobs' methods on the subgraph's database, to call directly (never through the schedule's timers). */
export const jobsOf = (billing: BillingUnderTest, env: Record<string, string> = {}) =>
  new BillingJobs({ em: billing.subgraph.orm.em.fork(), ...createRuntime(loadBillingEnv(env)) });

/** The error of a response that must have failed, with its code and field. */
export function errorOf(result: GraphQLResponse): { code?: string; field?: string; message: string } {
  expect(result.errors?.length, JSON.stringify(result.data)).toBeGreaterThan(0);
  const [error] = result.errors!;
  return { message: error!.message, code: error!.extensions?.code, field: error!.extensions?.field };
}

export const line = (description: string, quantity: string, unitPrice: string) => ({ description, quantity, unitPrice });

/** `YYYY-MM-DD` of today plus `days` (UTC), as the services count days. */
export const day = (days = 0): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const CREATE_INVOICE = `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) {
  customerCreated invoice { id number status customer { id } total { amount currency } outstanding { amount } paidAmount { amount }
    paymentAttempts { status failureCode failureReason processorReference amount { amount } payment { id } } } } }`;
