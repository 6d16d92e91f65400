import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ChannelEventsModule } from '../channel-events/channel-events.module.js';
import { FulfillmentModule } from '../fulfillment/fulfillment.module.js';
import { MessagingModule } from '../messaging/messaging.module.js';
import { PromisingModule } from '../promising/promising.module.js';
import { ReturnsModule } from '../returns/returns.module.js';
import { CancelOrderController } from './cancel-order/cancel-order.controller.js';
import { CancelOrderService } from './cancel-order/cancel-order.service.js';
import { GetOrderController } from './get-order/get-order.controller.js';
import { OrderDetailsReader } from './get-order/order-details.reader.js';
import { ListOrdersController } from './list-orders/list-orders.controller.js';
import { ListOrdersService } from './list-orders/list-orders.service.js';
import { CustomerOrdersQuery } from './order-360/customer-orders.query.js';
import { Order360Controller } from './order-360/order-360.controller.js';
import { Order360Service } from './order-360/order-360.service.js';
import { OpsOrdersController } from './ops-orders/ops-orders.controller.js';
import { OrderRecordsModule } from './order-records.module.js';
import { OrderingMetrics } from './ordering.metrics.js';
import { PlaceOrderController } from './place-order/place-order.controller.js';
import { PlaceOrderService } from './place-order/place-order.service.js';

/** Order placement, cancellation and the order reads: the orchestrating context, on top of catalog, promising, fulfilment and billing. Exports nothing. */
@Module({
  imports: [OrderRecordsModule, CatalogModule, PromisingModule, FulfillmentModule, BillingModule, MessagingModule, ChannelEventsModule, ReturnsModule],
  controllers: [PlaceOrderController, ListOrdersController, GetOrderController, CancelOrderController, Order360Controller, OpsOrdersController],
  providers: [PlaceOrderService, ListOrdersService, CancelOrderService, OrderDetailsReader, CustomerOrdersQuery, Order360Service, OrderingMetrics],
})
export class OrderingModule {}
