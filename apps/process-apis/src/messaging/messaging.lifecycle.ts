import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConsumerRunner } from './consumers/consumer-runner.js';
import { EventBus } from './event-bus.js';
import { OutboxRelay } from './outbox/outbox-relay.service.js';

/**
 * Starts the relay once every module has registered its consumers, and stops things in order
 * before the database closes: relay (no more publishing), consumers (deliveries in hand
 * finish), then the bus connection.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly runner: ConsumerRunner,
    @Inject(EventBus) private readonly bus: EventBus,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.runner.stop();
    await this.bus.close();
  }
}
