import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { takeTokens, type BucketState } from './token-bucket.js';

const policy = { perSecond: 2, burst: 5 };

describe('token bucket', () => {
  it('lets a burst through, refuses the next request, and refills at the rate', () => {
    let state: BucketState | undefined;
    const at = (ms: number) => {
      const taken = takeTokens(state, policy, ms);
      state = taken.state;
      return taken.decision;
    };
    const burst = [0, 0, 0, 0, 0].map(() => at(0));
    expect(burst.map((d) => d.allowed)).toEqual([true, true, true, true, true]);
    expect(burst.map((d) => d.remaining)).toEqual([4, 3, 2, 1, 0]);
    expect(at(0)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1, resetSeconds: 3 });
    // 2 tokens a second: after 500 ms one more request passes, the next not
    expect(at(500).allowed).toBe(true);
    expect(at(500).allowed).toBe(false);
    // after long idleness the bucket is full, never more
    expect(at(60_000).remaining).toBe(4);
  });

  it('only looks with cost 0, and says when the next take would pass', () => {
    const empty = { tokens: 0.5, at: 0 };
    const look = takeTokens(empty, policy, 0, 0);
    expect(look.state.tokens).toBe(0.5);
    expect(look.decision.retryAfterSeconds).toBe(1);
    expect(takeTokens({ tokens: 3, at: 0 }, policy, 0, 0).decision).toMatchObject({ allowed: true, remaining: 3, retryAfterSeconds: 0 });
  });

  it('never grants more than burst + rate × time over any series of requests (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 1, maxLength: 200 }), (gaps) => {
        let state: BucketState | undefined;
        let now = 0;
        let granted = 0;
        for (const gap of gaps) {
          now += gap;
          const taken = takeTokens(state, policy, now);
          state = taken.state;
          if (taken.decision.allowed) granted++;
          expect(granted).toBeLessThanOrEqual(policy.burst + Math.floor((now / 1000) * policy.perSecond + 1e-9));
        }
      }),
    );
  });
});
