import { unmappable } from '../../../vendor/vendor-error.js';
import { canonicalUom } from '../../../vendor/units.js';

/** Eaches per case of each sku, for lines that do not carry their pack size. */
export type PackSizes = ReadonlyMap<string, number>;

/** A WMS quantity in base eaches: cases times the pack size, eaches as they are. */
export function toEaches(qty: number, uom: string, packSize: number | undefined, what: string): number {
  const unit = canonicalUom(uom);
  if (unit === 'EA') return qty;
  if (unit === 'CS' && packSize && packSize > 0) return qty * packSize;
  throw unmappable('wms', unit === 'CS' ? `${what} is in cases without a pack size` : `${what} is in unit ${uom}, which the gateway does not know`);
}
