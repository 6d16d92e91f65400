import { describe, expect, it } from '@jest/globals';
import { emptyPosition, toInventoryPositions, toWarehouse } from './sandbox-wms-stock.mapper.js';
import type { WmsReplenishmentParam, WmsStockRecord, WmsTransfer } from './sandbox-wms.types.js';

const stock = (site: string, lot: string, uom: string, onHand: number, allocated: number, status = 10, pack = 12, item = 'SKU-1001'): WmsStockRecord => ({
  site_id: site,
  item_code: item,
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
    const [position] = toInventoryPositions([stock('DC01', 'L1', 'CS', 10, 2), stock('DC01', 'L2', 'EA', 5, 1)], { sku: 'SKU-1001' });
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
    const [position] = toInventoryPositions(
      [stock('DC01', 'L1', 'EA', 100, 10), stock('DC01', 'L2', 'CS', 1, 0, 20), stock('DC01', 'L3', 'EA', 3, 0, 30), stock('DC01', 'L4', 'EA', 4, 0, 99)],
      { sku: 'SKU-1001' },
    );
    expect(position).toMatchObject({ onHand: 119, allocated: 10, qualityHold: 19, available: 90 });
  });

  it('answers one position per warehouse that stocks the sku, sorted', () => {
    const positions = toInventoryPositions([stock('DC03', 'L1', 'EA', 1, 0), stock('DC01', 'L1', 'EA', 2, 0)], { sku: 'SKU-1001' });
    expect(positions.map((p) => [p.warehouseId, p.onHand])).toEqual([
      ['DC01', 2],
      ['DC03', 1],
    ]);
    expect(toInventoryPositions([], { sku: 'SKU-1001' })).toEqual([]);
  });

  it('never answers negative availability, even over-allocated', () => {
    const [position] = toInventoryPositions([stock('DC01', 'L1', 'EA', 2, 4), stock('DC01', 'L2', 'EA', 5, 0, 20)], { sku: 'SKU-1001' });
    expect(position).toMatchObject({ onHand: 7, allocated: 4, qualityHold: 5, available: 0 });
  });

  it('ignores records of other items and accepts lower-case units', () => {
    const other = { ...stock('DC01', 'L1', 'EA', 50, 0), item_code: 'SKU-2' };
    expect(toInventoryPositions([other, stock('DC01', 'L2', 'cs', 1, 0)], { sku: 'SKU-1001' })[0].onHand).toBe(12);
  });

  it('refuses cases without a pack size and unknown units', () => {
    expect(() => toInventoryPositions([{ ...stock('DC01', 'L1', 'CS', 1, 0), pack_qty: 0 }], { sku: 'SKU-1001' })).toThrow(/without a pack size/);
    expect(() => toInventoryPositions([stock('DC01', 'L1', 'PAL', 1, 0)], { sku: 'SKU-1001' })).toThrow(/unit PAL/);
  });

  it('lists every sku in every warehouse without a sku, sorted by sku then warehouse', () => {
    const records = [stock('DC02', 'L1', 'EA', 3, 0, 10, 12, 'SKU-2'), stock('DC02', 'L1', 'EA', 1, 0), stock('DC01', 'L1', 'EA', 2, 0, 10, 12, 'SKU-2')];
    expect(toInventoryPositions(records).map((p) => [p.sku, p.warehouseId, p.onHand])).toEqual([
      ['SKU-1001', 'DC02', 1],
      ['SKU-2', 'DC01', 2],
      ['SKU-2', 'DC02', 3],
    ]);
  });

  it('keeps safety stock back from availability, per sku and warehouse', () => {
    const params: WmsReplenishmentParam[] = [
      { site_id: 'DC01', item_code: 'SKU-1001', safety_qty: 24, reorder_point: 100 },
      { site_id: 'DC02', item_code: 'SKU-1001', safety_qty: 500 },
      { site_id: 'DC01', item_code: 'SKU-2', safety_qty: 7 },
    ];
    const positions = toInventoryPositions([stock('DC01', 'L1', 'EA', 100, 10, 10), stock('DC01', 'L2', 'EA', 5, 0, 20), stock('DC02', 'L1', 'EA', 50, 0)], {
      params,
    });
    expect(positions[0]).toMatchObject({ warehouseId: 'DC01', onHand: 105, allocated: 10, safetyStock: 24, qualityHold: 5, available: 66 });
    expect(positions[1]).toMatchObject({ warehouseId: 'DC02', safetyStock: 500, available: 0 }); // never below zero
  });

  it('lists transfers in transit to a warehouse in eaches, soonest first, and ignores open and received ones', () => {
    const transfer = (id: string, to: string, qty: number, uom: string, status: number, eta: string, pack?: number): WmsTransfer => ({
      transfer_id: id,
      item_code: 'SKU-1001',
      from_site: 'DC09',
      to_site: to,
      qty,
      uom,
      ...(pack ? { pack_qty: pack } : {}),
      status_code: status,
      eta,
    });
    const transfers = [
      transfer('T1', 'DC01', 2, 'CS', 20, '2026-12-09', 12),
      transfer('T2', 'DC01', 5, 'EA', 20, '2026-12-03T00:00:00Z'),
      transfer('T3', 'DC01', 9, 'EA', 10, '2026-12-01'),
      transfer('T4', 'DC01', 9, 'EA', 30, '2026-11-01'),
      transfer('T5', 'DC03', 1, 'CS', 20, '2026-12-05'),
    ];
    const positions = toInventoryPositions([stock('DC01', 'L1', 'EA', 10, 0)], { transfers, packSizes: new Map([['SKU-1001', 6]]) });
    expect(positions).toEqual([
      expect.objectContaining({
        warehouseId: 'DC01',
        onHand: 10,
        available: 10,
        inTransit: [
          { quantity: 5, eta: '2026-12-03' },
          { quantity: 24, eta: '2026-12-09' },
        ],
      }),
      // A warehouse with nothing on hand but stock on its way still has a position; the pack size comes from the item master.
      { ...emptyPosition('SKU-1001', 'DC03'), inTransit: [{ quantity: 6, eta: '2026-12-05' }] },
    ]);
  });

  it('refuses a transfer in cases without a pack size, or with an ETA that is not a date', () => {
    const transfer: WmsTransfer = {
      transfer_id: 'T1',
      item_code: 'SKU-1001',
      from_site: 'DC02',
      to_site: 'DC01',
      qty: 1,
      uom: 'CS',
      status_code: 20,
      eta: '2026-12-01',
    };
    expect(() => toInventoryPositions([], { transfers: [transfer] })).toThrow(/without a pack size/);
    expect(() => toInventoryPositions([], { transfers: [{ ...transfer, uom: 'EA', eta: 'soon' }] })).toThrow(/not a date/);
  });
});
