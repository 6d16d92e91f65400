import type { CreateFulfillmentOrderDto, FulfillmentOrderDto, FulfillmentShipmentDto, LegStatus } from '@contracts';
import { unmappable } from '../../../vendor/vendor-error.js';
import type { WmsOutboundOrder, WmsOutboundOrderCreate } from './sandbox-wms.types.js';
import { toEaches, type PackSizes } from './wms-units.js';

/** Outbound order status codes -> canonical leg status. Allocation (200) is internal to the WMS: still released. */
const STATUSES: Record<number, LegStatus> = {
  100: 'released',
  200: 'released',
  300: 'picked',
  350: 'short_picked',
  400: 'packed',
  500: 'shipped',
  600: 'delivered',
  900: 'cancelled',
};

export function toLegStatus(statusCode: number): LegStatus {
  const status = STATUSES[statusCode];
  if (!status) throw unmappable('wms', `Unknown outbound order status code ${statusCode}`);
  return status;
}

/** Canonical quantities are base units, so every native line is ordered in eaches. */
export function toOutboundOrderCreate(order: CreateFulfillmentOrderDto): WmsOutboundOrderCreate {
  const { shipTo } = order;
  return {
    ext_ref: order.erpOrderNumber,
    site_id: order.warehouseId,
    ship_to: { name: shipTo.name, address1: shipTo.line1, city: shipTo.city, state: shipTo.region, postal_code: shipTo.postalCode, country: shipTo.country },
    lines: order.lines.map((line) => ({ line_no: line.lineNumber, item_code: line.sku, qty: line.quantity, uom: 'EA' })),
  };
}

export function toFulfillmentOrder(native: WmsOutboundOrder, packSizes: PackSizes): FulfillmentOrderDto {
  return {
    wmsOrderId: native.ob_order_id,
    erpOrderNumber: native.ext_ref,
    warehouseId: native.site_id,
    status: toLegStatus(native.status_code),
    lines: native.lines.map((line, index) => ({
      lineNumber: line.line_no ?? index + 1,
      sku: line.item_code,
      quantity: toEaches(line.qty, line.uom, packSizes.get(line.item_code), `Line ${line.line_no} of ${native.ob_order_id}`),
    })),
    ...shipmentOf(native),
  };
}

const SHIPPED = 500;

/**
 * What a shipped (500) or delivered (600) order shipped: per line and lot, in eaches, as its OB_SHIPPED event
 * reports it, dated when it turned shipped. Nothing before it shipped.
 */
function shipmentOf(native: WmsOutboundOrder): { shipment?: FulfillmentShipmentDto } {
  if (native.status_code !== SHIPPED && native.status_code !== 600) return {};
  const shippedAt = native.status_history?.find((h) => h.status_code === SHIPPED)?.ts;
  if (!shippedAt) throw unmappable('wms', `Outbound order ${native.ob_order_id} is shipped but its history has no shipped status`);
  const lines = native.lines.flatMap((line, index) =>
    (line.picked_lots ?? [])
      .filter((lot) => (line.qty_shipped_ea ?? 0) > 0 && lot.qty_ea > 0)
      .map((lot) => ({ lineNumber: line.line_no ?? index + 1, sku: line.item_code, quantity: lot.qty_ea, uom: 'EA' as const, lot: lot.lot_no })),
  );
  return {
    shipment: {
      ...(native.carrier_scac ? { carrier: native.carrier_scac } : {}),
      ...(native.tracking_no ? { trackingNumber: native.tracking_no } : {}),
      shippedAt: new Date(shippedAt).toISOString(),
      lines,
    },
  };
}
