import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { EventEnvelopeDto } from '@contracts';
import { AppError, Database, markActiveSpanFailed, runWithContext, type Queryable } from '@platform';
import { DeadLetterRepository } from '../dead-letters/dead-letter.repository.js';
import { ACK, BusSubscription, Delivery, DeliveryOutcome, EventBus } from '../event-bus.js';
import { MessagingConfig } from '../messaging.config.js';
import { MessagingMetrics, type DeliveryResult } from '../messaging.metrics.js';
import { retryDelayMs } from './retry.policy.js';
import { inDeliverySpan } from '../event-tracing.js';

/** An event's effect, applied in the transaction that also records the event in the inbox. */
export type EventHandler = (tx: Queryable, event: EventEnvelopeDto) => Promise<void>;

export type ApplyOutcome = 'applied' | 'duplicate';

/** How far back a restart looks for deliveries the in-process bus lost. */
const RECOVERY_WINDOW = '7 days';

/** Outage deliveries remembered per (consumer, event) at most; the oldest are forgotten first. */
const OUTAGE_MEMORY = 10_000;

/**
 * The next layer is unavailable (503: its breaker is open, it can't be reached, timed out, or said
 * so itself): the event is not at fault, so waiting out the outage is not a failed attempt.
 */
function isOutage(error: unknown): boolean {
  const cause = error instanceof HandlerFailedError ? error.cause : error;
  return cause instanceof AppError && cause.status === 503;
}

/** The handler itself failed (as opposed to the bookkeeping around it). */
export class HandlerFailedError extends Error {
  constructor(
    readonly consumer: string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = HandlerFailedError.name;
  }
}

interface Registration {
  readonly handler: EventHandler;
  readonly afterCommit?: (event: EventEnvelopeDto) => void;
  subscription?: BusSubscription;
}

export interface ConsumerOptions {
  /** Only these event types; all when absent. */
  readonly types?: readonly string[];
  /** Runs once the event's effect has committed (e.g. to start follow-up work that must see it). */
  readonly afterCommit?: (event: EventEnvelopeDto) => void;
}

/**
 * Runs event consumers "exactly once in effect" over an at-least-once bus: each delivery
 * opens a transaction, inserts (consumer, event id) into the inbox (a conflict means it was
 * applied before: acknowledged without effect), runs the handler and commits both together.
 * A failure is retried with exponential backoff and jitter; after `maxAttempts` the event
 * becomes a dead letter and is acknowledged, so the events behind it keep flowing. A delivery
 * that found the next layer unavailable is no failed attempt: it is retried (backoff up to
 * `retryMaxMs`, at least until the breaker's probe) for as long as `outageRetryMs` from the
 * event's first delivery, so an outage of the experience or system layer dead-letters nothing.
 */
