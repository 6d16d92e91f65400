import type { Provider, Type } from '@nestjs/common';
import { InProcessEventBus } from './adapters/in-process.event-bus.js';
import { NatsJetStreamEventBus } from './adapters/nats-jetstream.event-bus.js';
import { ConsumerRunner } from './consumers/consumer-runner.js';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository.js';
import { DeadLettersController } from './dead-letters/dead-letters.controller.js';
import { DeadLettersService } from './dead-letters/dead-letters.service.js';
import { EventBus } from './event-bus.js';
import { MessagingConfig } from './messaging.config.js';
import { MessagingLifecycle } from './messaging.lifecycle.js';
import { OutboxRelay } from './outbox/outbox-relay.service.js';
import { OutboxRepository } from './outbox/outbox.repository.js';

export function createEventBus(config: MessagingConfig): Promise<EventBus> | EventBus {
  switch (config.bus.kind) {
    case 'in-process':
      return new InProcessEventBus();
    case 'nats':
      return NatsJetStreamEventBus.connect(config.bus);
  }
}

/** Outbox, relay, bus, consumer runner and dead letters, configured by MessagingConfig (the process config's `messaging` namespace). */
export function messagingProviders(): Provider[] {
  return [
    { provide: EventBus, useFactory: createEventBus, inject: [MessagingConfig] },
    OutboxRepository,
    OutboxRelay,
    DeadLetterRepository,
    ConsumerRunner,
    DeadLettersService,
    MessagingLifecycle,
  ];
}

export const messagingControllers: Type[] = [DeadLettersController];
