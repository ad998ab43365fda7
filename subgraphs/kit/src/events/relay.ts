import pg from 'pg';
import { outboxChannel, type EventEnvelope } from './outbox.ts';
import { DrainLoop, onNotification } from './drain-loop.ts';
import type { EventBus } from './bus.ts';
import { PostgresEventBus } from './postgres-bus.ts';

export interface RelayOptions {
  schema: string;
  /** The subgraph's own database (holds the outbox). */
  url: string;
  /** The bus to publish to; without it, the PostgreSQL bus at `busUrl` (default: `url`), which the relay then owns. */
  bus?: EventBus;
  busUrl?: string;
  /** Fallback poll, in case a notification is missed across a reconnect. */
  pollMs?: number;
  batchSize?: number;
}

/**
 * Moves committed outbox rows to the bus in outbox order. One relay per schema
 * works at a time (advisory lock), so per-entity order is kept even with several
 * replicas. A crash between publish and mark re-publishes; the bus ignores an id
 * it already has, so delivery is at least once and never duplicated on the bus.
 */
export class OutboxRelay {
  private readonly options: { schema: string; pollMs: number; batchSize: number };
  private readonly outbox: pg.Client;
  private readonly bus: EventBus;
  /** A bus the relay opened itself, and so closes. */
  private readonly ownsBus: boolean;
  private readonly loop: DrainLoop;

  constructor(options: RelayOptions) {
    this.options = { schema: options.schema, pollMs: options.pollMs ?? 1000, batchSize: options.batchSize ?? 500 };
    this.outbox = new pg.Client({ connectionString: options.url, application_name: `${options.schema}-relay` });
    this.ownsBus = !options.bus;
    this.bus = options.bus ?? new PostgresEventBus({ url: options.busUrl ?? options.url, name: `${options.schema}-relay`, poolSize: 1 });
    this.loop = new DrainLoop({
      name: `${options.schema} relay`,
      subscribe: (wake) => onNotification(this.outbox, outboxChannel(options.schema), `${options.schema} relay`, wake),
      pollMs: this.options.pollMs,
      batchSize: this.options.batchSize,
      step: () => this.publishBatch(),
    });
  }

  async start(): Promise<void> {
    await this.outbox.connect();
    await this.loop.start();
  }

  /** Resolves once everything committed so far has been published. */
  flush(): Promise<void> {
    return this.loop.drain();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.outbox.end();
    if (this.ownsBus) await this.bus.close();
  }

  private async publishBatch(): Promise<number> {
    const { schema, batchSize } = this.options;
    await this.outbox.query('BEGIN');
    try {
      const { rows: [lock] } = await this.outbox.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [`c360-relay:${schema}`]);
      if (!lock?.locked) {
        await this.outbox.query('ROLLBACK');
        return 0;
      }
      const { rows } = await this.outbox.query<{ seq: string; envelope: EventEnvelope }>(
        `SELECT seq, envelope FROM "${schema}".outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1`, [batchSize]);
      if (rows.length > 0) {
        await this.bus.publish(rows.map((row) => row.envelope));
        await this.outbox.query(`UPDATE "${schema}".outbox SET published_at = now() WHERE seq = ANY($1::bigint[])`, [rows.map((row) => row.seq)]);
      }
      await this.outbox.query('COMMIT');
      return rows.length;
    } catch (error) {
      await this.outbox.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}
