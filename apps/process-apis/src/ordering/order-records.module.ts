import { Global, Module } from '@nestjs/common';
import { ChannelEventsModule } from '../channel-events/channel-events.module.js';
import { FulfilledOrders } from '../fulfillment/ports/fulfilled-orders.port.js';
import { MessagingModule } from '../messaging/messaging.module.js';
import { StaleOrderAttempts } from '../promising/ports/stale-order-attempts.port.js';
import { PromisingModule } from '../promising/promising.module.js';
import { OrderProgressService } from './order-progress/order-progress.service.js';
import { OrderRepository } from './order.repository.js';

/**
 * The orders store and the ports ordering implements for the contexts below it: fulfilment's
 * FulfilledOrders and promising's StaleOrderAttempts. Global so that those contexts resolve their
 * port without importing ordering (which imports them): the dependency stays one-way, no forwardRef.
 */
@Global()
@Module({
  imports: [MessagingModule, ChannelEventsModule, PromisingModule],
  providers: [
    OrderRepository,
    OrderProgressService,
    { provide: FulfilledOrders, useExisting: OrderProgressService },
    { provide: StaleOrderAttempts, useExisting: OrderRepository },
  ],
  exports: [OrderRepository, OrderProgressService, FulfilledOrders, StaleOrderAttempts],
})
export class OrderRecordsModule {}
