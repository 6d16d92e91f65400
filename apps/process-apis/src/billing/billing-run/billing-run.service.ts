import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditLog, Database, PeriodicTask, ScheduledJob, type Caller } from '@platform';
import { ProcessApisConfig } from '../../process.config.js';
import { InvoiceIssuerService } from '../invoice-issuer.service.js';
import { InvoiceRepository } from '../invoice.repository.js';
import { nextRunAt, previousDay } from './billing-schedule.js';

export const BILLING_RUN_LEASE = 'billing-run';

export interface BillingRunResult {
  readonly throughDate: string;
  readonly closedInvoiceIds: string[];
}

/**
 * The billing run of customers invoiced once a day: it closes their draft invoices of every day
 * up to a date, which the issuer then creates in the ERP as one billing document each. It runs
 * every day at BILLING_RUN_AT (UTC) for the days before, catches up at start-up (a run missed while
 * down), and can be triggered. Closing is one idempotent UPDATE; the scheduled run still takes
 * the `billing-run` lease, so one instance runs it and logs it.
 */
@Injectable()
export class BillingRunService extends ScheduledJob {
  private readonly logger = new Logger(BillingRunService.name);
  // every instance keeps the schedule; the holder of the lease closes the drafts (the UPDATE is idempotent anyway)
  protected override readonly firstPassAtStart = true;
  protected readonly task = new PeriodicTask({
    run: () => this.run(previousDay(new Date())),
    every: () => nextRunAt(this.config.billingRunAt ?? '00:05', new Date()).getTime() - Date.now(),
    logger: this.logger,
    failure: 'billing run failed; the next one catches up',
    correlationPrefix: 'billing-run',
    lease: { db: this.db, name: BILLING_RUN_LEASE },
  });

  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly issuer: InvoiceIssuerService,
    private readonly config: ProcessApisConfig,
    private readonly audit: AuditLog,
    @Inject(Database) private readonly db: Database,
  ) {
    super();
  }

  /** Catches up at start-up (a run missed while down), then runs daily. */

  async run(throughDate: string): Promise<BillingRunResult> {
    const closedInvoiceIds = await this.invoices.closeDrafts(throughDate);
    if (closedInvoiceIds.length) {
      this.logger.log({ throughDate, invoices: closedInvoiceIds.length }, 'billing run closed daily invoices');
      void this.issuer.tick(); // issued now rather than at the next pass
    }
    return { throughDate, closedInvoiceIds };
  }

  /** A run an operator asked for, audited with who asked and what it closed. */
  async runFor(by: Caller, throughDate: string): Promise<BillingRunResult> {
    const result = await this.run(throughDate);
    await this.audit.record({
      actorKind: by.kind,
      actor: by.id,
      action: 'billing.run',
      target: throughDate,
      outcome: 'success',
      detail: { closedInvoiceIds: result.closedInvoiceIds },
    });
    return result;
  }
}
