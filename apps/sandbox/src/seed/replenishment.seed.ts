/** WMS replenishment parameters of one item at one site, in eaches. */
export interface SeedReplenishmentParam {
  readonly site: string;
  readonly sku: string;
  /** Eaches the site keeps back from allocation to orders. */
  readonly safetyQty: number;
  readonly reorderPoint: number;
}

/** A stock transfer between two sites; its ETA is `etaDays` after the day the sandbox is seeded (UTC). */
export interface SeedTransfer {
  readonly id: string;
  readonly sku: string;
  readonly from: string;
  readonly to: string;
  readonly qty: number;
  readonly uom: 'CS' | 'EA';
  /** 10 open, 20 in transit, 30 received. */
  readonly status: 10 | 20 | 30;
  readonly etaDays: number;
}

/**
 * SKU-1001 has no safety stock and nothing in transit on purpose: scenarios depend on its
 * 500 / 400 / 350 available eaches in DC01 / DC02 / DC03.
 */
export const seedReplenishmentParams: readonly SeedReplenishmentParam[] = [
  { site: 'DC01', sku: 'SKU-1002', safetyQty: 24, reorderPoint: 120 },
  { site: 'DC02', sku: 'SKU-1005', safetyQty: 48, reorderPoint: 240 },
  { site: 'DC03', sku: 'SKU-1010', safetyQty: 36, reorderPoint: 96 },
];

export const seedTransfers: readonly SeedTransfer[] = [
  { id: 'TR-000001', sku: 'SKU-1002', from: 'DC01', to: 'DC03', qty: 4, uom: 'CS', status: 20, etaDays: 3 },
  { id: 'TR-000002', sku: 'SKU-1005', from: 'DC01', to: 'DC02', qty: 30, uom: 'EA', status: 20, etaDays: 2 },
  { id: 'TR-000003', sku: 'SKU-1002', from: 'DC02', to: 'DC03', qty: 2, uom: 'CS', status: 10, etaDays: 6 },
];
