import type pg from 'pg';

export interface DrainLoopOptions {
  /** For log lines. */
  name: string;
  /** Connection that LISTENs on `channel`; a notification wakes the loop. */
  listener: pg.Client;
  channel: string;
  /** Fallback poll, in case a notification is missed across a reconnect. */
  pollMs: number;
  batchSize: number;
  /** Processes one batch and says how many items it handled. */
  step(): Promise<number>;
}

/**
 * Runs `step` until a batch comes back short, whenever woken by a notification
 * or the poll. Wakes that arrive while draining coalesce into one more pass, and
 * passes never overlap, so the work stays in order.
 */
export class DrainLoop {
  private readonly options: DrainLoopOptions;
  private running = false;
  private pending = false;
  private draining: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(options: DrainLoopOptions) {
    this.options = options;
  }

  async start(): Promise<void> {
    const { listener, channel, pollMs, name } = this.options;
    this.running = true;
    listener.on('notification', () => this.wake());
    listener.on('error', (error) => console.error(`[${name}]`, error.message));
    await listener.query(`LISTEN ${channel}`);
    this.timer = setInterval(() => this.wake(), pollMs);
    this.wake();
  }

  /** Resolves once everything available now has been processed. */
  async drain(): Promise<void> {
    this.wake();
    await this.draining;
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    await this.draining;
  }

  private wake(): void {
    if (!this.running || this.pending) return;
    this.pending = true;
    this.draining = this.draining.then(async () => {
      this.pending = false;
      try {
        while (this.running && (await this.options.step()) === this.options.batchSize);
      } catch (error) {
        console.error(`[${this.options.name}]`, (error as Error).message);
      }
    });
  }
}
