import type { InventoryPositionDto, LineStatus, OrderLineRequestDto, PriceDto, UnitOfMeasure } from '@contracts';
import { FieldError, NotFoundError, UnprocessableError } from '@platform';
import { unitFactor, type CatalogItem } from '../../catalog/item-catalog.js';

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

export interface LineDecision {
  readonly lineNumber: number;
  readonly status: LineStatus;
  readonly warehouseId?: string;
}

/**
 * Single-warehouse check (full sourcing comes with order promising): the first warehouse,
 * by most stock, that can fill every line ships the whole order; otherwise each line goes to
 * a warehouse that can fill it, and lines no warehouse can fill are backordered. A
 * ship-complete order that can't ship whole is backordered whole.
 */
export function decideLines(
  lines: readonly ResolvedLine[],
  stock: ReadonlyMap<string, readonly InventoryPositionDto[]>,
  allowPartialShipment: boolean,
): LineDecision[] {
  const availableAt = (sku: string, warehouseId: string) => stock.get(sku)?.find((p) => p.warehouseId === warehouseId)?.available ?? 0;
  const warehouses = [...new Set([...stock.values()].flat().map((p) => p.warehouseId))];
  const demand = new Map<string, number>();
  for (const line of lines) demand.set(line.sku, (demand.get(line.sku) ?? 0) + line.baseQuantity);

  const byStock = warehouses
    .map((id) => ({ id, total: [...demand.keys()].reduce((sum, sku) => sum + availableAt(sku, id), 0) }))
    .sort((a, b) => b.total - a.total || a.id.localeCompare(b.id));
  const whole = byStock.find(({ id }) => [...demand].every(([sku, qty]) => availableAt(sku, id) >= qty));
  if (whole) return lines.map((line) => ({ lineNumber: line.lineNumber, status: 'accepted', warehouseId: whole.id }));
  if (!allowPartialShipment) return lines.map((line) => ({ lineNumber: line.lineNumber, status: 'backordered' }));

  const remaining = new Map(warehouses.flatMap((id) => [...demand.keys()].map((sku) => [`${sku}@${id}`, availableAt(sku, id)] as const)));
  return lines.map((line) => {
    const source = byStock.find(({ id }) => (remaining.get(`${line.sku}@${id}`) ?? 0) >= line.baseQuantity);
    if (!source) return { lineNumber: line.lineNumber, status: 'backordered' };
    remaining.set(`${line.sku}@${source.id}`, remaining.get(`${line.sku}@${source.id}`)! - line.baseQuantity);
    return { lineNumber: line.lineNumber, status: 'accepted', warehouseId: source.id };
  });
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
