import { Injectable, Logger } from '@nestjs/common';
import { ProcessApiClient, type InvoiceDto } from '@contracts';
import { PeriodicTask, ScheduledJob, runWithContext } from '@platform';
import { ExperienceApisConfig } from '../../experience.config.js';
import { invoiceDocument, shipNotice } from '../domain/outbound-documents.builder.js';
import { returnAuthorization } from '../domain/return-authorization.builder.js';
import { writeInterchange, type Segment } from '../domain/x12.js';
import { EdiDocumentStore } from '../documents/edi-document.store.js';
import { EdiPurchaseOrderRepository } from '../orders/edi-purchase-order.repository.js';
import { TradingPartnerRepository, type TradingPartner } from '../trading-partners/trading-partner.repository.js';
import { OutboundJobRepository, type ClaimedJob, type OutboundDocumentJobType } from './outbound-job.repository.js';

const FUNCTIONAL_ID = { '856': 'SH', '810': 'IN', '180': 'AN' } as const;
const LEASE_MS = 30_000;

/** Not ready yet (the shipment not yet visible on the order, the 856s an 810 follows not filed): try again soon, not an error. */
class NotYet extends Error {}

/** How soon a job that is not ready yet is tried again: quickly at first, then every few seconds. */
const notYetDelay = (attempts: number) => Math.min(5_000, 250 * 2 ** Math.min(attempts, 5));

/**
 * Builds the 856 and 810 that channel events enqueued: reads the shipment or invoice from
 * the process layer, writes it in the trading partner's envelope with the next control number
 * and files it, in one transaction with marking the job done. Failures are retried with
 * backoff; a document is filed once however often a job runs (the store is keyed by it).
 * Events arrive in any order, so an 810 waits until the 856 of every shipment it bills (of
 * the partner's EDI orders, when the partner takes 856s) is filed: the buyer always receives
 * the ship notice before the invoice.
 */
@Injectable()
export class OutboundDocumentsWorker extends ScheduledJob {
  private readonly logger = new Logger(OutboundDocumentsWorker.name);
  protected readonly task = new PeriodicTask({
    run: () => this.pass(),
    every: this.config.edi.outboundIntervalMs,
    logger: this.logger,
    failure: 'EDI outbound pass failed',
  });

  constructor(
    private readonly jobs: OutboundJobRepository,
    private readonly tradingPartners: TradingPartnerRepository,
    private readonly documents: EdiDocumentStore,
    private readonly purchaseOrders: EdiPurchaseOrderRepository,
    private readonly process: ProcessApiClient,
    private readonly config: ExperienceApisConfig,
  ) {
    super();
  }

  /** One pass over the due jobs (joining a pass in progress); returns how many documents were filed. */
  async runDue(): Promise<number> {
    return (await this.task.runNow()) ?? 0;
  }

  private async pass(): Promise<number> {
    let filed = 0;
    // a failure part-way is logged here rather than by the task, so the documents filed before it still count
    try {
      for (const job of await this.jobs.claimDue(20, LEASE_MS)) {
        if (await runWithContext({ correlationId: job.correlationId }, () => this.build(job))) filed++;
      }
    } catch (error) {
      this.logger.error(`EDI outbound pass failed: ${String(error)}`);
    }
    return filed;
  }

  private async build(job: ClaimedJob): Promise<boolean> {
    try {
      const partner = await this.tradingPartners.get(job.tradingPartnerId);
      if (!partner) {
        await this.documents.run((tx) => this.jobs.markDone(tx, job.jobId, 'trading partner no longer active'));
        return false;
      }
      const body = await this.bodyOf(job, partner);
      await this.documents.run(async (tx) => {
        await this.documents.store(tx, partner.tradingPartnerId, job.documentType, job.reference, (controlNumber) =>
          writeInterchange(envelopeFor(partner, job.documentType, controlNumber), [{ id: job.documentType, body }]),
        );
        await this.jobs.markDone(tx, job.jobId);
      });
      this.logger.log(`EDI ${job.documentType} for ${job.reference} filed for ${partner.tradingPartnerId}`);
      return true;
    } catch (error) {
      const delay = error instanceof NotYet ? notYetDelay(job.attempts) : Math.min(60_000, 500 * 2 ** Math.min(job.attempts, 7));
      if (!(error instanceof NotYet)) this.logger.warn(`EDI ${job.documentType} for ${job.reference}: attempt ${job.attempts} failed (${String(error)})`);
      await this.jobs.retryLater(job.jobId, delay, String(error));
      return false;
    }
  }

