import pg from 'pg';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { issueToken } from '@c360/gateway/auth';
import { DEV_JWT_SECRET } from '@c360/gateway/env';
import { postGraphQL, type GraphQLResponse } from '@c360/kit/testing';
import { startTestSystem, type TestSystem } from './testkit.ts';

/**
 * The system of a partner test file (started before its tests, stopped after,
 * with whatever else the file opened: `closeLater`), and an administrator
 * connection to look at what is stored.
 */
export function partnerSystem() {
  const opened: { close(): Promise<void> }[] = [];
  const running = {
    system: undefined as unknown as TestSystem,
    admin: undefined as unknown as pg.Client,
    closeLater<T extends { close(): Promise<void> }>(resource: T): T {
      opened.push(resource);
      return resource;
    },
  };
  beforeAll(async () => {
    running.system = await startTestSystem(inject('adminUrl'));
    running.admin = new pg.Client({ connectionString: inject('adminUrl') });
    await running.admin.connect();
  });
  afterAll(async () => {
    await Promise.all(opened.map((resource) => resource.close()));
    await running.admin?.end();
    await running.system?.stop();
  });
  return running;
}

export const bearer = async (tenant: string, roles = ['admin']) =>
  `Bearer ${await issueToken({ tenant, subject: `${tenant}-${roles.join('-')}`, roles, secret: DEV_JWT_SECRET })}`;

/** Queries the gateway with any Authorization header (a person's token or a partner's key). */
export function client(system: TestSystem, authorization: string) {
  return <T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> =>
    postGraphQL<T>(system.gatewayUrl, { query, ...(variables ? { variables } : {}) }, { authorization });
}

/** Like `client`, for calls that must succeed. */
export function okClient(system: TestSystem, authorization: string) {
  const gql = client(system, authorization);
  return async (query: string, variables?: Record<string, unknown>) => {
    const result = await gql(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data as Record<string, any>;
  };
}

export const errorOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions;

export const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) {
  key apiKey { id name prefix eventTypes fields expiresAt active } } }`;

export async function createKey(system: TestSystem, tenant: string, input: { eventTypes: string[]; fields: string[]; expiresAt?: string }) {
  const gql = okClient(system, await bearer(tenant));
  const { createApiKey } = await gql(CREATE_KEY, { input: { name: 'Partner CRM', ...input } });
  return createApiKey as { key: string; apiKey: { id: string; prefix: string } };
}

export async function createCustomer(gql: ReturnType<typeof okClient>, name: string, extra: Record<string, unknown> = {}) {
  const data = await gql('mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id version } } }', { input: { name, ...extra } });
  return data.createCustomer.customer as { id: string; version: number };
}

export async function renameCustomer(gql: ReturnType<typeof okClient>, customer: { id: string; version: number }, name: string) {
  const data = await gql('mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { id version } } }',
    { input: { id: customer.id, version: customer.version, name } });
  customer.version = data.updateCustomer.customer.version;
}
