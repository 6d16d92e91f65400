import type { ItemDto, UnitOfMeasure } from '@contracts';

/** An item as the process layer keeps it: base unit plus conversions. */
export interface CatalogItem {
  readonly sku: string;
  readonly description: string;
  readonly baseUom: UnitOfMeasure;
  readonly conversions: { uom: UnitOfMeasure; factor: number }[];
  readonly productGroup?: string;
  /** False for items never taken back from customers (ERP YY1_NotReturnable); absent: returnable. */
  readonly returnable?: boolean;
}

export function fromItemDto(item: ItemDto): CatalogItem {
  return {
    sku: item.sku,
    description: item.description,
    baseUom: item.baseUom,
    conversions: item.conversions,
    productGroup: item.productGroup,
    returnable: item.returnable !== false,
  };
}

/** Base units in one `uom` of this item, or undefined when the item isn't sold in that unit. */
export function unitFactor(item: CatalogItem, uom: UnitOfMeasure): number | undefined {
  if (uom === item.baseUom) return 1;
  return item.conversions.find((c) => c.uom === uom)?.factor;
}

export function packSize(item: CatalogItem): number {
  return item.conversions.find((c) => c.uom === 'CS')?.factor ?? 1;
}
