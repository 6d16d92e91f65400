import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ProcessApiClient } from '@contracts';
import { runWithContext } from '@platform';
import { ExperienceApisConfig } from '../../experience.config.js';
import { invoiceDocument, shipNotice } from '../domain/outbound-documents.builder.js';
import { writeInterchange, type Segment } from '../domain/x12.js';
import { EdiDocumentStore } from '../documents/edi-document.store.js';
import { TradingPartnerRepository, type TradingPartner } from '../trading-partners/trading-partner.repository.js';
import { OutboundJobRepository, type ClaimedJob } from './outbound-job.repository.js';

const FUNCTIONAL_ID = { '856': 'SH', '810': 'IN' } as const;
const LEASE_MS = 30_000;

/** Not ready yet (e.g. the shipment not yet visible on the order): try again later, not an error. */
class NotYet extends Error {}

/**
 * Builds the 856 and 810 that channel events enqueued: reads the shipment or invoice from
 * the process layer, writes it in the trading partner's envelope with the next control number
 * and files it, in one transaction with marking the job done. Failures are retried with
 * backoff; a document is filed once however often a job runs (the store is keyed by it).
 */
@Injectable()
export class OutboundDocumentsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboundDocumentsWorker.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly jobs: OutboundJobRepository,
    private readonly tradingPartners: TradingPartnerRepository,
    private readonly documents: EdiDocumentStore,
    private readonly process: ProcessApiClient,
    private readonly config: ExperienceApisConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runDue(), this.config.edi.outboundIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over the due jobs; returns how many documents were filed. */
  runDue(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    let filed = 0;
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
      const body = await this.bodyOf(job);
      await this.documents.run(async (tx) => {
        await this.documents.store(tx, partner.tradingPartnerId, job.documentType, job.reference, (controlNumber) =>
          writeInterchange(envelopeFor(partner, job.documentType, controlNumber), [{ id: job.documentType, body }]),
        );
        await this.jobs.markDone(tx, job.jobId);
      });
      this.logger.log(`EDI ${job.documentType} for ${job.reference} filed for ${partner.tradingPartnerId}`);
      return true;
    } catch (error) {
      const delay = Math.min(60_000, 500 * 2 ** Math.min(job.attempts, 7));
      if (!(error instanceof NotYet)) this.logger.warn(`EDI ${job.documentType} for ${job.reference}: attempt ${job.attempts} failed (${String(error)})`);
      await this.jobs.retryLater(job.jobId, delay, String(error));
      return false;
    }
  }

  private async bodyOf(job: ClaimedJob): Promise<Segment[]> {
    const now = new Date();
    if (job.documentType === '856') {
      const order = await this.process.getOrder(job.payload.orderId, job.payload.customerId);
      const shipment = order.shipments?.find((s) => s.shipmentId === job.payload.shipmentId);
      if (!shipment) throw new NotYet(`shipment ${job.payload.shipmentId} not on order ${order.orderId} yet`);
      return shipNotice(shipment, order, now);
    }
    const invoice = await this.process.getInvoice(job.payload.invoiceId, job.payload.customerId);
    if (invoice.status === 'pending' || invoice.status === 'draft') throw new NotYet(`invoice ${invoice.invoiceId} not issued yet`);
    return invoiceDocument(invoice, job.payload.invoiceNumber ?? invoice.erpBillingDocument ?? invoice.invoiceId, now);
  }
}

function envelopeFor(partner: TradingPartner, documentType: '856' | '810', controlNumber: number) {
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
