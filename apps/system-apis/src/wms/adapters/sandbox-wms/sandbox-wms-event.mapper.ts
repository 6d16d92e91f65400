import { ReturnGoodsReceivedData, type EventEnvelopeDto, type WarehouseEventDataDto } from '@contracts';
import { unmappable } from '../../../vendor/vendor-error.js';
import { v5 as uuidV5 } from 'uuid';
import type { SandboxWmsEventDto, WmsEventCode } from './sandbox-wms-event.dto.js';
import { toDisposition } from './sandbox-wms-rma-order.mapper.js';
import { toEaches, type PackSizes } from './wms-units.js';

/** Namespace of the ids derived from WMS event ids; never change it, or redelivered events get new ids. */
export const WMS_EVENT_NAMESPACE = '5f1d3c2e-8a47-4b6e-9d0f-3c2b1a0e9f87';

const EVENT_TYPES: Record<Exclude<WmsEventCode, 'RMA_RECEIVED'>, string> = {
  OB_RELEASED: 'fulfillment.released',
  OB_PICKED: 'fulfillment.picked',
  OB_SHORT_PICKED: 'fulfillment.short_picked',
  OB_PACKED: 'fulfillment.packed',
  OB_SHIPPED: 'shipment.confirmed',
  OB_DELIVERED: 'shipment.delivered',
  INV_ADJUSTED: 'inventory.adjusted',
  INV_RECEIVED: 'inventory.received',
  INV_COUNTED: 'inventory.counted',
};

/** What every canonical WMS event carries; quantities in base eaches (inventory.adjusted and inventory.counted: signed). The contract the event catalog (openapi/asyncapi.json) documents. */
export type WmsEventData = WarehouseEventDataDto;

/**
 * Native event -> canonical envelope (version 1). The id is a UUID v5 of the native
 * event_id, so a redelivered event maps to the same id and consumers de-duplicate it.
 */
export function toEventEnvelope(
  native: SandboxWmsEventDto,
  packSizes: PackSizes,
  correlationId: string,
): EventEnvelopeDto<WmsEventData> | EventEnvelopeDto<ReturnGoodsReceivedData> {
  if (native.event_code === 'RMA_RECEIVED') return toReturnGoodsReceived(native, packSizes, correlationId);
  const type = EVENT_TYPES[native.event_code] as string | undefined;
  if (!type) throw unmappable('wms', `Unknown WMS event code ${native.event_code}`);
  return {
    ...envelopeOf(native, type, correlationId),
    subject: native.ext_ref ? `order/${native.ext_ref}` : native.ob_order_id ? `fulfillment/${native.ob_order_id}` : `warehouse/${native.site_id}`,
    data: {
      warehouseId: native.site_id,
      ...optional('wmsOrderId', native.ob_order_id),
      ...optional('erpOrderNumber', native.ext_ref),
      ...optional('carrier', native.carrier_scac),
      ...optional('trackingNumber', native.tracking_no),
      ...optional('reason', native.reason_code),
      lines: native.lines.map((line) => ({
        ...optional('lineNumber', line.line_no),
        sku: line.item_code,
        quantity: toEaches(line.qty, line.uom, packSizes.get(line.item_code), `Event ${native.event_id} line of ${line.item_code}`),
        uom: 'EA' as const,
        ...optional('lot', line.lot_no),
        ...(line.serial_nos?.length ? { serialNumbers: line.serial_nos } : {}),
      })),
    },
  };
}

/**
 * RMA_RECEIVED -> `return.goods_received`: about the RMA (subject `rma/<rmaNumber>`), never an order: its
 * ext_ref is the RMA number, so it is not passed on as an erpOrderNumber. One line per RMA line,
 * disposition and lot; the restock's stock change follows as its own INV_RECEIVED.
 */
function toReturnGoodsReceived(native: SandboxWmsEventDto, packSizes: PackSizes, correlationId: string): EventEnvelopeDto<ReturnGoodsReceivedData> {
  const rmaNumber = native.ext_ref?.trim();
  if (!rmaNumber || !native.rma_id || native.over_received === undefined)
    throw unmappable('wms', `RMA_RECEIVED ${native.event_id} lacks its RMA number, RMA order or over_received flag`);
  return {
    ...envelopeOf(native, ReturnGoodsReceivedData.type, correlationId),
    version: ReturnGoodsReceivedData.version,
    subject: `rma/${rmaNumber}`,
    data: {
      rmaNumber,
      warehouseId: native.site_id,
      receiptId: native.rma_id,
      overReceived: native.over_received,
      lines: native.lines.map((line) => {
        const what = `Event ${native.event_id} line of ${line.item_code}`;
        if (line.line_no === undefined) throw unmappable('wms', `${what} has no line_no`);
        return {
          lineNumber: line.line_no,
          sku: line.item_code,
          quantity: toEaches(line.qty, line.uom, packSizes.get(line.item_code), what),
          disposition: toDisposition(line.disposition_code, what),
          ...optional('lot', line.lot_no),
        };
      }),
    },
  };
}

/** What every envelope derived from a native event shares. */
function envelopeOf(native: SandboxWmsEventDto, type: string, correlationId: string) {
  const occurredAt = new Date(native.event_ts);
  if (Number.isNaN(occurredAt.getTime())) throw unmappable('wms', `event_ts ${native.event_ts} is not a timestamp`);
  return {
    id: uuidV5(`wms:${native.event_id}`, WMS_EVENT_NAMESPACE),
    type,
    version: 1,
    occurredAt: occurredAt.toISOString(),
    correlationId,
    causationId: native.event_id,
    source: 'system-apis/wms',
  };
}

function optional<K extends string, V>(key: K, value: V | undefined | null | ''): { [P in K]?: V } {
  return value === undefined || value === null || value === '' ? {} : ({ [key]: value } as { [P in K]: V });
}
