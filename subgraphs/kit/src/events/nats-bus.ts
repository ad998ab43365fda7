import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  AckPolicy, DeliverPolicy, jetstream, jetstreamManager,
  type Consumer, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg,
} from '@nats-io/jetstream';
import type { BusEvent, BusSubscription, BusSubscriptionOptions, EventBus } from './bus.ts';
import { customerIdOf, type EventEnvelope } from './outbox.ts';

/** How long a failed handler waits before its event is tried again. */
const RETRY_MS = 1000;
/** Events handed to a consumer at once, and read ahead of it at most. */
const BATCH_SIZE = 200;
const MAX_QUEUED = 1000;
/** JetStream forgets a message id after this long; a relay re-publishing within it adds nothing. */
const DUPLICATE_WINDOW_NS = 10 * 60 * 1e9;
const SUBJECT_TOKEN = /^[A-Za-z0-9_-]+$/;
/** An event type as subject tokens (`invoice.created`). */
const TYPE_TOKENS = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/**
 * NATS JetStream as the bus, for several machines. One stream holds the log:
 * subjects `<stream>.<tenant>.<type>` and the stream sequence as position. The
 * relay publishes an entity's (and a customer's) events one at a time, each
 * after the previous one's acknowledgement, so the stream keeps the outbox's
 * order per entity and per customer; the event id is the message id, so a
 * re-publish after a crash is dropped by JetStream's duplicate window.
 *
 * Event id → position lives in a second stream (`<stream>_ids`, one message
 * per id subject, as a JetStream key-value bucket would keep it), for partners
 * resuming after an event id.
 *
 * Readers: a named (durable) reader is a JetStream durable pull consumer with
 * that name, acknowledged as events are handled. The reader's own position,
 * committed with its effects (BusConsumer), stays the truth: when the durable
 * consumer's acknowledged floor disagrees with it (a crash between commit and
 * acknowledgement, a rewind), the consumer is recreated at that position.
 * Unnamed readers are ordered consumers.
 */
export class NatsEventBus implements EventBus {
  readonly kind = 'nats' as const;
  readonly id: string;
  private readonly connection: NatsConnection;
  private readonly js: JetStreamClient;
  private readonly jsm: JetStreamManager;
  private readonly stream: string;
  private readonly name: string;

  private constructor(connection: NatsConnection, jsm: JetStreamManager, stream: string, name: string) {
    this.connection = connection;
    this.js = jetstream(connection);
    this.jsm = jsm;
    this.stream = stream;
    this.name = name;
    this.id = `nats:${stream}`;
  }

  static async connect(options: { url: string; stream: string; name: string }): Promise<NatsEventBus> {
    const connection = await connect({ servers: options.url, name: options.name, maxReconnectAttempts: -1 });
    const jsm = await jetstreamManager(connection);
    const bus = new NatsEventBus(connection, jsm, options.stream, options.name);
    await bus.ensureStreams();
    return bus;
  }

  /** Creates the log and the id index unless they exist (several processes may race: both succeed). */
  private async ensureStreams(): Promise<void> {
    const wanted = [
      { name: this.stream, subjects: [`${this.stream}.>`], duplicate_window: DUPLICATE_WINDOW_NS },
      { name: this.idStream, subjects: [`${this.idStream}.>`], max_msgs_per_subject: 1 },
    ];
    for (const config of wanted) {
      try {
        await this.jsm.streams.info(config.name);
      } catch {
        await this.jsm.streams.add(config).catch(async (error: Error) => {
          // Created meanwhile by another process.
          if (!(await this.jsm.streams.info(config.name).then(() => true, () => false))) throw error;
        });
      }
    }
  }

  private get idStream(): string {
    return `${this.stream}_ids`;
  }

