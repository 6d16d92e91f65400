import type { EventEnvelopeDto, WarehouseEventDataDto } from '@contracts';
import { unmappable } from '../../../vendor/vendor-error.js';
import { v5 as uuidV5 } from 'uuid';
import type { SandboxWmsEventDto, WmsEventCode } from './sandbox-wms-event.dto.js';
import { toEaches, type PackSizes } from './wms-units.js';

/** Namespace of the ids derived from WMS event ids; never change it, or redelivered events get new ids. */
export const WMS_EVENT_NAMESPACE = '5f1d3c2e-8a47-4b6e-9d0f-3c2b1a0e9f87';

const EVENT_TYPES: Record<WmsEventCode, string> = {
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
export function toEventEnvelope(native: SandboxWmsEventDto, packSizes: PackSizes, correlationId: string): EventEnvelopeDto<WmsEventData> {
  const type = EVENT_TYPES[native.event_code] as string | undefined;
  if (!type) throw unmappable('wms', `Unknown WMS event code ${native.event_code}`);
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

function optional<K extends string, V>(key: K, value: V | undefined | null | ''): { [P in K]?: V } {
  return value === undefined || value === null || value === '' ? {} : ({ [key]: value } as { [P in K]: V });
}
