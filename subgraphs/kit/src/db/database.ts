import { MikroORM, type EntityManager, type Options } from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import type { Constructor } from '@mikro-orm/core';
import { kitMigrations } from './kit-migrations.ts';
import { requestScope } from '../graphql/http.ts';

export type { EntityManager, MikroORM };
/** For the gateway's tables, whose package depends on the kit rather than on the ORM directly. */
export { defineEntity, p, type InferEntity } from '@mikro-orm/core';
export { Migration } from '@mikro-orm/migrations';

export interface MigrationEntry {
  name: string;
  class: Constructor<Migration>;
}

export interface DatabaseOptions {
  /** The Postgres schema this subgraph owns, e.g. `customers`. */
  schema: string;
  /** Connection URL of the subgraph's own role. */
  url: string;
  entities: NonNullable<Options['entities']>;
  /** The subgraph's committed migrations, oldest first. */
  migrations: MigrationEntry[];
  poolSize?: number;
  logSql?: boolean;
}

/**
 * Counts the SQL statements this process sends through the ORM, and those sent
 * while serving GraphQL requests (background relays and consumers excluded).
 * Read through `/metrics` by tests and benchmarks to prove that statements per
 * request do not grow with the data or the page size.
 */
export const statementCounter = { total: 0, inRequests: 0 };

/** Opens the ORM on the subgraph's own schema, with its migrations and the kit's. */
export async function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: options.url,
    schema: options.schema,
    entities: options.entities,
    extensions: [Migrator],
    migrations: {
      schema: options.schema,
      tableName: 'mikro_orm_migrations',
      migrationsList: [...kitMigrations(options.schema), ...options.migrations],
      snapshot: false,
      silent: true,
    },
    pool: { min: 1, max: options.poolSize ?? 10 },
    // Every entity query must say which tenant it is for (see tenantFilter).
    allowGlobalContext: false,
    debug: options.logSql ?? false,
    onQuery: (sql) => {
      statementCounter.total += 1;
      const scope = requestScope.getStore();
      if (scope) {
        scope.statements += 1;
        statementCounter.inRequests += 1;
      }
      return sql;
    },
  });
}

/** Applies pending migrations; used by `npm start`, the tests and each subgraph's boot. */
export async function migrate(orm: MikroORM): Promise<void> {
  await orm.migrator.up();
}

/**
 * Per-request EntityManager: a fresh identity map, scoped to one tenant. The
 * `tenant` filter on every tenant-owned entity makes a query without a tenant
 * fail loudly instead of leaking rows.
 */
export function forkForTenant(orm: MikroORM, tenantId: string): EntityManager {
  const em = orm.em.fork();
  em.setFilterParams('tenant', { tenantId });
  return em;
}

/** Property spread into every tenant-owned entity definition. */
export const tenantFilter = {
  tenant: { name: 'tenant', cond: (args: { tenantId: string }) => ({ tenantId: args.tenantId }), default: true },
};
