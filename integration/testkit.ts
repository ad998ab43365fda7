import { issueToken } from '@c360/gateway/auth';
import { DEV_JWT_SECRET } from '@c360/gateway/env';
import { postGraphQL, type GraphQLResponse } from '@c360/kit/testing';
import { freePort, PortTakenError, startSystem, SUBGRAPH_NAMES, type RunningSystem, type SubgraphName, type SystemPorts } from '@c360/scripts/system';

export interface TestSystem extends RunningSystem {
  /** Sends a query to the gateway with a bearer token for this tenant. */
  as(tenant: string, roles?: string[]): <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<T>>;
  /** SQL statements the subgraphs ran while serving requests, summed over the four. */
  statementsInRequests(): Promise<number>;
  /** A counter of one subgraph's `/metrics` (e.g. `c360_graphql_requests_total`). */
  metric(subgraph: SubgraphName, name: string): Promise<number>;
}

/**
 * Every test system's gateway sends the webhooks queued in the shared test
 * database, whichever test queued them: all of them allow the tests' local
 * receivers (loopback) and retry on a short schedule, so that a delivery does
 * not depend on which system picked it up.
 */
export const TEST_WEBHOOK_ENV = { WEBHOOK_ALLOW_TARGETS: 'loopback', WEBHOOK_RETRY_SCHEDULE: '0.3,0.3,0.3', WEBHOOK_TIMEOUT_MS: '5000' };

/**
 * The whole system as separate processes on free ports, against this run's
 * database; `env` is added to every process's environment (e.g. a subgraph's
 * third-party URLs). `opsApp` also serves the ops app (Vite's dev server, on a
 * free port) and turns on the gateway's development sign-in that it uses.
 */
export async function startTestSystem(adminUrl: string, env: NodeJS.ProcessEnv = {}, options: { opsApp?: boolean } = {}): Promise<TestSystem> {
  const { system, ports } = await startOnFreePorts(adminUrl, env, options);
  const metric = async (subgraph: SubgraphName, name: string) => {
    const metrics = await (await fetch(`http://127.0.0.1:${ports[subgraph]}/metrics`)).text();
    return Number(metrics.match(new RegExp(`^${name} (\\d+)$`, 'm'))?.[1] ?? NaN);
  };
  return {
    ...system,
    as(tenant, roles = ['admin']) {
      const token = issueToken({ tenant, subject: `${tenant}-user`, roles, secret: DEV_JWT_SECRET });
      return async (query, variables) => postGraphQL(system.gatewayUrl, { query, ...(variables ? { variables } : {}) }, { authorization: `Bearer ${await token}` });
    },
    async statementsInRequests() {
      const counts = await Promise.all(SUBGRAPH_NAMES.map((name) => metric(name, 'c360_sql_statements_in_requests_total')));
      return counts.reduce((total, count) => total + count, 0);
    },
    metric,
  };
}

/**
 * Test files run in parallel, each choosing free ports before its processes
 * listen: another file's process (or an outgoing connection) can take one in
 * between. The system then starts again on other ports.
 */
async function startOnFreePorts(adminUrl: string, env: NodeJS.ProcessEnv, options: { opsApp?: boolean }, attempts = 3): Promise<{ system: RunningSystem; ports: SystemPorts }> {
  const ports: SystemPorts = { gateway: await freePort(), customers: await freePort(), billing: await freePort(), service: await freePort(), support: await freePort() };
  const opsApp = options.opsApp ? { opsApp: { port: await freePort() }, devTokens: true } : {};
  try {
    const system = await startSystem({ adminUrl, ports, env: { ...TEST_WEBHOOK_ENV, ...env }, gatewayWorkers: 1, ...opsApp, output: (name, line) => {
      if (/error/i.test(line)) console.error(`[${name}] ${line}`);
    } });
    return { system, ports };
  } catch (error) {
    if (!(error instanceof PortTakenError) || attempts <= 1) throw error;
    console.error(`[test system] ${error.message}; starting again on other ports`);
    return startOnFreePorts(adminUrl, env, options, attempts - 1);
  }
}

/** Polls until `check` passes: events travel between processes asynchronously. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
