import type http from 'node:http';
import { GraphQLError, getOperationAST, parse, validate, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { DomainError, maskError, toGraphQLError } from '@c360/kit';
import { checkFieldAccess } from '../partners/field-access.ts';
import type { EdgeCaller } from '../webhooks/endpoints.ts';
import { graphFieldResolver } from './schema.ts';

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  /** Same path as GraphQL over HTTP: `ws://host:4000/graphql`. */
  path: string;
  /** The subscription schema, once the gateway has loaded the supergraph. */
  schema(): GraphQLSchema | undefined;
  /** A bearer token (person's JWT or partner's `c360_` key) to the caller; throws when refused. */
  authenticate(authorization: string | undefined): Promise<EdgeCaller>;
}

/** Masks as over HTTP; a stream can also end with a plain error (a DomainError from the event stream). */
function mask(error: unknown): GraphQLFormattedError {
  // graphql-ws wraps what ended a stream in a GraphQLError without a path, which masking would not look into.
  const cause = error instanceof GraphQLError && !error.path ? error.originalError ?? error : error;
  const graphqlError = cause instanceof DomainError ? toGraphQLError(cause)
    : cause instanceof GraphQLError ? cause
      : new GraphQLError('Internal server error', { originalError: cause as Error });
  return maskError(graphqlError.toJSON(), graphqlError) as GraphQLFormattedError;
}

/**
 * GraphQL subscriptions over graphql-ws, on the gateway's own port: the HTTP
 * server hands WebSocket upgrades of `path` to it. A connection authenticates
 * once, with `{ authorization: "Bearer <token or key>" }` as connection
 * parameters (or the upgrade request's Authorization header); every
 * subscription of it acts as that caller. Only subscriptions are served here;
 * queries and mutations go over HTTP. Errors are masked as over HTTP.
 */
export function serveSubscriptions(options: SubscriptionServerOptions): { close(): Promise<void> } {
  const sockets = new WebSocketServer({ noServer: true });
  options.httpServer.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== options.path) {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client, request));
  });
  const server = useServer<Record<string, unknown> | undefined, { who: EdgeCaller }>({
    onConnect: async (ctx) => {
      const params = ctx.connectionParams ?? {};
      const header = params.authorization ?? params.Authorization ?? ctx.extra.request.headers.authorization;
      try {
        ctx.extra.who = await options.authenticate(typeof header === 'string' ? header : undefined);
        return true;
      } catch {
        // 4403 Forbidden: the client must not retry with the same credentials.
        return false;
      }
    },
    onSubscribe: (ctx, _id, payload) => {
      const schema = options.schema();
      if (!schema) return [new GraphQLError('The gateway is starting; subscribe again in a moment', { extensions: { code: 'SUBSCRIPTION_UNAVAILABLE' } })];
      let document;
      try {
        document = parse(payload.query);
      } catch (error) {
        return [error as GraphQLError];
      }
      const errors = validate(schema, document);
      if (errors.length > 0) return errors;
      const operation = getOperationAST(document, payload.operationName);
      if (operation?.operation !== 'subscription') {
        return [new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', { extensions: { code: 'BAD_USER_INPUT' } })];
      }
      const who = ctx.extra.who!;
      const refused = who.partner ? checkFieldAccess(schema, document, who.partner.fields) : null;
      if (refused) return [refused];
      return {
        schema,
        document,
        operationName: payload.operationName ?? null,
        variableValues: payload.variables ?? null,
        contextValue: who,
        fieldResolver: graphFieldResolver,
      };
    },
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map(mask) } : result),
    onError: (_ctx, _id, _payload, errors) => errors.map(mask),
  }, sockets, 12_000);
  return {
    async close() {
      for (const client of sockets.clients) client.terminate();
      await server.dispose();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}
