import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FINAL_RETURN_STATUSES, initialReturnStatus, RETURN_STATUSES, returnTransition, type ReturnCause, type ReturnStatus } from './return-status.js';

const causes: ReturnCause[] = [
  { kind: 'goods_received', overReceived: false },
  { kind: 'goods_received', overReceived: true },
  { kind: 'exception_resolved' },
  { kind: 'credit_posted' },
];

describe('return status machine', () => {
  it('starts as the policy decided: an authorized return is announced, a refused one is final at once', () => {
    expect(initialReturnStatus('authorized')).toEqual({ status: 'authorized', events: ['return.authorized'] });
    expect(initialReturnStatus('partially_authorized')).toEqual({ status: 'partially_authorized', events: ['return.authorized'] });
    expect(initialReturnStatus('refused')).toEqual({ status: 'refused', events: [] });
  });

  it('goes from the receipt to the credit, once each: a receipt or a credit delivered again changes nothing', () => {
    expect(returnTransition('authorized', { kind: 'goods_received', overReceived: false })).toEqual({
      kind: 'apply',
      to: 'received',
      events: ['return.received'],
    });
    expect(returnTransition('received', { kind: 'goods_received', overReceived: false })).toEqual({ kind: 'stale' });
    expect(returnTransition('received', { kind: 'credit_posted' })).toEqual({ kind: 'apply', to: 'credited', events: ['return.credited'] });
    expect(returnTransition('credited', { kind: 'credit_posted' })).toEqual({ kind: 'stale' });
    expect(returnTransition('credited', { kind: 'goods_received', overReceived: true })).toEqual({ kind: 'stale' });
  });

  it('a receipt of more than was authorized is an exception until a person settles it; no credit before', () => {
    expect(returnTransition('partially_authorized', { kind: 'goods_received', overReceived: true })).toEqual({
      kind: 'apply',
      to: 'exception',
      events: ['return.received'],
    });
    expect(returnTransition('exception', { kind: 'credit_posted' }).kind).toBe('invalid');
    expect(returnTransition('exception', { kind: 'exception_resolved' })).toEqual({ kind: 'apply', to: 'received', events: [] });
    expect(returnTransition('received', { kind: 'exception_resolved' }).kind).toBe('invalid');
    expect(returnTransition('authorized', { kind: 'exception_resolved' }).kind).toBe('invalid');
  });

  it('credits nothing that was not received, and nothing moves a refused return', () => {
    expect(returnTransition('authorized', { kind: 'credit_posted' }).kind).toBe('invalid');
    for (const cause of causes) expect(returnTransition('refused', cause).kind).toBe('invalid');
  });

  it('whatever the causes and their order: final stays final, the goods never go back, and each event is raised at most once', () => {
    const stage: Record<ReturnStatus, number> = { refused: -1, authorized: 0, partially_authorized: 0, exception: 1, received: 1, credited: 2 };
    fc.assert(
      fc.property(fc.constantFrom<ReturnStatus>(...RETURN_STATUSES), fc.array(fc.constantFrom(...causes), { maxLength: 12 }), (start, sequence) => {
        let current = start;
        const raised: string[] = [];
        for (const cause of sequence) {
          const next = returnTransition(current, cause);
          if (FINAL_RETURN_STATUSES.includes(current)) expect(next.kind).not.toBe('apply');
          if (next.kind !== 'apply') continue;
          expect(stage[next.to]).toBeGreaterThanOrEqual(stage[current]);
          expect(next.to).not.toBe(current);
          raised.push(...next.events);
          current = next.to;
        }
        for (const event of new Set(raised)) expect(raised.filter((e) => e === event)).toHaveLength(1);
        if (raised.includes('return.credited')) expect(current).toBe('credited');
      }),
    );
  });
});
