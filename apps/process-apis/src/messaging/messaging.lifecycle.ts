import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConsumerRunner } from './consumers/consumer-runner.js';
import { EventBus } from './event-bus.js';
import { OutboxRelay } from './outbox/outbox-relay.service.js';

/**
 * Starts the relay once every module has registered its consumers, and stops things in order
 * before the database closes: relay (no more publishing), consumers (deliveries in hand
 * finish), then the bus connection.
 */
const SHUTDOWN_STEP_MS = 10_000;

@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MessagingLifecycle.name);

  constructor(
    private readonly relay: OutboxRelay,
    private readonly runner: ConsumerRunner,
    @Inject(EventBus) private readonly bus: EventBus,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.bounded('outbox relay', this.relay.stop());
    await this.bounded('consumers', this.runner.stop());
    await this.bounded('event bus', this.bus.close());
  }

  /**
   * A step that does not finish in time is left behind so the app still stops: what it had in
   * hand is unacknowledged, hence redelivered (JetStream; the in-process bus at the next start).
   */
  private async bounded(step: string, work: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), SHUTDOWN_STEP_MS)));
    const outcome = await Promise.race([work.then(() => 'done' as const), late]);
    clearTimeout(timer);
    if (outcome === 'late') this.logger.warn(`shutdown: the ${step} did not stop within ${SHUTDOWN_STEP_MS} ms; going on`);
  }
}
