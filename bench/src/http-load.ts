import autocannon from 'autocannon';
import { summarize, type LoadFigures } from './stats.ts';

export interface HttpTarget {
  /** The GraphQL endpoint. */
  url: string;
  /** Sent with every request (the bearer token). */
  headers: Record<string, string>;
}

export interface GraphQLLoad {
  /** A fixed body, or one made per request (a different search, a new phone number). */
  body: string | (() => string);
  /** Whether a 200 answer is right; a GraphQL error or an empty answer is an error of the run. */
  check: (body: string) => boolean;
}

/** A 200 without `errors` (the gateway masks them, but never hides that there were some). */
export const noGraphQLErrors = (body: string) => !body.includes('"errors"');

/** `connections` keep-alive connections, each sending its next request as soon as the previous one is answered. */
export function loadHttp(target: HttpTarget, load: GraphQLLoad, connections: number, seconds: number): Promise<LoadFigures> {
  const latencies: number[] = [];
  let wrong = 0;
  // An error count says nothing of its cause: show the first wrong answer or failed request of the run.
  let reported = false;
  const reportOnce = (what: string) => {
    if (!reported) console.error(`[load] ${what}`);
    reported = true;
  };
  const body = load.body;
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url: target.url,
      connections,
      duration: seconds,
      timeout: 10,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...target.headers },
      requests: [{
        method: 'POST',
        ...(typeof body === 'string' ? { body } : { setupRequest: (request) => ({ ...request, body: body() }) }),
        onResponse: (status: number, responseBody: string) => {
          if (status === 200 && load.check(responseBody)) return;
          if (status === 200) wrong += 1;
          reportOnce(`a wrong answer (HTTP ${status}): ${responseBody.slice(0, 600)}`);
        },
      }],
    }, (error, result) => {
      if (error) return reject(error);
      resolve(summarize(latencies, result.duration, { errors: result.errors + result.non2xx + wrong, timeouts: result.timeouts }));
    });
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
    instance.on('reqError', (error: Error) => reportOnce(`a failed request: ${error.message}`));
  });
}

/** One request, outside any load (checks, statement counts). */
export async function post(target: HttpTarget, query: string, variables: Record<string, unknown>): Promise<{ data?: any; errors?: unknown[] }> {
  const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}
