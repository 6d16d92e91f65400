import type { BucketPolicy } from '../../experience.config.js';
import type { BucketDecision } from '../domain/token-bucket.js';

/**
 * Where token buckets live. `take` is atomic per key: two requests of one client racing on
 * any instance never both get the last token.
 */
export abstract class RateLimitStore {
  /** Takes `cost` tokens (0: only looks) from the bucket `key` under `policy`. */
  abstract take(key: string, policy: BucketPolicy, cost?: number): Promise<BucketDecision>;
}
