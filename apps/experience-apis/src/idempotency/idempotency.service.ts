import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppError, Database, PeriodicTask, ScheduledJob, stableHash, UnprocessableError, ValidationError, type Queryable } from '@platform';
import { ExperienceApisConfig } from '../experience.config.js';

export interface StoredResponse<T> {
  readonly status: number;
  readonly body: T;
  /** true when this is the answer to an earlier request with the same key. */
  readonly replayed: boolean;
}

interface KeyRow {
  request_hash: string;
  state: 'in_flight' | 'completed';
  response_status: number | null;
  response_body: unknown;
  locked: boolean;
}

/**
 * Edge idempotency, per partner: the same key with the same body gets the same response;
 * with another body, 422; while the first is in flight, 409. Only successful answers are
 * kept, so a request that failed may be retried with the same key. Kept in the database,
 * so it holds across restarts and instances.
 */
@Injectable()
export class IdempotencyService extends ScheduledJob {
  private readonly logger = new Logger(IdempotencyService.name);
  protected readonly task = new PeriodicTask({
    run: () => this.purgeExpired(),
    every: 3_600_000,
    logger: this.logger,
    failure: 'expired idempotency keys not purged this time',
  });

  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly config: ExperienceApisConfig,
  ) {
    super();
  }

  async run<T>(
    partnerId: string,
    key: string | undefined,
    operation: string,
    request: unknown,
    action: () => Promise<{ status: number; body: T }>,
  ): Promise<StoredResponse<T>> {
    const idempotencyKey = requireKey(key);
    const hash = stableHash({ operation, request });
    const claimed = await this.claim(partnerId, idempotencyKey, hash);
    if (claimed) return claimed as StoredResponse<T>;
    try {
      const response = await action();
      await this.db.query(
        `UPDATE idempotency_keys SET state = 'completed', response_status = $3, response_body = $4, completed_at = now()
          WHERE partner_id = $1 AND idempotency_key = $2`,
        [partnerId, idempotencyKey, response.status, JSON.stringify(response.body)],
      );
      return { ...response, replayed: false };
    } catch (error) {
      // nothing was promised: free the key so the partner can retry it
      await this.db.query('DELETE FROM idempotency_keys WHERE partner_id = $1 AND idempotency_key = $2', [partnerId, idempotencyKey]);
      throw retryableWithSameKey(error);
    }
  }

  /**
   * For requests idempotent by nature (a cancel): with a key they get the same replay
   * semantics as `run`; without one the action simply runs.
   */
  runIfKeyed<T>(
    partnerId: string,
    key: string | undefined,
    operation: string,
    request: unknown,
    action: () => Promise<{ status: number; body: T }>,
  ): Promise<StoredResponse<T>> {
    if (key === undefined) return action().then((response) => ({ ...response, replayed: false }));
    return this.run(partnerId, key, operation, request, action);
  }

  async purgeExpired(): Promise<number> {
    const purged = await this.db.query(
      `DELETE FROM idempotency_keys WHERE state = 'completed' AND completed_at < now() - ($1::integer * interval '1 hour') RETURNING idempotency_key`,
      [this.config.idempotency.retentionHours],
    );
    if (purged.length) this.logger.log(`purged ${purged.length} expired idempotency keys`);
    return purged.length;
  }

  /** Undefined when this request now owns the key; the stored response when it was answered before. */
  private async claim(partnerId: string, key: string, hash: string): Promise<StoredResponse<unknown> | undefined> {
    const lockMs = this.config.idempotency.inFlightTimeoutMs;
    const insert = (db: Queryable) =>
      db.query(
        `INSERT INTO idempotency_keys (partner_id, idempotency_key, request_hash, state, locked_until)
         VALUES ($1, $2, $3, 'in_flight', now() + ($4::integer * interval '1 millisecond'))
         ON CONFLICT (partner_id, idempotency_key) DO NOTHING RETURNING idempotency_key`,
        [partnerId, key, hash, lockMs],
      );
    // a new key (nearly every request) is one atomic statement: no transaction round trips on the order path
    if ((await insert(this.db)).length) return undefined;
    return this.db.transaction(async (tx) => {
      // the key may have been deleted (a failed attempt freed it) between the two statements
      if ((await insert(tx)).length) return undefined;
      const [row] = await tx.query<KeyRow>(
        `SELECT request_hash, state, response_status, response_body, locked_until > now() AS locked
           FROM idempotency_keys WHERE partner_id = $1 AND idempotency_key = $2 FOR UPDATE`,
        [partnerId, key],
      );
      if (row.request_hash !== hash) {
        throw new UnprocessableError('IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was already used with a different request body.');
      }
      if (row.state === 'completed') return { status: row.response_status!, body: row.response_body, replayed: true };
      if (row.locked) {
        throw new AppError('IDEMPOTENCY.IN_FLIGHT', 409, 'Conflict', {
          detail: 'A request with this Idempotency-Key is still being processed; retry shortly.',
          retryAfterSeconds: 1,
          extensions: { retrySameKey: true },
        });
      }
      // the earlier holder died mid-request: take the key over
      await tx.query(
        `UPDATE idempotency_keys SET locked_until = now() + ($3::integer * interval '1 millisecond') WHERE partner_id = $1 AND idempotency_key = $2`,
        [partnerId, key, lockMs],
      );
      return undefined;
    });
  }
}

/**
 * A server-side failure (5xx) freed the key, and the layers below converge a repeated request on
 * one order: say so (problem member `retrySameKey: true`, and Retry-After), so the partner retries
 * with this same key rather than a new one. A 4xx is about the request itself and is left alone.
 */
function retryableWithSameKey(error: unknown): unknown {
  if (error instanceof AppError ? error.status < 500 : (error as { statusCode?: number } | undefined)?.statusCode !== undefined) return error;
  const failure =
    error instanceof AppError
      ? error
      : new AppError('INTERNAL', 500, 'Internal server error', { detail: 'An unexpected error occurred; quote the correlation id when reporting it.' });
  return new AppError(failure.code, failure.status, failure.title, {
    detail: failure.detail,
    errors: failure.errors,
    cause: error,
    retryAfterSeconds: failure.retryAfterSeconds ?? 1,
    extensions: { ...failure.extensions, retrySameKey: true },
  });
}

/** An Idempotency-Key: 1 to 255 printable ASCII characters without spaces. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

function requireKey(key: string | undefined): string {
  if (!key) {
    throw new ValidationError(
      [{ field: 'Idempotency-Key', messages: ['the Idempotency-Key header is required'] }],
      'Send an Idempotency-Key header (e.g. a UUID) with this request.',
      'IDEMPOTENCY.KEY_MISSING',
    );
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ValidationError(
      [{ field: 'Idempotency-Key', messages: ['1 to 255 printable ASCII characters without spaces'] }],
      'The Idempotency-Key header is malformed.',
      'IDEMPOTENCY.KEY_INVALID',
    );
  }
  return key;
}
