import type { ReturnStatus } from '@contracts';

/**
 * The status machine of a customer return (RMA), from its authorization to its credit. Pure, like
 * the orders' and the legs' machines (ordering/domain/order-status.ts): it says where a cause takes
 * a return and which channel events that raises; the repository writes it, the use case raises them.
 * A cause that finds the return past its effect is `stale` and changes nothing (a WMS receipt
 * delivered twice, a credit memo posted again after a lost answer); one that does not apply is
 * `invalid` and becomes an exception for operations, never a silent overwrite.
 *
 * A return is decided when it is requested (return-policy.ts): `refused` is final at once;
 * `authorized` and `partially_authorized` wait for the goods. The warehouse's receipt takes it to
 * `received`, or to `exception` when more arrived than was authorized (a person decides what to
 * credit); the credit memo posted in the ERP takes it to `credited`, which is final.
 */

export { RETURN_STATUSES, type ReturnStatus } from '@contracts';

/** Statuses nothing moves a return out of. */
export const FINAL_RETURN_STATUSES: readonly ReturnStatus[] = ['refused', 'credited'];

export type ReturnCause =
  /** The warehouse received and inspected the goods; `overReceived` when any line got more than was authorized. */
  | { readonly kind: 'goods_received'; readonly overReceived: boolean }
  /** An operator settled a receipt exception: the return is credited for what was authorized. */
  | { readonly kind: 'exception_resolved' }
  /** The credit memo is posted in the ERP (created, or found by its external reference after a lost answer). */
  | { readonly kind: 'credit_posted' };

/** Channel events of returns (webhooks, EDI 180, the CRM view); `return.authorized` is raised when the return is decided. */
export type ReturnEvent = 'return.authorized' | 'return.received' | 'return.credited';

export type ReturnTransition =
  | { readonly kind: 'apply'; readonly to: ReturnStatus; readonly events: readonly ReturnEvent[] }
  | { readonly kind: 'stale' }
  | { readonly kind: 'invalid'; readonly reason: string };

const apply = (to: ReturnStatus, events: readonly ReturnEvent[] = []): ReturnTransition => ({ kind: 'apply', to, events });
const stale: ReturnTransition = { kind: 'stale' };
const invalid = (from: ReturnStatus, cause: ReturnCause): ReturnTransition => ({
  kind: 'invalid',
  reason: `${cause.kind} does not apply to a return in status ${from}`,
});

/** Where the goods are: a receipt or a credit of a return that is past that point is stale. */
const rank: Record<ReturnStatus, number> = { refused: -1, authorized: 0, partially_authorized: 0, exception: 1, received: 1, credited: 2 };

export function returnTransition(from: ReturnStatus, cause: ReturnCause): ReturnTransition {
  if (from === 'refused') return invalid(from, cause);
  switch (cause.kind) {
    case 'goods_received':
      if (rank[from] >= rank.received) return stale;
      return cause.overReceived ? apply('exception', ['return.received']) : apply('received', ['return.received']);
    case 'exception_resolved':
      // an operator's action: resolving what is no exception (or no longer one) is refused, like an order exception resolved twice
      return from === 'exception' ? apply('received') : invalid(from, cause);
    case 'credit_posted':
      if (from === 'received') return apply('credited', ['return.credited']);
      return from === 'credited' ? stale : invalid(from, cause);
  }
}

/** The status a decided return starts in: the policy's outcome. */
export function initialReturnStatus(outcome: 'authorized' | 'partially_authorized' | 'refused'): { status: ReturnStatus; events: readonly ReturnEvent[] } {
  return outcome === 'refused' ? { status: 'refused', events: [] } : { status: outcome, events: ['return.authorized'] };
}