@Injectable()
export class ConsumerRunner {
  private readonly logger = new Logger(ConsumerRunner.name);
  private readonly registrations = new Map<string, Registration>();
  /** Deliveries that met an outage, per `consumer event-id`: they don't count against maxAttempts. */
  private readonly outageDeliveries = new Map<string, number>();

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventBus) private readonly bus: EventBus,
    private readonly deadLetters: DeadLetterRepository,
    private readonly config: MessagingConfig,
    @Optional() private readonly metrics?: MessagingMetrics,
  ) {}

  async register(consumer: string, handler: EventHandler, options: ConsumerOptions = {}): Promise<void> {
    if (this.registrations.has(consumer)) throw new Error(`Consumer "${consumer}" is already registered`);
    // Known before the first delivery, which may arrive before subscribe() returns.
    const registration: Registration = { handler, afterCommit: options.afterCommit };
    this.registrations.set(consumer, registration);
    try {
      registration.subscription = await this.bus.subscribe(consumer, (event, delivery) => this.deliver(consumer, event, delivery), { types: options.types });
    } catch (error) {
      this.registrations.delete(consumer);
      throw error;
    }
    if (this.bus.redeliver) await this.recover(consumer, options.types);
  }

  /**
   * On a bus without memory across restarts: the events published lately (RECOVERY_WINDOW) that
   * this consumer neither applied (inbox) nor dead-lettered were queued when the process stopped;
   * they go to it again. One that is also on its way now is applied once all the same (inbox).
   */
  private async recover(consumer: string, types: readonly string[] | undefined): Promise<void> {
    const missed = await this.db.query<{ payload: EventEnvelopeDto }>(
      `SELECT o.payload FROM outbox o
       WHERE o.published_at > now() - interval '${RECOVERY_WINDOW}' AND ($2::text[] IS NULL OR o.type = ANY($2::text[]))
         AND NOT EXISTS (SELECT 1 FROM inbox i WHERE i.consumer = $1 AND i.event_id = o.event_id)
         AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.consumer = $1 AND d.event_id = o.event_id)
       ORDER BY o.seq`,
      [consumer, types ?? null],
    );
    for (const { payload } of missed) this.bus.redeliver!(consumer, payload);
    if (missed.length) this.logger.log({ consumer, events: missed.length }, 'redelivering events queued before the last stop');
  }

  isRegistered(consumer: string): boolean {
    return this.registrations.has(consumer);
  }

  /** Records the event in the inbox and applies it in `tx`; the caller commits. Throws HandlerFailedError. */
  async applyIn(tx: Queryable, consumer: string, event: EventEnvelopeDto): Promise<ApplyOutcome> {
    const registration = this.registrations.get(consumer);
    if (!registration) throw new Error(`Consumer "${consumer}" is not registered`);
    const inserted = await tx.query(
      `INSERT INTO inbox (consumer, event_id, event_type, subject, payload, correlation_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
      [consumer, event.id, event.type, event.subject, JSON.stringify(event), event.correlationId],
    );
    if (!inserted.length) return 'duplicate';
    try {
      await registration.handler(tx, event);
    } catch (error) {
      throw new HandlerFailedError(consumer, error);
    }
    return 'applied';
  }

  /** In a consumer span of the event's trace: what the handler calls and logs joins the trace of the work that wrote the event. */
  private async deliver(consumer: string, event: EventEnvelopeDto, delivery: Delivery): Promise<DeliveryOutcome> {
    return inDeliverySpan(consumer, this.bus.kind, event, delivery.attempt, () => this.deliverInContext(consumer, event, delivery));
  }

  private async deliverInContext(consumer: string, event: EventEnvelopeDto, delivery: Delivery): Promise<DeliveryOutcome> {
    const counted = (result: DeliveryResult, outcome: DeliveryOutcome) => {
      this.metrics?.delivered(consumer, delivery.attempt, result);
      return outcome;
    };
    return runWithContext({ correlationId: event.correlationId }, async () => {
      const key = `${consumer} ${event.id}`;
      try {
        const outcome = await this.db.transaction((tx) => this.applyIn(tx, consumer, event));
        if (outcome === 'applied') this.registrations.get(consumer)?.afterCommit?.(event);
        this.outageDeliveries.delete(key);
        return counted(outcome, ACK);
      } catch (error) {
        markActiveSpanFailed(error);
        const message = (error as Error).message;
        const outages = this.outageDeliveries.get(key) ?? 0;
        if (isOutage(error) && Date.now() - delivery.since < this.config.outageRetryMs) {
          this.rememberOutage(key, outages + 1);
          const retryAfterMs = ((error as HandlerFailedError).cause as AppError).retryAfterSeconds ?? 0;
          const retryInMs = Math.min(
            this.config.retryMaxMs,
            Math.max(retryAfterMs * 1000, retryDelayMs(outages + 1, this.config.retryBaseMs, this.config.retryMaxMs)),
          );
          this.logger.warn({ consumer, eventId: event.id, attempt: delivery.attempt, retryInMs, err: error }, 'next layer unavailable; will retry');
          return counted('outage_retry', { ack: false, retryInMs });
        }
        const failedAttempts = delivery.attempt - outages;
        if (!isOutage(error) && failedAttempts < this.config.maxAttempts) {
          const retryInMs = retryDelayMs(failedAttempts, this.config.retryBaseMs, this.config.retryMaxMs);
          this.logger.warn({ consumer, eventId: event.id, attempt: delivery.attempt, retryInMs, err: error }, 'event not applied; will retry');
          return counted('retry', { ack: false, retryInMs });
        }
        try {
          await this.deadLetters.open(consumer, event, message, delivery.attempt);
          this.outageDeliveries.delete(key);
          this.logger.error({ consumer, eventId: event.id, type: event.type, attempts: delivery.attempt, err: error }, 'event dead-lettered');
          return counted('dead_lettered', ACK);
        } catch (recordError) {
          // Not recorded anywhere yet: keep it on the bus rather than lose it.
          this.logger.error({ consumer, eventId: event.id, err: recordError }, 'dead letter not recorded; will retry');
          return counted('retry', { ack: false, retryInMs: this.config.retryMaxMs });
        }
      }
    });
  }

  private rememberOutage(key: string, count: number): void {
    this.outageDeliveries.delete(key); // re-inserted last: the map stays in order of last outage
    this.outageDeliveries.set(key, count);
    if (this.outageDeliveries.size > OUTAGE_MEMORY) this.outageDeliveries.delete(this.outageDeliveries.keys().next().value!);
  }

  /** Stops every consumer, waiting for the deliveries in hand. */
  async stop(): Promise<void> {
    await Promise.all([...this.registrations.values()].map((r) => r.subscription?.stop()));
    this.registrations.clear();
  }
}
