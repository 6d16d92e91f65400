import { describe, expect, it } from '@jest/globals';
import type { ReturnDto } from '@contracts';
import { toB2bV2Return } from './b2b-v2-return.mapper.js';

const line = {
  lineNumber: 1,
  sku: 'SKU-1001',
  uom: 'EA' as const,
  reasonCode: 'DAMAGED' as const,
  requestedQuantity: 20,
  authorizedQuantity: 20,
  refusal: null,
  warehouseId: 'DC01',
  receivedQuantity: 20,
  dispositions: [{ disposition: 'restock' as const, quantity: 15 }],
  creditedQuantity: 20,
};
const returned: ReturnDto = {
  returnId: '3b5c8f0e-7a1d-4c2b-9e6f-1a2b3c4d5e6f',
  rmaNumber: 'RMA-2026-000123',
  status: 'credited',
  orderId: '5d0f6f1e-2f4e-4b6a-9c1d-3e2f1a0b9c8d',
  purchaseOrderNumber: 'PO-2026-0042',
  customerId: '10100001',
  partnerId: 'acme',
  channel: 'b2b',
  lines: [line],
  erpReturnNumber: '60000001',
  credit: {
    creditMemoNumber: '90000002',
    currency: 'USD',
    netAmount: 178,
    taxAmount: 10.235,
    grossAmount: 188.235,
    invoiceNumbers: ['90000001'],
    creditedAt: '2026-12-07T10:15:00.000Z',
  },
  notes: null,
  createdAt: '2026-12-07T10:00:00.000Z',
  updatedAt: '2026-12-07T10:15:00.000Z',
};

describe('a return as a B2B v2 partner sees it', () => {
  it('hides the ERP customer, the partner and the channel, and gives the credit as v2 decimal strings', () => {
    const view = toB2bV2Return(returned);
    expect(view).not.toHaveProperty('customerId');
    expect(view).not.toHaveProperty('partnerId');
    expect(view).not.toHaveProperty('channel');
    expect(JSON.stringify(view)).not.toContain('10100001');
    expect(view).toMatchObject({ returnId: returned.returnId, rmaNumber: 'RMA-2026-000123', status: 'credited', lines: [line] });
    expect(view.credit).toEqual({
      creditMemoNumber: '90000002',
      net: { amount: '178.00', currency: 'USD' },
      tax: { amount: '10.235', currency: 'USD' },
      total: { amount: '188.235', currency: 'USD' },
      invoiceNumbers: ['90000001'],
      creditedAt: '2026-12-07T10:15:00.000Z',
    });
  });

  it('keeps a refused return refused: no RMA number, no credit, the reason on each line', () => {
    const refusedLine = {
      ...line,
      authorizedQuantity: 0,
      refusal: 'NOT_SHIPPED' as const,
      warehouseId: null,
      receivedQuantity: 0,
      dispositions: [],
      creditedQuantity: 0,
    };
    const view = toB2bV2Return({ ...returned, status: 'refused', rmaNumber: null, erpReturnNumber: null, credit: null, lines: [refusedLine] });
    expect(view).toMatchObject({ status: 'refused', rmaNumber: null, credit: null, lines: [{ refusal: 'NOT_SHIPPED', authorizedQuantity: 0 }] });
  });
});
