import { Module } from '@nestjs/common';
import { ProcessApisConfig } from '../process.config.js';
import { BusReadiness } from './bus.readiness.js';
import { ConsumerRunner } from './consumers/consumer-runner.js';
import { defaultMessagingConfig, MessagingConfig } from './messaging.config.js';
import { MessagingMetrics } from './messaging.metrics.js';
import { messagingControllers, messagingProviders } from './messaging.providers.js';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository.js';
import { OutboxRelay } from './outbox/outbox-relay.service.js';
import { OutboxRepository } from './outbox/outbox.repository.js';

/** Outbox, relay, bus, consumers and dead letters. Other contexts write to the outbox, drain it and register consumers; operations read an order's events and dead letters. */
@Module({
  controllers: messagingControllers,
  providers: [
    { provide: MessagingConfig, inject: [ProcessApisConfig], useFactory: (config: ProcessApisConfig) => config.messaging ?? defaultMessagingConfig },
    ...messagingProviders(),
    MessagingMetrics,
    BusReadiness,
  ],
  exports: [OutboxRepository, OutboxRelay, ConsumerRunner, BusReadiness, DeadLetterRepository],
})
export class MessagingModule {}
