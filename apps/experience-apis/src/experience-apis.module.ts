import { DynamicModule, Module } from '@nestjs/common';
import { BreakerModule, DatabaseModule, HealthModule, MetricsModule } from '@platform';
import { AuthModule } from './auth/auth.module.js';
import { AvailabilitySignalHandler } from './b2b/availability/availability-signal.handler.js';
import { B2bModule } from './b2b/b2b.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { ChannelEventsModule } from './channel-events/channel-events.module.js';
import { CrmModule } from './crm/crm.module.js';
import { EdiModule } from './edi/edi.module.js';
import { EdiOutboundHandler } from './edi/outbound/edi-outbound.handler.js';
import { ExperienceApisConfig } from './experience.config.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { ExperienceInfrastructureModule } from './infrastructure/experience-infrastructure.module.js';
import { experienceMigrations } from './infrastructure/migrations.js';
import { OperationsModule } from './operations/operations.module.js';
import { RateLimitsModule } from './rate-limits/rate-limits.module.js';
import { WebhooksChannelEventHandler } from './webhooks/events/webhooks.channel-event.handler.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

/** The experience app: shared platform modules, then one module per context (docs/architecture.md, Module map). */
@Module({})
export class ExperienceApisModule {
  static forRoot(config: ExperienceApisConfig): DynamicModule {
    return {
      module: ExperienceApisModule,
      imports: [
        BreakerModule,
        MetricsModule.forRoot({ token: config.metricsToken, enabled: config.metricsEnabled }),
        DatabaseModule.forRoot(config.database, experienceMigrations),
        ExperienceInfrastructureModule.forRoot(config),
        AuthModule,
        RateLimitsModule,
        IdempotencyModule,
        B2bModule,
        CrmModule,
        EdiModule,
        WebhooksModule,
        CatalogModule,
        OperationsModule,
        // each channel that reacts to process events adds its module and handler here
        ChannelEventsModule.forRoot({
          imports: [EdiModule, WebhooksModule, B2bModule],
          handlers: [EdiOutboundHandler, WebhooksChannelEventHandler],
          signals: [AvailabilitySignalHandler],
        }),
        // routes register in import order: health last keeps the catalog's path order
        HealthModule.forRoot([{ name: 'process-apis', url: config.processUrl }]),
      ],
    };
  }
}
