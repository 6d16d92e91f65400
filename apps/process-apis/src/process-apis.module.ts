import { DynamicModule, Module } from '@nestjs/common';
import { BreakerModule, DatabaseModule, HealthModule } from '@platform';
import { AvailabilityController } from './availability/availability.controller.js';
import { AvailabilityService } from './availability/availability.service.js';
import { CatalogController } from './catalog/catalog.controller.js';
import { CatalogService } from './catalog/catalog.service.js';
import { ItemCatalogRepository } from './catalog/item-catalog.repository.js';
import { PriceCatalogService } from './catalog/price-catalog.service.js';
import { InboundEventsController } from './events/inbound-events.controller.js';
import { InboundEventsService } from './events/inbound-events.service.js';
import { processMigrations } from './infrastructure/migrations.js';
import { systemApiProviders } from './infrastructure/system-api.provider.js';
import { CancelOrderController } from './ordering/cancel-order/cancel-order.controller.js';
import { CancelOrderService } from './ordering/cancel-order/cancel-order.service.js';
import { GetOrderController } from './ordering/get-order/get-order.controller.js';
import { OrderDetailsReader } from './ordering/get-order/order-details.reader.js';
import { CustomerOrdersQuery } from './ordering/order-360/customer-orders.query.js';
import { Order360Controller } from './ordering/order-360/order-360.controller.js';
import { Order360Service } from './ordering/order-360/order-360.service.js';
import { AccountRepository } from './accounts/account.repository.js';
import { GetAccountController } from './accounts/get-account/get-account.controller.js';
import { UpsertAccountController } from './accounts/upsert-account/upsert-account.controller.js';
import { UpsertAccountService } from './accounts/upsert-account/upsert-account.service.js';
import { ListOrdersController } from './ordering/list-orders/list-orders.controller.js';
import { ListOrdersService } from './ordering/list-orders/list-orders.service.js';
import { OrderRepository } from './ordering/order.repository.js';
import { PlaceOrderController } from './ordering/place-order/place-order.controller.js';
import { PlaceOrderService } from './ordering/place-order/place-order.service.js';
import { ProcessApisConfig } from './process.config.js';
import { FulfillmentRepository } from './fulfillment/fulfillment.repository.js';
import { OrderExceptionsController } from './fulfillment/order-exceptions.controller.js';
import { LegReleaseService } from './fulfillment/release/leg-release.service.js';
import { AllocationService } from './fulfillment/release/allocation.service.js';
import { CreditReleaseService } from './fulfillment/release/credit-release.service.js';
import { InvoiceIssuerService } from './billing/invoice-issuer.service.js';
import { InvoiceRepository } from './billing/invoice.repository.js';
import { ListInvoicesService } from './billing/list-invoices/list-invoices.service.js';
import { BillingRunService } from './billing/billing-run/billing-run.service.js';
import { BillingRunsController } from './billing/billing-run/billing-runs.controller.js';
import { InvoicesController } from './billing/invoices.controller.js';
import { WarehouseEventsService } from './fulfillment/warehouse-events/warehouse-events.service.js';
import { CustomerDirectory } from './catalog/customer-directory.js';
import { AtpProjectionService } from './promising/atp/atp-projection.service.js';
import { AtpRepository } from './promising/atp/atp.repository.js';
import { AvailabilitySnapshotCache } from './promising/atp/availability-snapshot.cache.js';
import { StockChanges } from './promising/atp/stock-changes.js';
import { HoldExpiryService } from './promising/holds/hold-expiry.service.js';
import { OrderPromiseController } from './promising/promise-order/order-promise.controller.js';
import { OrderPromiseService } from './promising/promise-order/order-promise.service.js';
import { ReservationRepository } from './promising/reservations/reservation.repository.js';
import { defaultMessagingConfig } from './messaging/messaging.config.js';
import { channelEventsProviders } from './channel-events/channel-events.providers.js';
import { messagingControllers, messagingProviders } from './messaging/messaging.providers.js';

@Module({})
export class ProcessApisModule {
  static forRoot(config: ProcessApisConfig): DynamicModule {
    return {
      module: ProcessApisModule,
      imports: [BreakerModule, DatabaseModule.forRoot(config.database, processMigrations), HealthModule],
      controllers: [
        CatalogController,
        AvailabilityController,
        OrderPromiseController,
        PlaceOrderController,
        ListOrdersController,
        GetOrderController,
        CancelOrderController,
        InboundEventsController,
        OrderExceptionsController,
        InvoicesController,
        BillingRunsController,
        Order360Controller,
        UpsertAccountController,
        GetAccountController,
        ...messagingControllers,
      ],
      providers: [
        { provide: ProcessApisConfig, useValue: config },
        ...systemApiProviders,
        ItemCatalogRepository,
        CatalogService,
        PriceCatalogService,
        CustomerDirectory,
        StockChanges,
        AtpRepository,
        AvailabilitySnapshotCache,
        AtpProjectionService,
        ReservationRepository,
        OrderPromiseService,
        HoldExpiryService,
        AvailabilityService,
        OrderRepository,
        FulfillmentRepository,
        LegReleaseService,
        AllocationService,
        CreditReleaseService,
        InvoiceRepository,
        InvoiceIssuerService,
        BillingRunService,
        ListInvoicesService,
        WarehouseEventsService,
        PlaceOrderService,
        ListOrdersService,
        CancelOrderService,
        InboundEventsService,
        OrderDetailsReader,
        CustomerOrdersQuery,
        Order360Service,
        AccountRepository,
        UpsertAccountService,
        ...messagingProviders(config.messaging ?? defaultMessagingConfig),
        ...channelEventsProviders,
      ],
    };
  }
}
