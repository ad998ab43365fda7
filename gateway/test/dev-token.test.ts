import { afterEach, describe, expect, it } from 'vitest';
import { authenticate } from '../src/auth.ts';
import { gatewayEnvSchema } from '../src/env.ts';
import { startGateway } from '../src/server.ts';

const SECRET = 'a-gateway-test-secret-long-enough';

/** A real gateway on a free port over the committed supergraph; no subgraph is needed for the sign-in. */
async function gateway(env: Record<string, string> = {}) {
  const running = await startGateway(gatewayEnvSchema.parse({ PORT: '0', JWT_SECRET: SECRET, ...env }));
  stops.push(() => running.stop());
  const origin = new URL(running.url).origin;
  return {
    devToken: (body?: string) => fetch(`${origin}/auth/dev-token`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body }),
    }),
    graphql: (token: string | undefined) => fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: '{ __typename }' }),
    }),
  };
}

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.map((stop) => stop()));
  stops = [];
});

describe('POST /auth/dev-token', () => {
  it('does not exist unless DEV_TOKENS=true', async () => {
    for (const env of [{}, { DEV_TOKENS: 'false' }] as Record<string, string>[]) {
      const response = await (await gateway(env)).devToken(JSON.stringify({ tenant: 'demo', role: 'admin' }));
      expect(response.status).toBe(404);
    }
  });

  it('issues a token for the tenant and role, which the gateway then accepts', async () => {
    const { devToken, graphql } = await gateway({ DEV_TOKENS: 'true' });
    const response = await devToken(JSON.stringify({ tenant: 'demo', role: 'agent' }));
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    expect(await authenticate(`Bearer ${token}`, SECRET)).toMatchObject({ tenantId: 'demo', roles: ['agent'] });
    expect((await graphql(undefined)).status).toBe(401);
    expect(await (await graphql(token)).json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses an unknown role, a malformed tenant or a body that is not JSON', async () => {
    const { devToken } = await gateway({ DEV_TOKENS: 'true' });
    expect((await devToken(JSON.stringify({ tenant: 'demo', role: 'root' }))).status).toBe(400);
    expect((await devToken(JSON.stringify({ tenant: "demo' OR 1=1", role: 'admin' }))).status).toBe(400);
    expect((await devToken('not json{')).status).toBe(400);
  });

  it('lists the demo tenants and the roles for the sign-in page', async () => {
    const { devToken } = await gateway({ DEV_TOKENS: 'true' });
    const options = (await (await devToken()).json()) as { tenants: { id: string }[]; roles: string[] };
    expect(options.tenants.map(({ id }) => id)).toEqual(expect.arrayContaining(['demo', 'acme']));
    expect(options.roles).toEqual(expect.arrayContaining(['admin', 'agent', 'viewer']));
  });
});
