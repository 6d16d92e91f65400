import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module.js';
import { FulfillmentModule } from '../fulfillment/fulfillment.module.js';
import { MessagingModule } from '../messaging/messaging.module.js';
import { OperationsOverviewService } from './operations-overview.service.js';
import { OperationsController } from './operations.controller.js';
import { OrderTimelineService } from './order-timeline.service.js';
import { ReturnsModule } from '../returns/returns.module.js';

/**
 * Reads for the operations console: an order's timeline across the contexts and the backends, orders
 * over time, the breakers. It only reads (through the owners' repositories) and exports nothing.
 */
@Module({
  imports: [MessagingModule, FulfillmentModule, BillingModule, ReturnsModule],
  controllers: [OperationsController],
  providers: [OrderTimelineService, OperationsOverviewService],
})
export class OperationsModule {}
