import { DynamicModule, Module } from '@nestjs/common';
import { BreakerModule, DatabaseModule, HealthModule, MetricsModule } from '@platform';
import { AccountsModule } from './accounts/accounts.module.js';
import { AvailabilityModule } from './availability/availability.module.js';
import { BillingModule } from './billing/billing.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { ChannelEventsModule } from './channel-events/channel-events.module.js';
import { InboundEventsModule } from './events/inbound-events.module.js';
import { FulfillmentModule } from './fulfillment/fulfillment.module.js';
import { processMigrations } from './infrastructure/migrations.js';
import { ProcessInfrastructureModule } from './infrastructure/process-infrastructure.module.js';
import { BusReadiness } from './messaging/bus.readiness.js';
import { MessagingModule } from './messaging/messaging.module.js';
import { OperationsModule } from './operations/operations.module.js';
import { OrderRecordsModule } from './ordering/order-records.module.js';
import { OrderingModule } from './ordering/ordering.module.js';
import { ProcessApisConfig } from './process.config.js';
import { PromisingModule } from './promising/promising.module.js';
import { ReconciliationModule } from './reconciliation/reconciliation.module.js';
import { ReturnsModule } from './returns/returns.module.js';
import { SecurityModule } from './security/security.module.js';

/** The process app: the shared platform modules, then one module per context (module map: docs/architecture.md). */
@Module({})
export class ProcessApisModule {
  static forRoot(config: ProcessApisConfig): DynamicModule {
    return {
      module: ProcessApisModule,
      imports: [
        BreakerModule,
        MetricsModule.forRoot({ token: config.metricsToken, enabled: config.metricsEnabled }),
        DatabaseModule.forRoot(config.database, processMigrations),
        HealthModule.forRoot([{ name: 'system-apis', url: config.systemUrl }], { imports: [MessagingModule], checks: [BusReadiness] }),
        ProcessInfrastructureModule.forRoot(config),
        SecurityModule.forRoot(config),
        MessagingModule,
        ChannelEventsModule,
        CatalogModule,
        PromisingModule,
        AvailabilityModule,
        BillingModule,
        FulfillmentModule,
        OrderRecordsModule,
        OrderingModule,
        AccountsModule,
        ReturnsModule,
        InboundEventsModule,
        ReconciliationModule,
        OperationsModule,
      ],
    };
  }
}
