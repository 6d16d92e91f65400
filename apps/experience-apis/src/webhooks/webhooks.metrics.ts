import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@platform';
import { WebhookDeliveryRepository } from './deliveries/webhook-delivery.repository.js';

/** The webhook deliveries still to send, read at scrape time. */
@Injectable()
export class WebhooksMetrics {
  constructor(metrics: MetricsRegistry, deliveries: WebhookDeliveryRepository) {
    metrics.backlog('webhook_deliveries_backlog', 'Webhook deliveries pending (first attempt or waiting for a retry)', () => deliveries.backlog());
  }
}
