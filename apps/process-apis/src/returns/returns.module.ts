import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ChannelEventsModule } from '../channel-events/channel-events.module.js';
import { MessagingModule } from '../messaging/messaging.module.js';
import { ReturnCreditService } from './credit/return-credit.service.js';
import { ReadReturnsController } from './read-returns/read-returns.controller.js';
import { ReadReturnsService } from './read-returns/read-returns.service.js';
import { ReturnReceiptHandler } from './receipt/return-receipt.handler.js';
import { ReturnRegistrationService } from './registration/return-registration.service.js';
import { RequestReturnController } from './request-return/request-return.controller.js';
import { RequestReturnService } from './request-return/request-return.service.js';
import { ResolveReturnController } from './resolve-exception/resolve-return.controller.js';
import { ResolveReturnService } from './resolve-exception/resolve-return.service.js';
import { ReturnRepository } from './return.repository.js';
import { ReturnsReader } from './returns.reader.js';
import { ReturnsSyncJob } from './returns-sync.job.js';

/**
 * Returns (RMA): the request and its decision, the registration with the ERP and WMS, the warehouse
 * receipt, the credit memo, an operator's resolution of an over-receipt, the reads. Exports the
 * receipt handler (the inbound events apply `return.goods_received` through it), the job (woken
 * after a receipt commits) and a read-only reader of an order's returns.
 */
@Module({
  imports: [CatalogModule, ChannelEventsModule, MessagingModule],
  controllers: [RequestReturnController, ReadReturnsController, ResolveReturnController],
  providers: [
    ReturnRepository,
    RequestReturnService,
    ReadReturnsService,
    ResolveReturnService,
    ReturnRegistrationService,
    ReturnCreditService,
    ReturnReceiptHandler,
    ReturnsSyncJob,
    ReturnsReader,
  ],
  exports: [ReturnReceiptHandler, ReturnsSyncJob, ReturnsReader],
})
export class ReturnsModule {}
