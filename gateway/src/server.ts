import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, LocalGraphQLDataSource, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { CALLER_HEADER, createHttpServer, listen, maskError, signCaller, toGraphQLError, DomainError } from '@c360/kit';
import { devTokenRoutes } from './dev-token.ts';
import { EDGE_SUBGRAPH, Edge, openEdgeResources, startWebhooks, type GatewayContext } from './edge/edge.ts';
import type { GatewayEnv } from './env.ts';
import { offlineLandingPage } from './landing-page.ts';
import { subgraphFetch } from './subgraph-fetch.ts';

const DEFAULT_SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];

/**
 * Hands each subgraph the verified caller, signed so a subgraph can refuse
 * anything else. Subgraph calls go through `subgraphFetch` (keep-alive
 * node:http), measured a third cheaper in gateway CPU than the default
 * make-fetch-happen or Node's fetch (bench/README.md).
 */
class SignedCallerDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly name: string;
  private readonly secret: string;
  constructor(name: string, url: string, secret: string) {
    super({ url, fetcher: subgraphFetch as unknown as Fetcher });
    this.name = name;
    this.secret = secret;
  }

  /**
   * A subgraph that cannot be reached becomes one stable, client-safe error
   * naming it, instead of a masked network error: the rest of the query still
   * resolves and the ops app marks only that subgraph's sections as failed.
   */
  override async process(options: Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0]) {
    try {
      return await super.process(options);
    } catch (error) {
      if ((error as { extensions?: unknown }).extensions) throw error;
      throw new GraphQLError(`The ${this.name} subgraph is not answering`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.name },
      });
    }
  }

  override async willSendRequest(options: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    const caller = (options.context as Partial<GatewayContext>).caller;
    if (caller) options.request.http?.headers.set(CALLER_HEADER, await signCaller(caller, this.secret));
  }
}

/** Subgraph URLs come from the environment, overriding those written in the supergraph. */
function subgraphUrls(env: GatewayEnv): Record<string, string> {
  return { customers: env.CUSTOMERS_URL, billing: env.BILLING_URL, service: env.SERVICE_URL, support: env.SUPPORT_URL };
}

/**
 * Masks like every service, but keeps where in the response an error happened:
 * the path is not internal, and it is what lets a client tell which of its
 * sections failed while the rest of the response is good.
 */
function formatGatewayError(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  const masked = maskError(formatted, original);
  return formatted.path ? { ...masked, path: formatted.path } : masked;
}

/**
 * `webhooks: false` in the workers of a cluster, whose primary runs the
 * webhook machinery once for all of them (main.ts).
 */
export async function startGateway(env: GatewayEnv, options: { webhooks?: boolean } = {}) {
  const urls = subgraphUrls(env);
  const resources = await openEdgeResources(env, 'gateway');
  const webhooks = options.webhooks === false ? null : await startWebhooks(env, resources);
  const edge = await Edge.open(env, resources);
  let apiSchema: GraphQLSchema | undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(env.SUPERGRAPH_PATH ?? DEFAULT_SUPERGRAPH, 'utf8'),
    // The edge (API keys, webhooks) is the gateway's own subgraph, executed in-process.
    buildService: ({ name, url }) => (name === EDGE_SUBGRAPH
      ? new LocalGraphQLDataSource(edge.schema)
      : new SignedCallerDataSource(name, urls[name] ?? url ?? '', env.GATEWAY_SIGNING_SECRET)),
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema: loaded }) => {
    apiSchema = loaded;
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatGatewayError,
    includeStacktraceInErrorResponses: false,
    // Answers are per person and never HTTP-cached: computing cache policies per field would be wasted work.
    plugins: [offlineLandingPage(), ApolloServerPluginCacheControlDisabled(), ...edge.plugins()],
  });
  await server.start();
  const httpServer = createHttpServer<GatewayContext>(
    server,
    async ({ req }) => {
      try {
        return await edge.authenticate(req.headers.authorization);
      } catch (error) {
        throw error instanceof DomainError ? toGraphQLError(error) : error;
      }
    },
    {
      routes: {
        '/health': (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'),
        ...(env.DEV_TOKENS ? devTokenRoutes(env.JWT_SECRET) : {}),
      },
    },
  );
  await edge.serveSubscriptions(httpServer, server, () => apiSchema);
  const port = await listen(httpServer, env.PORT, env.HOST);
  return {
    url: `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${port}/graphql`,
    async stop() {
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await edge.stop();
      httpServer.closeAllConnections();
      await closed;
      await server.stop();
      await webhooks?.stop();
      await resources?.close();
    },
  };
}
