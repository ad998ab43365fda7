import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, PortTakenError, waitForHealth } from '@c360/scripts/system';

/** A node process that serves `/health` on `port` with its own pid (as the subgraphs and the gateway do), or idles. */
function child(port: number | null): ChildProcess {
  const serve = port === null ? 'setInterval(() => {}, 1000)' : `require('node:http').createServer((req, res) => res.end(JSON.stringify({ status: 'ok', pid: process.pid }))).listen(${port}, '127.0.0.1')`;
  return spawn(process.execPath, ['-e', serve], { stdio: 'ignore' });
}

const started: Array<ChildProcess | Server> = [];
afterEach(() => {
  for (const thing of started.splice(0)) 'kill' in thing ? thing.kill() : thing.close();
});

describe('starting a process of the system', () => {
  it('waits for the process it started to answer its health check', async () => {
    const port = await freePort();
    const spawned = child(port);
    started.push(spawned);
    await expect(waitForHealth(`http://127.0.0.1:${port}/health`, spawned, 10_000, { ownPid: true })).resolves.toBeUndefined();
  });

  it('says the port was taken when another process answers on it, instead of taking that one for its own', async () => {
    const port = await freePort();
    const other = createServer((_req, res) => res.end(JSON.stringify({ status: 'ok', pid: 1 })));
    await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
    started.push(other);
    const spawned = child(null);
    started.push(spawned);
    await expect(waitForHealth(`http://127.0.0.1:${port}/health`, spawned, 10_000, { ownPid: true })).rejects.toBeInstanceOf(PortTakenError);
  });
});
