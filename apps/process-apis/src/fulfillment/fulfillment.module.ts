import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module.js';
import { ChannelEventsModule } from '../channel-events/channel-events.module.js';
import { MessagingModule } from '../messaging/messaging.module.js';
import { PromisingModule } from '../promising/promising.module.js';
import { FulfillmentMetrics } from './fulfillment.metrics.js';
import { FulfillmentRepository } from './fulfillment.repository.js';
import { OrderExceptionsController } from './order-exceptions.controller.js';
import { OrderExceptionsService } from './order-exceptions.service.js';
import { AllocationService } from './release/allocation.service.js';
import { CreditReleaseService } from './release/credit-release.service.js';
import { LegReleaseService } from './release/leg-release.service.js';
import { WarehouseEventsService } from './warehouse-events/warehouse-events.service.js';

/**
 * Legs, their release to the warehouses, warehouse events and shipments. Orders are reached through
 * the FulfilledOrders port, which ordering binds in OrderRecordsModule (global): this module never imports ordering.
 */
@Module({
  imports: [MessagingModule, ChannelEventsModule, PromisingModule, BillingModule],
  controllers: [OrderExceptionsController],
  providers: [
    FulfillmentRepository,
    OrderExceptionsService,
    LegReleaseService,
    AllocationService,
    CreditReleaseService,
    WarehouseEventsService,
    FulfillmentMetrics,
  ],
  exports: [FulfillmentRepository, WarehouseEventsService, AllocationService],
})
export class FulfillmentModule {}
