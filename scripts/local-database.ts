import { connect } from 'node:net';
import { join } from 'node:path';
import { createDatabase, embeddedAdminUrl, startEmbeddedPostgres, type RunningPostgres } from '@c360/kit';
import { ROOT } from './system.ts';

export interface LocalDatabase {
  /** Administrator URL of the `c360` database (or DATABASE_URL as given). */
  adminUrl: string;
  /** Stops the embedded server if this process started it. */
  stop(): Promise<void>;
}

/**
 * The database of a developer's machine, shared by `npm start`, `npm run
 * seed:scale` and `npm run bench`: DATABASE_URL when set; otherwise the
 * embedded PostgreSQL kept in `.data/postgres` on EMBEDDED_PG_PORT (54329),
 * started here unless another command (a running `npm start`) already serves it.
 */
export async function openLocalDatabase(log: (line: string) => void): Promise<LocalDatabase> {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, stop: async () => undefined };
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  let postgres: RunningPostgres | undefined;
  if (await accepting(port)) {
    log(`using the embedded PostgreSQL already running on 127.0.0.1:${port}`);
  } else {
    log(`starting embedded PostgreSQL on 127.0.0.1:${port} (data in .data/postgres)`);
    postgres = await startEmbeddedPostgres({ dataDir: join(ROOT, '.data', 'postgres'), port, persistent: true });
  }
  const adminUrl = await createDatabase(postgres?.adminUrl ?? embeddedAdminUrl(port), 'c360');
  return { adminUrl, stop: async () => postgres?.stop() };
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
