import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PeriodicTask } from '@platform';
import { ExperienceApisConfig } from '../../experience.config.js';
import { nextAttemptDelayMs } from '../domain/retry-schedule.js';
import { withDetails } from '../domain/webhook-events.js';
import { WebhookDeliveryRepository, type AttemptOutcome, type ClaimedDelivery } from './webhook-delivery.repository.js';
import { WebhookDetailsService } from './webhook-details.service.js';
import { WebhookSender } from './webhook.sender.js';

/**
 * Sends queued deliveries, at least once. Each poll leases as many due deliveries as there
 * are free slots and sends them concurrently, so a slow or dead receiver holds one slot for at
 * most the attempt's deadline and never the whole worker. Failures come back after an
 * exponential backoff with jitter, until the attempts are used up and the delivery fails.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookDeliveryWorker.name);
  private readonly inFlight = new Set<Promise<void>>();
  private readonly polling = new PeriodicTask({
    run: () => this.claimAndStart(),
    every: this.config.webhooks.pollIntervalMs,
    logger: this.logger,
    failure: 'webhook deliveries not polled this time',
  });
  private readonly purging = new PeriodicTask({
    run: () => this.purge(),
    every: 3_600_000,
    logger: this.logger,
    failure: 'webhook delivery log not purged',
  });
  private stopped = false;

  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly sender: WebhookSender,
    private readonly details: WebhookDetailsService,
    private readonly config: ExperienceApisConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.polling.start();
    this.purging.start();
  }

  /** Stops polling and lets the attempts in hand finish (each within its deadline) before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await Promise.all([this.polling.stop(), this.purging.stop()]);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Leases due deliveries into the free slots and starts them (joining a poll in progress); resolves with how many were started. */
  async poll(): Promise<number> {
    if (this.stopped) return 0;
    return (await this.polling.runNow()) ?? 0;
  }

  /** Resolves once the attempts in flight now are recorded (tests). */
  async settle(): Promise<void> {
    await this.polling.idle();
    await Promise.allSettled([...this.inFlight]);
  }

  private async claimAndStart(): Promise<number> {
    const { concurrency, timeoutMs } = this.config.webhooks;
    const free = concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    // the lease outlives the attempt's deadline, so it only lapses when this instance died
    const claimed = await this.deliveries.claimDue(free, timeoutMs + 30_000);
    for (const delivery of claimed) {
      const attempt: Promise<void> = this.attempt(delivery).finally(() => this.inFlight.delete(attempt));
      this.inFlight.add(attempt);
    }
    return claimed.length;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const { maxAttempts, retryBaseMs, retryMaxMs } = this.config.webhooks;
    try {
      const outcome = await this.withDetailsThenSend(delivery);
      const attempts = delivery.attempts + 1;
      const status = outcome.succeeded ? 'succeeded' : attempts >= maxAttempts ? 'failed' : 'pending';
      const retryInMs = status === 'pending' ? nextAttemptDelayMs(attempts, retryBaseMs, retryMaxMs) : 0;
      await this.deliveries.recordAttempt(delivery, outcome, { status, retryInMs });
      if (status === 'failed')
        this.logger.warn({ deliveryId: delivery.deliveryId, eventId: delivery.eventId, error: outcome.error }, 'webhook delivery failed for good');
    } catch (error) {
      // not recorded: the lease expires and the delivery is tried again
      this.logger.warn({ deliveryId: delivery.deliveryId, err: error }, 'webhook attempt not recorded');
    }
  }

  /**
   * Adds the details before the first attempt; when the process layer can't give them now, the
   * attempt counts as failed without calling the partner (the log says why) and is retried.
   */
  private async withDetailsThenSend(delivery: ClaimedDelivery): Promise<AttemptOutcome> {
    if (!delivery.detailsPending) return this.sender.send(delivery);
    const startedAt = new Date();
    try {
      const details = await this.details.detailsOf(delivery);
      const body = details ? withDetails(delivery.body, details) : delivery.body;
      await this.deliveries.completeDetails(delivery, body);
      return await this.sender.send({ ...delivery, body, detailsPending: false });
    } catch (error) {
      return {
        startedAt,
        durationMs: Date.now() - startedAt.getTime(),
        statusCode: null,
        error: `not sent: details unavailable from the gateway (${(error as Error).message})`.slice(0, 1_000),
        succeeded: false,
      };
    }
  }

  private async purge(): Promise<void> {
    const purged = await this.deliveries.purgeFinished(this.config.webhooks.logRetentionDays);
    if (purged) this.logger.log(`purged ${purged} finished webhook deliveries`);
  }
}
