import { describe, expect, it } from '@jest/globals';
import { toFulfillmentOrder, toLegStatus, toOutboundOrderCreate } from './sandbox-wms-outbound-order.mapper.js';

describe('toOutboundOrderCreate', () => {
  it('maps the order to the native body, every line in eaches', () => {
    const body = toOutboundOrderCreate({
      erpOrderNumber: '4500000001',
      warehouseId: 'DC01',
      shipTo: { name: 'ACME Dock 4', line1: '100 Industrial Way', city: 'Columbus', region: 'OH', postalCode: '43004', country: 'US' },
      lines: [{ lineNumber: 1, sku: 'SKU-1001', quantity: 30 }],
    });
    expect(body).toEqual({
      ext_ref: '4500000001',
      site_id: 'DC01',
      ship_to: { name: 'ACME Dock 4', address1: '100 Industrial Way', city: 'Columbus', state: 'OH', postal_code: '43004', country: 'US' },
      lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 30, uom: 'EA' }],
    });
  });
});

describe('toFulfillmentOrder', () => {
  const native = {
    ob_order_id: 'OB-000001',
    ext_ref: '4500000001',
    site_id: 'DC01',
    status_code: 200,
    lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 2, uom: 'CS' }],
  };

  it('maps ids, status and lines in base units', () => {
    expect(toFulfillmentOrder(native, new Map([['SKU-1001', 12]]))).toEqual({
      wmsOrderId: 'OB-000001',
      erpOrderNumber: '4500000001',
      warehouseId: 'DC01',
      status: 'released',
      lines: [{ lineNumber: 1, sku: 'SKU-1001', quantity: 24 }],
    });
  });

  it('adds what a shipped order shipped, per line and lot in eaches, dated when it turned shipped', () => {
    const shipped = {
      ...native,
      status_code: 600,
      status_history: [
        { status_code: 100, ts: '2026-12-06T01:00:00.000Z' },
        { status_code: 500, ts: '2026-12-06T02:00:00.000Z' },
        { status_code: 600, ts: '2026-12-06T03:00:00.000Z' },
      ],
      carrier_scac: 'FDEG',
      tracking_no: 'FX-1',
      lines: [
        {
          ...native.lines[0],
          qty_shipped_ea: 20,
          picked_lots: [
            { lot_no: 'L1', qty_ea: 12 },
            { lot_no: 'L2', qty_ea: 8 },
          ],
        },
        { line_no: 2, item_code: 'SKU-1002', qty: 5, uom: 'EA', qty_shipped_ea: 0, picked_lots: [] },
      ],
    };
    expect(toFulfillmentOrder(shipped, new Map([['SKU-1001', 12]])).shipment).toEqual({
      carrier: 'FDEG',
      trackingNumber: 'FX-1',
      shippedAt: '2026-12-06T02:00:00.000Z',
      lines: [
        { lineNumber: 1, sku: 'SKU-1001', quantity: 12, uom: 'EA', lot: 'L1' },
        { lineNumber: 1, sku: 'SKU-1001', quantity: 8, uom: 'EA', lot: 'L2' },
      ],
    });
    expect(toFulfillmentOrder({ ...shipped, status_code: 400 }, new Map([['SKU-1001', 12]])).shipment).toBeUndefined();
    expect(() => toFulfillmentOrder({ ...shipped, status_history: [] }, new Map([['SKU-1001', 12]]))).toThrow(/no shipped status/);
  });

  it('refuses a case line without a known pack size', () => {
    expect(() => toFulfillmentOrder(native, new Map())).toThrow(/without a pack size/);
  });
});

describe('toLegStatus', () => {
  it.each([
    [100, 'released'],
    [200, 'released'],
    [300, 'picked'],
    [350, 'short_picked'],
    [400, 'packed'],
    [500, 'shipped'],
    [600, 'delivered'],
    [900, 'cancelled'],
  ])('maps %i to %s', (code, status) => {
    expect(toLegStatus(code)).toBe(status);
  });

  it('refuses an unknown code', () => {
    expect(() => toLegStatus(450)).toThrow(/Unknown outbound order status code 450/);
  });
});
