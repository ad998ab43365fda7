import pg from 'pg';

export interface DrainLoopOptions {
  /** For log lines. */
  name: string;
  /** Makes `wake` run whenever there may be new work (a notification); returns how to stop that. */
  subscribe(wake: () => void): Promise<() => void>;
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
  private unsubscribe: (() => void) | undefined;

  constructor(options: DrainLoopOptions) {
    this.options = options;
  }

  async start(): Promise<void> {
    this.running = true;
    this.unsubscribe = await this.options.subscribe(() => this.wake());
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
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
    this.unsubscribe?.();
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

/** Subscribes `wake` to a PostgreSQL channel on a connection of its own. */
export async function onNotification(listener: pg.Client, channel: string, name: string, wake: () => void): Promise<() => void> {
  listener.on('notification', wake);
  listener.on('error', (error) => console.error(`[${name}]`, error.message));
  await listener.query(`LISTEN ${channel}`);
  return () => listener.off('notification', wake);
}

/**
 * Listens on a PostgreSQL channel over a connection of its own (for packages
 * that reach the database only through the ORM); the returned function stops.
 */
export async function listenOn(url: string, channel: string, name: string, wake: () => void): Promise<() => Promise<void>> {
  const listener = new pg.Client({ connectionString: url, application_name: `${name}-listener` });
  await listener.connect();
  await onNotification(listener, channel, name, wake);
  return () => listener.end();
}
