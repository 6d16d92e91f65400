import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ControlNumberAllocator } from './documents/control-number.allocator.js';
import { EdiDocumentStore } from './documents/edi-document.store.js';
import { EdiDocumentsService } from './documents/edi-documents.service.js';
import { EdiController } from './edi.controller.js';
import { InterchangeRepository } from './interchanges/interchange.repository.js';
import { ReceiveInterchangeService } from './interchanges/receive-interchange.service.js';
import { EdiPurchaseOrderRepository } from './orders/edi-purchase-order.repository.js';
import { EdiOrderTrail } from './outbound/edi-order-trail.js';
import { EdiOutboundHandler } from './outbound/edi-outbound.handler.js';
import { OutboundDocumentsOpsController } from './outbound/outbound-documents-ops.controller.js';
import { OutboundDocumentsWorker } from './outbound/outbound-documents.worker.js';
import { EdiOutboundMetrics } from './outbound/edi-outbound.metrics.js';
import { OutboundJobRepository } from './outbound/outbound-job.repository.js';
import { TradingPartnerRepository } from './trading-partners/trading-partner.repository.js';
import { TradingPartnerSeeder } from './trading-partners/trading-partner.seeder.js';
import { TradingPartnerAdminService } from './trading-partners/trading-partner-admin.service.js';
import { TradingPartnersOpsController } from './trading-partners/trading-partners-ops.controller.js';

/**
 * EDI trading partners: X12 interchanges in (850 -> orders, 997/TA1 back) and documents out
 * (855, 856, 810). Exports its channel-event handler, which queues the outbound documents,
 * and what an order's timeline shows of EDI.
 */
@Module({
  imports: [AuthModule],
  controllers: [EdiController, TradingPartnersOpsController, OutboundDocumentsOpsController],
  providers: [
    TradingPartnerRepository,
    TradingPartnerSeeder,
    TradingPartnerAdminService,
    ControlNumberAllocator,
    EdiDocumentStore,
    EdiDocumentsService,
    InterchangeRepository,
    ReceiveInterchangeService,
    EdiPurchaseOrderRepository,
    OutboundJobRepository,
    OutboundDocumentsWorker,
    EdiOutboundHandler,
    EdiOutboundMetrics,
    EdiOrderTrail,
  ],
  exports: [EdiOutboundHandler, EdiOrderTrail],
})
export class EdiModule {}
