import { availableParallelism } from 'node:os';
import { issueToken } from '@c360/gateway/auth';
import { DEV_JWT_SECRET } from '@c360/gateway/env';
import { SUBGRAPH_NAMES, freePort, startSystem, type SubgraphName } from '@c360/scripts/system';
import { childRunning, treeOf } from './processes.ts';
import { startPeer } from './peer.ts';
import type { HttpTarget } from './http-load.ts';

export interface BenchSystems {
  workers: number;
  /** Our gateway and the peer, each as a GraphQL endpoint. */
  gateways: { ours: string; peer: string };
  /** Processes to watch for memory: each gateway with its workers, each subgraph. */
  processes(): Record<string, number[]>;
  stop(): Promise<void>;
}

/**
 * Our system (four subgraphs, the gateway with one worker per core) and the
 * peer gateway with as many workers, in front of the same subgraphs.
 */
export async function startSystems(adminUrl: string, log: (line: string) => void): Promise<BenchSystems> {
  const workers = availableParallelism();
  const ports = { gateway: await freePort(), customers: await freePort(), billing: await freePort(), service: await freePort(), support: await freePort() };
  const system = await startSystem({
    adminUrl, ports, gatewayWorkers: workers,
    output: (name, line) => /error|warn/i.test(line) && log(`[${name}] ${line}`),
  });
  log(`our system is up: gateway with ${workers} workers on :${ports.gateway}`);
  let peer;
  try {
    peer = await startPeer({ port: await freePort(), workers, subgraphUrls: system.subgraphUrls });
  } catch (error) {
    await system.stop();
    throw error;
  }
  log(`the peer is up: @graphql-hive/gateway with ${workers} workers at ${peer.url}`);
  const pidOf = (entry: string) => childRunning(entry) ?? Number.NaN;
  return {
    workers,
    gateways: { ours: system.gatewayUrl.replace('localhost', '127.0.0.1'), peer: peer.url },
    processes: () => ({
      gateway: treeOf(pidOf('gateway/src/main.ts')),
      peer: treeOf(peer.pid),
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name: SubgraphName) => [name, [pidOf(`subgraphs/${name}/src/main.ts`)]])),
    }),
    async stop() {
      await peer.stop();
      await system.stop();
    },
  };
}

/** A gateway as a load target, with a person's token of the tenant. */
export async function asTenant(url: string, tenant: string): Promise<HttpTarget> {
  const token = await issueToken({ tenant, subject: `bench-${tenant}`, roles: ['admin'], secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET });
  return { url, headers: { authorization: `Bearer ${token}` } };
}
