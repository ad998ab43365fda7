import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { startTestSubgraph, testCaller, type GraphQLResponse, type TestSubgraph } from '@c360/kit/testing';
import { loadServiceEnv } from '../src/env.ts';
import { serviceDependencies, type ServiceDependencies } from '../src/dependencies.ts';
import { createServiceSubgraph } from '../src/subgraph.ts';

/** A running service subgraph with the third-party systems its test points it at. */
export interface ServiceUnderTest {
  subgraph: TestSubgraph;
  dependencies: ServiceDependencies;
  /** Queries as a caller of `tenant` with `roles` (admin by default). */
  gql<T = Record<string, any>>(tenant: string, query: string, variables?: Record<string, unknown>, roles?: string[]): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/**
 * Boots the subgraph with `env` as its own variables (ACS_URL, E911_PROVIDER_URL...).
 * Its bus consumers are left out: consumer tests call the handlers themselves,
 * so that another process consuming the same bus (the integration tests' system)
 * can never take their events.
 */
export async function startService(adminUrl: string, env: Record<string, string> = {}): Promise<ServiceUnderTest> {
  const dependencies = serviceDependencies(loadServiceEnv(env));
  const subgraph = await startTestSubgraph({ ...createServiceSubgraph(dependencies), consumers: [] }, adminUrl);
  return {
    subgraph,
    dependencies,
    gql: (tenant, query, variables, roles) => subgraph.query(testCaller(tenant, roles), query, variables),
    stop: () => subgraph.stop(),
  };
}

/** The events the subgraph recorded for a tenant, in order. */
export async function outbox(subgraph: TestSubgraph, tenant: string) {
  return subgraph.orm.em.fork().execute<{ type: string; subject: string; envelope: any }[]>(
    'SELECT type, subject, envelope FROM service.outbox WHERE tenant_id = ? ORDER BY seq', [tenant]);
}

/** SQL statements the subgraph sent while serving what `run` asks. */
export async function statementsFor(subgraph: TestSubgraph, run: () => Promise<unknown>): Promise<number> {
  const metrics = async () => Number(/c360_sql_statements_in_requests_total (\d+)/.exec(await (await fetch(subgraph.url.replace(/\/graphql$/, '/metrics'))).text())?.[1]);
  const before = await metrics();
  await run();
  return (await metrics()) - before;
}

/** Runs raw SQL as the subgraph's own role (to look at what is stored). */
export const sql = <T = Record<string, any>>(subgraph: TestSubgraph, query: string, params: unknown[] = []) =>
  subgraph.orm.em.fork().execute<T[]>(query, params);

/** Fails the test with the errors when a response has any; returns its data. */
export function ok<T = Record<string, any>>(response: GraphQLResponse<T>): T {
  expect(response.errors).toBeUndefined();
  return response.data!;
}

export const CREATE_LOCATION = `mutation($input: CreateServiceLocationInput!) { createServiceLocation(input: $input) { location { id version } } }`;

/** Creates a FIBRE location for a (new) customer; returns its id. */
export async function newLocation(service: ServiceUnderTest, tenant: string, address: Record<string, unknown>, customerId: string = randomUUID()): Promise<string> {
  const data = ok(await service.gql(tenant, CREATE_LOCATION, { input: { customerId, connectionType: 'FIBRE', address } }));
  return data.createServiceLocation.location.id;
}
