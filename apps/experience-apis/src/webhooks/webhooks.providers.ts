import type { Provider } from '@nestjs/common';
import { WebhookDeliveriesService } from './deliveries/webhook-deliveries.service.js';
import { WebhookDeliveryRepository } from './deliveries/webhook-delivery.repository.js';
import { WebhookDeliveryWorker } from './deliveries/webhook-delivery.worker.js';
import { WebhookDetailsService } from './deliveries/webhook-details.service.js';
import { WebhookSender } from './deliveries/webhook.sender.js';
import { WebhooksChannelEventHandler } from './events/webhooks.channel-event.handler.js';
import { WebhookSubscriptionRepository } from './subscriptions/webhook-subscription.repository.js';
import { WebhookSubscriptionsService } from './subscriptions/webhook-subscriptions.service.js';

/** The webhooks bounded context, registered in the experience module beside its controller. */
export const webhooksProviders: Provider[] = [
  WebhookSubscriptionRepository,
  WebhookSubscriptionsService,
  WebhookDeliveryRepository,
  WebhookDeliveriesService,
  WebhookDetailsService,
  WebhookSender,
  WebhookDeliveryWorker,
  WebhooksChannelEventHandler,
];
