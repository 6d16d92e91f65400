import { Inject, Injectable, Logger } from '@nestjs/common';
import { SystemApiClient, type CreateErpInvoiceDto } from '@contracts';
import { Database, PeriodicTask, ScheduledJob } from '@platform';
import { ChannelEventsWriter } from '../channel-events/channel-events.writer.js';
import { retryDelayMs } from '../messaging/consumers/retry.policy.js';
import { inEarlierTrace } from '../messaging/event-tracing.js';
import { OutboxRepository } from '../messaging/outbox/outbox.repository.js';
import { ProcessApisConfig } from '../process.config.js';
import { BillingMetrics } from './billing.metrics.js';
import { InvoiceRepository, type PendingInvoice } from './invoice.repository.js';

const LEASE_MS = 30_000;

/**
 * Issues pending invoices in the ERP through the system layer, and follows their payment.
 * An ERP that is down leaves them pending, retried with backoff until it answers: nothing is
 * lost. Before creating, the ERP is asked for an invoice with the same external reference (the
 * gateway's invoice id), so an answer lost on the way never makes a second billing document.
 */
@Injectable()
export class InvoiceIssuerService extends ScheduledJob {
  private readonly logger = new Logger(InvoiceIssuerService.name);
  private ticks = 0;
  protected readonly task = new PeriodicTask({
    run: () => this.pass(),
    every: this.config.invoiceIssueMs ?? 1_000,
    logger: this.logger,
    failure: 'invoicing pass failed',
    correlationPrefix: 'invoicing',
  });

  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly system: SystemApiClient,
    private readonly config: ProcessApisConfig,
    private readonly channelEvents: ChannelEventsWriter,
    private readonly metrics: BillingMetrics,
    private readonly outbox: OutboxRepository,
    @Inject(Database) private readonly db: Database,
  ) {
    super();
  }

  /** A pass now (work just arrived) rather than at the next tick; joins a pass in progress. */
  async tick(): Promise<void> {
    await this.task.runNow();
  }

  /** One pass: issue what is due; every tenth pass, follow payments. */
  private async pass(): Promise<void> {
    await this.issueDue();
    if (++this.ticks % 10 === 0) await this.syncPayments();
  }

  async issueDue(): Promise<number> {
    let issued = 0;
    for (const invoice of await this.invoices.claimDue(20, LEASE_MS)) {
      try {
        // in the trace of the (first) order billed, linked to the others': the order's trace shows its invoice
        const traces = await this.outbox.orderTraces(this.db, invoice.orderIds);
        await inEarlierTrace('invoice issue', traces, { 'gateway.invoice.id': invoice.invoiceId }, () => this.issue(invoice));
        issued++;
      } catch (error) {
        await this.invoices.markFailed(invoice.invoiceId, (error as Error).message, retryDelayMs(invoice.attempts, 500, 30_000));
      }
    }
    return issued;
  }

  private async issue(invoice: PendingInvoice): Promise<void> {
    const [existing] = await this.system.findInvoices(invoice.invoiceId);
    const erp = existing ?? (await this.system.createInvoice(this.erpRequest(invoice)));
    // the channels hear of it in the same commit
    await this.invoices.markIssued(invoice.invoiceId, erp, async (tx) => {
      await this.channelEvents.invoice(tx, 'invoice.issued', invoice.invoiceId);
      if (erp.status === 'paid') await this.channelEvents.invoice(tx, 'invoice.paid', invoice.invoiceId);
    });
    this.logger.log({ invoiceId: invoice.invoiceId, erpInvoiceNumber: erp.erpInvoiceNumber }, 'invoice issued in the ERP');
    this.metrics.invoiceIssued(await this.invoices.shippedAt(invoice.invoiceId));
  }

  /**
   * Reconciliation's repair: an open invoice whose billing document is gone from the ERP is issued again
   * (looked up first, like every issue, so a repeat never makes two) and the new document recorded. The
   * partners were told of the invoice already: no event. Returns the new document's number.
   */
  async reissue(invoiceId: string): Promise<string> {
    const invoice = await this.invoices.issuedForReissue(invoiceId);
    if (!invoice) throw new Error(`invoice ${invoiceId} is not an open invoice`);
    const [existing] = await this.system.findInvoices(invoice.invoiceId);
    const erp = existing ?? (await this.system.createInvoice(this.erpRequest(invoice)));
    await this.invoices.markIssued(invoice.invoiceId, erp);
    this.logger.log({ invoiceId, erpInvoiceNumber: erp.erpInvoiceNumber }, 'invoice issued again in the ERP (reconciliation)');
    return erp.erpInvoiceNumber;
  }

  private erpRequest(invoice: PendingInvoice): CreateErpInvoiceDto {
    return {
      customerId: invoice.customerId,
      erpOrderNumber: invoice.lines[0]!.erpOrderNumber,
      externalReference: invoice.invoiceId,
      shipToRegion: invoice.shipToRegion,
      lines: invoice.lines.map((l) => ({ erpOrderNumber: l.erpOrderNumber, erpItemNumber: l.erpItemNumber, sku: l.sku, quantity: l.quantity })),
    };
  }

  async syncPayments(): Promise<void> {
    for (const open of await this.invoices.openInvoices(50)) {
      const erp = await this.system.getInvoice(open.erpInvoiceNumber);
      if (erp.status === 'paid') await this.invoices.markPaid(open.invoiceId, (tx) => this.channelEvents.invoice(tx, 'invoice.paid', open.invoiceId));
    }
  }
}
