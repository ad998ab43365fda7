/**
 * The HTTP plumbing shared by the clients of the third-party systems this
 * subgraph talks to (GenieACS, the 911 provider, the OLT controller): global
 * fetch, a hard timeout on the whole exchange, JSON in and out, and an optional
 * pause after a failure so that a dead system costs one timeout, not one per request.
 */

/** Why a call to a third-party system gave no usable answer. */
export type CallFailure = 'TIMEOUT' | 'NETWORK' | 'HTTP_STATUS' | 'BAD_RESPONSE' | 'PAUSED';

export class ExternalCallError extends Error {
  readonly failure: CallFailure;
  readonly status: number | undefined;
  constructor(failure: CallFailure, message: string, status?: number) {
    super(message);
    this.name = 'ExternalCallError';
    this.failure = failure;
    this.status = status;
  }
}

export interface HttpClientOptions {
  /** Shown in errors, e.g. `GenieACS`. */
  name: string;
  baseUrl: string;
  timeoutMs: number;
  headers?: Record<string, string>;
  /** After a timeout, a network error or a 5xx, fail at once for this long; 0 never pauses. */
  pauseAfterFailureMs?: number;
}

export interface HttpResult {
  status: number;
  /** The parsed JSON body, or null when there was none. */
  body: unknown;
}

export class HttpJsonClient {
  readonly name: string;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly pauseAfterFailureMs: number;
  private pausedUntil = 0;

  constructor(options: HttpClientOptions) {
    this.name = options.name;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs;
    this.headers = options.headers ?? {};
    this.pauseAfterFailureMs = options.pauseAfterFailureMs ?? 0;
  }

  /**
   * Sends one request. Statuses in `accept` are answers (returned); any other
   * status, a timeout or a network error throws an ExternalCallError.
   */
  async request(method: string, path: string, options: { query?: Record<string, string>; body?: unknown; accept: number[] }): Promise<HttpResult> {
    const now = Date.now();
    if (now < this.pausedUntil) {
      throw new ExternalCallError('PAUSED', `${this.name} failed recently; not asked again before ${new Date(this.pausedUntil).toISOString()}`);
    }
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    try {
      const response = await fetch(url, {
        method,
        headers: { accept: 'application/json', ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...this.headers },
        body: options.body === undefined ? null : JSON.stringify(options.body),
        // Covers the body as well as the headers: a server that stalls mid-answer times out too.
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      if (response.status >= 500) this.pause();
      if (!options.accept.includes(response.status)) {
        throw new ExternalCallError('HTTP_STATUS', `${this.name} answered HTTP ${response.status}${describeBody(text)}`, response.status);
      }
      return { status: response.status, body: parseJson(text, this.name) };
    } catch (error) {
      if (error instanceof ExternalCallError) throw error;
      this.pause();
      if (error instanceof Error && error.name === 'TimeoutError') {
        throw new ExternalCallError('TIMEOUT', `${this.name} did not answer within ${this.timeoutMs} ms`);
      }
      throw new ExternalCallError('NETWORK', `${this.name} could not be reached (${error instanceof Error ? (error.cause as Error | undefined)?.message ?? error.message : String(error)})`);
    }
  }

  private pause(): void {
    if (this.pauseAfterFailureMs > 0) this.pausedUntil = Date.now() + this.pauseAfterFailureMs;
  }
}

function parseJson(text: string, name: string): unknown {
  if (!text.trim()) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new ExternalCallError('BAD_RESPONSE', `${name} answered something that is not JSON`);
  }
}

/** A short excerpt of an error body: providers often say why there. */
function describeBody(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return trimmed ? `: ${trimmed.slice(0, 200)}` : '';
}

/** `Authorization` header value for HTTP basic credentials. */
export const basicAuth = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
