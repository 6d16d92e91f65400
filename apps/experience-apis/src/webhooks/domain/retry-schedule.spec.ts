import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { nextAttemptDelayMs } from './retry-schedule.js';

describe('webhook retry schedule', () => {
  it('doubles from the base and stops at the max', () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 5].map((n) => nextAttemptDelayMs(n, 10_000, 3_600_000, top))).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
    expect(nextAttemptDelayMs(20, 10_000, 3_600_000, top)).toBe(3_600_000);
    expect(nextAttemptDelayMs(1, 10_000, 3_600_000, () => 0)).toBe(5_000);
  });

  it('always waits between half and all of the capped exponential delay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, base, r) => {
        const max = base * 100;
        const ceiling = Math.min(max, base * 2 ** (attempt - 1));
        const delay = nextAttemptDelayMs(attempt, base, max, () => r);
        return delay >= Math.floor(ceiling / 2) && delay <= Math.ceil(ceiling);
      }),
    );
  });
});
