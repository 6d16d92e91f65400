import { describe, expect, it } from '@jest/globals';
import type { OrderDto, OrderLineDto } from '@contracts';
import { toB2bV2Order, toV2Money } from './b2b-v2.mapper.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });

function line(lineNumber: number, sku: string, quantity: number, extra: Partial<OrderLineDto> = {}): OrderLineDto {
  return {
    lineNumber,
    sku,
    quantity,
    uom: 'EA',
    baseQuantity: quantity,
    status: 'accepted',
    legs: [],
    backordered: { quantity: 0, promisedDate: null },
    rejected: { quantity: 0 },
    unitPrice: usd(8.9),
    lineAmount: usd(8.9 * quantity),
    ...extra,
  };
}

const base: OrderDto = {
  orderId: 'o-1',
  purchaseOrderNumber: 'PO-1',
  status: 'released',
  customerId: '10100001',
  channel: 'b2b',
  partnerId: 'acme',
  shipTo: { name: 'Dock', line1: '1 Main St', city: 'Columbus', region: 'OH', postalCode: '43004', country: 'US' },
  allowPartialShipment: true,
  lines: [],
  totalAmount: usd(0),
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
};

describe('toV2Money', () => {
  it('gives exact decimal strings with two to four decimals', () => {
    expect(toV2Money(usd(105))).toEqual({ amount: '105.00', currency: 'USD' });
    expect(toV2Money(usd(8.7))).toEqual({ amount: '8.70', currency: 'USD' });
    expect(toV2Money(usd(0.1 + 0.2))).toEqual({ amount: '0.30', currency: 'USD' });
    expect(toV2Money(usd(8.125))).toEqual({ amount: '8.125', currency: 'USD' });
    expect(toV2Money(usd(1.2345))).toEqual({ amount: '1.2345', currency: 'USD' });
    expect(toV2Money(usd(-3.5))).toEqual({ amount: '-3.50', currency: 'USD' });
  });
});

describe('toB2bV2Order', () => {
  it('groups the lines by the warehouse that ships them, with each leg status and its shipments', () => {
    const order: OrderDto = {
      ...base,
      lines: [
        line(1, 'SKU-1001', 700, {
          legs: [
            { warehouseId: 'DC02', quantity: 200, promisedShipDate: '2026-11-26' },
            { warehouseId: 'DC01', quantity: 500, promisedShipDate: '2026-11-25' },
          ],
        }),
        line(2, 'SKU-1002', 5, { legs: [{ warehouseId: 'DC01', quantity: 5, promisedShipDate: '2026-11-27' }] }),
      ],
      legs: [
        { legId: 'o-1:DC01', warehouseId: 'DC01', status: 'shipped', promisedShipDate: '2026-11-27', lines: [] },
        { legId: 'o-1:DC02', warehouseId: 'DC02', status: 'released', promisedShipDate: '2026-11-26', lines: [] },
      ],
      shipments: [{ shipmentId: 's-1', warehouseId: 'DC01', shippedAt: '2026-11-25T15:00:00.000Z', lines: [] }],
    };
    const v2 = toB2bV2Order(order);
    expect(v2.legs).toEqual([
      {
        warehouseId: 'DC01',
        status: 'shipped',
        promisedShipDate: '2026-11-27',
        lines: [
          { lineNumber: 1, sku: 'SKU-1001', quantity: 500, uom: 'EA' },
          { lineNumber: 2, sku: 'SKU-1002', quantity: 5, uom: 'EA' },
        ],
        shipments: [{ shipmentId: 's-1', warehouseId: 'DC01', shippedAt: '2026-11-25T15:00:00.000Z', lines: [] }],
      },
      {
        warehouseId: 'DC02',
        status: 'released',
        promisedShipDate: '2026-11-26',
        lines: [{ lineNumber: 1, sku: 'SKU-1001', quantity: 200, uom: 'EA' }],
        shipments: [],
      },
    ]);
    expect(v2.lines[0]).toEqual({
      lineNumber: 1,
      sku: 'SKU-1001',
      quantity: 700,
      uom: 'EA',
      status: 'accepted',
      unitPrice: { amount: '8.90', currency: 'USD' },
      amount: { amount: '6230.00', currency: 'USD' },
    });
  });

  it('lists backorders and rejections per line, and calls a leg planned until the warehouse has it', () => {
    const v2 = toB2bV2Order({
      ...base,
      status: 'accepted',
      lines: [
        line(1, 'SKU-1', 10, {
          status: 'backordered',
          legs: [{ warehouseId: 'DC01', quantity: 4, promisedShipDate: '2026-11-25' }],
          backordered: { quantity: 6, promisedDate: '2026-12-09' },
        }),
        line(2, 'SKU-2', 3, { status: 'rejected', rejected: { quantity: 3, reason: 'NO_SUPPLY' } }),
      ],
    });
    expect(v2.legs).toEqual([
      { warehouseId: 'DC01', status: 'planned', promisedShipDate: '2026-11-25', lines: [{ lineNumber: 1, sku: 'SKU-1', quantity: 4, uom: 'EA' }] },
    ]);
    expect(v2.backorders).toEqual([{ lineNumber: 1, sku: 'SKU-1', quantity: 6, uom: 'EA', promisedDate: '2026-12-09' }]);
    expect(v2.rejections).toEqual([{ lineNumber: 2, sku: 'SKU-2', quantity: 3, uom: 'EA', reason: 'NO_SUPPLY' }]);
    expect(v2).not.toHaveProperty('invoices');
  });
});
