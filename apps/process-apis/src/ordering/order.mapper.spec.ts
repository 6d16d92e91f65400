import { describe, expect, it } from '@jest/globals';
import { toOrderDto } from './order.mapper.js';
import type { OrderRecord } from './order.repository.js';

const record: OrderRecord = {
  orderId: '7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d',
  channel: 'b2b',
  partnerId: 'acme',
  customerId: '10100001',
  purchaseOrderNumber: 'PO-1',
  status: 'backordered',
  statusReason: null,
  erpOrderNumber: '4500000001',
  omsOrderId: null,
  shipTo: { name: 'Dock', line1: '1 Main St', city: 'Columbus', region: 'OH', postalCode: '43004', country: 'US' },
  requestedShipDate: null,
  allowPartialShipment: true,
  currency: 'EUR',
  totalAmount: '120.50',
  createdAt: new Date('2026-11-25T10:00:00Z'),
  updatedAt: '2026-11-25 10:00:01+00',
  lines: [
    {
      lineNumber: 1,
      sku: 'SKU-1',
      quantity: 2,
      uom: 'CS',
      baseQuantity: 24,
      status: 'backordered',
      warehouseId: null,
      unitPrice: '60.2500',
      lineAmount: '120.50',
      erpItemNumber: null,
      backorderedQuantity: 1,
      backorderDate: '2026-12-01',
      rejectedQuantity: 0,
      rejectionReason: null,
      legs: [{ warehouseId: 'DC01', quantity: 1, promisedShipDate: '2026-11-26' }],
    },
  ],
};

describe('order mapper', () => {
  it('builds the wire order from the stored one: money with its currency, nothing null on the wire', () => {
    const dto = toOrderDto(record);
    expect(dto).toMatchObject({
      status: 'backordered',
      totalAmount: { amount: 120.5, currency: 'EUR' },
      createdAt: '2026-11-25T10:00:00.000Z',
      updatedAt: '2026-11-25T10:00:01.000Z',
      lines: [
        {
          unitPrice: { amount: 60.25, currency: 'EUR' },
          backordered: { quantity: 1, promisedDate: '2026-12-01' },
          rejected: { quantity: 0 },
          legs: [{ warehouseId: 'DC01', quantity: 1, promisedShipDate: '2026-11-26' }],
        },
      ],
    });
    for (const field of ['statusReason', 'omsOrderId', 'requestedShipDate'] as const) expect(dto[field]).toBeUndefined();
    expect(dto.lines[0].warehouseId).toBeUndefined();
    expect('reason' in dto.lines[0].rejected).toBe(false);
  });
});
