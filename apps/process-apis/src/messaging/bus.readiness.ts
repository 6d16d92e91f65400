import { Inject, Injectable } from '@nestjs/common';
import { ReadinessCheck } from '@platform';
import { EventBus } from './event-bus.js';

/**
 * Readiness of the event bus: `nats` in /health/ready (connected, and the stream answers), or
 * `event-bus` for the in-process bus (up while open). Down is 503: events written now would wait
 * in the outbox, and consumers on this instance receive nothing.
 */
@Injectable()
export class BusReadiness extends ReadinessCheck {
  constructor(@Inject(EventBus) private readonly bus: EventBus) {
    super();
  }

  get name(): string {
    return this.bus.kind === 'nats' ? 'nats' : 'event-bus';
  }

  check() {
    return this.bus.probe();
  }
}
