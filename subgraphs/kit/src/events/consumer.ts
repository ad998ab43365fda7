import pg from 'pg';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { BUS_CHANNEL } from './bus-sql.ts';
import { DrainLoop } from './drain-loop.ts';
import type { EventEnvelope } from './outbox.ts';

export interface ConsumerDefinition {
  /** Stable name: the consumer's position and processed ids are kept under it. */
  name: string;
  /** Event types it wants; others are never read. */
  types: string[];
  /**
   * Applies one event inside the transaction that also records it as processed.
   * `em` is scoped to the event's tenant.
   */
  handle(em: EntityManager, event: EventEnvelope): Promise<void>;
}

export interface ConsumerOptions {
  schema: string;
  orm: MikroORM;
  busUrl: string;
  pollMs?: number;
  batchSize?: number;
}

/**
 * Reads the bus from the consumer's last position, in order, and applies each
 * event exactly once per consumer: the processed id, the effect and the new
 * position commit in one transaction of the consumer's own schema.
 */
export class BusConsumer {
  private readonly bus: pg.Client;
  private readonly batchSize: number;
  private readonly definition: ConsumerDefinition;
  private readonly options: ConsumerOptions;
  private readonly loop: DrainLoop;

  constructor(definition: ConsumerDefinition, options: ConsumerOptions) {
    this.definition = definition;
    this.options = options;
    this.batchSize = options.batchSize ?? 200;
    this.bus = new pg.Client({ connectionString: options.busUrl, application_name: `${options.schema}-${definition.name}` });
    this.loop = new DrainLoop({
      name: definition.name,
      listener: this.bus,
      channel: BUS_CHANNEL,
      pollMs: options.pollMs ?? 1000,
      batchSize: this.batchSize,
      step: () => this.consumeBatch(),
    });
  }

  async start(): Promise<void> {
    await this.bus.connect();
    await this.loop.start();
  }

  /** Resolves once every event on the bus so far has been handled. */
  catchUp(): Promise<void> {
    return this.loop.drain();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.bus.end();
  }

  /** Moves the consumer's position; with a time, to the last event before it (replay). */
  async rewind(to: { position: number } | { time: Date }): Promise<void> {
    const position = 'position' in to
      ? to.position
      : Number((await this.bus.query<{ p: string }>('SELECT bus.position_before($1) AS p', [to.time])).rows[0]?.p ?? 0);
    await this.options.orm.em.fork().execute(
      `INSERT INTO "${this.options.schema}".consumer_position (consumer, position) VALUES (?, ?)
       ON CONFLICT (consumer) DO UPDATE SET position = excluded.position, updated_at = now()`,
      [this.definition.name, position],
    );
  }

  private async position(): Promise<number> {
    const rows = await this.options.orm.em.fork().execute<{ position: string }[]>(
      `SELECT position FROM "${this.options.schema}".consumer_position WHERE consumer = ?`, [this.definition.name]);
    return Number(rows[0]?.position ?? 0);
  }

  private async consumeBatch(): Promise<number> {
    const after = await this.position();
    const { rows } = await this.bus.query<{ event_position: string; envelope: EventEnvelope }>(
      'SELECT event_position, envelope FROM bus.read($1, $2, $3)', [after, this.definition.types, this.batchSize]);
    for (const row of rows) await this.apply(Number(row.event_position), row.envelope);
    return rows.length;
  }

  private async apply(position: number, event: EventEnvelope): Promise<void> {
    const { schema, orm } = this.options;
    const em = orm.em.fork();
    em.setFilterParams('tenant', { tenantId: event.tenantid });
    await em.transactional(async (tx) => {
      const fresh = await tx.execute<{ event_id: string }[]>(
        `INSERT INTO "${schema}".inbox (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.definition.name, event.id]);
      if (fresh.length > 0) await this.definition.handle(tx, event);
      await tx.execute(
        `INSERT INTO "${schema}".consumer_position (consumer, position) VALUES (?, ?)
         ON CONFLICT (consumer) DO UPDATE SET position = excluded.position, updated_at = now()`,
        [this.definition.name, position]);
    });
  }
}