  private async bodyOf(job: ClaimedJob, partner: TradingPartner): Promise<Segment[]> {
    const now = new Date();
    if (job.documentType === '856') {
      const order = await this.process.getOrder(job.payload.orderId, job.payload.customerId);
      const shipment = order.shipments?.find((s) => s.shipmentId === job.payload.shipmentId);
      if (!shipment) throw new NotYet(`shipment ${job.payload.shipmentId} not on order ${order.orderId} yet`);
      const ordered = await this.purchaseOrders.linesOf(partner.tradingPartnerId, [order.orderId]);
      return shipNotice(shipment, order, now, ordered.get(order.orderId));
    }
    if (job.documentType === '180') return this.returnNotice(job.payload, partner, now);
    const invoice = await this.process.getInvoice(job.payload.invoiceId, job.payload.customerId);
    if (invoice.status === 'pending' || invoice.status === 'draft') throw new NotYet(`invoice ${invoice.invoiceId} not issued yet`);
    if (partner.outboundDocuments.includes('856')) {
      const waiting = await this.unnoticedShipments(partner, invoice, job.payload.orderIds);
      if (waiting.length) throw new NotYet(`810 of invoice ${invoice.invoiceId} waits for the 856 of shipment ${waiting.join(', ')}`);
    }
    const ordered = await this.purchaseOrders.linesOf(
      partner.tradingPartnerId,
      (invoice.orders ?? []).map((o) => o.orderId),
    );
    return invoiceDocument(invoice, job.payload.invoiceNumber ?? invoice.erpBillingDocument ?? invoice.invoiceId, now, ordered);
  }

  /**
   * A 180 once the return has reached what it tells (the events may pass the process layer's
   * state on the way: a notification waits until the goods are received, the credited one until
   * the credit memo is posted). The authorization goes first: a notification waits for it.
   */
  private async returnNotice(payload: Extract<ClaimedJob, { documentType: '180' }>['payload'], partner: TradingPartner, now: Date): Promise<Segment[]> {
    const ret = await this.process.getReturn(payload.returnId, { customerId: payload.customerId, partnerId: partner.tradingPartnerId });
    if (payload.notice !== 'authorized') {
      const authorization = `${payload.returnId}/authorized`;
      if (!(await this.documents.filed(partner.tradingPartnerId, '180', [authorization])).has(authorization))
        throw new NotYet(`180 ${payload.notice} of return ${payload.returnId} waits for its authorization`);
      if (!ret.lines.some((l) => l.receivedQuantity > 0)) throw new NotYet(`return ${payload.returnId} not received yet`);
    }
    if (payload.notice === 'credited' && !ret.credit) throw new NotYet(`return ${payload.returnId} not credited yet`);
    const ordered = await this.purchaseOrders.linesOf(partner.tradingPartnerId, [ret.orderId]);
    return returnAuthorization(ret, payload.notice, now, ordered.get(ret.orderId));
  }

  /** The shipments an invoice bills for the partner's EDI orders that have no 856 filed yet. */
  private async unnoticedShipments(partner: TradingPartner, invoice: InvoiceDto, orderIds: readonly string[] | undefined): Promise<string[]> {
    const ours = new Set(orderIds ?? (invoice.orders ?? []).map((o) => o.orderId));
    const byLine = invoice.lines.filter((l) => l.shipmentId && ours.has(l.orderId ?? invoice.orderId)).map((l) => l.shipmentId!);
    const shipments = [...new Set(byLine.length ? byLine : ours.size ? invoice.shipmentIds : [])];
    const filed = await this.documents.filed(partner.tradingPartnerId, '856', shipments);
    return shipments.filter((id) => !filed.has(id));
  }
}

function envelopeFor(partner: TradingPartner, documentType: OutboundDocumentJobType, controlNumber: number) {
  return {
    sender: { isaQualifier: partner.ourIsaQualifier, isaId: partner.ourIsaId, gsId: partner.ourGsId },
    receiver: { isaQualifier: partner.isaQualifier, isaId: partner.isaId, gsId: partner.gsId },
    separators: partner.separators,
    controlNumber,
    functionalId: FUNCTIONAL_ID[documentType],
    usage: partner.usage,
    at: new Date(),
  };
}
