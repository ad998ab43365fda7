import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, waitForHealth, type SubgraphName } from '@c360/scripts/system';
import type { Service } from './processes.ts';

const CONFIG = fileURLToPath(new URL('../peer/gateway.config.ts', import.meta.url));

/** The CLI of @graphql-hive/gateway, wherever npm put it. */
const hiveCli = () => join(dirname(fileURLToPath(import.meta.resolve('@graphql-hive/gateway'))), 'bin.js');

/**
 * Starts the peer gateway the supported way: its CLI, `supergraph` command,
 * `--fork` workers, on our composed supergraph with the running subgraphs'
 * URLs written in.
 */
export async function startPeer(options: { port: number; workers: number; subgraphUrls: Record<SubgraphName, string> }): Promise<Service> {
  const folder = await mkdtemp(join(tmpdir(), 'c360-peer-'));
  const supergraph = join(folder, 'supergraph.graphql');
  const composed = await readFile(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8');
  await writeFile(supergraph, composed.replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g,
    (_match, name: SubgraphName) => `@join__graph(name: "${name}", url: "${options.subgraphUrls[name]}")`));
  const child = spawn(process.execPath, [
    hiveCli(), 'supergraph', supergraph, '--config-path', CONFIG, '--host', '127.0.0.1', '--port', String(options.port), '--fork', String(options.workers),
  ], { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Its logger prints an INF line per worker whatever the level: keep warnings and errors only.
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => /WRN|ERR|warn|error/i.test(chunk.toString()) && process.stderr.write(chunk));
  const service: Service = {
    name: 'peer',
    url: `http://127.0.0.1:${options.port}/graphql`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(folder, { recursive: true, force: true });
    },
  };
  try {
    await waitForHealth(`http://127.0.0.1:${options.port}/healthcheck`, child);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}
