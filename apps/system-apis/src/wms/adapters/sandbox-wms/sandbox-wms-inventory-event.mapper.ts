import { InventoryChangedDataDto, type EventEnvelopeDto, type InventoryChangeReason, type InventoryPositionDto } from '@contracts';
import { v5 as uuidV5 } from 'uuid';
import type { SandboxWmsEventDto, WmsEventCode } from './sandbox-wms-event.dto.js';
import { WMS_EVENT_NAMESPACE } from './sandbox-wms-event.mapper.js';

/**
 * Which WMS events change stock, and how. The sandbox WMS takes stock off on hand when it picks,
 * so packing, shipping and delivery change nothing; a short pick also releases the unpicked allocation.
 */
const REASONS: Record<WmsEventCode, InventoryChangeReason | undefined> = {
  INV_RECEIVED: 'receipt',
  INV_ADJUSTED: 'adjustment',
  INV_COUNTED: 'cycle_count',
  OB_RELEASED: 'allocation',
  OB_PICKED: 'pick',
  OB_SHORT_PICKED: 'pick',
  OB_PACKED: undefined,
  OB_SHIPPED: undefined,
  OB_DELIVERED: undefined,
  // the receipt of a return moves no stock itself: the INV_RECEIVED of each restock that follows does
  RMA_RECEIVED: undefined,
};

export interface StockTouched {
  readonly sku: string;
  readonly warehouseId: string;
  readonly reason: InventoryChangeReason;
}

/** The (sku, warehouse) pairs whose figures the event changed, once each in line order; none for an event that changes no stock. */
export function stockTouchedBy(native: SandboxWmsEventDto): StockTouched[] {
  const reason = REASONS[native.event_code];
  if (!reason) return [];
  const skus = [...new Set(native.lines.map((line) => line.item_code))];
  return skus.map((sku) => ({ sku, warehouseId: native.site_id, reason }));
}

/**
 * `inventory.changed` v1 for one (sku, warehouse) after a native event, carrying the position read
 * from the WMS after the change. The id is a UUID v5 of the native event id, sku and site, so a
 * redelivered event maps to the same ids; the cause is the canonical event derived from the native one.
 */
export function toInventoryChangedEnvelope(
  native: SandboxWmsEventDto,
  cause: EventEnvelopeDto<object>,
  touched: StockTouched,
  position: InventoryPositionDto,
): EventEnvelopeDto<InventoryChangedDataDto> {
  return {
    id: uuidV5(`wms:${native.event_id}:${touched.sku}:${touched.warehouseId}`, WMS_EVENT_NAMESPACE),
    type: InventoryChangedDataDto.type,
    version: InventoryChangedDataDto.version,
    occurredAt: cause.occurredAt,
    correlationId: cause.correlationId,
    causationId: cause.id,
    source: 'system-apis/wms',
    subject: `inventory/${touched.sku}/${touched.warehouseId}`,
    data: { ...position, sku: touched.sku, warehouseId: touched.warehouseId, reason: touched.reason },
  };
}
