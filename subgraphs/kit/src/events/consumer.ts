import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { BusEvent, BusSubscription, EventBus } from './bus.ts';
import { PostgresEventBus } from './postgres-bus.ts';
import type { EventEnvelope } from './outbox.ts';

export interface ConsumerDefinition {
  /** Stable name: the consumer's position and processed ids are kept under it. */
  name: string;
  /** Event types it wants, others are never read; null for every type. */
  types: readonly string[] | null;
  /**
   * Applies one event inside the transaction that also records it as processed.
   * `em` is scoped to the event's tenant; `position` is the event's place in the bus's order
   * (always given by the consumer; tests applying an event by hand may leave it out).
   */
  handle(em: EntityManager, event: EventEnvelope, position?: number): Promise<void>;
  /**
   * Optional: applies several events at once, in order, when the bus hands
   * over a batch: a set-based statement instead of one per event. `em` has no
   * tenant scope here: the SQL must name each row's tenant itself.
   */
  handleBatch?(em: EntityManager, events: { event: EventEnvelope; position: number }[]): Promise<void>;
  /**
   * Whether it also applies history (`EventEnvelope.history`: changes of the
   * past recorded after the fact, such as the demo data's). Views built from
   * the events (the timeline) say true; a consumer that acts on a change
   * (invoices, suspends, reminds, notifies) leaves it out, and history passes
   * it by, recorded as processed.
   */
  history?: boolean;
}

export interface ConsumerOptions {
  schema: string;
  orm: MikroORM;
  /** The bus to read; without it, the PostgreSQL bus at `busUrl`, which the consumer then owns. */
  bus?: EventBus;
  busUrl?: string;
}

/**
 * Reads the bus from the consumer's last position, in order, and applies each
 * event exactly once per consumer: the processed id, the effect and the new
 * position commit in one transaction of the consumer's own schema. That
 * position is where reading starts again after a restart, whatever the bus.
 */
export class BusConsumer {
  private readonly definition: ConsumerDefinition;
  private readonly options: ConsumerOptions;
  private readonly bus: EventBus;
  private readonly ownsBus: boolean;
  private subscription: BusSubscription | undefined;

  constructor(definition: ConsumerDefinition, options: ConsumerOptions) {
    this.definition = definition;
    this.options = options;
    this.ownsBus = !options.bus;
    if (!options.bus && !options.busUrl) throw new Error(`consumer ${definition.name}: give a bus or a busUrl`);
    this.bus = options.bus ?? new PostgresEventBus({ url: options.busUrl!, name: `${options.schema}-${definition.name}`, poolSize: 1 });
  }

  async start(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      durable: `${this.options.schema}-${this.definition.name}`,
      after: await this.position(),
      types: this.definition.types,
      handle: ({ position, envelope }) => this.apply(position, envelope),
      handleBatch: (events) => this.applyBatch(events),
    });
  }

  /** Resolves once every event on the bus so far has been handled (or a handler failed). */
  async catchUp(): Promise<void> {
    await this.subscription?.drain();
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
    if (this.ownsBus) await this.bus.close();
  }

  /** Moves the consumer's position; with a time, to the last event before it (replay). Events already applied stay applied once. */
  async rewind(to: { position: number } | { time: Date }): Promise<void> {
    const position = 'position' in to ? to.position : await this.bus.positionBefore(to.time);
    const running = this.subscription !== undefined;
    await this.subscription?.close();
    await this.savePosition(this.options.orm.em.fork(), position);
    if (running) await this.start();
  }

  /**
   * The row keeping the position: the consumer's name on the PostgreSQL bus
   * (as it always was), `name@nats:<stream>` on a JetStream stream, whose
   * positions mean nothing on another log. Processed ids are shared: an event
   * keeps its id on every bus.
   */
  private get positionKey(): string {
    return this.bus.kind === 'postgres' ? this.definition.name : `${this.definition.name}@${this.bus.id}`;
  }

  private async position(): Promise<number> {
    const rows = await this.options.orm.em.fork().execute<{ position: string }[]>(
      `SELECT position FROM "${this.options.schema}".consumer_position WHERE consumer = ?`, [this.positionKey]);
    return Number(rows[0]?.position ?? 0);
  }

  private async savePosition(em: EntityManager, position: number): Promise<void> {
    await em.execute(
      `INSERT INTO "${this.options.schema}".consumer_position (consumer, position) VALUES (?, ?)
       ON CONFLICT (consumer) DO UPDATE SET position = excluded.position, updated_at = now()`,
      [this.positionKey, position]);
  }

  /**
   * A batch in one transaction (one commit instead of one per event), the
   * processed ids recorded in one statement. If anything fails, the whole
   * batch rolls back and is applied one event at a time, so that the events
   * before the failing one still commit and the failing one is retried alone.
   */
  private async applyBatch(events: BusEvent[]): Promise<void> {
    try {
      await this.options.orm.em.fork().transactional(async (tx) => {
        const fresh = new Set((await tx.execute<{ event_id: string }[]>(
          `INSERT INTO "${this.options.schema}".inbox (consumer, event_id) SELECT ?, id FROM jsonb_array_elements_text(?::jsonb) AS id
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [this.definition.name, JSON.stringify(events.map(({ envelope }) => envelope.id))],
        )).map((row) => row.event_id));
        const todo = events.filter(({ envelope }) => fresh.has(envelope.id) && this.wants(envelope));
        if (this.definition.handleBatch) {
          if (todo.length > 0) await this.definition.handleBatch(tx, todo.map(({ envelope, position }) => ({ event: envelope, position })));
        } else {
          for (const { envelope, position } of todo) await this.handleOne(tx, envelope, position);
        }
        await this.savePosition(tx, events.at(-1)!.position);
      });
    } catch {
      for (const { position, envelope } of events) await this.apply(position, envelope);
    }
  }

  private async apply(position: number, event: EventEnvelope): Promise<void> {
    await this.options.orm.em.fork().transactional(async (tx) => {
      await this.applyIn(tx, event, position);
      await this.savePosition(tx, position);
    });
  }

  /** Records the event as processed and applies it, unless it was already. */
  private async applyIn(tx: EntityManager, event: EventEnvelope, position: number): Promise<void> {
    const fresh = await tx.execute<{ event_id: string }[]>(
      `INSERT INTO "${this.options.schema}".inbox (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.definition.name, event.id]);
    if (fresh.length > 0 && this.wants(event)) await this.handleOne(tx, event, position);
  }

  private wants(event: EventEnvelope): boolean {
    return !event.history || this.definition.history === true;
  }

  /** `handle`, with `tx` scoped to the event's tenant and nothing loaded for another event in sight. */
  private async handleOne(tx: EntityManager, event: EventEnvelope, position: number): Promise<void> {
    tx.clear();
    tx.setFilterParams('tenant', { tenantId: event.tenantid });
    await this.definition.handle(tx, event, position);
  }
}
