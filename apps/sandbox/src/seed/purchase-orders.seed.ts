/**
 * Open purchase orders at the ERP: the inbound supply the gateway can promise against.
 * Dates are days relative to the day the sandbox was seeded (UTC midnight), so demos never go stale.
 * Numbered in order from 4100000001; items 10, 20, … in order; one schedule line per item.
 */
export interface SeedPurchaseOrderLine {
  readonly sku: string;
  /** Receiving warehouse (the SAP plant). */
  readonly site: 'DC01' | 'DC02' | 'DC03';
  readonly quantity: number;
  readonly uom: 'EA' | 'CS';
  /** Already received, in `uom`. */
  readonly received: number;
  readonly dueInDays: number;
}

export interface SeedPurchaseOrder {
  readonly supplier: string;
  readonly orderedDaysAgo: number;
  readonly lines: readonly SeedPurchaseOrderLine[];
}

export const seedPurchaseOrders: readonly SeedPurchaseOrder[] = [
  {
    // 4100000001
    supplier: '17300001',
    orderedDaysAgo: 20,
    lines: [
      { sku: 'SKU-1001', site: 'DC02', quantity: 600, uom: 'EA', received: 0, dueInDays: 14 },
      { sku: 'SKU-1002', site: 'DC02', quantity: 20, uom: 'CS', received: 0, dueInDays: 14 }, // 240 eaches
    ],
  },
  {
    // 4100000002
    supplier: '17300001',
    orderedDaysAgo: 45,
    lines: [
      { sku: 'SKU-1001', site: 'DC01', quantity: 400, uom: 'EA', received: 0, dueInDays: 30 },
      // Fully received: history, not supply.
      { sku: 'SKU-1001', site: 'DC01', quantity: 250, uom: 'EA', received: 250, dueInDays: -3 },
    ],
  },
  {
    // 4100000003
    supplier: '17300002',
    orderedDaysAgo: 10,
    lines: [
      { sku: 'SKU-1005', site: 'DC01', quantity: 480, uom: 'EA', received: 120, dueInDays: 7 }, // 360 still to come
      { sku: 'SKU-1009', site: 'DC03', quantity: 60, uom: 'EA', received: 0, dueInDays: 21 },
    ],
  },
];
