import type { InventoryPositionDto, WarehouseDto } from '@contracts';
import { unmappable } from '../../../vendor/vendor-error.js';
import type { WmsReplenishmentParam, WmsSite, WmsStockRecord, WmsTransfer } from './sandbox-wms.types.js';
import { toEaches, type PackSizes } from './wms-units.js';

const AVAILABLE = 10;
const IN_TRANSIT = 20;

export function toWarehouse(site: WmsSite): WarehouseDto {
  return { warehouseId: site.site_id, name: site.site_name, region: site.region_code, transitDays: { ...site.transit_days } };
}

/** What else shapes a position besides the stock records. */
export interface PositionInputs {
  /** Only this sku's positions; every sku's when absent. */
  readonly sku?: string;
  /** Safety stock per item and site, in eaches. */
  readonly params?: readonly WmsReplenishmentParam[];
  /** Transfers in any status; only those in transit (20) count, toward their destination. */
  readonly transfers?: readonly WmsTransfer[];
  /** Eaches per case for transfers in cases that do not carry their pack size. */
  readonly packSizes?: PackSizes;
}

interface Totals {
  onHand: number;
  allocated: number;
  qualityHold: number;
  inTransit: { quantity: number; eta: string }[];
}

/**
 * Stock records (one per lot and status, in cases or eaches) -> one position per (sku, warehouse)
 * that holds stock or has a transfer in transit to it, in base eaches, sorted by sku then warehouse.
 * Anything not in status 10 (20 quality hold, 30 damaged, or a status we don't know) is held back,
 * so unknown stock is never sold; so is the safety stock. The WMS has no gateway reservations.
 */
export function toInventoryPositions(records: readonly WmsStockRecord[], inputs: PositionInputs = {}): InventoryPositionDto[] {
  const { sku, params = [], transfers = [], packSizes = new Map<string, number>() } = inputs;
  const wanted = (item: string) => sku === undefined || item === sku;
  const positions = new Map<string, Map<string, Totals>>();
  const totals = (item: string, site: string): Totals => {
    const sites = positions.get(item) ?? new Map<string, Totals>();
    positions.set(item, sites);
    const found = sites.get(site) ?? { onHand: 0, allocated: 0, qualityHold: 0, inTransit: [] };
    sites.set(site, found);
    return found;
  };

  for (const record of records.filter((r) => wanted(r.item_code))) {
    const what = `Stock of ${record.item_code} lot ${record.lot_no ?? '-'} at ${record.site_id}`;
    const onHand = toEaches(record.qty_on_hand, record.uom, record.pack_qty, what);
    const site = totals(record.item_code, record.site_id);
    site.onHand += onHand;
    site.allocated += toEaches(record.qty_allocated, record.uom, record.pack_qty, what);
    if (record.status_code !== AVAILABLE) site.qualityHold += onHand;
  }
  for (const transfer of transfers.filter((t) => t.status_code === IN_TRANSIT && wanted(t.item_code))) {
    const what = `Transfer ${transfer.transfer_id} of ${transfer.item_code}`;
    const quantity = toEaches(transfer.qty, transfer.uom, transfer.pack_qty ?? packSizes.get(transfer.item_code), what);
    totals(transfer.item_code, transfer.to_site).inTransit.push({ quantity, eta: isoDate(transfer.eta, what) });
  }

  const safety = new Map(params.map((p) => [`${p.item_code}|${p.site_id}`, p.safety_qty]));
  return [...positions]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([item, sites]) =>
      [...sites]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([warehouseId, { onHand, allocated, qualityHold, inTransit }]) => {
          const safetyStock = Math.max(0, safety.get(`${item}|${warehouseId}`) ?? 0);
          const reserved = 0;
          return {
            sku: item,
            warehouseId,
            onHand,
            allocated,
            reserved,
            safetyStock,
            qualityHold,
            inTransit: inTransit.sort((a, b) => a.eta.localeCompare(b.eta)),
            available: Math.max(0, onHand - allocated - reserved - safetyStock - qualityHold),
          };
        }),
    );
}

/** The position of a sku in a warehouse that neither holds nor expects it. */
export function emptyPosition(sku: string, warehouseId: string): InventoryPositionDto {
  return { sku, warehouseId, onHand: 0, allocated: 0, reserved: 0, safetyStock: 0, qualityHold: 0, inTransit: [], available: 0 };
}

function isoDate(value: string, what: string): string {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0];
  if (!date || Number.isNaN(Date.parse(date))) throw unmappable('wms', `${what} has ETA ${value}, which is not a date`);
  return date;
}
