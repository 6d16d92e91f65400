import { DynamicModule, Module } from '@nestjs/common';
import { ProcessApiClient } from '@contracts';
import { BreakerModule, clientProviders, DatabaseModule, HealthModule } from '@platform';
import { CrmAuthGuard, PartnerAuthGuard } from './auth/partner-auth.guard.js';
import { PartnerRepository } from './auth/partner.repository.js';
import { TokenController } from './auth/token.controller.js';
import { TokenService } from './auth/token.service.js';
import { B2bController } from './b2b/b2b.controller.js';
import { PartnerOrdersService } from './b2b/partner-orders.service.js';
import { CrmController } from './crm/crm.controller.js';
import { CrmAccountsService } from './crm/crm-accounts.service.js';
import { B2bV2Controller } from './b2b/v2/b2b-v2.controller.js';
import { MigrationGuideController } from './b2b/versioning/migration-guide.controller.js';
import { CHANNEL_EVENT_HANDLERS, type ChannelEventHandler } from './channel-events/channel-event.handler.js';
import { ChannelEventsTokenGuard } from './channel-events/channel-events-token.guard.js';
import { ChannelEventsController } from './channel-events/channel-events.controller.js';
import { ChannelEventsService } from './channel-events/channel-events.service.js';
import { ControlNumberAllocator } from './edi/documents/control-number.allocator.js';
import { EdiDocumentStore } from './edi/documents/edi-document.store.js';
import { EdiDocumentsService } from './edi/documents/edi-documents.service.js';
import { EdiController } from './edi/edi.controller.js';
import { InterchangeRepository } from './edi/interchanges/interchange.repository.js';
import { ReceiveInterchangeService } from './edi/interchanges/receive-interchange.service.js';
import { EdiOutboundHandler } from './edi/outbound/edi-outbound.handler.js';
import { OutboundDocumentsWorker } from './edi/outbound/outbound-documents.worker.js';
import { OutboundJobRepository } from './edi/outbound/outbound-job.repository.js';
import { TradingPartnerRepository } from './edi/trading-partners/trading-partner.repository.js';
import { TradingPartnerSeeder } from './edi/trading-partners/trading-partner.seeder.js';
import { ExperienceApisConfig } from './experience.config.js';
import { IdempotencyService } from './idempotency/idempotency.service.js';
import { experienceMigrations } from './infrastructure/migrations.js';
import { WebhooksController } from './webhooks/webhooks.controller.js';
import { WebhooksChannelEventHandler } from './webhooks/events/webhooks.channel-event.handler.js';
import { webhooksProviders } from './webhooks/webhooks.providers.js';

@Module({})
export class ExperienceApisModule {
  static forRoot(config: ExperienceApisConfig): DynamicModule {
    return {
      module: ExperienceApisModule,
      imports: [BreakerModule, DatabaseModule.forRoot(config.database, experienceMigrations), HealthModule],
      controllers: [
        TokenController,
        B2bController,
        B2bV2Controller,
        MigrationGuideController,
        CrmController,
        ChannelEventsController,
        EdiController,
        WebhooksController,
      ],
      providers: [
        { provide: ExperienceApisConfig, useValue: config },
        ...clientProviders(ProcessApiClient, ExperienceApisConfig, (c) => ({ name: 'process-apis', baseUrl: c.processUrl, connections: 64, ...c.breaker })),
        PartnerRepository,
        TokenService,
        PartnerAuthGuard,
        IdempotencyService,
        PartnerOrdersService,
        CrmAuthGuard,
        CrmAccountsService,
        TradingPartnerRepository,
        TradingPartnerSeeder,
        ControlNumberAllocator,
        EdiDocumentStore,
        EdiDocumentsService,
        InterchangeRepository,
        ReceiveInterchangeService,
        OutboundJobRepository,
        OutboundDocumentsWorker,
        ChannelEventsTokenGuard,
        ChannelEventsService,
        // each channel that reacts to process events adds its handler here
        {
          provide: CHANNEL_EVENT_HANDLERS,
          useFactory: (...handlers: ChannelEventHandler[]) => handlers,
          inject: [EdiOutboundHandler, WebhooksChannelEventHandler],
        },
        EdiOutboundHandler,
        ...webhooksProviders,
      ],
    };
  }
}
