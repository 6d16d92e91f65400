import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { PeriodicTask } from '@platform';
import type { BucketPolicy } from '../../experience.config.js';
import { refilled, takeTokens, type BucketDecision, type BucketState } from '../domain/token-bucket.js';
import { RateLimitStore } from './rate-limit.store.js';

/** How often buckets that are full again (the same as no bucket) are dropped. */
const SWEEP_MS = 60_000;

/** Embedded mode: buckets in this process; one instance, so nothing to share. */
@Injectable()
export class MemoryRateLimitStore extends RateLimitStore implements OnModuleDestroy {
  private readonly buckets = new Map<string, { state: BucketState; policy: BucketPolicy }>();
  private readonly sweeper = new PeriodicTask({
    run: async () => this.sweep(),
    every: SWEEP_MS,
    logger: new Logger(MemoryRateLimitStore.name),
    failure: 'rate limit buckets not swept this time',
  });

  constructor() {
    super();
    this.sweeper.start();
  }

  take(key: string, policy: BucketPolicy, cost = 1): Promise<BucketDecision> {
    const { state, decision } = takeTokens(this.buckets.get(key)?.state, policy, Date.now(), cost);
    this.buckets.set(key, { state, policy });
    return Promise.resolve(decision);
  }

  sweep(now = Date.now()): void {
    for (const [key, bucket] of this.buckets) if (refilled(bucket.state, bucket.policy, now) >= bucket.policy.burst) this.buckets.delete(key);
  }

  onModuleDestroy(): Promise<void> {
    return this.sweeper.stop();
  }
}
