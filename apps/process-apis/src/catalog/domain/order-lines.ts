import type { OrderLineRequestDto, PriceDto, UnitOfMeasure } from '@contracts';
import { FieldError, NotFoundError, UnprocessableError } from '@platform';
import { unitFactor, type CatalogItem } from '../item-catalog.js';

/** Pure order rules: no Nest, no I/O. */

export function requireItemUnit(item: CatalogItem | undefined, sku: string, uom: UnitOfMeasure): number {
  if (!item) throw new NotFoundError('ITEM.NOT_FOUND', `SKU ${sku} is not in the catalog.`);
  const factor = unitFactor(item, uom);
  if (!factor)
    throw new UnprocessableError('ITEM.UNIT_NOT_SOLD', `SKU ${sku} is not sold in ${uom}.`, [{ field: 'uom', messages: [`${sku} is not sold in ${uom}`] }]);
  return factor;
}

export interface ResolvedLine {
  readonly lineNumber: number;
  readonly sku: string;
  readonly quantity: number;
  readonly uom: UnitOfMeasure;
  /** Quantity in the item's base unit. */
  readonly baseQuantity: number;
  readonly factor: number;
}

/** Checks every line against the catalog before anything reaches a backend; reports every bad line at once. */
export function resolveLines(lines: readonly OrderLineRequestDto[], find: (sku: string) => CatalogItem | undefined): ResolvedLine[] {
  const errors: FieldError[] = [];
  const seen = new Set<number>();
  const resolved = lines.map((line, index) => {
    const uom = line.uom ?? 'EA';
    if (seen.has(line.lineNumber)) errors.push({ field: `lines[${index}].lineNumber`, messages: [`line number ${line.lineNumber} appears twice`] });
    seen.add(line.lineNumber);
    const item = find(line.sku);
    if (!item) {
      errors.push({ field: `lines[${index}].sku`, messages: [`unknown SKU ${line.sku}`] });
      return undefined;
    }
    const factor = unitFactor(item, uom);
    if (!factor) {
      errors.push({ field: `lines[${index}].uom`, messages: [`${line.sku} is not sold in ${uom}`] });
      return undefined;
    }
    return { lineNumber: line.lineNumber, sku: line.sku, quantity: line.quantity, uom, baseQuantity: line.quantity * factor, factor };
  });
  if (errors.length) throw new UnprocessableError('ORDER.INVALID_LINES', 'Some order lines cannot be ordered.', errors);
  return resolved as ResolvedLine[];
}

export function priceLines(
  lines: readonly ResolvedLine[],
  prices: readonly PriceDto[],
): Map<number, { unitPrice: number; lineAmount: number; currency: string }> {
  const bySku = new Map(prices.map((p) => [p.sku, p]));
  const missing = lines.filter((line) => !bySku.has(line.sku));
  if (missing.length) {
    throw new UnprocessableError(
      'ORDER.NO_PRICE',
      'Some lines have no price for this customer.',
      missing.map((line) => ({ field: `lines[${lines.indexOf(line)}].sku`, messages: [`no price for ${line.sku}`] })),
    );
  }
  return new Map(
    lines.map((line) => {
      const price = bySku.get(line.sku)!;
      const unitPrice = round(price.unitPrice * line.factor, 4);
      return [line.lineNumber, { unitPrice, lineAmount: round(price.unitPrice * line.baseQuantity, 2), currency: price.currency }];
    }),
  );
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * factor) / factor;
}
