/**
 * The status machine of a fulfilment leg (one warehouse's part of an order). Pure.
 * Warehouse events may arrive out of order: a step may be skipped forward (shipped before
 * picked), and an event for a step already passed is stale and changes nothing. Anything else
 * (e.g. delivered before shipped, any event for a leg never released) is not applied and
 * becomes an exception operations can see.
 */
import type { LegStatus } from '@contracts';

const rank: Record<LegStatus, number> = { planned: 0, released: 1, picked: 2, short_picked: 2, packed: 3, shipped: 4, delivered: 5, cancelled: 6 };

export type LegTransition =
  { readonly kind: 'apply'; readonly to: LegStatus } | { readonly kind: 'stale' } | { readonly kind: 'invalid'; readonly reason: string };

export function legTransition(from: LegStatus, to: LegStatus): LegTransition {
  if (from === 'planned') return { kind: 'invalid', reason: `the leg was never released to the warehouse (event: ${to})` };
  if (from === 'cancelled') return { kind: 'invalid', reason: `the leg was cancelled (event: ${to})` };
  if (to === 'delivered' && rank[from] < rank.shipped) return { kind: 'invalid', reason: `delivered before it was shipped (status ${from})` };
  if (rank[to] <= rank[from]) return { kind: 'stale' };
  return { kind: 'apply', to };
}

/** The order's fulfilment status from its legs'. */
export function orderFulfillmentStatus(legs: readonly LegStatus[]): 'released' | 'partially_shipped' | 'shipped' | undefined {
  if (!legs.length) return undefined;
  const shipped = legs.filter((s) => s === 'shipped' || s === 'delivered').length;
  if (shipped === legs.length) return 'shipped';
  if (shipped > 0) return 'partially_shipped';
  return legs.some((s) => rank[s] >= rank.released) ? 'released' : undefined;
}
