import type { InventoryPositionDto, WarehouseDto } from '@contracts';
import type { WmsSite, WmsStockRecord } from './sandbox-wms.types.js';
import { toEaches } from './wms-units.js';

const AVAILABLE = 10;

export function toWarehouse(site: WmsSite): WarehouseDto {
  return { warehouseId: site.site_id, name: site.site_name, region: site.region_code, transitDays: { ...site.transit_days } };
}

/**
 * Stock records (one per lot and status, in cases or eaches) -> one position per warehouse
 * that holds the sku, in base eaches. Anything not in status 10 (20 quality hold, 30 damaged,
 * or a status we don't know) is held back, so unknown stock is never sold.
 */
export function toInventoryPositions(sku: string, records: WmsStockRecord[]): InventoryPositionDto[] {
  const bySite = new Map<string, { onHand: number; allocated: number; qualityHold: number }>();
  for (const record of records.filter((r) => r.item_code === sku)) {
    const what = `Stock of ${sku} lot ${record.lot_no ?? '-'} at ${record.site_id}`;
    const onHand = toEaches(record.qty_on_hand, record.uom, record.pack_qty, what);
    const allocated = toEaches(record.qty_allocated, record.uom, record.pack_qty, what);
    const site = bySite.get(record.site_id) ?? { onHand: 0, allocated: 0, qualityHold: 0 };
    site.onHand += onHand;
    site.allocated += allocated;
    if (record.status_code !== AVAILABLE) site.qualityHold += onHand;
    bySite.set(record.site_id, site);
  }
  return [...bySite]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([warehouseId, { onHand, allocated, qualityHold }]) => ({
      sku,
      warehouseId,
      onHand,
      allocated,
      reserved: 0,
      safetyStock: 0,
      qualityHold,
      inTransit: [],
      available: Math.max(0, onHand - allocated - qualityHold),
    }));
}
