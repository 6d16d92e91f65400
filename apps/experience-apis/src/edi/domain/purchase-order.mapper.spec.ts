import { describe, expect, it } from '@jest/globals';
import { ORDER_LIMITS } from '@contracts';
import { sample850Interchange, type SampleInterchange, type SamplePurchaseOrder } from '../testing/sample-interchange.js';
import { readInterchange, type TransactionSet } from './interchange.reader.js';
import { mapPurchaseOrder } from './purchase-order.mapper.js';

const rules = { buyerPartNumbers: { 'UMB-DEGR-05': 'SKU-1021' } };
const setOf = (order: SamplePurchaseOrder, edit: (text: string) => string = (t) => t, separators?: SampleInterchange['separators']): TransactionSet => {
  const read = readInterchange(edit(sample850Interchange({ orders: [order], separators })));
  if (!read.ok) throw new Error(read.detail);
  return read.groups[0].sets[0];
};

describe('mapPurchaseOrder', () => {
  it('maps BEG, DTM 010, the N1 ST loop and PO1 lines (VP is the SKU, BP through the cross-reference, CA is a case)', () => {
    const mapped = mapPurchaseOrder(
      setOf({
        po: 'PO-77',
        date: '20261124',
        shipDate: '20261201',
        lines: [
          { qty: 24, vp: 'SKU-1020', price: '2.95' },
          { qty: 2, unit: 'CA', bp: 'UMB-DEGR-05' },
        ],
      }),
      rules,
    );
    expect(mapped.errors).toEqual([]);
    expect(mapped.order).toEqual({
      purchaseOrderNumber: 'PO-77',
      orderDate: '2026-11-24',
      requestedShipDate: '2026-12-01',
      shipTo: { name: 'Umbrella Atlanta DC', line1: '400 Peachtree Industrial Blvd', city: 'Atlanta', region: 'GA', postalCode: '30303', country: 'US' },
      lines: [
        {
          lineNumber: 1,
          assignedId: '1',
          sku: 'SKU-1020',
          quantity: 24,
          uom: 'EA',
          unitPrice: 2.95,
          productIds: [{ qualifier: 'VP', value: 'SKU-1020' }],
          position: 8,
          skuElement: 7,
          sentProductId: 'SKU-1020',
        },
        {
          lineNumber: 2,
          assignedId: '2',
          sku: 'SKU-1021',
          quantity: 2,
          uom: 'CS',
          unitPrice: undefined,
          productIds: [{ qualifier: 'BP', value: 'UMB-DEGR-05' }],
          position: 9,
          skuElement: 7,
          sentProductId: 'UMB-DEGR-05',
        },
      ],
      positions: { BEG: 2, DTM: 4, N1: 5, N3: 6, N4: 7 },
    });
  });

  it('points at the segment and element at fault, with X12 codes', () => {
    const mapped = mapPurchaseOrder(
      setOf(
        {
          po: 'PO-78',
          lines: [
            { qty: 1, unit: 'BX', vp: 'SKU-1020' },
            { qty: 1, bp: 'NO-SUCH-PART' },
          ],
        },
        (t) => t.replace('CTT*2', 'CTT*3'),
      ),
      rules,
    );
    expect(mapped.order).toBeUndefined();
    expect(mapped.errors).toEqual([
      { segmentId: 'PO1', position: 7, loopId: 'PO1', code: '8', elements: [{ position: 3, reference: '355', code: '7', value: 'BX' }] },
      { segmentId: 'PO1', position: 8, loopId: 'PO1', code: '8', elements: [{ position: 7, reference: '234', code: '7', value: 'NO-SUCH-PART' }] },
      { segmentId: 'CTT', position: 9, loopId: 'CTT', code: '8', elements: [{ position: 1, reference: '354', code: '7', value: '3' }] },
    ]);
  });

  it('reports missing mandatory segments and elements', () => {
    const noShipTo = mapPurchaseOrder(
      setOf({ po: 'PO-79', lines: [{ qty: 1, vp: 'SKU-1020' }] }, (t) => t.replace(/N1\*ST[^~]*~\n/, '')),
      rules,
    );
    expect(noShipTo.errors).toEqual([{ segmentId: 'N1', position: 6, loopId: 'N1', code: '3', elements: [] }]);
    const badDate = mapPurchaseOrder(setOf({ po: 'PO-80', date: '20261341', lines: [{ qty: 0, vp: 'SKU-1020' }] }), rules);
    expect(badDate.errors).toEqual([
      { segmentId: 'BEG', position: 2, code: '8', elements: [{ position: 5, reference: '373', code: '8', value: '20261341' }] },
      { segmentId: 'PO1', position: 7, loopId: 'PO1', code: '8', elements: [{ position: 2, reference: '330', code: '6', value: '0' }] },
    ]);
  });

  it('refuses ids we echo that hold our outbound separators or leave the basic character set (AK4 6), and over-long elements (AK4 5)', () => {
    // the partner sends with | ^ ' : * and ~ are data for it, but they are the separators we send it 855/856/810 with
    const partner = { ...rules, separators: { element: '*', component: '>', segment: '~', repetition: '^' } };
    const mapped = mapPurchaseOrder(
      setOf(
        {
          po: 'PO*81',
          shipToName: 'JOE*S ~ DOCK',
          street: 'x'.repeat(56),
          lines: [
            { qty: 1, vp: 'SKU-1020', id: 'a1' },
            { qty: 1, vp: 'SKU~1021' },
          ],
        },
        undefined,
        { element: '|', component: '^', segment: "'" },
      ),
      partner,
    );
    expect(mapped.order).toBeUndefined();
    expect(mapped.errors).toEqual([
      { segmentId: 'BEG', position: 2, code: '8', elements: [{ position: 3, reference: '324', code: '6', value: 'PO*81' }] },
      // the name is free text: converted on output, not refused; the street is over N301's 55 characters
      { segmentId: 'N3', position: 5, loopId: 'N1', code: '8', elements: [{ position: 1, reference: '166', code: '5', value: 'x'.repeat(56) }] },
      { segmentId: 'PO1', position: 7, loopId: 'PO1', code: '8', elements: [{ position: 1, reference: '350', code: '6', value: 'a1' }] },
      { segmentId: 'PO1', position: 8, loopId: 'PO1', code: '8', elements: [{ position: 7, reference: '234', code: '6', value: 'SKU~1021' }] },
    ]);
    const clean = mapPurchaseOrder(
      setOf({ po: 'PO-82', shipToName: 'JOE*S ~ DOCK', lines: [{ qty: 1, vp: 'SKU-1020' }] }, undefined, { element: '|', component: '^', segment: "'" }),
      partner,
    );
    expect(clean.errors).toEqual([]);
    expect(clean.order?.shipTo.name).toBe('JOE*S ~ DOCK');
  });

  it(`takes up to ${ORDER_LIMITS.maxLines} PO1 lines; one more is refused at the first PO1 over it (AK3 4), a quantity over ${ORDER_LIMITS.maxQuantity} at PO102`, () => {
    const lines = (n: number) => Array.from({ length: n }, () => ({ qty: 1, vp: 'SKU-1020' }));
    expect(mapPurchaseOrder(setOf({ po: 'PO-83', lines: lines(ORDER_LIMITS.maxLines) }), rules).order?.lines).toHaveLength(ORDER_LIMITS.maxLines);
    const over = mapPurchaseOrder(setOf({ po: 'PO-84', lines: lines(ORDER_LIMITS.maxLines + 1) }), rules);
    expect(over.order).toBeUndefined();
    expect(over.errors).toEqual([{ segmentId: 'PO1', position: 7 + ORDER_LIMITS.maxLines, loopId: 'PO1', code: '4', elements: [] }]);
    const big = mapPurchaseOrder(setOf({ po: 'PO-85', lines: [{ qty: ORDER_LIMITS.maxQuantity + 1, vp: 'SKU-1020' }] }), rules);
    expect(big.errors).toEqual([
      {
        segmentId: 'PO1',
        position: 7,
        loopId: 'PO1',
        code: '8',
        elements: [{ position: 2, reference: '330', code: '7', value: String(ORDER_LIMITS.maxQuantity + 1) }],
      },
    ]);
  });

  it("keeps the partner's line numbers (10, 20 as SAP numbers them) as they are", () => {
    const mapped = mapPurchaseOrder(
      setOf({
        po: 'PO-86',
        lines: [
          { qty: 1, vp: 'SKU-1020', id: '10' },
          { qty: 2, vp: 'SKU-1021', id: '20' },
        ],
      }),
      rules,
    );
    expect(mapped.order?.lines.map((l) => [l.lineNumber, l.assignedId])).toEqual([
      [10, '10'],
      [20, '20'],
    ]);
  });
});
