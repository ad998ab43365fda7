import http from 'node:http';
import https from 'node:https';
import { listenOn, type MikroORM, type SecretBox } from '@c360/kit';
import { DELIVERIES_CHANNEL, secretContext, setQueue } from './endpoints.ts';
import { signWebhook } from './signing.ts';
import { guardedLookup, type TargetPolicy } from './targets.ts';

export interface DispatcherOptions {
  orm: MikroORM;
  /** The gateway's database URL, for the LISTEN connection that wakes the dispatcher. */
  url: string;
  secrets: SecretBox;
  policy: TargetPolicy;
  /** Delays before attempts 2, 3... in seconds; after the last, a delivery is dead-lettered. */
  schedule: readonly number[];
  /** An endpoint failing for this long is disabled. */
  disableAfterMs: number;
  timeoutMs: number;
  concurrency: number;
  /** Fallback poll for retries coming due. */
  pollMs?: number;
}

interface Claimed {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  order_key: string;
  event_id: string;
  payload: string;
  attempts: number;
  url: string;
  secret_sealed: string;
}

interface Outcome {
  statusCode: number | null;
  error: string | null;
  retryAfterMs: number | null;
  durationMs: number;
}

/** Pause after a search of the queue that found nothing due. */
const QUIET_MS = 50;
/** Longest Retry-After honoured. */
const MAX_RETRY_AFTER_MS = 24 * 3600_000;
/** Answers that ask the sender to slow down (Standard Webhooks, "delivery success and failure"). */
const SLOW_DOWN = new Set([429, 502, 504]);

/**
 * Sends queued deliveries (the `webhook_delivery` table is the durable queue)
 * with up to `concurrency` requests in flight per process. A delivery is
 * claimed with `FOR UPDATE SKIP LOCKED` and leased (its next attempt pushed
 * past the request's timeout), so several processes share the queue and one
 * that dies mid-request only delays that attempt. An endpoint gets the
 * deliveries of one customer in bus order: one is claimed only when no earlier
 * one for that endpoint and customer is still pending.
 *
 * After an attempt: 2xx succeeds; 410 disables the endpoint; any other answer
 * or no answer is retried on the schedule (with jitter, and no sooner than a
 * Retry-After), 429/502/504 also hold the whole endpoint back; after the last
 * step the delivery is dead-lettered. An endpoint that has failed every attempt
 * for `disableAfterMs` is disabled, and its owner told on their next query.
 */
export class WebhookDispatcher {
  private readonly options: DispatcherOptions;
  private readonly agentOptions: { lookup: ReturnType<typeof guardedLookup>; keepAlive: true };
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private running = false;
  private pumping = false;
  private again = false;
  private inFlight = 0;
  private readonly sending = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  /** After a search that found nothing, the next waits until then (a burst of notifications must not become a burst of searches). */
  private quietUntil = 0;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(options: DispatcherOptions) {
    this.options = options;
    this.agentOptions = { lookup: guardedLookup(options.policy), keepAlive: true };
    this.httpAgent = new http.Agent(this.agentOptions);
    this.httpsAgent = new https.Agent(this.agentOptions);
  }

