import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Database, type Queryable } from '@platform';

export type OutboundJob =
  | { readonly documentType: '856'; readonly payload: { readonly orderId: string; readonly customerId: string; readonly shipmentId: string } }
  | { readonly documentType: '810'; readonly payload: { readonly invoiceId: string; readonly invoiceNumber?: string; readonly customerId: string } };

export type ClaimedJob = OutboundJob & {
  readonly jobId: string;
  readonly tradingPartnerId: string;
  readonly reference: string;
  readonly attempts: number;
  readonly correlationId?: string;
};

interface JobRow {
  job_id: string;
  trading_partner_id: string;
  document_type: '856' | '810';
  reference: string;
  payload: unknown;
  attempts: number;
  correlation_id: string | null;
}

/** The 856/810 still to build; one job per (trading partner, document type, shipment or invoice). */
@Injectable()
export class OutboundJobRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** In the caller's transaction (the channel event's inbox); a second event for the same document adds nothing. */
  async enqueue(tx: Queryable, tradingPartnerId: string, reference: string, job: OutboundJob, correlationId: string | undefined): Promise<void> {
    await tx.query(
      `INSERT INTO edi_outbound_jobs (job_id, trading_partner_id, document_type, reference, payload, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (trading_partner_id, document_type, reference) DO NOTHING`,
      [randomUUID(), tradingPartnerId, job.documentType, reference, JSON.stringify(job.payload), correlationId ?? null],
    );
  }

  /** Due jobs, leased for `leaseMs` so another instance does not build them at the same time. */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedJob[]> {
    const rows = await this.db.query<JobRow>(
      `UPDATE edi_outbound_jobs SET next_attempt_at = now() + ($2::integer * interval '1 millisecond'), attempts = attempts + 1
        WHERE job_id IN (SELECT job_id FROM edi_outbound_jobs WHERE done_at IS NULL AND next_attempt_at <= now()
                          ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING job_id, trading_partner_id, document_type, reference, payload, attempts, correlation_id`,
      [limit, leaseMs],
    );
    return rows.map(
      (row) =>
        ({
          jobId: row.job_id,
          tradingPartnerId: row.trading_partner_id,
          documentType: row.document_type,
          reference: row.reference,
          payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
          attempts: row.attempts,
          correlationId: row.correlation_id ?? undefined,
        }) as ClaimedJob,
    );
  }

  async markDone(tx: Queryable, jobId: string, note?: string): Promise<void> {
    await tx.query('UPDATE edi_outbound_jobs SET done_at = now(), last_error = $2 WHERE job_id = $1', [jobId, note ?? null]);
  }

  async retryLater(jobId: string, delayMs: number, error: string): Promise<void> {
    await this.db.query(`UPDATE edi_outbound_jobs SET next_attempt_at = now() + ($2::integer * interval '1 millisecond'), last_error = $3 WHERE job_id = $1`, [
      jobId,
      delayMs,
      error.slice(0, 1000),
    ]);
  }
}
