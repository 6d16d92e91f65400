import { describe, expect, it } from '@jest/globals';
import type { ValidationError as ClassValidatorError } from '@nestjs/common';
import { flattenValidationErrors } from './validation.pipe.js';

describe('flattenValidationErrors', () => {
  it('names nested and array fields with a path', () => {
    const errors = [
      { property: 'purchaseOrderNumber', constraints: { isString: 'must be a string' }, children: [] },
      {
        property: 'lines',
        children: [{ property: '0', children: [{ property: 'quantity', constraints: { min: 'must not be less than 1' }, children: [] }] }],
      },
    ] as unknown as ClassValidatorError[];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'purchaseOrderNumber', messages: ['must be a string'] },
      { field: 'lines[0].quantity', messages: ['must not be less than 1'] },
    ]);
  });
});
