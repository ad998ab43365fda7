import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATEWAY_SCHEMA, openGatewayDatabase } from '@c360/gateway/database';
import { customersSubgraph } from '@c360/customers';
import { billingSubgraph } from '@c360/billing';
import { serviceSubgraph } from '@c360/service';
import { supportSubgraph } from '@c360/support';
import {
  demoPlan, migrate, openDatabase, provisionDatabase, subgraphDatabaseUrl, DEV_GATEWAY_SIGNING_SECRET, ScaleSession,
  type BaseContext, type DemoTenant, type ScalePlan, type ScaleProgress, type SubgraphDefinition,
} from '@c360/kit';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Customers last: its demo tenant row marks the demo data as complete. */
export const SUBGRAPHS: SubgraphDefinition<BaseContext>[] = [
  billingSubgraph, serviceSubgraph, supportSubgraph, customersSubgraph,
] as unknown as SubgraphDefinition<BaseContext>[];

export const SUBGRAPH_NAMES = ['customers', 'billing', 'service', 'support'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** A subgraph's database URL: `<NAME>_DATABASE_URL` if set, else the admin URL with the subgraph's role. */
export function databaseUrlFor(name: string, adminUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  return env[`${name.toUpperCase()}_DATABASE_URL`] ?? subgraphDatabaseUrl(adminUrl, name, env.DATABASE_ROLE_PASSWORD);
}

async function openSubgraphDatabases(adminUrl: string) {
  return Promise.all(SUBGRAPHS.map(async (definition) => {
    const orm = await openDatabase({ schema: definition.name, url: databaseUrlFor(definition.name, adminUrl), entities: definition.entities, migrations: definition.migrations });
    return { definition, orm };
  }));
}

/** Seeds one tenant's demo data in every subgraph, each through its own role; idempotent. */
export async function seedDemoTenant(adminUrl: string, tenant: DemoTenant): Promise<void> {
  const databases = await openSubgraphDatabases(adminUrl);
  try {
    for (const { definition, orm } of databases) await orm.em.fork().transactional((em) => definition.seedDemo(em, tenant));
  } finally {
    await Promise.all(databases.map(({ orm }) => orm.close()));
  }
}

/**
 * Loads one scale plan into every subgraph (or `only` these), each through its
 * own role and connection, the domains in parallel. Idempotent.
 */
export async function seedScaleTenant(adminUrl: string, plan: ScalePlan, progress: ScaleProgress, only?: readonly string[]): Promise<void> {
  const subgraphs = SUBGRAPHS.filter((definition) => !only || only.includes(definition.name));
  await Promise.all(subgraphs.map(async (definition) => {
    const session = await ScaleSession.open(databaseUrlFor(definition.name, adminUrl), plan, progress);
    try {
      await definition.seedScale(session);
    } finally {
      await session.close();
    }
  }));
}

/**
 * Roles, schemas, the event bus, every subgraph's migrations (each through its
 * own role), and optionally the demo data, loaded once.
 */
export async function prepareDatabase(adminUrl: string, options: { demo: boolean; log?: (line: string) => void }): Promise<void> {
  const log = options.log ?? (() => undefined);
  // The gateway owns a schema too (API keys, webhooks), through its own role.
  await provisionDatabase(adminUrl, [...SUBGRAPH_NAMES, GATEWAY_SCHEMA], process.env.DATABASE_ROLE_PASSWORD);
  const gatewayDatabase = await openGatewayDatabase(databaseUrlFor(GATEWAY_SCHEMA, adminUrl), 1);
  await migrate(gatewayDatabase).finally(() => gatewayDatabase.close());
  const databases = await openSubgraphDatabases(adminUrl);
  try {
    for (const { orm } of databases) await migrate(orm);
    log('migrations applied');
    if (!options.demo) return;
    const customers = databases.find(({ definition }) => definition.name === 'customers')!;
    // The last tenant's customers are seeded last: their settings row means the demo data is complete.
    const marker = await customers.orm.em.fork().execute<{ id: string }[]>('SELECT id FROM customers.tenant WHERE id = ?', [demoPlan().at(-1)!.id]);
    if (marker.length > 0) {
      log('demo data already loaded');
      return;
    }
  } finally {
    await Promise.all(databases.map(({ orm }) => orm.close()));
  }
  for (const tenant of demoPlan()) {
    await seedDemoTenant(adminUrl, tenant);
    log(`demo data loaded: tenant ${tenant.id} (${tenant.customers.length} customers)`);
  }
}

/** A free TCP port on loopback (for test systems that must not collide). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface SystemPorts {
  gateway: number;
  customers: number;
  billing: number;
  service: number;
  support: number;
}

export const DEFAULT_PORTS: SystemPorts = { gateway: 4000, customers: 4001, billing: 4002, service: 4003, support: 4004 };

export interface RunningSystem {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  /** The ops app's dev server, when it was asked for. */
  opsAppUrl?: string;
  /** Stops one process (a subgraph, the gateway): tests use it to prove the rest keeps working. */
  stopProcess(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Vite's command-line entry, resolved from the web workspace (wherever npm hoisted it). */
function viteEntry(): string {
  const vitePackage = createRequire(join(ROOT, 'web', 'package.json')).resolve('vite/package.json');
  return join(dirname(vitePackage), 'bin', 'vite.js');
}

/** A process could not serve on the port it was given: another process has it (a test system started beside this one). */
export class PortTakenError extends Error {}

/**
 * Resolves once `url` answers 200; fails when the process exits first or after `timeoutMs`. With
 * `ownPid`, the answer must name `child` as the process serving it: a port taken between choosing it
 * and listening on it is answered by someone else, and that is a `PortTakenError`.
 */
export async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 120_000, options: { ownPid?: boolean } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with code ${child.exitCode}`);
    let response: Response | undefined;
    try {
      response = await fetch(url);
    } catch {
      // not listening yet
    }
    if (response?.ok) {
      if (!options.ownPid) return;
      const { pid } = (await response.json()) as { pid?: number };
      if (pid === child.pid) return;
      throw new PortTakenError(`${url} is served by another process (${pid}), not ${child.pid}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
}

/**
 * Starts the four subgraphs and the gateway as separate processes (as in
 * production) and resolves once every one answers its health check.
 */
export async function startSystem(options: {
  adminUrl: string;
  ports?: SystemPorts;
  env?: NodeJS.ProcessEnv;
  gatewayWorkers?: number;
  /** Turns on the gateway's development sign-in (DEV_TOKENS=true): for a developer's machine only. */
  devTokens?: boolean;
  /** Also serves the ops app with Vite's dev server on this port, proxying to the gateway. */
  opsApp?: { port: number };
  output?: (name: string, line: string) => void;
}): Promise<RunningSystem> {
  const ports = options.ports ?? DEFAULT_PORTS;
  const output = options.output ?? (() => undefined);
  const baseEnv = { ...process.env, ...options.env, GATEWAY_SIGNING_SECRET: process.env.GATEWAY_SIGNING_SECRET ?? DEV_GATEWAY_SIGNING_SECRET };
  const children: { name: string; child: ChildProcess }[] = [];
  let portTaken = false;
  const launch = (name: string, entry: string, env: NodeJS.ProcessEnv, cwd = ROOT) => {
    const child = spawn(process.execPath, [entry], { cwd, env: { ...baseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (line.includes('EADDRINUSE')) portTaken = true;
          output(name, line);
        }
      });
    }
    children.push({ name, child });
    return child;
  };
  const terminate = (child: ChildProcess) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
  const stop = async () => {
    await Promise.all(children.map(({ child }) => terminate(child)));
  };
  const stopProcess = async (name: string) => {
    await Promise.all(children.filter((entry) => entry.name === name).map(({ child }) => terminate(child)));
  };
  try {
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `http://127.0.0.1:${ports[name]}/graphql`])) as Record<SubgraphName, string>;
    await Promise.all(SUBGRAPH_NAMES.map(async (name) => {
      // Each subgraph is told where the others are (CUSTOMERS_URL...): billing asks customers to find or create a customer by phone.
      const others = Object.fromEntries(SUBGRAPH_NAMES.filter((other) => other !== name).map((other) => [`${other.toUpperCase()}_URL`, subgraphUrls[other]]));
      const child = launch(name, `subgraphs/${name}/src/main.ts`, { ...others, DATABASE_URL: databaseUrlFor(name, options.adminUrl), PORT: String(ports[name]) });
      await waitForHealth(`http://127.0.0.1:${ports[name]}/health`, child, undefined, { ownPid: true });
    }));
    const gateway = launch('gateway', 'gateway/src/main.ts', {
      PORT: String(ports.gateway),
      DATABASE_URL: databaseUrlFor(GATEWAY_SCHEMA, options.adminUrl),
      DEV_TOKENS: String(options.devTokens ?? false),
      ...(options.gatewayWorkers ? { GATEWAY_WORKERS: String(options.gatewayWorkers) } : {}),
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, subgraphUrls[name]])),
    });
    await waitForHealth(`http://127.0.0.1:${ports.gateway}/health`, gateway, undefined, { ownPid: true });
    const system: RunningSystem = { gatewayUrl: `http://localhost:${ports.gateway}/graphql`, subgraphUrls, stop, stopProcess };
    if (options.opsApp) {
      const { port } = options.opsApp;
      const web = launch('web', viteEntry(), { WEB_PORT: String(port), GATEWAY_ORIGIN: `http://127.0.0.1:${ports.gateway}` }, join(ROOT, 'web'));
      await waitForHealth(`http://127.0.0.1:${port}/`, web);
      system.opsAppUrl = `http://localhost:${port}`;
    }
    return system;
  } catch (error) {
    await stop();
    throw portTaken ? new PortTakenError(`a port of the system was taken: ${(error as Error).message}`) : error;
  }
}
