import { randomBytes } from 'node:crypto';
import { signCaller, type Caller } from '../context.ts';
import { DEV_GATEWAY_SIGNING_SECRET } from '../env.ts';
import { subgraphDatabaseUrl } from '../db/provision.ts';
import { runSubgraph, type BaseContext, type RunningSubgraph, type SubgraphDefinition } from '../graphql/subgraph.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Administrator URL of the test run's fresh, migrated database (see scripts/test-database.ts). */
    adminUrl: string;
  }
}

/** A tenant id no other test uses: tests sharing one database never see each other's rows. */
export const testTenant = (label = 't') => `${label}_${randomBytes(5).toString('hex')}`;

export const testCaller = (tenantId: string, roles: string[] = ['admin']): Caller => ({ tenantId, subject: `test-${tenantId}`, roles, scopes: [] });

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

export async function postGraphQL<T = Record<string, any>>(url: string, body: { query: string; variables?: Record<string, unknown> }, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, ...((await response.json()) as object) };
}

export interface TestSubgraph extends RunningSubgraph {
  /** Sends a query as the gateway would: with a signed caller header. */
  query<T = Record<string, any>>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

/** Boots a real subgraph (HTTP server, its own database role) on a free port. */
export async function startTestSubgraph<C extends BaseContext>(definition: SubgraphDefinition<C>, adminUrl: string): Promise<TestSubgraph> {
  const running = await runSubgraph(definition, {
    DATABASE_URL: subgraphDatabaseUrl(adminUrl, definition.name),
    GATEWAY_SIGNING_SECRET: DEV_GATEWAY_SIGNING_SECRET,
    PORT: '0',
  });
  return {
    ...running,
    async query(caller, query, variables) {
      return postGraphQL(running.url, { query, ...(variables ? { variables } : {}) }, { 'x-c360-caller': await signCaller(caller, DEV_GATEWAY_SIGNING_SECRET) });
    },
  };
}

/**
 * Every index and constraint of these schemas as defined, a constraint not yet
 * checked marked so: equal lists before and after prove that DDL (a seed's bulk
 * load) left them as the migrations made them. `query` runs SQL with $n
 * parameters on any connection (one inside a transaction sees its changes).
 */
export async function schemaDefinitions(query: (sql: string, params: unknown[]) => Promise<{ definition: string }[]>, schemas: string[]): Promise<string[]> {
  const rows = await query(`
    SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
    WHERE c.relnamespace::regnamespace::text = ANY($1)
    UNION ALL
    SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || CASE WHEN convalidated THEN '' ELSE ' (not checked)' END
    FROM pg_constraint WHERE connamespace::regnamespace::text = ANY($1)
    ORDER BY 1`, [schemas]);
  return rows.map((row) => row.definition);
}
