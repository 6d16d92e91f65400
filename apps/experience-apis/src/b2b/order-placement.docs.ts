import { applyDecorators } from '@nestjs/common';
import { ApiConflictResponse, ApiServiceUnavailableResponse } from '@nestjs/swagger';

/** The 409 and 503 of order placement, the same in every B2B version: when and how to retry with the same key. */
export function ApiOrderPlacementRetries(): MethodDecorator {
  return applyDecorators(
    ApiConflictResponse({
      description:
        'A request with this key (or another key for this purchase order) is still in flight: `retrySameKey: true`, retry after Retry-After. ' +
        'Or the purchase order was placed already under another key: `ORDER.DUPLICATE_PURCHASE_ORDER` with `existingOrderId`.',
    }),
    ApiServiceUnavailableResponse({
      description: 'A backend is down or slow; nothing is lost. `retrySameKey: true` and Retry-After: send the same request with the same key again.',
    }),
  );
}
