import { Injectable } from '@nestjs/common';
import type { EventEnvelopeDto } from '@contracts';
import type { Queryable } from '@platform';
import { ChannelEventHandler } from '../../channel-events/channel-event.handler.js';
import { WebhookDeliveryRepository } from '../deliveries/webhook-delivery.repository.js';
import { partnerEventsOf } from '../domain/webhook-events.js';

/**
 * Turns a channel event into webhook deliveries: one per subscription of each partner
 * concerned, in the inbox transaction, for the delivery worker to send once it commits.
 */
@Injectable()
export class WebhooksChannelEventHandler extends ChannelEventHandler {
  readonly name = 'webhooks';

  constructor(private readonly deliveries: WebhookDeliveryRepository) {
    super();
  }

  async handle(tx: Queryable, event: EventEnvelopeDto): Promise<void> {
    await this.deliveries.enqueue(tx, partnerEventsOf(event));
  }
}
