import { z } from 'zod';
import { unsetIfEmpty } from '../env.ts';
import { NatsEventBus } from './nats-bus.ts';
import type { EventEnvelope } from './outbox.ts';
import { PostgresEventBus } from './postgres-bus.ts';

/** An event as the bus hands it out: the envelope and its position in the bus's total order. */
export interface BusEvent {
  position: number;
  envelope: EventEnvelope;
}

export interface BusSubscriptionOptions {
  /**
   * Names a durable reader (a JetStream durable consumer on NATS); ephemeral when
   * absent. Either way the position to start from is `after`: the caller keeps it.
   */
  durable?: string;
  /** Events after this position are delivered (0: from the beginning). */
  after: number;
  /** Only these event types; all when absent. */
  types?: readonly string[] | null;
  /** Only this tenant's events. */
  tenantId?: string;
  /**
   * Handles one event; the next is delivered only once it resolves. A throw
   * stops delivery, which starts again from that same event a moment later.
   */
  handle(event: BusEvent): Promise<void>;
  /**
   * Optional: handles several events at once (in order), when the bus reads
   * them in batches. A throw means none of them was handled: they come again.
   */
  handleBatch?(events: BusEvent[]): Promise<void>;
}

export interface BusSubscription {
  /** Resolves once every event on the bus at the time of the call has been handled, or once a handler failed. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The event bus seen from the relay and from consumers: an append-only log of
 * CloudEvents with a total order (positions), PostgreSQL by default and NATS
 * JetStream when configured. Both keep the same promises: an id is stored once
 * however often it is published (at least once, never twice on the bus), the
 * events of one entity or one customer come out in the order they went in
 * (PostgreSQL keeps the whole order; NATS interleaves other entities' to keep
 * several publishes in flight), and a reader can start after any position,
 * found from an event id or a time.
 */
export interface EventBus {
  readonly kind: BusKind;
  /**
   * Which log this is (`postgres`, `nats:<stream>`): a position means something
   * only on the log it was read from, so consumers keep theirs per log.
   */
  readonly id: string;
  /** Appends the events in this order (per entity and per customer, at least); ids the bus already has are not added again. */
  publish(events: readonly EventEnvelope[]): Promise<void>;
  subscribe(options: BusSubscriptionOptions): Promise<BusSubscription>;
  /** Position of the last event on the bus; 0 when it is empty. */
  head(): Promise<number>;
  /** Where an event sits (and whose it is), or null when the bus does not have that id. */
  positionOf(eventId: string): Promise<{ position: number; tenantId: string } | null>;
  /**
   * A position to replay from so that every event from `time` on comes again
   * (and possibly a few older ones that reached the bus late); the head when
   * nothing is that recent.
   */
  positionBefore(time: Date): Promise<number>;
  close(): Promise<void>;
}

export const BUS_KINDS = ['postgres', 'nats'] as const;
export type BusKind = (typeof BUS_KINDS)[number];

/** Development default of the JetStream stream; its name is also the subjects' first token. */
export const DEFAULT_NATS_STREAM = 'c360_events';

/** The variables that choose and locate the bus, for every process that publishes or consumes. */
export const busEnvShape = {
  EVENT_BUS: unsetIfEmpty(z.enum(BUS_KINDS).default('postgres')),
  NATS_URL: unsetIfEmpty(z.string().default('nats://127.0.0.1:4222')),
  /** Letters, digits, `_` and `-`: it names the stream and prefixes its subjects. */
  NATS_STREAM: unsetIfEmpty(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only').default(DEFAULT_NATS_STREAM)),
};

export interface BusConfig {
  EVENT_BUS: BusKind;
  NATS_URL: string;
  NATS_STREAM: string;
}

/**
 * Opens the configured bus. `postgresUrl` is the database holding the `bus`
 * schema (used when EVENT_BUS=postgres); `name` labels connections.
 */
export async function openEventBus(config: BusConfig, postgresUrl: string, name: string): Promise<EventBus> {
  if (config.EVENT_BUS === 'nats') return NatsEventBus.connect({ url: config.NATS_URL, stream: config.NATS_STREAM, name });
  return new PostgresEventBus({ url: postgresUrl, name });
}
