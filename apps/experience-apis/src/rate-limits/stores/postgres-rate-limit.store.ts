import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Database, PeriodicTask } from '@platform';
import type { BucketPolicy } from '../../experience.config.js';
import { decisionOf, type BucketDecision } from '../domain/token-bucket.js';
import { RateLimitStore } from './rate-limit.store.js';

const SWEEP_MS = 60_000;

// the bucket's tokens now: what it had, refilled at the rate since it was last touched, capped at the burst
// ($2 burst, $3 per second); the database clock, so instances with skewed clocks agree
const REFILLED = `least($2::float8, b.tokens + extract(epoch FROM now() - b.refilled_at)::float8 * $3::float8)`;

/**
 * Distributed mode: buckets in the app's database, shared by every instance. One statement per take:
 * the UPSERT's row lock serialises takes of the same key, and a refused take takes nothing.
 */
@Injectable()
export class PostgresRateLimitStore extends RateLimitStore implements OnModuleDestroy {
  private readonly logger = new Logger(PostgresRateLimitStore.name);
  private readonly sweeper = new PeriodicTask({
    run: () => this.sweep(),
    every: SWEEP_MS,
    logger: this.logger,
    failure: 'rate limit buckets not swept this time',
  });

  constructor(@Inject(Database) private readonly db: Database) {
    super();
    this.sweeper.start();
  }

  async take(key: string, policy: BucketPolicy, cost = 1): Promise<BucketDecision> {
    const [row] = await this.db.query<{ tokens: number; granted: boolean }>(
      `INSERT INTO rate_limit_buckets AS b (bucket_key, tokens, granted, refilled_at, full_after_seconds)
       VALUES ($1, CASE WHEN $2::float8 >= $4::float8 THEN $2::float8 - $4::float8 ELSE $2::float8 END, $2::float8 >= $4::float8, now(), $2::float8 / $3::float8)
       ON CONFLICT (bucket_key) DO UPDATE SET
         granted = ${REFILLED} >= $4::float8,
         tokens = ${REFILLED} - CASE WHEN ${REFILLED} >= $4::float8 THEN $4::float8 ELSE 0 END,
         refilled_at = now(),
         full_after_seconds = $2::float8 / $3::float8
       RETURNING tokens, granted`,
      [key, policy.burst, policy.perSecond, cost],
    );
    return decisionOf(Number(row.tokens), row.granted, policy, cost);
  }

  /** Drops buckets idle long enough to be full again: the same as no row. */
  async sweep(): Promise<void> {
    await this.db.query(`DELETE FROM rate_limit_buckets WHERE refilled_at + make_interval(secs => full_after_seconds) < now()`);
  }

  onModuleDestroy(): Promise<void> {
    return this.sweeper.stop();
  }
}
