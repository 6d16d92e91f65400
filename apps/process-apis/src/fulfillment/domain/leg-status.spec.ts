import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LEG_STATUSES, type LegStatus } from '@contracts';
import { legTransition, orderFulfillmentStatus } from './leg-status.js';

describe('leg status machine', () => {
  it('moves forward, skipping steps when events arrive out of order', () => {
    expect(legTransition('released', 'picked')).toEqual({ kind: 'apply', to: 'picked' });
    expect(legTransition('released', 'shipped')).toEqual({ kind: 'apply', to: 'shipped' });
    expect(legTransition('short_picked', 'packed')).toEqual({ kind: 'apply', to: 'packed' });
  });

  it('treats an event for a step already passed as stale: nothing goes backwards', () => {
    expect(legTransition('shipped', 'picked')).toEqual({ kind: 'stale' });
    expect(legTransition('packed', 'packed')).toEqual({ kind: 'stale' });
    expect(legTransition('picked', 'short_picked')).toEqual({ kind: 'stale' });
  });

  it('refuses delivery before shipment and any event for a leg never released', () => {
    expect(legTransition('packed', 'delivered').kind).toBe('invalid');
    expect(legTransition('planned', 'shipped').kind).toBe('invalid');
  });

  it('never lowers the status, whatever the order of events', () => {
    const status = fc.constantFrom<LegStatus>(...LEG_STATUSES.filter((s) => s !== 'planned' && s !== 'cancelled'));
    fc.assert(
      fc.property(fc.array(status, { maxLength: 12 }), (events) => {
        const ranks: Record<LegStatus, number> = { planned: 0, released: 1, picked: 2, short_picked: 2, packed: 3, shipped: 4, delivered: 5, cancelled: 6 };
        const rank = (s: LegStatus) => ranks[s];
        let current: LegStatus = 'released';
        for (const event of events) {
          const next = legTransition(current, event);
          if (next.kind === 'apply') {
            expect(rank(next.to)).toBeGreaterThan(rank(current));
            current = next.to;
          }
        }
      }),
    );
  });

  it('derives the order status from its legs', () => {
    expect(orderFulfillmentStatus(['released', 'planned'])).toBe('released');
    expect(orderFulfillmentStatus(['shipped', 'picked'])).toBe('partially_shipped');
    expect(orderFulfillmentStatus(['shipped', 'delivered'])).toBe('shipped');
    expect(orderFulfillmentStatus(['planned'])).toBeUndefined();
  });
});
