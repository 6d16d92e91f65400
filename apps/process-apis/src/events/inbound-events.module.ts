import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module.js';
import { FulfillmentModule } from '../fulfillment/fulfillment.module.js';
import { MessagingModule } from '../messaging/messaging.module.js';
import { OrderRecordsModule } from '../ordering/order-records.module.js';
import { PromisingModule } from '../promising/promising.module.js';
import { ReturnsModule } from '../returns/returns.module.js';
import { InboundEventsController } from './inbound-events.controller.js';
import { InboundEventsService } from './inbound-events.service.js';

/** The system layer's events in: routes each to the context that applies it (promising, fulfilment, billing, returns, the order timeline). Exports the service that applies them (reconciliation re-fetches through it). */
@Module({
  imports: [MessagingModule, OrderRecordsModule, PromisingModule, FulfillmentModule, BillingModule, ReturnsModule],
  controllers: [InboundEventsController],
  providers: [InboundEventsService],
  // reconciliation hands a re-fetched warehouse event to the same path, so it is applied exactly as (and once with) a delivered one
  exports: [InboundEventsService],
})
export class InboundEventsModule {}
