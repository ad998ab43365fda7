import { expect } from 'vitest';
import { testCaller, type TestSubgraph } from '@c360/kit/testing';
import type { Caller } from '@c360/kit';

/** A GraphQL client for one tenant (admin unless told otherwise) against a test subgraph. */
export function client(subgraph: TestSubgraph, tenant: string, roles?: string[], subject?: string) {
  const caller: Caller = { ...testCaller(tenant, roles), ...(subject ? { subject } : {}) };
  const raw = (query: string, variables?: Record<string, unknown>) => subgraph.query(caller, query, variables);
  /** Runs a query that must succeed and returns its data. */
  const ok = async (query: string, variables?: Record<string, unknown>) => {
    const result = await raw(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data as Record<string, any>;
  };
  /** Runs a query that must fail and returns its first error's extensions. */
  const fails = async (query: string, variables?: Record<string, unknown>) => {
    const result = await raw(query, variables);
    expect(result.errors?.length).toBeGreaterThan(0);
    return result.errors![0]!.extensions as Record<string, any>;
  };
  return { caller, raw, ok, fails };
}

export type Client = ReturnType<typeof client>;

export const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer {
  id name kind category phone email version status tags
  contacts { id name isPrincipal version } addresses { id type isDefault version comparisonKey }
} } }`;

export async function createCustomer(gql: Client, input: Record<string, unknown>) {
  return (await gql.ok(CREATE, { input })).createCustomer.customer as Record<string, any>;
}

/** SQL statements the subgraph ran while serving GraphQL requests, from its metrics endpoint. */
export async function statementsInRequests(subgraph: TestSubgraph): Promise<number> {
  const text = await (await fetch(subgraph.url.replace(/\/graphql$/, '/metrics'))).text();
  return Number(/c360_sql_statements_in_requests_total (\d+)/.exec(text)?.[1]);
}

/** The outbox events about a subject, in order. */
export async function outbox(subgraph: TestSubgraph, subject: string) {
  return subgraph.orm.em.fork().execute<{ type: string; envelope: any }[]>('SELECT type, envelope FROM customers.outbox WHERE subject = ? ORDER BY seq', [subject]);
}

/** Rows of a table for a tenant (to prove that a refused change stored nothing). */
export async function countRows(subgraph: TestSubgraph, table: string, tenant: string): Promise<number> {
  const [row] = await subgraph.orm.em.fork().execute<{ n: number }[]>(`SELECT count(*)::int AS n FROM customers.${table} WHERE tenant_id = ?`, [tenant]);
  return row?.n ?? 0;
}

export async function outboxCount(subgraph: TestSubgraph, tenant: string): Promise<number> {
  return countRows(subgraph, 'outbox', tenant);
}
