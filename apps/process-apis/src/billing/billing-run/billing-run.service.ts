import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { runWithContext } from '@platform';
import { ProcessApisConfig } from '../../process.config.js';
import { InvoiceIssuerService } from '../invoice-issuer.service.js';
import { InvoiceRepository } from '../invoice.repository.js';
import { nextRunAt, previousDay } from './billing-schedule.js';

export interface BillingRunResult {
  readonly throughDate: string;
  readonly closedInvoiceIds: string[];
}

/**
 * The billing run of customers invoiced once a day: it closes their draft invoices of every day
 * up to a date, which the issuer then creates in the ERP as one billing document each. It runs
 * every day at BILLING_RUN_AT (UTC) for the days before, catches up at start-up (a run missed while
 * down), and can be triggered. Closing is one idempotent UPDATE, so instances may all run it.
 */
@Injectable()
export class BillingRunService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BillingRunService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly issuer: InvoiceIssuerService,
    private readonly config: ProcessApisConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.scheduled();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
  }

  async run(throughDate: string): Promise<BillingRunResult> {
    const closedInvoiceIds = await this.invoices.closeDrafts(throughDate);
    if (closedInvoiceIds.length) {
      this.logger.log({ throughDate, invoices: closedInvoiceIds.length }, 'billing run closed daily invoices');
      void this.issuer.tick(); // issued now rather than at the next pass
    }
    return { throughDate, closedInvoiceIds };
  }

  private async scheduled(): Promise<void> {
    await runWithContext({ correlationId: `billing-run-${randomUUID()}` }, async () => {
      try {
        await this.run(previousDay(new Date()));
      } catch (error) {
        this.logger.warn(`billing run failed; the next one catches up: ${(error as Error).message}`);
      }
    });
    const at = this.config.billingRunAt ?? '00:05';
    this.timer = setTimeout(() => void this.scheduled(), nextRunAt(at, new Date()).getTime() - Date.now());
    this.timer.unref();
  }
}
