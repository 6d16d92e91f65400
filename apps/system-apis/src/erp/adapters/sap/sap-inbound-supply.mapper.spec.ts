import { describe, expect, it } from '@jest/globals';
import type { ItemDto } from '@contracts';
import { toInboundSupply } from './sap-inbound-supply.mapper.js';
import type { SapPurchaseOrderScheduleLine } from './sap.types.js';

const day = (iso: string) => `/Date(${Date.parse(iso)})/`;
const line = (extra: Partial<SapPurchaseOrderScheduleLine> = {}): SapPurchaseOrderScheduleLine => ({
  PurchasingDocument: '4100000001',
  PurchasingDocumentItem: '10',
  ScheduleLine: '1',
  Material: 'SKU-1001',
  Plant: 'DC02',
  ScheduleLineOrderQuantity: '600.000',
  RoughGoodsReceiptQty: '0.000',
  OrderQuantityUnit: 'EA',
  ScheduleLineDeliveryDate: day('2026-12-09'),
  ...extra,
});
const items = new Map<string, ItemDto>([
  ['SKU-1001', { sku: 'SKU-1001', description: 'Gloves L', baseUom: 'EA', conversions: [{ uom: 'CS', factor: 12 }] }],
  ['SKU-1002', { sku: 'SKU-1002', description: 'Gloves M', baseUom: 'EA', conversions: [{ uom: 'CS', factor: 12 }] }],
  ['SKU-2000', { sku: 'SKU-2000', description: 'Loose', baseUom: 'EA', conversions: [] }],
]);

describe('toInboundSupply', () => {
  it('maps an open schedule line: base quantity, ISO eta, source and reference', () => {
    expect(toInboundSupply([line()], items)).toEqual([
      { sku: 'SKU-1001', warehouseId: 'DC02', quantity: 600, eta: '2026-12-09', source: 'purchase_order', reference: '4100000001/10' },
    ]);
  });

  it('counts only what is still to arrive and leaves out fully received lines', () => {
    const partial = line({ RoughGoodsReceiptQty: '120.000' });
    const received = line({ PurchasingDocumentItem: '20', RoughGoodsReceiptQty: '600.000' });
    const overReceived = line({ PurchasingDocumentItem: '30', RoughGoodsReceiptQty: '610.000' });
    const noReceipt = line({ PurchasingDocumentItem: '40', RoughGoodsReceiptQty: undefined });
    expect(toInboundSupply([partial, received, overReceived, noReceipt], items).map((s) => [s.reference, s.quantity])).toEqual([
      ['4100000001/10', 480],
      ['4100000001/40', 600],
    ]);
  });

  it('converts cases to base eaches with the item conversion, after subtracting what was received', () => {
    const cases = line({ Material: 'SKU-1002', OrderQuantityUnit: 'CS', ScheduleLineOrderQuantity: '20.000', RoughGoodsReceiptQty: '2.500' });
    expect(toInboundSupply([cases], items)[0].quantity).toBe(210);
  });

  it('sorts by eta, then sku, then warehouse', () => {
    const supply = toInboundSupply(
      [
        line({ PurchasingDocument: '4100000002', ScheduleLineDeliveryDate: day('2027-01-04') }),
        line({ Material: 'SKU-1002', ScheduleLineDeliveryDate: day('2026-12-09') }),
        line({ ScheduleLineDeliveryDate: day('2026-12-09') }),
        line({ Plant: 'DC01', ScheduleLineDeliveryDate: day('2026-12-09') }),
        line({ PurchasingDocument: '4100000003', ScheduleLineDeliveryDate: day('2026-12-01') }),
      ],
      items,
    );
    expect(supply.map((s) => `${s.eta} ${s.sku} ${s.warehouseId}`)).toEqual([
      '2026-12-01 SKU-1001 DC02',
      '2026-12-09 SKU-1001 DC01',
      '2026-12-09 SKU-1001 DC02',
      '2026-12-09 SKU-1002 DC02',
      '2027-01-04 SKU-1001 DC02',
    ]);
  });

  it('normalises a zero-padded item number in the reference', () => {
    expect(toInboundSupply([line({ PurchasingDocumentItem: '00010' })], items)[0].reference).toBe('4100000001/10');
  });

  it('refuses lines it cannot put in base units or date, as an unmappable answer', () => {
    expect(() => toInboundSupply([line({ Material: 'SKU-9999' })], items)).toThrow(/no product master/);
    expect(() => toInboundSupply([line({ Material: 'SKU-2000', OrderQuantityUnit: 'CS' })], items)).toThrow(/unit CS/);
    expect(() => toInboundSupply([line({ OrderQuantityUnit: 'PAL' })], items)).toThrow(/unit PAL/);
    expect(() => toInboundSupply([line({ ScheduleLineDeliveryDate: '' })], items)).toThrow(/no delivery date/);
    expect(() => toInboundSupply([line({ ScheduleLineOrderQuantity: 'lots' })], items)).toThrow(/ScheduleLineOrderQuantity/);
  });

  it('does not need the item master of materials without open quantity', () => {
    expect(toInboundSupply([line({ Material: 'SKU-9999', RoughGoodsReceiptQty: '600' })], items)).toEqual([]);
  });
});
