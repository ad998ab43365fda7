import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { createHttpServer, listen, maskError, toGraphQLError, DomainError } from '@c360/kit';
import { devTokenRoutes } from './dev-token.ts';
import { EDGE_SUBGRAPH, Edge, openEdgeResources, startWebhooks, type GatewayContext } from './edge/edge.ts';
import type { GatewayEnv } from './env.ts';
import { offlineLandingPage } from './landing-page.ts';
import { SubgraphDataSource } from './subgraph-source.ts';

const DEFAULT_SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

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
      : new SubgraphDataSource(name, urls[name] ?? url ?? '', env.GATEWAY_SIGNING_SECRET)),
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
        // `pid`: the process that was started (a worker's primary), so that whoever started it knows it answers.
        '/health': (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: 'ok', pid: cluster.isPrimary ? process.pid : process.ppid })),
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
