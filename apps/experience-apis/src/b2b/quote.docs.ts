import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { B2bQuoteDto } from './b2b.dto.js';

/** The answers of a quote, the same in every B2B version (the request and the quote did not change in v2). */
export function ApiQuoteAnswers(): MethodDecorator {
  return applyDecorators(
    ApiOkResponse({ type: B2bQuoteDto, description: 'A replay carries `Idempotent-Replayed: true` (and holds nothing more).' }),
    ApiBadRequestResponse({ description: 'Missing Idempotency-Key, invalid fields or malformed JSON.' }),
    ApiConflictResponse({ description: 'A request with this key is still in flight.' }),
    ApiUnprocessableEntityResponse({
      description:
        'Unknown SKU or unit, the key was used with another body, or (`QUOTE.HOLD_SHARE_EXCEEDED`) with holdSeconds your quote holds of a SKU would exceed your share of its available stock (`maxHoldQuantity`, `heldQuantity`); nothing is held then.',
    }),
  );
}
