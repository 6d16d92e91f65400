import { UNITS_OF_MEASURE, type UnitOfMeasure } from '@contracts';

/** A native unit code the canonical model knows (`EA`, `CS`), or undefined. */
export function canonicalUom(code: string | undefined): UnitOfMeasure | undefined {
  const upper = code?.trim().toUpperCase();
  return UNITS_OF_MEASURE.find((uom) => uom === upper);
}
