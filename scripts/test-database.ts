import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase, dropDatabase, startEmbeddedPostgres, type RunningPostgres } from '@c360/kit';
import '@c360/kit/testing';
import { freePort, prepareDatabase } from './system.ts';

/** Vitest global setup: the database every test file of the run shares. */
export default async function setup(project: TestProject) {
  let server: RunningPostgres | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    server = await startEmbeddedPostgres({ dataDir: await mkdtemp(join(tmpdir(), 'c360-test-pg-')), port: await freePort(), persistent: false });
    serverUrl = server.adminUrl;
  }
  const name = `c360_test_${process.pid}_${Date.now().toString(36)}`;
  const adminUrl = await createDatabase(serverUrl, name);
  await prepareDatabase(adminUrl, { demo: false });
  project.provide('adminUrl', adminUrl);
  return async () => {
    await dropDatabase(serverUrl, name);
    await server?.stop();
  };
}
