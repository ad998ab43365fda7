import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { parse } from 'graphql';
import { z } from 'zod';
import type { MikroORM } from '@mikro-orm/postgresql';
import { parseEnv, subgraphEnvShape } from '../env.ts';
import { verifyCaller, CALLER_HEADER, type Caller } from '../context.ts';
import { forkForTenant, migrate, openDatabase, statementCounter, type DatabaseOptions, type EntityManager } from '../db/database.ts';
import { maskError, toGraphQLError, type DomainError } from '../errors.ts';
import { OutboxRelay } from '../events/relay.ts';
import { BusConsumer, type ConsumerDefinition } from '../events/consumer.ts';
import { busEnvShape, openEventBus, type EventBus } from '../events/bus.ts';
import { createHttpServer, listen, requestCounter } from './http.ts';
import { scalarResolvers } from './scalars.ts';
import type { DemoTenant } from '../demo.ts';
import type { ScaleSession } from '../scale.ts';

/** What every subgraph's request context starts from. */
export interface BaseContext {
  caller: Caller;
  tenantId: string;
  em: EntityManager;
}

export type Resolvers<C> = GraphQLResolverMap<C>;

export interface SubgraphDefinition<C extends BaseContext> {
  /** Also the name of the Postgres schema the subgraph owns. */
  name: string;
  /** Path of the subgraph's SDL file (SDL first; the resolvers follow it). */
  sdlPath: string | URL;
  /** One resolver map per module; several modules may add fields to the same type (Query, Customer...). */
  resolvers: Resolvers<C>[];
  entities: DatabaseOptions['entities'];
  migrations: DatabaseOptions['migrations'];
  /** Adds the subgraph's loaders and services to the verified base context. */
  createContext(base: BaseContext): C;
  consumers?: ConsumerDefinition[];
  /** Seeds the demo data of this subgraph's domain for one tenant; idempotent. */
  seedDemo(em: EntityManager, tenant: DemoTenant): Promise<void>;
  /** Loads the seed-scale data of this subgraph's domain for the session's plan; idempotent. */
  seedScale(session: ScaleSession): Promise<void>;
  defaultPort: number;
}

const envSchema = z.object({
  ...subgraphEnvShape,
  ...busEnvShape,
  BUS_DATABASE_URL: z.url().optional(),
  /** `false` leaves the outbox to a relay running as its own process (`node subgraphs/kit/src/events/relay-main.ts`). */
  OUTBOX_RELAY: z.stringbool().default(true),
  PORT: z.coerce.number().int().min(0).optional(),
  HOST: z.string().default('127.0.0.1'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).default(10),
});

export interface RunningSubgraph {
  url: string;
  orm: MikroORM;
  bus: EventBus;
  /** Null when OUTBOX_RELAY=false. */
  relay: OutboxRelay | null;
  consumers: BusConsumer[];
  stop(): Promise<void>;
}

/** Merges resolver maps type by type. */
export function mergeResolverMaps(maps: object[]): Record<string, object> {
  const merged: Record<string, object> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) merged[type] = { ...merged[type], ...fields };
  }
  return merged;
}

export function loadSdl(path: string | URL) {
  return parse(readFileSync(path, 'utf8'));
}

/** A subgraph's executable schema from its SDL file and resolver maps (the kit's scalars included). */
export function buildLocalSubgraphSchema(sdlPath: string | URL, resolvers: object[]) {
  return buildSubgraphSchema([{ typeDefs: loadSdl(sdlPath), resolvers: mergeResolverMaps([scalarResolvers, ...resolvers]) as never }]);
}

/** Boots one subgraph: migrations, relay, consumers, and the GraphQL server. */
export async function runSubgraph<C extends BaseContext>(definition: SubgraphDefinition<C>, source: NodeJS.ProcessEnv = process.env): Promise<RunningSubgraph> {
  const env = parseEnv(envSchema, source);
  const busUrl = env.BUS_DATABASE_URL ?? env.DATABASE_URL;
  const orm = await openDatabase({
    schema: definition.name,
    url: env.DATABASE_URL,
    entities: definition.entities,
    migrations: definition.migrations,
    poolSize: env.DB_POOL_SIZE,
    logSql: env.LOG_SQL,
  });
  await migrate(orm);

  const bus = await openEventBus(env, busUrl, definition.name);
  const relay = env.OUTBOX_RELAY ? new OutboxRelay({ schema: definition.name, url: env.DATABASE_URL, bus }) : null;
  await relay?.start();
  const consumers = (definition.consumers ?? []).map((consumer) => new BusConsumer(consumer, { schema: definition.name, orm, bus }));
  for (const consumer of consumers) await consumer.start();

  const server = new ApolloServer<C>({
    schema: buildLocalSubgraphSchema(definition.sdlPath, definition.resolvers),
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    // No HTTP caching of GraphQL answers here: the cache-control plugin would only wrap every resolver for nothing.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
  });
  await server.start();

  const httpServer = createHttpServer<C>(
    server,
    async ({ req }) => {
      const header = req.headers[CALLER_HEADER];
      const caller = await verifyCaller(Array.isArray(header) ? header[0] : header, env.GATEWAY_SIGNING_SECRET).catch((error: DomainError) => {
        throw toGraphQLError(error);
      });
      return definition.createContext({ caller, tenantId: caller.tenantId, em: forkForTenant(orm, caller.tenantId) });
    },
    {
      routes: {
        '/health': async (_req, res) => {
          await orm.em.fork().execute('SELECT 1');
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', subgraph: definition.name, pid: process.pid }));
        },
        '/metrics': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(
            `c360_sql_statements_total ${statementCounter.total}\nc360_sql_statements_in_requests_total ${statementCounter.inRequests}\n`
            + `c360_graphql_requests_total ${requestCounter.graphql}\n`,
          );
        },
      },
    },
  );
  const port = await listen(httpServer, env.PORT ?? definition.defaultPort, env.HOST);
  const url = `http://${env.HOST}:${port}/graphql`;

  return {
    url,
    orm,
    bus,
    relay,
    consumers,
    async stop() {
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await closed;
      await server.stop();
      for (const consumer of consumers) await consumer.stop();
      await relay?.stop();
      await bus.close();
      await orm.close();
    },
  };
}

/** Entry point helper: runs the subgraph and stops it cleanly on SIGINT/SIGTERM. */
export async function main<C extends BaseContext>(definition: SubgraphDefinition<C>): Promise<void> {
  const running = await runSubgraph(definition);
  console.log(`${definition.name} subgraph ready at ${running.url}`);
  const shutdown = async () => {
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
