import { fileURLToPath } from 'node:url';
import type http from 'node:http';
import type { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import {
  BusConsumer, DomainError, ErrorCode, SecretBox, buildLocalSubgraphSchema, migrate, openEventBus,
  type EventBus, type MikroORM,
} from '@c360/kit';
import { authenticate } from '../auth.ts';
import { GATEWAY_SCHEMA, openGatewayDatabase } from '../database.ts';
import type { GatewayEnv } from '../env.ts';
import { API_KEY_PREFIX, ApiKeys } from '../partners/api-keys.ts';
import { checkFieldAccess } from '../partners/field-access.ts';
import { EventFeed } from '../subscriptions/feed.ts';
import { buildSubscriptionSchema } from '../subscriptions/schema.ts';
import { serveSubscriptions } from '../subscriptions/server.ts';
import { WebhookDispatcher } from '../webhooks/dispatcher.ts';
import { WebhookEndpoints, type EdgeCaller } from '../webhooks/endpoints.ts';
import { webhookFanout } from '../webhooks/fanout.ts';
import { EndpointNotices } from '../webhooks/notices.ts';
import { edgeResolvers, type EdgeContext } from './resolvers.ts';

/** The subgraph name of the edge in schema/supergraph.yaml; the gateway serves it in-process. */
export const EDGE_SUBGRAPH = 'edge';
const EDGE_SDL = fileURLToPath(new URL('../../edge.graphql', import.meta.url));

/** The gateway's request context. */
export interface GatewayContext extends EdgeContext {
  /** A query the gateway runs for itself (a subscription's `customer`), already checked against the key's scopes. */
  internal?: boolean;
}

/**
 * Everything the gateway does at the edge beyond planning queries: who the
 * caller is (a person's JWT or a partner's API key), the edge's own part of
 * the graph (API keys, webhook endpoints), field scopes of partners' keys,
 * notices to owners of disabled endpoints, and subscriptions. Without the
 * gateway database only people's tokens work and the edge's fields say so.
 */
export class Edge {
  readonly schema: GraphQLSchema;
  private readonly env: GatewayEnv;
  private readonly resources: EdgeResources | null;
  private readonly apiKeys: ApiKeys | null;
  private readonly notices: EndpointNotices | null;
  private feed: EventFeed | null = null;
  private subscriptionSchema: GraphQLSchema | undefined;
  private subscriptions: { close(): Promise<void> } | undefined;

  private constructor(env: GatewayEnv, resources: EdgeResources | null) {
    this.env = env;
    this.resources = resources;
    const orm = resources?.orm ?? null;
    this.apiKeys = orm ? new ApiKeys(orm) : null;
    this.notices = orm ? new EndpointNotices(orm) : null;
    const endpoints = orm ? new WebhookEndpoints({ orm, secrets: new SecretBox(env.WEBHOOK_SECRETS_KEY), policy: env.WEBHOOK_ALLOW_TARGETS }) : null;
    this.schema = buildLocalSubgraphSchema(EDGE_SDL, [edgeResolvers(this.apiKeys && endpoints ? { apiKeys: this.apiKeys, endpoints } : null)]);
  }

  /** `resources` are shared with the webhook machinery when it runs in the same process; null without the gateway database. */
  static async open(env: GatewayEnv, resources: EdgeResources | null): Promise<Edge> {
    const edge = new Edge(env, resources);
    await edge.notices?.start();
    return edge;
  }

  /** `Authorization: Bearer <jwt>` for people, `Bearer c360_...` for partners' keys. */
  async authenticate(authorization: string | undefined): Promise<EdgeCaller> {
    const token = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    if (token?.startsWith(API_KEY_PREFIX)) {
      if (!this.apiKeys) throw new DomainError(ErrorCode.Unauthenticated, 'API keys are not accepted: the gateway runs without its database');
      const { caller, access } = await this.apiKeys.authenticate(token);
      return { caller, partner: access };
    }
    return { caller: await authenticate(authorization, this.env.JWT_SECRET) };
  }

  /** Field scopes of partners' keys, and notices to owners of endpoints the gateway disabled. */
  plugins(): ApolloServerPlugin<GatewayContext>[] {
    const notices = this.notices;
    return [{
      async requestDidStart() {
        return {
          async didResolveOperation({ contextValue, document, schema }) {
            if (!contextValue.partner || contextValue.internal) return;
            const refused = checkFieldAccess(schema, document, contextValue.partner.fields);
            if (refused) throw refused;
          },
          async willSendResponse({ contextValue, response }) {
            if (!notices || contextValue.internal || !contextValue.caller || response.body.kind !== 'single') return;
            const pending = await notices.claim(contextValue.caller);
            if (pending.length > 0) response.body.singleResult.extensions = { ...response.body.singleResult.extensions, notices: pending };
          },
        };
      },
    }];
  }

  /**
   * Serves `customerChanged` over graphql-ws on the HTTP server, once the
   * gateway knows its API schema; `server` runs each event's `customer` query.
   */
  async serveSubscriptions(httpServer: http.Server, server: ApolloServer<GatewayContext>, apiSchema: () => GraphQLSchema | undefined): Promise<void> {
    if (!this.resources) return;
    this.feed = new EventFeed(this.resources.bus);
    await this.feed.start();
    const query = async (document: DocumentNode, variables: Record<string, unknown>, who: EdgeCaller) => {
      const response = await server.executeOperation({ query: document, variables }, { contextValue: { ...who, internal: true } });
      return response.body.kind === 'single' ? response.body.singleResult : { errors: [{ message: 'Unexpected incremental result' }] };
    };
    let built: { from: GraphQLSchema; schema: GraphQLSchema } | undefined;
    this.subscriptions = serveSubscriptions({
      httpServer,
      path: '/graphql',
      schema: () => {
        const current = apiSchema();
        if (current && built?.from !== current) {
          const keyActive = (keyId: string) => this.apiKeys?.isActive(keyId) ?? Promise.resolve(false);
          built = { from: current, schema: buildSubscriptionSchema(current, { feed: this.feed!, query, keyActive }) };
        }
        return built?.schema;
      },
      authenticate: (authorization) => this.authenticate(authorization),
    });
  }

  async stop(): Promise<void> {
    await this.subscriptions?.close();
    await this.feed?.stop();
  }
}

/** The gateway database and the bus, opened once per process and shared by the edge and the webhooks. */
export interface EdgeResources {
  orm: MikroORM;
  bus: EventBus;
  close(): Promise<void>;
}

/** Null when the gateway runs without its database (DATABASE_URL). */
export async function openEdgeResources(env: GatewayEnv, name: string): Promise<EdgeResources | null> {
  if (!env.DATABASE_URL) return null;
  const orm = await openGatewayDatabase(env.DATABASE_URL, 5);
  const bus = await openEventBus(env, env.BUS_DATABASE_URL ?? env.DATABASE_URL, name);
  return {
    orm,
    bus,
    async close() {
      await bus.close();
      await orm.close();
    },
  };
}

/**
 * The webhook machinery: the consumer that queues each event for the
 * endpoints that want it, and the dispatcher that sends the queue. One per
 * gateway deployment process (the cluster's primary, or the single process).
 */
export async function startWebhooks(env: GatewayEnv, resources: EdgeResources | null): Promise<{ stop(): Promise<void> } | null> {
  if (!resources || !env.DATABASE_URL) return null;
  const { orm, bus } = resources;
  await migrate(orm);
  const fanout = new BusConsumer(webhookFanout, { schema: GATEWAY_SCHEMA, orm, bus });
  const dispatcher = new WebhookDispatcher({
    orm,
    url: env.DATABASE_URL,
    secrets: new SecretBox(env.WEBHOOK_SECRETS_KEY),
    policy: env.WEBHOOK_ALLOW_TARGETS,
    schedule: env.WEBHOOK_RETRY_SCHEDULE,
    disableAfterMs: env.WEBHOOK_DISABLE_AFTER_HOURS * 3600_000,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    concurrency: env.WEBHOOK_CONCURRENCY,
  });
  await fanout.start();
  await dispatcher.start();
  return {
    async stop() {
      await dispatcher.stop();
      await fanout.stop();
    },
  };
}
