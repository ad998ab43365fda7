/**
 * Test helpers for the gateway's partner features, used by the integration
 * tests: a graphql-ws client for subscriptions, and a local webhook receiver
 * that checks every delivery with the `standardwebhooks` reference library
 * (never with the gateway's own signing code).
 */
import http from 'node:http';
import { createClient, type Client } from 'graphql-ws';
import { Webhook } from 'standardwebhooks';
import WebSocket from 'ws';

/**
 * Resolves with `items` once `predicate` holds for them: checked now and each
 * time a waiter of `waiters` is called (on every new item); rejects after
 * `timeoutMs`, saying what had arrived.
 */
function waitUntil<T>(waiters: Set<() => void>, items: T[], predicate: (items: T[]) => boolean, timeoutMs: number, got: () => string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!predicate(items)) return;
      waiters.delete(check);
      clearTimeout(timer);
      resolve(items);
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`timed out with ${got()}`));
    }, timeoutMs);
    waiters.add(check);
    check();
  });
}

export interface TestSubscription<T> {
  /** Payloads received so far (`data` of each `next`). */
  events: T[];
  /** Errors received (GraphQL errors of a `next`, or the `error` message). */
  errors: unknown[];
  /** Resolves once `predicate` holds for the events received, or rejects after `timeoutMs`. */
  waitFor(predicate: (events: T[]) => boolean, timeoutMs?: number): Promise<T[]>;
  /** Resolves when the server completes or errors the subscription. */
  ended: Promise<void>;
  unsubscribe(): void;
}

export interface SubscriptionClient {
  subscribe<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): TestSubscription<T>;
  close(): Promise<void>;
}

/** A graphql-ws client of the gateway at `httpUrl` (its `/graphql` HTTP address), authenticated with `authorization`. */
export function subscriptionClient(httpUrl: string, authorization: string): SubscriptionClient {
  const client: Client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization },
    retryAttempts: 0,
    lazy: true,
  });
  return {
    subscribe<T>(query: string, variables?: Record<string, unknown>): TestSubscription<T> {
      const events: T[] = [];
      const errors: unknown[] = [];
      const waiters = new Set<() => void>();
      const notify = () => waiters.forEach((waiter) => waiter());
      let end: () => void = () => undefined;
      const ended = new Promise<void>((resolve) => (end = resolve));
      const unsubscribe = client.subscribe<T>({ query, ...(variables ? { variables } : {}) }, {
        next: (result) => {
          if (result.errors) errors.push(...result.errors);
          if (result.data) events.push(result.data as T);
          notify();
        },
        error: (error) => {
          // A closed socket arrives as a CloseEvent: keep what says why.
          const closed = error as { code?: number; reason?: string };
          errors.push(Array.isArray(error) ? error : closed.code ? { code: closed.code, reason: closed.reason } : { message: String((error as Error).message ?? error) });
          notify();
          end();
        },
        complete: () => {
          notify();
          end();
        },
      });
      return {
        events,
        errors,
        ended,
        unsubscribe,
        waitFor: (predicate: (events: T[]) => boolean, timeoutMs = 20_000) =>
          waitUntil(waiters, events, predicate, timeoutMs, () => `${events.length} events: ${JSON.stringify(errors).slice(0, 500)}`),
      };
    },
    close: () => client.dispose() as Promise<void>,
  };
}

/** `Webhook.verify` of the `standardwebhooks` reference library: the verified payload, or a throw. */
export const verifyWithReferenceLibrary = (secret: string, body: string, headers: Record<string, string>) => new Webhook(secret).verify(body, headers);

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  /** The payload as `Webhook.verify` returned it, or null when it did not verify. */
  verified: { type: string; timestamp: string; data: Record<string, any> } | null;
  verifyError: string | null;
  /** The status the receiver answered. */
  status: number;
  receivedAt: number;
}

export interface WebhookReceiver {
  /** The URL to register (on loopback). */
  url: string;
  received: ReceivedWebhook[];
  /** The distinct `webhook-id`s answered with a 2xx so far (kept as they come, for large bursts). */
  acceptedIds: Set<string>;
  /** The endpoint's `whsec_` secret, once known: every delivery is then verified with it. */
  secret: string | null;
  /** How to answer the next deliveries (200 by default); may set headers. */
  respond(answer: (delivery: ReceivedWebhook) => { status: number; headers?: Record<string, string> }): void;
  waitFor(predicate: (received: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/** A local HTTP server standing in for a partner's webhook endpoint. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters = new Set<() => void>();
  let answer: (delivery: ReceivedWebhook) => { status: number; headers?: Record<string, string> } = () => ({ status: 200 });
  const receiver: WebhookReceiver = {
    url: '',
    received,
    acceptedIds: new Set(),
    secret: null,
    respond(next) {
      answer = next;
    },
    waitFor: (predicate, timeoutMs = 20_000) => waitUntil(waiters, received, predicate, timeoutMs, () => `${received.length} deliveries`),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = { 'webhook-id': String(req.headers['webhook-id'] ?? ''), 'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''), 'webhook-signature': String(req.headers['webhook-signature'] ?? '') };
      const delivery: ReceivedWebhook = {
        id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'], body,
        verified: null, verifyError: null, status: 0, receivedAt: Date.now(),
      };
      try {
        if (!receiver.secret) throw new Error('no secret to verify with yet');
        delivery.verified = verifyWithReferenceLibrary(receiver.secret, body, headers) as ReceivedWebhook['verified'];
      } catch (error) {
        delivery.verifyError = (error as Error).message;
      }
      const { status, headers: extra } = answer(delivery);
      delivery.status = status;
      received.push(delivery);
      if (status >= 200 && status < 300) receiver.acceptedIds.add(delivery.id);
      res.writeHead(status, { 'content-type': 'text/plain', ...extra }).end('ok');
      waiters.forEach((waiter) => waiter());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  receiver.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`;
  return receiver;
}