  async start(): Promise<void> {
    this.running = true;
    this.unlisten = await listenOn(this.options.url, DELIVERIES_CHANNEL, 'webhook dispatcher', () => this.pump());
    this.timer = setInterval(() => this.pump(), this.options.pollMs ?? 500);
    this.pump();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    await this.unlisten?.();
    await Promise.all(this.sending);
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** Claims while there are free slots and due deliveries; wakes coalesce into one more round. */
  private pump(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    const wait = this.quietUntil - Date.now();
    if (wait > 0) {
      setTimeout(() => this.pump(), wait).unref();
      return;
    }
    this.pumping = true;
    void (async () => {
      try {
        do {
          this.again = false;
          while (this.running && this.inFlight < this.options.concurrency) {
            const claimed = await this.claim(this.options.concurrency - this.inFlight);
            for (const delivery of claimed) this.launch(delivery);
            if (claimed.length === 0) {
              this.quietUntil = Date.now() + QUIET_MS;
              break;
            }
          }
        } while (this.again && this.running);
      } catch (error) {
        console.error('[webhook dispatcher]', (error as Error).message);
      } finally {
        this.pumping = false;
      }
    })();
  }

  /**
   * Sends a delivery, then, while they succeed, the next ones of the same
   * endpoint and customer in the same slot: the queue's order is kept without
   * searching the whole queue for what has become first in line.
   */
  private launch(first: Claimed): void {
    this.inFlight += 1;
    const sending = (async () => {
      let delivery: Claimed | undefined = first;
      while (delivery && this.running) delivery = await this.deliver(delivery);
    })()
      .catch((error: Error) => console.error('[webhook dispatcher]', error.message))
      .finally(() => {
        this.inFlight -= 1;
        this.sending.delete(sending);
        this.pump();
      });
    this.sending.add(sending);
  }

  private get leaseMs(): number {
    return this.options.timeoutMs + 60_000;
  }

  /** Due deliveries that are first in line for their endpoint and customer. */
  private claim(limit: number): Promise<Claimed[]> {
    return this.options.orm.em.fork().execute<Claimed[]>(
      `WITH due AS (
         SELECT d.id FROM gateway.webhook_delivery d
         JOIN gateway.webhook_endpoint e ON e.id = d.endpoint_id
         WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
           AND e.status = 'ENABLED' AND (e.throttled_until IS NULL OR e.throttled_until <= now())
           AND NOT EXISTS (
             SELECT 1 FROM gateway.webhook_delivery p
             WHERE p.endpoint_id = d.endpoint_id AND p.order_key = d.order_key AND p.status = 'PENDING' AND p.event_position < d.event_position)
         ORDER BY d.next_attempt_at
         LIMIT ?
         FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE gateway.webhook_delivery d
       SET attempts = d.attempts + 1, last_attempt_at = now(), next_attempt_at = now() + ? * interval '1 millisecond'
       FROM due, gateway.webhook_endpoint e
       WHERE d.id = due.id AND e.id = d.endpoint_id
       RETURNING d.id, d.tenant_id, d.endpoint_id, d.order_key, d.event_id, d.payload, d.attempts, e.url, e.secret_sealed`,
      [limit, this.leaseMs],
    );
  }

  /**
   * Records a success and, in the same statement, claims the delivery now
   * first in line for that endpoint and customer if it is due. It waits for a
   * lock on it rather than skip it: the one in line must never be overtaken.
   */
  private async succeedAndClaimNext(delivery: Claimed, outcome: Outcome): Promise<Claimed | undefined> {
    const [next] = await this.options.orm.em.fork().execute<Claimed[]>(
      `WITH attempt AS (
         INSERT INTO gateway.webhook_attempt (delivery_id, attempt, tenant_id, attempted_at, status_code, error, duration_ms)
         VALUES (?, ?, ?, now() - ? * interval '1 millisecond', ?, NULL, ?) ON CONFLICT DO NOTHING
       ), done AS (
         UPDATE gateway.webhook_delivery SET status = 'SUCCEEDED', delivered_at = now(), last_status_code = ?, last_error = NULL, next_attempt_at = now()
         WHERE id = ?
       ), recovered AS (
         UPDATE gateway.webhook_endpoint SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL
       ), head AS (
         SELECT d.id FROM gateway.webhook_delivery d
         WHERE d.endpoint_id = ? AND d.order_key = ? AND d.status = 'PENDING' AND d.id <> ?
         ORDER BY d.event_position LIMIT 1
         FOR UPDATE
       )
       UPDATE gateway.webhook_delivery d
       SET attempts = d.attempts + 1, last_attempt_at = now(), next_attempt_at = now() + ? * interval '1 millisecond'
       FROM head, gateway.webhook_endpoint e
       WHERE d.id = head.id AND e.id = d.endpoint_id AND d.next_attempt_at <= now()
         AND e.status = 'ENABLED' AND (e.throttled_until IS NULL OR e.throttled_until <= now())
       RETURNING d.id, d.tenant_id, d.endpoint_id, d.order_key, d.event_id, d.payload, d.attempts, e.url, e.secret_sealed`,
      [
        delivery.id, delivery.attempts, delivery.tenant_id, outcome.durationMs, outcome.statusCode, outcome.durationMs,
        outcome.statusCode, delivery.id, delivery.endpoint_id, delivery.endpoint_id, delivery.order_key, delivery.id, this.leaseMs,
      ],
    );
    return next;
  }

  /**
   * One attempt, recorded. After a success, the next delivery of the same
   * endpoint and customer, claimed as the success is recorded: sending a
   * customer's queue costs one statement per delivery.
   */
  private async deliver(delivery: Claimed): Promise<Claimed | undefined> {
    const secret = this.options.secrets.open(delivery.secret_sealed, secretContext({ tenantId: delivery.tenant_id, id: delivery.endpoint_id }));
    const outcome = await this.send(delivery, secret);
    if (outcome.error === null) return this.succeedAndClaimNext(delivery, outcome);
    await this.recordFailure(delivery, outcome);
    return undefined;
  }

  /** One signed POST; never follows redirects (a 3xx is a failure, as the specification advises). */
  private send(delivery: Claimed, secret: string): Promise<Outcome> {
    const messageId = `msg_${delivery.event_id}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const url = new URL(delivery.url);
    const started = performance.now();
    const done = (statusCode: number | null, error: string | null, retryAfterMs: number | null = null): Outcome =>
      ({ statusCode, error, retryAfterMs, durationMs: Math.round(performance.now() - started) });
    return new Promise((resolve) => {
      const request = (url.protocol === 'https:' ? https : http).request(url, {
        method: 'POST',
        agent: url.protocol === 'https:' ? this.httpsAgent : this.httpAgent,
        timeout: this.options.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'c360-webhooks/1',
          'webhook-id': messageId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(secret, messageId, timestamp, delivery.payload),
        },
      }, (response) => {
        // The body is not needed; reading it frees the connection.
        response.resume();
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          resolve(done(status, status >= 200 && status < 300 ? null : `HTTP ${status}`, retryAfter(response.headers['retry-after'])));
        });
        response.on('error', (error) => resolve(done(response.statusCode ?? null, error.message)));
      });
      request.on('timeout', () => request.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`)));
      request.on('error', (error) => resolve(done(null, error.message)));
      request.end(delivery.payload);
    });
  }

  /** A failed attempt: retried on the schedule, dead-lettered after its last step, or the endpoint disabled (410, failing for days). */
  private async recordFailure(delivery: Claimed, outcome: Outcome): Promise<void> {
    const { orm, schedule, disableAfterMs } = this.options;
    await orm.em.fork().transactional(async (tx) => {
      await tx.execute(
        `INSERT INTO gateway.webhook_attempt (delivery_id, attempt, tenant_id, attempted_at, status_code, error, duration_ms)
         VALUES (?, ?, ?, now() - ? * interval '1 millisecond', ?, ?, ?) ON CONFLICT DO NOTHING`,
        [delivery.id, delivery.attempts, delivery.tenant_id, outcome.durationMs, outcome.statusCode, outcome.error, outcome.durationMs],
      );
      if (outcome.statusCode === 410) {
        // The receiver wants no more: the delivery waits, in case the endpoint is enabled again.
        await tx.execute('UPDATE gateway.webhook_delivery SET last_status_code = 410, last_error = ?, next_attempt_at = now() WHERE id = ?', [outcome.error, delivery.id]);
        await disable(tx, delivery.endpoint_id, 'GONE');
        return;
      }
      const delayMs = retryDelayMs(schedule, delivery.attempts, outcome.retryAfterMs);
      await tx.execute(
        `UPDATE gateway.webhook_delivery SET last_status_code = ?, last_error = ?,
           status = CASE WHEN ?::boolean THEN 'FAILED' ELSE status END,
           failed_at = CASE WHEN ?::boolean THEN now() END,
           next_attempt_at = CASE WHEN ?::boolean THEN now() ELSE now() + ? * interval '1 millisecond' END
         WHERE id = ?`,
        [outcome.statusCode, outcome.error, delayMs === null, delayMs === null, delayMs === null, delayMs ?? 0, delivery.id],
      );
      const [endpoint] = await tx.execute<{ failing_for_ms: string }[]>(
        `UPDATE gateway.webhook_endpoint SET failing_since = coalesce(failing_since, now()),
           throttled_until = CASE WHEN ?::boolean THEN now() + ? * interval '1 millisecond' ELSE throttled_until END
         WHERE id = ? RETURNING extract(epoch FROM now() - failing_since) * 1000 AS failing_for_ms`,
        [SLOW_DOWN.has(outcome.statusCode ?? 0), delayMs ?? outcome.retryAfterMs ?? 0, delivery.endpoint_id],
      );
      if (Number(endpoint?.failing_for_ms ?? 0) >= disableAfterMs) await disable(tx, delivery.endpoint_id, 'FAILING');
    });
  }
}

