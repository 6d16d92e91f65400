import type { InboundSupplyDto, ItemDto } from '@contracts';
import { unmappable } from '../../../vendor/vendor-error.js';
import { canonicalUom } from '../../../vendor/units.js';
import { decimal, isoDay, parseODataDate } from './sap-odata.js';
import type { SapPurchaseOrderScheduleLine } from './sap.types.js';

/**
 * Purchase order schedule lines -> inbound supply, in base units, sorted by eta then sku (then warehouse
 * and reference, so the order is total). Only open lines count: ordered minus received above zero.
 * `items` holds the item master (base unit and conversions) of every material of an open line.
 */
export function toInboundSupply(lines: readonly SapPurchaseOrderScheduleLine[], items: ReadonlyMap<string, ItemDto>): InboundSupplyDto[] {
  return lines
    .flatMap((line) => {
      const open = openQuantity(line);
      return open > 0 ? [toSupply(line, open, items)] : [];
    })
    .sort(
      (a, b) =>
        a.eta.localeCompare(b.eta) ||
        a.sku.localeCompare(b.sku) ||
        a.warehouseId.localeCompare(b.warehouseId) ||
        a.reference.localeCompare(b.reference, 'en', { numeric: true }),
    );
}

/** Still to arrive, in the order unit. */
export function openQuantity(line: SapPurchaseOrderScheduleLine): number {
  return decimal(line.ScheduleLineOrderQuantity, 'ScheduleLineOrderQuantity') - decimal(line.RoughGoodsReceiptQty, 'RoughGoodsReceiptQty');
}

function toSupply(line: SapPurchaseOrderScheduleLine, open: number, items: ReadonlyMap<string, ItemDto>): InboundSupplyDto {
  const reference = `${line.PurchasingDocument}/${Number(line.PurchasingDocumentItem)}`;
  const eta = parseODataDate(line.ScheduleLineDeliveryDate, 'ScheduleLineDeliveryDate');
  if (!eta) throw unmappable('erp', `Purchase order ${reference} schedule line ${line.ScheduleLine} has no delivery date`);
  return {
    sku: line.Material,
    warehouseId: line.Plant,
    quantity: round3(open * factorToBase(line, reference, items)),
    eta: isoDay(eta),
    source: 'purchase_order',
    reference,
  };
}

/** Base units per order unit, from the item master's conversions. */
function factorToBase(line: SapPurchaseOrderScheduleLine, reference: string, items: ReadonlyMap<string, ItemDto>): number {
  const item = items.get(line.Material);
  if (!item) throw unmappable('erp', `Purchase order ${reference} is for material ${line.Material}, which has no product master`);
  const uom = canonicalUom(line.OrderQuantityUnit);
  if (uom === item.baseUom) return 1;
  const conversion = uom && item.conversions.find((c) => c.uom === uom);
  if (!conversion)
    throw unmappable('erp', `Purchase order ${reference} is in unit ${line.OrderQuantityUnit}, which ${line.Material} cannot convert to its base unit`);
  return conversion.factor;
}

function round3(value: number): number {
  return Math.round(value * 1_000) / 1_000;
}
