import { Injectable } from '@nestjs/common';
import { BUSINESS_DURATION_BUCKETS, MetricsRegistry } from '@platform';
import type { Counter, Histogram } from 'prom-client';
import { InvoiceRepository } from './invoice.repository.js';

/** Invoices issued in the ERP, how long after their shipments, and (at scrape time) how many wait to be issued. */
@Injectable()
export class BillingMetrics {
  private readonly issued: Counter;
  private readonly shipmentToInvoice: Histogram;

  constructor(metrics: MetricsRegistry, invoices: InvoiceRepository) {
    this.issued = metrics.counter({ name: 'invoices_issued_total', help: 'Invoices issued in the ERP (billing documents created or adopted).' });
    this.shipmentToInvoice = metrics.histogram({
      name: 'shipment_to_invoice_seconds',
      help: 'Time from a shipment to the ERP issue of the invoice that bills it (one observation per shipment billed).',
      buckets: BUSINESS_DURATION_BUCKETS,
    });
    metrics.gauge({
      name: 'invoices_pending',
      help: 'Invoices not issued in the ERP yet, by status: draft (a daily invoice before its billing run) or pending (waiting for, or retrying, the ERP issue).',
      labelNames: ['status'],
      async collect() {
        const counts = await invoices.unissuedCounts();
        this.set({ status: 'draft' }, counts.draft);
        this.set({ status: 'pending' }, counts.pending);
      },
    });
  }

  invoiceIssued(shippedAt: readonly Date[], issuedAt = new Date()): void {
    this.issued.inc();
    for (const at of shippedAt) this.shipmentToInvoice.observe(Math.max(0, (issuedAt.getTime() - at.getTime()) / 1000));
  }
}
