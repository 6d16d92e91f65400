import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { retryDelayMs } from './retry.policy.js';

describe('retryDelayMs', () => {
  it('doubles per attempt up to the ceiling', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 100, 1_000, () => 1))).toEqual([100, 200, 400, 800, 1_000]);
  });

  it('stays between half and all of the ceiling, never above the maximum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, base, max, r) => {
          const ceiling = Math.min(max, base * 2 ** (n - 1));
          const delay = retryDelayMs(n, base, max, () => r);
          return delay >= Math.floor(ceiling / 2) && delay <= Math.ceil(ceiling) && delay <= Math.max(max, 1);
        },
      ),
    );
  });
});
