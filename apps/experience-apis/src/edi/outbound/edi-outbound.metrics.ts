import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@platform';
import { OutboundJobRepository } from './outbound-job.repository.js';

/** The outbound EDI documents (856, 810) still to build, read at scrape time. */
@Injectable()
export class EdiOutboundMetrics {
  constructor(metrics: MetricsRegistry, jobs: OutboundJobRepository) {
    metrics.backlog('edi_outbound_backlog', 'Outbound EDI jobs (856 ship notices, 810 invoices) not built yet', () => jobs.backlog());
  }
}
