import { describe, expect, it } from '@jest/globals';
import type { ReturnLineRecord } from '../return.repository.js';
import { allocate } from './return-receipt.handler.js';

const line = (position: number, sku: string, authorizedQuantity: number, factor = 1): ReturnLineRecord => ({
  position,
  lineNumber: position,
  sku,
  uom: 'EA',
  factor,
  erpItemNumber: String(position * 10),
  reasonCode: 'DAMAGED',
  requestedQuantity: authorizedQuantity,
  authorizedQuantity,
  refusal: null,
  warehouseId: 'DC01',
  lot: null,
  serial: null,
  erpReturnItemNumber: null,
  receivedQuantity: 0,
  dispositions: [],
  creditedQuantity: 0,
});

describe('allocate: what a warehouse received, spread over the return lines', () => {
  it('keeps every disposition of one line (15 restocked, 5 scrapped)', () => {
    const received = allocate(
      [line(1, 'SKU-1', 20)],
      [
        { sku: 'SKU-1', quantity: 15, disposition: 'restock' },
        { sku: 'SKU-1', quantity: 5, disposition: 'scrap' },
      ],
    );
    expect(received).toEqual([
      {
        position: 1,
        receivedQuantity: 20,
        dispositions: [
          { disposition: 'restock', quantity: 15 },
          { disposition: 'scrap', quantity: 5 },
        ],
      },
    ]);
  });

  it('fills lines of one sku in order up to their authorized base units; the last takes an over-receipt', () => {
    const received = allocate([line(1, 'SKU-1', 2, 12), line(2, 'SKU-1', 5)], [{ sku: 'SKU-1', quantity: 40, disposition: 'restock' }]);
    expect(received.map((r) => [r.position, r.receivedQuantity])).toEqual([
      [1, 24],
      [2, 16],
    ]);
  });

  it('gives a line that received nothing no dispositions', () => {
    expect(allocate([line(1, 'SKU-1', 3)], [])).toEqual([{ position: 1, receivedQuantity: 0, dispositions: [] }]);
  });
});
