import { describe, expect, it } from '@jest/globals';
import { toInventoryPositions, toWarehouse } from './sandbox-wms-stock.mapper.js';
import type { WmsStockRecord } from './sandbox-wms.types.js';

const stock = (site: string, lot: string, uom: string, onHand: number, allocated: number, status = 10, pack = 12): WmsStockRecord => ({
  site_id: site,
  item_code: 'SKU-1001',
  lot_no: lot,
  uom,
  pack_qty: uom.toUpperCase() === 'CS' ? pack : 1,
  qty_on_hand: onHand,
  qty_allocated: allocated,
  status_code: status,
});

describe('toWarehouse', () => {
  it('maps a site', () => {
    const site = { site_id: 'DC01', site_name: 'Newark DC', region_code: 'US-EAST', transit_days: { 'US-EAST': 1, 'US-WEST': 5 } };
    expect(toWarehouse(site)).toEqual({ warehouseId: 'DC01', name: 'Newark DC', region: 'US-EAST', transitDays: { 'US-EAST': 1, 'US-WEST': 5 } });
    expect(toWarehouse({ ...site, transit_days: undefined }).transitDays).toEqual({});
  });
});

describe('toInventoryPositions', () => {
  it('converts cases to eaches with pack_qty and sums lots per warehouse', () => {
    const [position] = toInventoryPositions('SKU-1001', [stock('DC01', 'L1', 'CS', 10, 2), stock('DC01', 'L2', 'EA', 5, 1)]);
    expect(position).toEqual({
      sku: 'SKU-1001',
      warehouseId: 'DC01',
      onHand: 125,
      allocated: 25,
      reserved: 0,
      safetyStock: 0,
      qualityHold: 0,
      inTransit: [],
      available: 100,
    });
  });

  it('holds back quality-hold (20) and damaged (30) stock, and statuses it does not know', () => {
    const [position] = toInventoryPositions('SKU-1001', [
      stock('DC01', 'L1', 'EA', 100, 10),
      stock('DC01', 'L2', 'CS', 1, 0, 20),
      stock('DC01', 'L3', 'EA', 3, 0, 30),
      stock('DC01', 'L4', 'EA', 4, 0, 99),
    ]);
    expect(position).toMatchObject({ onHand: 119, allocated: 10, qualityHold: 19, available: 90 });
  });

  it('answers one position per warehouse that stocks the sku, sorted', () => {
    const positions = toInventoryPositions('SKU-1001', [stock('DC03', 'L1', 'EA', 1, 0), stock('DC01', 'L1', 'EA', 2, 0)]);
    expect(positions.map((p) => [p.warehouseId, p.onHand])).toEqual([
      ['DC01', 2],
      ['DC03', 1],
    ]);
    expect(toInventoryPositions('SKU-1001', [])).toEqual([]);
  });

  it('never answers negative availability, even over-allocated', () => {
    const [position] = toInventoryPositions('SKU-1001', [stock('DC01', 'L1', 'EA', 2, 4), stock('DC01', 'L2', 'EA', 5, 0, 20)]);
    expect(position).toMatchObject({ onHand: 7, allocated: 4, qualityHold: 5, available: 0 });
  });

  it('ignores records of other items and accepts lower-case units', () => {
    const other = { ...stock('DC01', 'L1', 'EA', 50, 0), item_code: 'SKU-2' };
    expect(toInventoryPositions('SKU-1001', [other, stock('DC01', 'L2', 'cs', 1, 0)])[0].onHand).toBe(12);
  });

  it('refuses cases without a pack size and unknown units', () => {
    expect(() => toInventoryPositions('SKU-1001', [{ ...stock('DC01', 'L1', 'CS', 1, 0), pack_qty: 0 }])).toThrow(/without a pack size/);
    expect(() => toInventoryPositions('SKU-1001', [stock('DC01', 'L1', 'PAL', 1, 0)])).toThrow(/unit PAL/);
  });
});
