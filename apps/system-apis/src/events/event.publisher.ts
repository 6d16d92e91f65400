import type { EventEnvelopeDto } from '@contracts';

/** Where canonical events go: the process layer. Fails with 503 so the event's source redelivers it. */
export abstract class EventPublisher {
  abstract publish(event: EventEnvelopeDto<object>): Promise<void>;
}
