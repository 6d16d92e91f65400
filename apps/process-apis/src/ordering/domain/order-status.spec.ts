import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ORDER_STATUSES, type OrderStatus } from '@contracts';
import { orderTransition, type OrderCause } from './order-status.js';

const causes: OrderCause[] = [
  { kind: 'credit_block_lifted' },
  { kind: 'legs_released' },
  { kind: 'fulfilment_progressed', status: 'released' },
  { kind: 'fulfilment_progressed', status: 'partially_shipped' },
  { kind: 'fulfilment_progressed', status: 'shipped' },
  { kind: 'cancelled_by_customer' },
];

describe('order status machine', () => {
  it('accepts a credit hold once its block is lifted, and releases it', () => {
    expect(orderTransition('on_hold', { kind: 'credit_block_lifted' })).toEqual({
      kind: 'apply',
      to: 'accepted',
      statusReason: null,
      events: ['order.status_changed', 'order.accepted'],
    });
  });

  it('releases an accepted order; a backordered one keeps its status', () => {
    expect(orderTransition('accepted', { kind: 'legs_released' })).toEqual({ kind: 'apply', to: 'released', events: ['order.status_changed'] });
    expect(orderTransition('backordered', { kind: 'legs_released' })).toEqual({ kind: 'stale' });
  });

  it('follows the legs forward and never back', () => {
    expect(orderTransition('released', { kind: 'fulfilment_progressed', status: 'partially_shipped' })).toMatchObject({
      kind: 'apply',
      to: 'partially_shipped',
    });
    expect(orderTransition('backordered', { kind: 'fulfilment_progressed', status: 'shipped' })).toMatchObject({ kind: 'apply', to: 'shipped' });
    expect(orderTransition('shipped', { kind: 'fulfilment_progressed', status: 'partially_shipped' })).toEqual({ kind: 'stale' });
    expect(orderTransition('partially_shipped', { kind: 'fulfilment_progressed', status: 'released' })).toEqual({ kind: 'stale' });
  });

  it('cancels before the release only, and cancelling twice changes nothing', () => {
    expect(orderTransition('on_hold', { kind: 'cancelled_by_customer' })).toEqual({
      kind: 'apply',
      to: 'cancelled',
      statusReason: 'CUSTOMER_REQUEST',
      events: ['order.status_changed'],
    });
    expect(orderTransition('cancelled', { kind: 'cancelled_by_customer' })).toEqual({ kind: 'stale' });
    expect(orderTransition('released', { kind: 'cancelled_by_customer' })).toMatchObject({ kind: 'invalid', code: 'ALREADY_RELEASED' });
    expect(orderTransition('rejected', { kind: 'cancelled_by_customer' })).toMatchObject({ kind: 'invalid', code: 'NOT_APPLICABLE' });
  });

  it('applies nothing to an order still being placed', () => {
    for (const cause of causes) expect(orderTransition('pending', cause).kind).toBe('invalid');
  });

  it('whatever the causes and their order: cancelled and rejected are final, shipping never goes back, every change is announced', () => {
    const shipRank: Partial<Record<OrderStatus, number>> = { released: 1, partially_shipped: 2, shipped: 3 };
    fc.assert(
      fc.property(fc.constantFrom<OrderStatus>(...ORDER_STATUSES), fc.array(fc.constantFrom(...causes), { maxLength: 12 }), (start, sequence) => {
        let current = start;
        for (const cause of sequence) {
          const next = orderTransition(current, cause);
          if (next.kind !== 'apply') continue;
          expect(next.to).not.toBe(current);
          expect(next.events).toContain('order.status_changed');
          expect(current === 'cancelled' || current === 'rejected').toBe(false);
          if (shipRank[current] !== undefined && shipRank[next.to] !== undefined) expect(shipRank[next.to]!).toBeGreaterThan(shipRank[current]!);
          if (next.to === 'cancelled') expect(['accepted', 'on_hold', 'backordered']).toContain(current);
          current = next.to;
        }
      }),
    );
  });
});
