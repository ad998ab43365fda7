import pg from 'pg';
import { BUS_CHANNEL } from './bus-sql.ts';
import { DrainLoop, onNotification } from './drain-loop.ts';
import type { BusEvent, BusSubscription, BusSubscriptionOptions, EventBus } from './bus.ts';
import type { EventEnvelope } from './outbox.ts';

const BATCH_SIZE = 200;

/**
 * The embedded default: the `bus` schema's log (bus-sql.ts), reached only
 * through its functions. One LISTEN connection per process wakes every reader
 * when something is published; readers page through `bus.read` from their
 * position.
 */
export class PostgresEventBus implements EventBus {
  readonly kind = 'postgres' as const;
  readonly id = 'postgres';
  private readonly pool: pg.Pool;
  private readonly url: string;
  private readonly name: string;
  private readonly wakes = new Set<() => void>();
  private listener: pg.Client | undefined;
  private listening: Promise<void> | undefined;

  constructor(options: { url: string; name: string; poolSize?: number }) {
    this.url = options.url;
    this.name = options.name;
    this.pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 2, application_name: `${options.name}-bus` });
    this.pool.on('error', (error) => console.error(`[${this.name} bus]`, error.message));
  }

  async publish(events: readonly EventEnvelope[]): Promise<void> {
    if (events.length > 0) await this.pool.query('SELECT bus.publish($1::jsonb)', [JSON.stringify(events)]);
  }

  async subscribe(options: BusSubscriptionOptions): Promise<BusSubscription> {
    let position = options.after;
    const types = options.types ? [...options.types] : null;
    const loop = new DrainLoop({
      name: options.durable ?? `${this.name} reader`,
      subscribe: (wake) => this.onPublish(wake),
      pollMs: 1000,
      batchSize: BATCH_SIZE,
      step: async () => {
        const { rows } = options.tenantId
          ? await this.pool.query<Row>('SELECT event_position, envelope FROM bus.read_tenant($1, $2, $3, $4)', [position, options.tenantId, types, BATCH_SIZE])
          : await this.pool.query<Row>('SELECT event_position, envelope FROM bus.read($1, $2, $3)', [position, types, BATCH_SIZE]);
        const events = rows.map((row): BusEvent => ({ position: Number(row.event_position), envelope: row.envelope }));
        if (options.handleBatch && events.length > 1) {
          await options.handleBatch(events);
          position = events.at(-1)!.position;
        } else {
          for (const event of events) {
            await options.handle(event);
            position = event.position;
          }
        }
        return rows.length;
      },
    });
    await loop.start();
    return { drain: () => loop.drain(), close: () => loop.stop() };
  }

  async head(): Promise<number> {
    const { rows } = await this.pool.query<{ head: string }>('SELECT bus.head() AS head');
    return Number(rows[0]?.head ?? 0);
  }

  async positionOf(eventId: string): Promise<{ position: number; tenantId: string } | null> {
    const { rows } = await this.pool.query<{ event_position: string; tenant_id: string }>('SELECT * FROM bus.position_of($1)', [eventId]);
    return rows[0] ? { position: Number(rows[0].event_position), tenantId: rows[0].tenant_id } : null;
  }

  async positionBefore(time: Date): Promise<number> {
    const { rows } = await this.pool.query<{ p: string }>('SELECT bus.position_before($1) AS p', [time]);
    return Number(rows[0]?.p ?? 0);
  }

  async close(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  /** Shares one LISTEN connection between every reader of the process. */
  private async onPublish(wake: () => void): Promise<() => void> {
    this.wakes.add(wake);
    this.listening ??= (async () => {
      this.listener = new pg.Client({ connectionString: this.url, application_name: `${this.name}-bus-listener` });
      await this.listener.connect();
      await onNotification(this.listener, BUS_CHANNEL, `${this.name} bus`, () => {
        for (const each of this.wakes) each();
      });
    })();
    await this.listening;
    return () => this.wakes.delete(wake);
  }
}

interface Row {
  event_position: string;
  envelope: EventEnvelope;
}
