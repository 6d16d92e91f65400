import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SystemApiClient } from '@contracts';
import { runWithContext } from '@platform';
import { retryDelayMs } from '../messaging/consumers/retry.policy.js';
import { ProcessApisConfig } from '../process.config.js';
import { InvoiceRepository, type PendingInvoice } from './invoice.repository.js';

const LEASE_MS = 30_000;

/**
 * Issues pending invoices in the ERP through the system layer, and follows their payment.
 * An ERP that is down leaves them pending, retried with backoff until it answers: nothing is
 * lost. Before creating, the ERP is asked for an invoice with the same external reference (the
 * gateway's invoice id), so an answer lost on the way never makes a second billing document.
 */
@Injectable()
export class InvoiceIssuerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InvoiceIssuerService.name);
  private timer?: NodeJS.Timeout;
  private ticks = 0;
  private running?: Promise<void>;

  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly system: SystemApiClient,
    private readonly config: ProcessApisConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.invoiceIssueMs ?? 1_000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass: issue what is due; every tenth pass, follow payments. */
  tick(): Promise<void> {
    this.running ??= runWithContext({ correlationId: `invoicing-${randomUUID()}` }, async () => {
      try {
        await this.issueDue();
        if (++this.ticks % 10 === 0) await this.syncPayments();
      } catch (error) {
        this.logger.warn(`invoicing pass failed: ${(error as Error).message}`);
      }
    }).finally(() => (this.running = undefined));
    return this.running;
  }

  async issueDue(): Promise<number> {
    let issued = 0;
    for (const invoice of await this.invoices.claimDue(20, LEASE_MS)) {
      try {
        await this.issue(invoice);
        issued++;
      } catch (error) {
        await this.invoices.markFailed(invoice.invoiceId, (error as Error).message, retryDelayMs(invoice.attempts, 500, 30_000));
      }
    }
    return issued;
  }

  private async issue(invoice: PendingInvoice): Promise<void> {
    const [existing] = await this.system.findInvoices(invoice.invoiceId);
    const erp =
      existing ??
      (await this.system.createInvoice({
        customerId: invoice.customerId,
        erpOrderNumber: invoice.lines[0]!.erpOrderNumber,
        externalReference: invoice.invoiceId,
        shipToRegion: invoice.shipToRegion,
        lines: invoice.lines.map((l) => ({ erpOrderNumber: l.erpOrderNumber, erpItemNumber: l.erpItemNumber, sku: l.sku, quantity: l.quantity })),
      }));
    await this.invoices.markIssued(invoice.invoiceId, erp);
    this.logger.log({ invoiceId: invoice.invoiceId, erpInvoiceNumber: erp.erpInvoiceNumber }, 'invoice issued in the ERP');
  }

  async syncPayments(): Promise<void> {
    for (const open of await this.invoices.openInvoices(50)) {
      const erp = await this.system.getInvoice(open.erpInvoiceNumber);
      if (erp.status === 'paid') await this.invoices.markPaid(open.invoiceId);
    }
  }
}