/** Disables an endpoint on its receiver's behalf; its owner is told on their next query (notices.ts). */
async function disable(tx: { execute: MikroORM['em']['execute'] }, endpointId: string, reason: 'GONE' | 'FAILING'): Promise<void> {
  const changed = await tx.execute(
    `UPDATE gateway.webhook_endpoint SET status = 'DISABLED', disabled_reason = ?, disabled_at = now(), owner_notified_at = NULL,
       updated_at = now(), version = version + 1
     WHERE id = ? AND status = 'ENABLED' RETURNING id`, [reason, endpointId]);
  if ((changed as unknown[]).length > 0) await setQueue(tx, endpointId, 'park');
}

/**
 * How long after failed attempt number `attempt` the next one comes: that
 * step of the schedule with ±10 % jitter (so that failures do not come back in
 * lockstep), and no sooner than a Retry-After. Null once the schedule is spent:
 * the delivery is dead-lettered.
 */
export function retryDelayMs(schedule: readonly number[], attempt: number, retryAfterMs: number | null, random: () => number = Math.random): number | null {
  const step = schedule[attempt - 1];
  if (step === undefined) return null;
  return Math.max(Math.round(step * 1000 * (0.9 + random() * 0.2)), retryAfterMs ?? 0);
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now (capped), or null. */
export function retryAfter(header: string | string[] | undefined, now = Date.now()): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : null;
}
