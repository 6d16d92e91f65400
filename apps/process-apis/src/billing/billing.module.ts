import { Module } from '@nestjs/common';
import { ChannelEventsModule } from '../channel-events/channel-events.module.js';
import { MessagingModule } from '../messaging/messaging.module.js';
import { BillingRunService } from './billing-run/billing-run.service.js';
import { BillingRunsController } from './billing-run/billing-runs.controller.js';
import { InvoiceIssuerService } from './invoice-issuer.service.js';
import { BillingMetrics } from './billing.metrics.js';
import { InvoiceRepository } from './invoice.repository.js';
import { InvoicesController } from './invoices.controller.js';
import { ListInvoicesService } from './list-invoices/list-invoices.service.js';

/** Invoices from shipments, the billing run and the ERP issue. Exports the invoice store (shipments add to it, order reads list it) and the issuer's nudge. */
@Module({
  imports: [ChannelEventsModule, MessagingModule],
  controllers: [InvoicesController, BillingRunsController],
  providers: [InvoiceRepository, InvoiceIssuerService, BillingRunService, ListInvoicesService, BillingMetrics],
  exports: [InvoiceRepository, InvoiceIssuerService],
})
export class BillingModule {}
