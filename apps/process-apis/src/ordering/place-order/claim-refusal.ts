import { AppError, UnprocessableError } from '@platform';
import type { Claim, ClaimRefusal } from '../order.repository.js';

/** 409 for an attempt in flight; the same request (same key) may be sent again after Retry-After. */
function inFlight(code: string, detail: string): AppError {
  return new AppError(code, 409, 'Conflict', { detail, retryAfterSeconds: 1, extensions: { retrySameKey: true } });
}

/** The caller's error for a refused claim: idempotency is the use case's to explain, the repository only reports. */
export function claimRefused(refusal: ClaimRefusal, purchaseOrderNumber: string): AppError {
  switch (refusal.reason) {
    case 'KEY_REUSED':
      return new UnprocessableError('IDEMPOTENCY.KEY_REUSED', 'This idempotency key was already used for a different order.');
    case 'IN_FLIGHT':
      return inFlight('IDEMPOTENCY.IN_FLIGHT', 'An order with this idempotency key is being processed; retry shortly.');
    case 'PURCHASE_ORDER_IN_FLIGHT':
      return inFlight('ORDER.PURCHASE_ORDER_IN_FLIGHT', `An order for purchase order ${purchaseOrderNumber} is being placed under another key; retry shortly.`);
    case 'DUPLICATE_PURCHASE_ORDER':
      return new AppError('ORDER.DUPLICATE_PURCHASE_ORDER', 409, 'Conflict', {
        detail: `Purchase order ${purchaseOrderNumber} was already placed as order ${refusal.existingOrderId}; read it rather than placing it again.`,
        extensions: { existingOrderId: refusal.existingOrderId, purchaseOrderNumber },
      });
  }
}

/** The claim, or its refusal thrown as the caller's error. */
export function acceptedClaim(claim: Claim, purchaseOrderNumber: string): Exclude<Claim, { kind: 'refused' }> {
  if (claim.kind === 'refused') throw claimRefused(claim.refusal, purchaseOrderNumber);
  return claim;
}
