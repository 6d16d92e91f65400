import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { stableHash, stableStringify } from './stable-hash.js';

describe('stableHash', () => {
  it('does not depend on key order, and does depend on values', () => {
    expect(stableHash({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(stableHash({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(stableHash({ a: 1 })).not.toBe(stableHash({ a: 2 }));
    expect(stableHash([1, 2])).not.toBe(stableHash([2, 1]));
  });

  it('round-trips through JSON for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expect(JSON.parse(stableStringify(value))).toEqual(JSON.parse(JSON.stringify(value)))));
  });
});
