import { seedItems } from './items.seed.js';

export interface SeedSite {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly transitDays: Readonly<Record<string, number>>;
}

/** One WMS inventory record: a lot of an item at a site, counted in its own unit. */
export interface SeedStock {
  readonly site: string;
  readonly sku: string;
  readonly lot: string;
  readonly uom: 'CS' | 'EA';
  readonly onHand: number;
  readonly allocated: number;
  /** 10 available, 20 quality hold, 30 damaged. */
  readonly status: 10 | 20 | 30;
  readonly expiry?: string;
}

export const seedSites: readonly SeedSite[] = [
  { id: 'DC01', name: 'Newark DC', region: 'US-EAST', transitDays: { 'US-EAST': 1, 'US-CENTRAL': 3, 'US-WEST': 5 } },
  { id: 'DC02', name: 'Dallas DC', region: 'US-CENTRAL', transitDays: { 'US-EAST': 3, 'US-CENTRAL': 1, 'US-WEST': 3 } },
  { id: 'DC03', name: 'Reno DC', region: 'US-WEST', transitDays: { 'US-EAST': 5, 'US-CENTRAL': 3, 'US-WEST': 1 } },
];

/**
 * SKU-1001 is spelled out because scenarios depend on it: 500 / 400 / 350 eaches available
 * in DC01 / DC02 / DC03 (12 per case), so only all three warehouses together cover 1,200.
 */
const sku1001: SeedStock[] = [
  { site: 'DC01', sku: 'SKU-1001', lot: 'L2409-01', uom: 'CS', onHand: 30, allocated: 0, status: 10, expiry: '2027-09-30' },
  { site: 'DC01', sku: 'SKU-1001', lot: 'L2411-02', uom: 'EA', onHand: 140, allocated: 0, status: 10, expiry: '2027-11-30' },
  { site: 'DC01', sku: 'SKU-1001', lot: 'L2408-07', uom: 'EA', onHand: 48, allocated: 0, status: 20, expiry: '2027-08-31' },
  { site: 'DC02', sku: 'SKU-1001', lot: 'L2410-03', uom: 'CS', onHand: 25, allocated: 0, status: 10, expiry: '2027-10-31' },
  { site: 'DC02', sku: 'SKU-1001', lot: 'L2411-02', uom: 'EA', onHand: 100, allocated: 0, status: 10, expiry: '2027-11-30' },
  { site: 'DC03', sku: 'SKU-1001', lot: 'L2409-01', uom: 'CS', onHand: 20, allocated: 0, status: 10, expiry: '2027-09-30' },
  { site: 'DC03', sku: 'SKU-1001', lot: 'L2412-05', uom: 'EA', onHand: 110, allocated: 0, status: 10, expiry: '2027-12-31' },
  { site: 'DC03', sku: 'SKU-1001', lot: 'L2407-04', uom: 'EA', onHand: 12, allocated: 0, status: 30, expiry: '2027-07-31' },
];

/** The other items get deterministic, varied stock: cases and loose eaches, some holds, some gaps in DC03. */
function generatedStock(): SeedStock[] {
  const records: SeedStock[] = [];
  seedItems.slice(1).forEach((item, index) => {
    const i = index + 2;
    seedSites.forEach((site, w) => {
      if (site.id === 'DC03' && i % 6 === 0) return; // not stocked in the west
      const month = ((i + w * 3) % 12) + 1;
      const mm = String(month).padStart(2, '0');
      const lot = (n: number) => `L25${mm}-${String(i * 10 + w + n).padStart(3, '0')}`;
      const expiry = item.shelfLifeMonths ? `${2025 + Math.ceil(item.shelfLifeMonths / 12)}-${mm}-28` : undefined;
      const cases = ((i * 7 + w * 11) % 17) + 4;
      records.push({ site: site.id, sku: item.sku, lot: lot(0), uom: 'CS', onHand: cases, allocated: (i + w) % 5 === 0 ? 2 : 0, status: 10, expiry });
      if ((i + w) % 2 === 0) {
        const loose = item.caseQty * (((i + w) % 3) + 1) + (i % 5) * 3;
        records.push({ site: site.id, sku: item.sku, lot: lot(1), uom: 'EA', onHand: loose, allocated: 0, status: 10, expiry });
      }
      if ((i + w) % 7 === 0) {
        records.push({ site: site.id, sku: item.sku, lot: lot(2), uom: 'EA', onHand: item.caseQty, allocated: 0, status: 20, expiry });
      }
    });
  });
  return records;
}

export const seedStock: readonly SeedStock[] = [...sku1001, ...generatedStock()];
