import { ServiceClient } from '@platform';
import type { EventEnvelopeDto } from '../events/event-envelope.js';

/** Header carrying the shared secret of the internal channel-events endpoint. */
export const CHANNEL_EVENTS_TOKEN_HEADER = 'x-channel-events-token';

/** Typed client of the experience layer's internal channel-events endpoint, used by the process layer. */
export class ExperienceEventsClient {
  constructor(
    private readonly http: ServiceClient,
    private readonly token: string,
  ) {}

  /** At-least-once: the experience layer acknowledges a redelivered event without applying it again. */
  async deliver(event: EventEnvelopeDto): Promise<{ eventId: string; duplicate: boolean }> {
    const response = await this.http.send<{ eventId: string; duplicate: boolean }>({
      method: 'POST',
      path: '/internal/v1/channel-events',
      body: event,
      headers: { [CHANNEL_EVENTS_TOKEN_HEADER]: this.token },
      breaker: 'channel-events',
    });
    return response.body;
  }

  /**
   * A cache signal (`availability.changed`): sent once, never retried, behind a breaker of its own,
   * so an experience layer that is down neither holds it up nor trips the breaker of the events.
   */
  async signal(event: EventEnvelopeDto): Promise<void> {
    await this.http.send({
      method: 'POST',
      path: '/internal/v1/channel-events',
      body: event,
      headers: { [CHANNEL_EVENTS_TOKEN_HEADER]: this.token },
      breaker: 'availability-signals',
    });
  }
}