  /**
   * Publishes in order per entity and per customer, pipelined across them: an
   * event is sent once the previous event of its subject and of its customer
   * has been acknowledged, while events of other entities are in flight. A
   * publish that fails stops those behind it on the same entity or customer
   * (they are never sent ahead of it) and the whole call fails; the relay then
   * publishes the batch again, and JetStream drops the ids it already has.
   */
  async publish(events: readonly EventEnvelope[]): Promise<void> {
    for (const event of events) {
      if (!SUBJECT_TOKEN.test(event.tenantid)) throw new Error(`tenant id ${JSON.stringify(event.tenantid)} cannot be a NATS subject token`);
    }
    const tails = new Map<string, Promise<unknown>>();
    const sending = events.flatMap((event) => {
      const keys = [`s:${event.tenantid}:${event.subject}`, `c:${event.tenantid}:${customerIdOf(event) ?? event.subject}`];
      const sent = Promise.all(keys.map((key) => tails.get(key))).then(() =>
        this.js.publish(`${this.stream}.${event.tenantid}.${event.type}`, JSON.stringify(event), { msgID: event.id, expect: { streamName: this.stream } }));
      for (const key of keys) tails.set(key, sent);
      // The id index can be written in any order: each id has its own subject.
      const indexed = sent.then((ack) => this.js.publish(`${this.idStream}.${event.id}`, JSON.stringify({ position: ack.seq, tenantId: event.tenantid })));
      return [sent, indexed];
    });
    const failed = (await Promise.allSettled(sending)).find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async subscribe(options: BusSubscriptionOptions): Promise<BusSubscription> {
    const reader = new NatsReader(this, options);
    await reader.start();
    return reader;
  }

  async head(): Promise<number> {
    return (await this.jsm.streams.info(this.stream)).state.last_seq;
  }

  async positionOf(eventId: string): Promise<{ position: number; tenantId: string } | null> {
    if (!SUBJECT_TOKEN.test(eventId)) return null;
    const stored = await this.jsm.streams.getMessage(this.idStream, { last_by_subj: `${this.idStream}.${eventId}` }).catch(() => null);
    return stored ? (stored.json() as { position: number; tenantId: string }) : null;
  }

  /** By the time events reached the stream (within milliseconds of their `time`, given a running relay). */
  async positionBefore(time: Date): Promise<number> {
    const probe = await this.js.consumers.get(this.stream, { deliver_policy: DeliverPolicy.StartTime, opt_start_time: time.toISOString() });
    try {
      const first = await probe.next({ expires: 1000 });
      return first ? first.seq - 1 : await this.head();
    } finally {
      await probe.delete().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.connection.drain().catch(() => undefined);
  }

  /** Deletes the stream and its id index (tests clean up their per-run streams with it). */
  async destroy(): Promise<void> {
    for (const name of [this.stream, this.idStream]) await this.jsm.streams.delete(name).catch(() => undefined);
    await this.close();
  }

  /**
   * @internal for NatsReader: the subjects a reader takes. The server leaves
   * out other tenants and, for a reader of one type, other types; a reader of
   * several types skips the others itself (NATS 2.9 takes one filter subject
   * per consumer).
   */
  filterFor(options: Pick<BusSubscriptionOptions, 'tenantId' | 'types'>): string {
    const type = options.types?.length === 1 && TYPE_TOKENS.test(options.types[0]!) ? options.types[0] : null;
    if (!options.tenantId && !type) return `${this.stream}.>`;
    return `${this.stream}.${options.tenantId ?? '*'}.${type ?? '>'}`;
  }

  /** @internal for NatsReader: a consumer delivering from `after + 1`, durable when named. */
  async consumerFrom(options: BusSubscriptionOptions, after: number): Promise<Consumer> {
    const filter = this.filterFor(options);
    if (!options.durable) {
      return this.js.consumers.get(this.stream, { filter_subjects: filter, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: after + 1 });
    }
    const durable = durableName(options.durable);
    const existing = await this.jsm.consumers.info(this.stream, durable).catch(() => null);
    const agrees = existing && existing.config.filter_subject === filter && existing.ack_floor.stream_seq === after && existing.num_ack_pending === 0;
    if (!agrees) {
      if (existing) await this.jsm.consumers.delete(this.stream, durable);
      await this.jsm.consumers.add(this.stream, {
        durable_name: durable,
        filter_subject: filter,
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: after + 1,
        ack_policy: AckPolicy.All,
        ack_wait: 5 * 60 * 1e9,
      });
    }
    return this.js.consumers.get(this.stream, durable);
  }

  get label(): string {
    return this.name;
  }
}

/** JetStream durable names: letters, digits, `_` and `-`. */
const durableName = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_');

/**
 * One reader: takes messages in order, skips the types it does not want, and
 * hands the rest to `handle` one at a time. A failed handler stops the reader,
 * which starts again from the failed event after RETRY_MS.
 */
class NatsReader implements BusSubscription {
  private readonly bus: NatsEventBus;
  private readonly options: BusSubscriptionOptions;
  private readonly types: Set<string> | null;
  /** The last event handled (or skipped). */
  private position: number;
  /** The consumer's delivery sequence of the last message handled (or skipped): all is handled once the server has delivered no more. */
  private handled = 0;
  private messages: ConsumerMessages | undefined;
  private consumer: Consumer | undefined;
  private closed = false;
  /** Set when a handler failed: the rest of this consumer's messages are dropped until it restarts. */
  private stopped = false;
  private failures = 0;
  private readonly queue: JsMsg[] = [];
  private working: Promise<void> | undefined;
  private running: Promise<void> = Promise.resolve();
  private retry: NodeJS.Timeout | undefined;

  constructor(bus: NatsEventBus, options: BusSubscriptionOptions) {
    this.bus = bus;
    this.options = options;
    this.types = options.types ? new Set(options.types) : null;
    this.position = options.after;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.consumer = await this.bus.consumerFrom(this.options, this.position);
    // A durable consumer kept from before has delivered (and had acknowledged) that much already.
    this.handled = (await this.consumer.info()).delivered.consumer_seq;
    this.messages = await this.consumer.consume({ max_messages: BATCH_SIZE });
    this.running = this.run(this.messages);
  }

  /**
   * Takes messages as they arrive and hands them, in order, to `work`, which
   * handles whatever has arrived meanwhile as one batch: a consumer then
   * commits once per batch rather than once per event. Reading waits while
   * too much is queued.
   */
  private async run(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      // Ordered consumers must not be left with `break`: stop() (from close) ends the loop.
      if (this.closed || this.stopped) continue;
      this.queue.push(message);
      this.working ??= this.work(messages).finally(() => {
        this.working = undefined;
      });
      while (this.queue.length >= MAX_QUEUED && !this.closed && !this.stopped) await this.working;
    }
    await this.working;
  }

  private async work(messages: ConsumerMessages): Promise<void> {
    while (this.queue.length > 0 && !this.closed && !this.stopped) {
      const taken = this.queue.splice(0, BATCH_SIZE);
      const batch = taken.filter((message) => message.seq > this.position);
      const events = batch.map((message): BusEvent => ({ position: message.seq, envelope: message.json<EventEnvelope>() }))
        .filter(({ envelope }) => !this.types || this.types.has(envelope.type));
      try {
        if (this.options.handleBatch && events.length > 1) await this.options.handleBatch(events);
        else for (const event of events) await this.options.handle(event);
      } catch (error) {
        console.error(`[${this.options.durable ?? this.bus.label} reader]`, (error as Error).message);
        this.failures += 1;
        this.stopped = true;
        this.queue.length = 0;
        messages.stop();
        if (!this.closed) this.retry = setTimeout(() => void this.restart(), RETRY_MS);
        return;
      }
      const last = batch.at(-1);
      if (last) {
        this.position = last.seq;
        this.ack(last);
      }
      this.handled = taken.at(-1)!.info.deliverySequence;
    }
  }

  /** Acknowledges everything up to here (AckPolicy.All) on a durable consumer; ordered ones take no acks. */
  private ack(message: JsMsg): void {
    if (this.options.durable) message.ack();
  }

  private async restart(): Promise<void> {
    if (this.closed) return;
    await this.running;
    if (!this.options.durable) await this.consumer?.delete().catch(() => undefined);
    try {
      await this.start();
    } catch (error) {
      console.error(`[${this.options.durable ?? this.bus.label} reader]`, (error as Error).message);
      this.retry = setTimeout(() => void this.restart(), RETRY_MS);
    }
  }

  /**
   * Waits until the consumer has nothing pending and every message it has
   * delivered was handled; returns early when a handler fails meanwhile.
   * (Delivery sequences, not stream positions: a filtered consumer moves past
   * messages it never delivers.)
   */
  async drain(): Promise<void> {
    const failures = this.failures;
    for (;;) {
      if (this.closed || this.failures > failures) return;
      const info = await this.consumer?.info().catch(() => null);
      if (info && info.num_pending === 0 && this.handled >= info.delivered.consumer_seq) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.messages?.stop();
    await this.running;
    if (!this.options.durable) await this.consumer?.delete().catch(() => undefined);
  }
}
