import http from 'node:http';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { CALLER_HEADER, signCaller } from '@c360/kit';
import type { GatewayContext } from './edge/edge.ts';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** A subgraph's raw answer: the gateway parses the body itself. */
interface SubgraphReply {
  status: number;
  statusText: string;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, scheduling: 'lifo' });

/** One POST over the keep-alive agent, headers and body written in one go. */
function post(url: string, headers: Record<string, string>, body: string): Promise<SubgraphReply> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => resolve({
        status: response.statusCode ?? 502,
        statusText: response.statusMessage ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
      }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * How the gateway calls a subgraph (in place of @apollo/gateway's
 * RemoteGraphQLDataSource, which built two node-fetch objects per call and
 * read the answer through a web stream: a third of the gateway's CPU for a
 * customer 360, bench/README.md):
 *
 * - the verified caller rides along, signed, so a subgraph can refuse anything else;
 * - identical queries in flight (same subgraph, same signed caller, same
 *   operation and variables) share one subgraph call; each caller parses the
 *   answer for itself, because the gateway merges into what it parsed.
 *   Mutations are never shared;
 * - a subgraph that cannot be reached becomes one stable, client-safe error
 *   naming it, instead of a masked network error: the rest of the query still
 *   resolves and the ops app marks only that subgraph's sections as failed.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly name: string;
  private readonly url: string;
  private readonly secret: string;
  private readonly inFlight = new Map<string, Promise<SubgraphReply>>();

  constructor(name: string, url: string, secret: string) {
    this.name = name;
    this.url = url;
    this.secret = secret;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { query, variables, operationName, extensions } = options.request;
    if (!query) throw new Error('Missing query');
    const headers: Record<string, string> = {};
    for (const [name, value] of options.request.http?.headers ?? []) headers[name] = value;
    headers['content-type'] = 'application/json';
    const caller = (options.context as Partial<GatewayContext>).caller;
    if (caller) headers[CALLER_HEADER] = await signCaller(caller, this.secret);
    const body = JSON.stringify({ query, variables, operationName, extensions });
    const reply = await this.send(headers, body, isQuery(query));
    if (reply.status < 200 || reply.status > 299) throw this.httpError(reply);
    return JSON.parse(reply.body) as GatewayGraphQLResponse;
  }

  private send(headers: Record<string, string>, body: string, shareable: boolean): Promise<SubgraphReply> {
    if (!shareable) return this.call(headers, body);
    const key = `${headers[CALLER_HEADER] ?? ''}\n${body}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const call = this.call(headers, body).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call;
  }

  private async call(headers: Record<string, string>, body: string): Promise<SubgraphReply> {
    try {
      return await post(this.url, headers, body);
    } catch {
      throw new GraphQLError(`The ${this.name} subgraph is not answering`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.name },
      });
    }
  }

  /** What RemoteGraphQLDataSource made of an HTTP error: `401: Unauthorized` and the answer. */
  private httpError(reply: SubgraphReply): GraphQLError {
    const code = reply.status === 401 ? 'UNAUTHENTICATED' : reply.status === 403 ? 'FORBIDDEN' : undefined;
    return new GraphQLError(`${reply.status}: ${reply.statusText}`, {
      extensions: { ...(code ? { code } : {}), serviceName: this.name, response: { url: this.url, status: reply.status, body: reply.body } },
    });
  }
}

/** Query plans write their fetches as `query Name(...) {...}` or `{...}`; anything else (a mutation) is never shared. */
function isQuery(operation: string): boolean {
  const start = operation.trimStart();
  return start.startsWith('{') || start.startsWith('query');
}
