import { Injectable } from '@nestjs/common';
import type { TimelineEntryDto } from '@contracts';
import { WebhookDeliveryRepository } from '../deliveries/webhook-delivery.repository.js';

/** What an order's timeline shows of its webhooks: each delivery of its events to a partner's endpoint. */
@Injectable()
export class WebhookOrderTrail {
  constructor(private readonly deliveries: WebhookDeliveryRepository) {}

  async entriesFor(eventIds: readonly string[]): Promise<TimelineEntryDto[]> {
    return (await this.deliveries.ofEvents(eventIds)).map((d) => ({
      at: d.deliveredAt ?? d.createdAt,
      source: 'webhooks',
      what: `${d.eventType} webhook to ${d.partnerId}: ${d.status}`,
      reference: d.deliveryId,
      detail: [
        `${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`,
        d.lastStatusCode === null ? undefined : `last answer ${d.lastStatusCode}`,
        d.lastError ?? undefined,
        d.url,
      ]
        .filter(Boolean)
        .join(' · '),
      problem: d.status === 'failed' || (d.status === 'pending' && d.lastError !== null),
    }));
  }
}
