import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { WebhookDeliveriesService } from './deliveries/webhook-deliveries.service.js';
import { WebhookDeliveryRepository } from './deliveries/webhook-delivery.repository.js';
import { WebhookDeliveryWorker } from './deliveries/webhook-delivery.worker.js';
import { WebhooksMetrics } from './webhooks.metrics.js';
import { WebhookDetailsService } from './deliveries/webhook-details.service.js';
import { WebhookSender } from './deliveries/webhook.sender.js';
import { WebhookOrderTrail } from './ops/webhook-order-trail.js';
import { WebhooksChannelEventHandler } from './events/webhooks.channel-event.handler.js';
import { WebhookSubscriptionRepository } from './subscriptions/webhook-subscription.repository.js';
import { WebhookSubscriptionsService } from './subscriptions/webhook-subscriptions.service.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhookDeliveriesOpsController } from './ops/webhook-deliveries-ops.controller.js';

/** Partner webhooks: subscriptions, signed deliveries with retries, the delivery log. Exports its channel-event handler and what an order's timeline shows of webhooks. */
@Module({
  imports: [AuthModule, IdempotencyModule],
  controllers: [WebhooksController, WebhookDeliveriesOpsController],
  providers: [
    WebhookSubscriptionRepository,
    WebhookSubscriptionsService,
    WebhookDeliveryRepository,
    WebhookDeliveriesService,
    WebhookDetailsService,
    WebhookSender,
    WebhookDeliveryWorker,
    WebhooksChannelEventHandler,
    WebhooksMetrics,
    WebhookOrderTrail,
  ],
  exports: [WebhooksChannelEventHandler, WebhookOrderTrail],
})
export class WebhooksModule {}
