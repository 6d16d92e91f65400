import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { runWithContext } from '../context/request-context.js';
import type { Database } from '../db/database.js';

export interface PeriodicTaskOptions<T> {
  /** The work of one tick. */
  readonly run: () => Promise<T>;
  /**
   * Milliseconds from the end of one tick to the start of the next. A function is asked again after
   * each tick with what it returned (undefined when it threw or the lease was not held, and before
   * the first tick): a retry sooner after a failure, or the next time of day.
   */
  readonly every: number | ((last: T | undefined) => number);
  /** The owner's logger, so log lines keep its name. */
  readonly logger: Logger;
  /** Logged as a warning with the error's message when a tick throws: `<failure>: <message>`. */
  readonly failure: string;
  /** Each tick runs with a correlation id `<prefix>-<uuid>`, so its log lines and calls group together. */
  readonly correlationPrefix?: string;
  /**
   * Work that must run on one instance at a time: a tick runs only where this database says the
   * instance holds the named lease (PGlite always does; see Database.holdsLease).
   */
  readonly lease?: { readonly db: Pick<Database, 'holdsLease'>; readonly name: string };
}

/**
 * A scheduled job: ticks one at a time (a tick never overlaps the previous one, and the next is
 * timed from its end), errors logged and the schedule kept, an optional lease so one instance of
 * many runs it. Its owner calls start() or startNow() when the app boots and stop() when it shuts
 * down; stop() waits for a tick in progress, so the database can close after it.
 */
export class PeriodicTask<T = unknown> {
  private timer?: NodeJS.Timeout;
  private current?: Promise<T | undefined>;
  private stopped = true;

  constructor(private readonly options: PeriodicTaskOptions<T>) {}

  /** Schedules the first tick one interval from now. Starting a started task does nothing. */
  start(): void {
    this.stopped = false;
    if (!this.timer) this.schedule(undefined);
  }

  /** Runs the first tick now, resolving once it is done, then keeps the schedule. */
  async startNow(): Promise<void> {
    this.stopped = false;
    const last = await this.runNow();
    if (!this.stopped && !this.timer) this.schedule(last);
  }

  /**
   * One tick now, outside the schedule (a caller that knows there is work). While a tick runs,
   * this joins it rather than starting another. Resolves with the tick's result, undefined when it
   * threw (logged) or the lease is held elsewhere.
   */
  runNow(): Promise<T | undefined> {
    this.current ??= this.tick().finally(() => (this.current = undefined));
    return this.current;
  }

  /** Cancels the next tick and waits for the one in progress, if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.idle();
  }

  /** Resolves once the tick in progress, if any, is done. */
  async idle(): Promise<void> {
    await this.current;
  }

  private tick(): Promise<T | undefined> {
    const { correlationPrefix } = this.options;
    const work = async (): Promise<T | undefined> => {
      try {
        const { lease } = this.options;
        if (lease && !(await lease.db.holdsLease(lease.name))) return undefined;
        return await this.options.run();
      } catch (error) {
        this.options.logger.warn(`${this.options.failure}: ${(error as Error).message}`);
        return undefined;
      }
    };
    return correlationPrefix ? runWithContext({ correlationId: `${correlationPrefix}-${randomUUID()}` }, work) : work();
  }

  private schedule(last: T | undefined): void {
    const { every } = this.options;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.runNow().then((result) => {
          if (!this.stopped && !this.timer) this.schedule(result);
        });
      },
      typeof every === 'number' ? every : every(last),
    );
    // a schedule alone never keeps the process alive
    this.timer.unref();
  }
}
