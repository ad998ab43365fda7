import pg from 'pg';
import { busSql, BUS_ROLE } from '../events/bus-sql.ts';

/** Development default; deployments pass their own through DATABASE_ROLE_PASSWORD. */
export const DEV_ROLE_PASSWORD = 'c360-dev-role';

export const roleFor = (schema: string) => `c360_${schema}`;

/**
 * A second schema each subgraph role owns, for a job-queue library that keeps its
 * own tables (billing runs pg-boss there): the subgraph's role may create only in
 * schemas it owns, and the library's tables must not mix with the domain's.
 */
export const jobsSchemaFor = (schema: string) => `${schema}_jobs`;

/** The connection URL a subgraph uses: the admin URL with the subgraph's own role. */
export function subgraphDatabaseUrl(adminUrl: string, schema: string, password = DEV_ROLE_PASSWORD): string {
  const url = new URL(adminUrl);
  url.username = roleFor(schema);
  url.password = password;
  return url.toString();
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return `"${name}"`;
};
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Creates a role once; concurrent provisioners (parallel test runs) may race, which is fine. */
async function ensureRole(client: pg.Client, role: string, password: string | null): Promise<void> {
  const login = password === null ? 'NOLOGIN' : `LOGIN PASSWORD ${literal(password)}`;
  await client.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(role)}) THEN
        CREATE ROLE ${ident(role)} ${login};
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
}

/**
 * Run with an administrator URL: gives each subgraph a role that owns its schema
 * and nothing else, and installs the PostgreSQL event bus that subgraphs reach
 * only through its functions. Idempotent.
 */
export async function provisionDatabase(adminUrl: string, schemas: readonly string[], password = DEV_ROLE_PASSWORD): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await ensureRole(client, BUS_ROLE, null);
    for (const schema of schemas) await ensureRole(client, roleFor(schema), password);
    await client.query('BEGIN');
    // One provisioner at a time per database.
    await client.query('SELECT pg_advisory_xact_lock(7273600)');
    // Trigram indexes serve fragment search (name, e-mail, phone digits).
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');
    // Accent-insensitive search (customers wraps public.unaccent in an immutable function for its generated search column).
    await client.query('CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public');
    await client.query('CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public');
    for (const schema of schemas) {
      const role = ident(roleFor(schema));
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)} AUTHORIZATION ${role}`);
      await client.query(`ALTER SCHEMA ${ident(schema)} OWNER TO ${role}`);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(jobsSchemaFor(schema))} AUTHORIZATION ${role}`);
    }
    // No role writes to the shared `public` schema (PostgreSQL < 15 allowed it by default).
    await client.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await client.query(busSql(schemas.map(roleFor)));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Creates a database on the server unless it exists (tests make one per run). */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${ident(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
