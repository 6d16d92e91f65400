import type { ReturnRefusal } from '@contracts';

/**
 * The return policy: which part of a partner's return request is authorized. Pure; the use case
 * reads the facts (what was shipped of each order line, what earlier returns took, the customer's
 * return window from the ERP, the items that cannot be returned) under a lock on the order, so two
 * requests for the same lines at once are decided one after the other and never return more than
 * was shipped.
 */

export { RETURN_REFUSALS, type ReturnRefusal } from '@contracts';

/** What the policy knows of one order line. Quantities in the line's unit. */
export interface ReturnableLine {
  readonly lineNumber: number;
  readonly sku: string;
  readonly shippedQuantity: number;
  /** Taken by earlier returns of this line that were not refused. */
  readonly returnedQuantity: number;
  /** From the item master: false for items that are never taken back. */
  readonly returnable: boolean;
  /** When the line last shipped (ISO instant); absent when nothing shipped. */
  readonly lastShippedAt?: string;
}

export interface ReturnRequestLine {
  /** The order line; or `sku`, when the sku is on one line only. */
  readonly lineNumber?: number;
  readonly sku?: string;
  readonly quantity: number;
  readonly reasonCode: string;
}

export interface ReturnPolicyInput {
  readonly lines: readonly ReturnableLine[];
  readonly request: readonly ReturnRequestLine[];
  /** The customer's return window in days (ERP customer master); null: no limit. */
  readonly returnWindowDays: number | null;
  readonly reasonCodes: readonly string[];
  readonly now: Date;
}

export interface ReturnLineDecision {
  /** The order line it resolved to (absent when it resolved to none). */
  readonly lineNumber?: number;
  readonly sku?: string;
  readonly requestedQuantity: number;
  readonly authorizedQuantity: number;
  /** Why the rest (requested - authorized) is not authorized; absent when all of it is. */
  readonly refusal?: ReturnRefusal;
}

export interface ReturnDecision {
  readonly outcome: 'authorized' | 'partially_authorized' | 'refused';
  /** One per request line, in the request's order. */
  readonly lines: readonly ReturnLineDecision[];
}

const DAY_MS = 86_400_000;

export function decideReturn(input: ReturnPolicyInput): ReturnDecision {
  // what this request has authorized so far, per order line: a line named twice cannot take more together
  const taken = new Map<number, number>();
  const decisions = input.request.map((requested): ReturnLineDecision => {
    const refuse = (refusal: ReturnRefusal, line?: ReturnableLine): ReturnLineDecision => ({
      ...(line ? { lineNumber: line.lineNumber, sku: line.sku } : requested.sku === undefined ? {} : { sku: requested.sku }),
      requestedQuantity: requested.quantity,
      authorizedQuantity: 0,
      refusal,
    });
    const candidates = input.lines.filter((l) => (requested.lineNumber === undefined ? l.sku === requested.sku : l.lineNumber === requested.lineNumber));
    if (candidates.length === 0 || (requested.sku !== undefined && candidates[0].sku !== requested.sku)) return refuse('UNKNOWN_LINE');
    if (candidates.length > 1) return refuse('AMBIGUOUS_SKU');
    const line = candidates[0];
    if (!input.reasonCodes.includes(requested.reasonCode)) return refuse('UNKNOWN_REASON_CODE', line);
    if (!line.returnable) return refuse('ITEM_NOT_RETURNABLE', line);
    if (line.shippedQuantity <= 0 || !line.lastShippedAt) return refuse('NOT_SHIPPED', line);
    if (input.returnWindowDays !== null && Date.parse(line.lastShippedAt) + input.returnWindowDays * DAY_MS < input.now.getTime())
      return refuse('OUTSIDE_RETURN_WINDOW', line);
    const left = Math.max(0, line.shippedQuantity - line.returnedQuantity - (taken.get(line.lineNumber) ?? 0));
    const authorized = Math.min(left, requested.quantity);
    taken.set(line.lineNumber, (taken.get(line.lineNumber) ?? 0) + authorized);
    return {
      lineNumber: line.lineNumber,
      sku: line.sku,
      requestedQuantity: requested.quantity,
      authorizedQuantity: authorized,
      ...(authorized < requested.quantity ? { refusal: 'EXCEEDS_RETURNABLE' as const } : {}),
    };
  });
  const authorized = decisions.reduce((n, d) => n + d.authorizedQuantity, 0);
  const requested = decisions.reduce((n, d) => n + d.requestedQuantity, 0);
  return { outcome: authorized === 0 ? 'refused' : authorized === requested ? 'authorized' : 'partially_authorized', lines: decisions };
}
