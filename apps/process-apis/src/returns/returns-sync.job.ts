import { Inject, Injectable, Logger } from '@nestjs/common';
import { Database, PeriodicTask, ScheduledJob } from '@platform';
import { ProcessApisConfig } from '../process.config.js';
import { ReturnCreditService } from './credit/return-credit.service.js';
import { ReturnRegistrationService } from './registration/return-registration.service.js';
import { ReturnRepository } from './return.repository.js';

export const RETURNS_SYNC_LEASE = 'returns-sync';
const CLAIM_MS = 30_000;

/**
 * Finishes what a return's request or receipt could not: its registration with the ERP and WMS,
 * and its credit memo. Every RETURNS_SYNC_MS on the instance holding the lease, and at once when
 * work arrives (a receipt, an operator's resolution); each return is claimed for a while so a
 * request still registering it is not raced, and an ERP that is down is retried with backoff.
 */
@Injectable()
export class ReturnsSyncJob extends ScheduledJob {
  private readonly logger = new Logger(ReturnsSyncJob.name);
  protected readonly task = new PeriodicTask({
    run: () => this.pass(),
    every: this.config.returnsSyncMs ?? 5_000,
    logger: this.logger,
    failure: 'returns pass failed',
    correlationPrefix: 'returns',
    lease: { db: this.db, name: RETURNS_SYNC_LEASE },
  });

  constructor(
    private readonly returns: ReturnRepository,
    private readonly registration: ReturnRegistrationService,
    private readonly credits: ReturnCreditService,
    private readonly config: ProcessApisConfig,
    @Inject(Database) private readonly db: Database,
  ) {
    super();
  }

  /** A pass now rather than at the next tick; joins a pass in progress. */
  async tick(): Promise<void> {
    await this.task.runNow();
  }

  private async pass(): Promise<number> {
    const due = await this.returns.claimDue(20, CLAIM_MS);
    for (const returnId of due) await this.settle(returnId);
    return due.length;
  }

  /** Registration, then the credit; a failure is retried with backoff (500 ms doubling, at most 15 s). */
  async settle(returnId: string): Promise<void> {
    try {
      await this.registration.register(returnId);
      await this.credits.credit(returnId);
    } catch (error) {
      const ret = await this.returns.get(this.db, returnId);
      const delay = Math.min(15_000, 500 * 2 ** Math.min(ret?.attempts ?? 0, 10));
      this.logger.warn({ returnId, err: error }, 'return not settled yet; retried later');
      await this.returns.markAttemptFailed(returnId, (error as Error).message, delay);
    }
  }
}
