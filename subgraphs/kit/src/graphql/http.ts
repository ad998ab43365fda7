import http from 'node:http';
import { AsyncLocalStorage } from 'node:async_hooks';
import { HeaderMap, type ApolloServer, type BaseContext, type ContextFunction } from '@apollo/server';

const MAX_BODY_BYTES = 1024 * 1024;

/** Extra plain routes served beside GraphQL (health, metrics, a landing page). */
export type Routes = Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>>;

/** Per-request bookkeeping that code deep in the call stack can reach. */
export const requestScope = new AsyncLocalStorage<{ statements: number }>();

/** GraphQL requests this process has received, read through `/metrics`. */
export const requestCounter = { graphql: 0 };

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('Request body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw Object.assign(new Error('Request body is not valid JSON'), { status: 400 });
  }
}

/**
 * A plain node:http server in front of Apollo Server: GraphQL at `path`, the
 * given routes beside it, keep-alive for the gateway's pooled connections.
 */
export function createHttpServer<C extends BaseContext>(
  server: ApolloServer<C>,
  context: ContextFunction<[{ req: http.IncomingMessage }], C>,
  options: { path?: string; routes?: Routes } = {},
): http.Server {
  const path = options.path ?? '/graphql';
  const routes = options.routes ?? {};
  const httpServer = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[url.pathname];
    if (route && !(url.pathname === path && req.method === 'POST')) {
      Promise.resolve(route(req, res)).catch((error: Error) => {
        console.error(error);
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    if (url.pathname !== path) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    requestCounter.graphql += 1;
    requestScope.run({ statements: 0 }, () => {
      handleGraphQL(server, context, req, res, url).catch((error: Error & { status?: number }) => {
        if (res.headersSent) return res.destroy();
        res.writeHead(error.status ?? 500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: error.status ? error.message : 'Internal server error' }] }));
      });
    });
  });
  return httpServer;
}

async function handleGraphQL<C extends BaseContext>(
  server: ApolloServer<C>,
  context: ContextFunction<[{ req: http.IncomingMessage }], C>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const body = req.method === 'POST' ? await readJson(req) : undefined;
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
    context: () => context({ req }),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export function listen(httpServer: http.Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      const address = httpServer.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
