import type { BucketPolicy } from '../../experience.config.js';

/** A bucket as stored: its tokens when last touched, and when (ms since the epoch). */
export interface BucketState {
  readonly tokens: number;
  readonly at: number;
}

/** The outcome of one take, in the terms of the RateLimit headers and Retry-After. */
export interface BucketDecision {
  readonly allowed: boolean;
  /** Whole tokens left after this take (the header's `r`). */
  readonly remaining: number;
  /** Seconds until a take of this cost (at least 1) would succeed, from what is left (Retry-After of a refusal); 0 if it would now. */
  readonly retryAfterSeconds: number;
  /** Seconds until the bucket is full again (the header's `t`). */
  readonly resetSeconds: number;
}

/** The tokens a bucket holds at `now`: what it had, refilled at the policy's rate, never above the burst. */
export function refilled(state: BucketState | undefined, policy: BucketPolicy, now: number): number {
  if (!state) return policy.burst;
  return Math.min(policy.burst, state.tokens + (Math.max(0, now - state.at) / 1000) * policy.perSecond);
}

/**
 * Takes `cost` tokens when the bucket has them (cost 0 only looks). A refused take takes nothing,
 * so a client that keeps retrying too early is not locked out for longer than the refill needs.
 */
export function takeTokens(state: BucketState | undefined, policy: BucketPolicy, now: number, cost = 1): { state: BucketState; decision: BucketDecision } {
  const tokens = refilled(state, policy, now);
  const allowed = tokens >= cost;
  const left = allowed ? tokens - cost : tokens;
  return { state: { tokens: left, at: now }, decision: decisionOf(left, allowed, policy, cost) };
}

/** The decision for a bucket left with `tokens` after a take of `cost` (shared by every store, so they answer alike). */
export function decisionOf(tokens: number, allowed: boolean, policy: BucketPolicy, cost = 1): BucketDecision {
  // a little slack for float rounding, so 2.9999999 tokens count as 3
  const whole = Math.floor(tokens + 1e-9);
  const need = Math.max(cost, 1);
  return {
    allowed,
    remaining: Math.max(0, whole),
    retryAfterSeconds: tokens + 1e-9 >= need ? 0 : Math.max(1, Math.ceil((need - tokens) / policy.perSecond)),
    resetSeconds: Math.max(0, Math.ceil((policy.burst - tokens) / policy.perSecond - 1e-9)),
  };
}
