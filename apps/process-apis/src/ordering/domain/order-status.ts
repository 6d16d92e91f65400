/**
 * The status machine of an order once it is placed (the attempt statuses `pending` and `failed`
 * come before it, see OrderRepository.claim). Pure. It says where a cause takes the order and
 * which events that raises; OrderRepository.transition writes it and the use case raises the events.
 * Like the legs' machine (fulfillment/domain/leg-status.ts), a cause that finds the order past
 * its effect is `stale` and changes nothing; one that does not apply to the order is `invalid`.
 */
import type { OrderStatus } from '@contracts';

/** Fulfilment statuses in their order: an order never goes back on them. */
const fulfilmentRank: Partial<Record<OrderStatus, number>> = { accepted: 0, backordered: 0, released: 1, partially_shipped: 2, shipped: 3, invoiced: 4 };

/** Statuses in which no leg has gone to a warehouse yet (the caller still checks each leg: a backordered order may have released ones). */
export const CANCELLABLE: readonly OrderStatus[] = ['accepted', 'on_hold', 'backordered'];
/** Statuses after the release to the warehouses. */
export const RELEASED: readonly OrderStatus[] = ['released', 'partially_shipped', 'shipped', 'invoiced'];

export const CANCELLED_REASON = 'CUSTOMER_REQUEST';

export type OrderCause =
  /** The ERP lifted the customer's credit block: a credit hold is accepted and released. */
  | { readonly kind: 'credit_block_lifted' }
  /** The order's planned legs went to the warehouses. */
  | { readonly kind: 'legs_released' }
  /** The legs' statuses say the order is now `status` (fulfillment/domain/leg-status.ts orderFulfillmentStatus). */
  | { readonly kind: 'fulfilment_progressed'; readonly status: 'released' | 'partially_shipped' | 'shipped' }
  | { readonly kind: 'cancelled_by_customer' };

/** `order.status_changed` goes to the channels; `order.accepted` releases the order's legs (outbox). */
export type OrderEvent = 'order.status_changed' | 'order.accepted';

export type OrderTransition =
  | {
      readonly kind: 'apply';
      readonly to: OrderStatus;
      /** undefined: the status reason stays as it is. */
      readonly statusReason?: string | null;
      readonly events: readonly OrderEvent[];
    }
  | { readonly kind: 'stale' }
  | { readonly kind: 'invalid'; readonly code: 'ALREADY_RELEASED' | 'NOT_APPLICABLE'; readonly reason: string };

const apply = (to: OrderStatus, events: readonly OrderEvent[], statusReason?: string | null): OrderTransition =>
  statusReason === undefined ? { kind: 'apply', to, events } : { kind: 'apply', to, statusReason, events };

const invalid = (from: string, cause: OrderCause, code: 'ALREADY_RELEASED' | 'NOT_APPLICABLE' = 'NOT_APPLICABLE'): OrderTransition => ({
  kind: 'invalid',
  code,
  reason: `${cause.kind} does not apply to an order in status ${from}`,
});

/** `from` may be an attempt status (`pending`, `failed`): no cause applies to an order not placed yet. */
export function orderTransition(from: OrderStatus | 'pending' | 'failed', cause: OrderCause): OrderTransition {
  if (from === 'pending' || from === 'failed') return invalid(from, cause);
  switch (cause.kind) {
    case 'credit_block_lifted':
      return from === 'on_hold' ? apply('accepted', ['order.status_changed', 'order.accepted'], null) : { kind: 'stale' };
    case 'legs_released':
      // a backordered order keeps its status while the legs that can ship go out
      if (from === 'accepted') return apply('released', ['order.status_changed']);
      return from === 'backordered' || (fulfilmentRank[from] ?? -1) >= fulfilmentRank.released! ? { kind: 'stale' } : invalid(from, cause);
    case 'fulfilment_progressed': {
      // `released` is the leg release's to write (legs_released), never a warehouse event's
      if (cause.status === 'released') return { kind: 'stale' };
      const rank = fulfilmentRank[from];
      if (rank === undefined) return invalid(from, cause);
      return fulfilmentRank[cause.status]! > rank ? apply(cause.status, ['order.status_changed']) : { kind: 'stale' };
    }
    case 'cancelled_by_customer':
      if (from === 'cancelled') return { kind: 'stale' };
      if (RELEASED.includes(from)) return invalid(from, cause, 'ALREADY_RELEASED');
      return CANCELLABLE.includes(from) ? apply('cancelled', ['order.status_changed'], CANCELLED_REASON) : invalid(from, cause);
  }
}
