import { Inject, Injectable, Logger } from '@nestjs/common';
import { Database, PeriodicTask, runWithContext } from '@platform';
import { EventBus } from '../event-bus.js';
import { MessagingConfig } from '../messaging.config.js';
import { OutboxRepository } from './outbox.repository.js';

/**
 * Publishes the outbox at least once, in order: a batch is claimed, published event by event,
 * and marked in the same transaction. A relay that dies between publishing and marking
 * publishes those events again on the next run; the bus (JetStream's duplicate window) and the
 * consumers' inbox make that harmless. A failed publish stops the batch there, keeping order.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly task = new PeriodicTask({
    run: () => this.drain(),
    every: this.config.relayIntervalMs,
    logger: this.logger,
    failure: 'outbox not relayed this time',
  });
  private current?: Promise<number>;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventBus) private readonly bus: EventBus,
    private readonly outbox: OutboxRepository,
    private readonly config: MessagingConfig,
  ) {}

  start(): void {
    this.stopped = false;
    this.task.start();
  }

  /** Stops the schedule and waits for a run in progress, so the database and the bus can close after it. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.task.stop();
    await this.current?.catch(() => undefined);
  }

  /**
   * Publishes everything unpublished; resolves with the number published. A call during a run
   * makes that run go round once more, so what was committed before the call is covered.
   */
  drain(): Promise<number> {
    if (this.current) {
      this.again = true;
      return this.current;
    }
    const run = async () => {
      let total = 0;
      do {
        this.again = false;
        for (let more = true; more && !this.stopped;) {
          const batch = await this.relayBatch();
          total += batch.published;
          more = batch.more;
        }
      } while (this.again && !this.stopped);
      return total;
    };
    this.current = run().finally(() => (this.current = undefined));
    return this.current;
  }

  /** One batch in one transaction; `more` when it was full and went through, so another may follow. */
  private async relayBatch(): Promise<{ published: number; more: boolean }> {
    return this.db.transaction(async (tx) => {
      const batch = await this.outbox.claimUnpublished(tx, this.config.relayBatchSize);
      const published: string[] = [];
      for (const { eventId, envelope } of batch) {
        try {
          await runWithContext({ correlationId: envelope.correlationId }, () => this.bus.publish(envelope));
          published.push(eventId);
        } catch (error) {
          await this.outbox.recordFailure(tx, eventId, (error as Error).message);
          this.logger.warn({ eventId, err: error }, 'event not published; retried on the next run');
          break;
        }
      }
      await this.outbox.markPublished(tx, published);
      return { published: published.length, more: batch.length === this.config.relayBatchSize && published.length === batch.length };
    });
  }
}
