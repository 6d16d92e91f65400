import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Database, KEYSET_INSTANT_SQL, type Backlog, type KeysetPosition, type Queryable } from '@platform';
import type { ReturnNoticeKind } from '../domain/return-authorization.builder.js';

export type OutboundJob =
  | { readonly documentType: '856'; readonly payload: { readonly orderId: string; readonly customerId: string; readonly shipmentId: string } }
  | {
      readonly documentType: '810';
      readonly payload: {
        readonly invoiceId: string;
        readonly invoiceNumber?: string;
        readonly customerId: string;
        /** The invoice's orders that are this trading partner's EDI orders (their shipments get an 856 first); absent on jobs enqueued before it was kept. */
        readonly orderIds?: readonly string[];
      };
    }
  | {
      readonly documentType: '180';
      readonly payload: {
        readonly returnId: string;
        readonly customerId: string;
        readonly orderId: string;
        /** Which 180: the authorization, or the notification of the goods received or of the credit. */
        readonly notice: ReturnNoticeKind;
      };
    };

/** The document types the outbound jobs build. */
export type OutboundDocumentJobType = OutboundJob['documentType'];

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
  document_type: OutboundDocumentJobType;
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
  /** Documents for these references (shipments, invoices) not built yet, with their last error: what an order's timeline shows. */
  async unbuiltFor(
    references: readonly string[],
  ): Promise<
    Array<{ tradingPartnerId: string; documentType: OutboundDocumentJobType; reference: string; attempts: number; lastError?: string; createdAt: string }>
  > {
    if (!references.length) return [];
    const rows = await this.db.query<{
      trading_partner_id: string;
      document_type: OutboundDocumentJobType;
      reference: string;
      attempts: number;
      last_error: string | null;
      created_at: Date | string;
    }>(
      `SELECT trading_partner_id, document_type, reference, attempts, last_error, created_at FROM edi_outbound_jobs
        WHERE reference = ANY($1::text[]) AND done_at IS NULL ORDER BY created_at, job_id`,
      [references],
    );
    return rows.map((r) => ({
      tradingPartnerId: r.trading_partner_id,
      documentType: r.document_type,
      reference: r.reference,
      attempts: r.attempts,
      ...(r.last_error === null ? {} : { lastError: r.last_error }),
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  async enqueue(tx: Queryable, tradingPartnerId: string, reference: string, job: OutboundJob, correlationId: string | undefined): Promise<void> {
    await tx.query(
      `INSERT INTO edi_outbound_jobs (job_id, trading_partner_id, document_type, reference, payload, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (trading_partner_id, document_type, reference) DO NOTHING`,
      [randomUUID(), tradingPartnerId, job.documentType, reference, JSON.stringify(job.payload), correlationId ?? null],
    );
  }

  /** Documents not built yet (metrics): how many, and how long the oldest has waited. */
  async backlog(): Promise<Backlog> {
    const [row] = await this.db.query<{ n: number; age: number | null }>(
      `SELECT count(*)::int AS n, extract(epoch FROM now() - min(created_at))::float8 AS age FROM edi_outbound_jobs WHERE done_at IS NULL`,
    );
    return { count: row.n, oldestAgeSeconds: Math.max(0, row.age ?? 0) };
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

  /**
   * Outbound 856/810 jobs of every trading partner for operators, newest first, keyset-paged on (created_at, job_id):
   * `failed` (not built yet, its last attempt failed: retried), `pending` (not built yet), `built`, `skipped` (closed
   * unbuilt, e.g. the trading partner was disabled).
   */
  async listForOperators(options: {
    status: OutboundJobStatus;
    tradingPartnerId?: string;
    after?: KeysetPosition;
    limit: number;
  }): Promise<{ jobs: OutboundJobRecord[]; next?: KeysetPosition }> {
    const rows = await this.db.query<{
      job_id: string;
      trading_partner_id: string;
      document_type: OutboundDocumentJobType;
      reference: string;
      attempts: number;
      last_error: string | null;
      next_attempt_at: Date | string;
      done_at: Date | string | null;
      correlation_id: string | null;
      created_at: Date | string;
      created_key: string;
    }>(
      `SELECT job_id, trading_partner_id, document_type, reference, attempts, last_error, next_attempt_at, done_at, correlation_id, created_at,
              ${KEYSET_INSTANT_SQL('created_at')} AS created_key
         FROM edi_outbound_jobs
        WHERE (done_at IS NULL) = $1 AND (last_error IS NOT NULL) = $2
          AND ($3::text IS NULL OR trading_partner_id = $3)
          AND ($4::timestamptz IS NULL OR (created_at, job_id) < ($4::timestamptz, $5::uuid))
        ORDER BY created_at DESC, job_id DESC LIMIT $6`,
      [
        options.status === 'failed' || options.status === 'pending',
        options.status === 'failed' || options.status === 'skipped',
        options.tradingPartnerId ?? null,
        options.after?.createdAt ?? null,
        options.after?.id ?? null,
        options.limit + 1,
      ],
    );
    const page = rows.slice(0, options.limit);
    const last = page.at(-1);
    return {
      jobs: page.map((r) => ({
        jobId: r.job_id,
        tradingPartnerId: r.trading_partner_id,
        documentType: r.document_type,
        reference: r.reference,
        status: options.status,
        attempts: r.attempts,
        ...(r.last_error === null ? {} : { lastError: r.last_error }),
        ...(r.done_at === null ? { nextAttemptAt: new Date(r.next_attempt_at).toISOString() } : { doneAt: new Date(r.done_at).toISOString() }),
        ...(r.correlation_id === null ? {} : { correlationId: r.correlation_id }),
        createdAt: new Date(r.created_at).toISOString(),
      })),
      ...(rows.length > options.limit && last ? { next: { createdAt: last.created_key, id: last.job_id } } : {}),
    };
  }
}

export const OUTBOUND_JOB_STATUSES = ['failed', 'pending', 'built', 'skipped'] as const;
export type OutboundJobStatus = (typeof OUTBOUND_JOB_STATUSES)[number];

/** An outbound document job as operators see it. */
export interface OutboundJobRecord {
  readonly jobId: string;
  readonly tradingPartnerId: string;
  readonly documentType: OutboundDocumentJobType;
  /** The shipment (856) or invoice (810) id; `<return id>/<authorized|received|credited>` for a 180. */
  readonly reference: string;
  readonly status: OutboundJobStatus;
  readonly attempts: number;
  readonly lastError?: string;
  readonly nextAttemptAt?: string;
  readonly doneAt?: string;
  readonly correlationId?: string;
  readonly createdAt: string;
}
