import { DomainError, type BusEvent, type BusSubscription, type EventBus } from '@c360/kit';

/** Events a live subscriber may fall behind by before it is dropped (it resumes with `after`). */
const MAX_BEHIND = 10_000;
/** Events read ahead of a catching-up subscriber before its reader waits. */
const READ_AHEAD = 500;

type Listener = (event: BusEvent) => void;

/**
 * The gateway process's view of the bus: one reader from the head of the bus
 * at start, fanning each tenant's events out to that tenant's subscribers.
 * A subscriber resuming from an older position reads the bus on its own until
 * it meets the live feed, then continues from it (`ChangeStream`).
 */
export class EventFeed {
  readonly bus: EventBus;
  /** The last position the feed has passed on. */
  position = 0;
  private readonly listeners = new Map<string, Set<Listener>>();
  private subscription: BusSubscription | undefined;

  constructor(bus: EventBus) {
    this.bus = bus;
  }

  async start(): Promise<void> {
    this.position = await this.bus.head();
    this.subscription = await this.bus.subscribe({
      after: this.position,
      handle: async (event) => {
        this.position = event.position;
        for (const listener of this.listeners.get(event.envelope.tenantid) ?? []) listener(event);
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
  }

  /** Calls `listener` with each of the tenant's events from now on; returns how to stop. */
  listen(tenantId: string, listener: Listener): () => void {
    let tenantListeners = this.listeners.get(tenantId);
    if (!tenantListeners) this.listeners.set(tenantId, (tenantListeners = new Set()));
    tenantListeners.add(listener);
    return () => {
      tenantListeners.delete(listener);
      if (tenantListeners.size === 0) this.listeners.delete(tenantId);
    };
  }

  /** A tenant's events after `after` (a bus position; null: from now), in bus order, each once. */
  async open(tenantId: string, after: number | null, accept: (event: BusEvent) => boolean): Promise<ChangeStream> {
    const stream = new ChangeStream(accept);
    stream.detach = this.listen(tenantId, (event) => stream.live(event));
    if (after === null || after >= this.position) {
      stream.last = Math.max(after ?? 0, this.position);
    } else {
      stream.last = after;
      // Live events arriving while the reader opens wait too.
      stream.catchingUp = true;
      const reader = await this.bus.subscribe({ after, tenantId, handle: (event) => stream.caughtUp(event) });
      // It may have met the live feed (or been closed) before it was even returned.
      if (stream.catchingUp) stream.catching = reader;
      else setImmediate(() => void reader.close());
    }
    return stream;
  }
}

/**
 * One subscriber's events. While catching up, events come from its own bus
 * reader and the live ones wait; once the reader reaches the first waiting
 * live event, the reader is closed and the waiting events follow. Every
 * position is passed on at most once (`last`), so the hand-over neither skips
 * nor repeats.
 */
export class ChangeStream implements AsyncIterableIterator<BusEvent> {
  last = 0;
  /** True until the catching-up reader has met the live feed. */
  catchingUp = false;
  catching: BusSubscription | null = null;
  detach: () => void = () => undefined;
  private readonly accept: (event: BusEvent) => boolean;
  private readonly ready: BusEvent[] = [];
  private readonly waitingLive: BusEvent[] = [];
  private pull: ((result: IteratorResult<BusEvent>) => void) | null = null;
  private pullFailed: ((error: Error) => void) | null = null;
  private roomForMore: (() => void) | null = null;
  private failure: Error | null = null;
  private closed = false;

  constructor(accept: (event: BusEvent) => boolean) {
    this.accept = accept;
  }

  /** From the live feed. */
  live(event: BusEvent): void {
    if (this.closed || event.position <= this.last) return;
    if (this.catchingUp) {
      this.waitingLive.push(event);
      if (this.waitingLive.length > MAX_BEHIND) this.fail(tooSlow());
      return;
    }
    this.pass(event);
    if (this.ready.length > MAX_BEHIND) this.fail(tooSlow());
  }

  /** From the catching-up reader; waits while the subscriber has plenty to read. */
  async caughtUp(event: BusEvent): Promise<void> {
    if (this.closed || !this.catchingUp) return;
    const firstLive = this.waitingLive[0];
    if (firstLive && event.position >= firstLive.position) {
      this.catchingUp = false;
      const reader = this.catching;
      this.catching = null;
      // Closed outside this handler: a reader waits for its handler before it stops.
      if (reader) setImmediate(() => void reader.close());
      for (const waiting of this.waitingLive.splice(0)) if (waiting.position > this.last) this.pass(waiting);
      return;
    }
    if (event.position <= this.last) return;
    this.pass(event);
    while (!this.closed && this.ready.length >= READ_AHEAD) await new Promise<void>((resolve) => (this.roomForMore = resolve));
  }

  private pass(event: BusEvent): void {
    this.last = event.position;
    if (!this.accept(event)) return;
    if (this.pull) {
      const pull = this.pull;
      this.pull = this.pullFailed = null;
      pull({ value: event, done: false });
    } else {
      this.ready.push(event);
    }
  }

  private fail(error: Error): void {
    this.failure = error;
    if (this.pullFailed) this.pullFailed(error);
    void this.return();
  }

  next(): Promise<IteratorResult<BusEvent>> {
    const event = this.ready.shift();
    if (this.ready.length < READ_AHEAD / 2 && this.roomForMore) {
      this.roomForMore();
      this.roomForMore = null;
    }
    if (event) return Promise.resolve({ value: event, done: false });
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.pull = resolve;
      this.pullFailed = reject;
    });
  }

  async return(): Promise<IteratorResult<BusEvent>> {
    if (!this.closed) {
      this.closed = true;
      this.detach();
      this.roomForMore?.();
      this.catchingUp = false;
      const reader = this.catching;
      this.catching = null;
      if (reader) setImmediate(() => void reader.close());
      if (this.pull && !this.failure) this.pull({ value: undefined, done: true });
    }
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

const tooSlow = () => new DomainError('SUBSCRIPTION_UNAVAILABLE', 'The subscriber fell too far behind; subscribe again with `after` set to the last event id received');
