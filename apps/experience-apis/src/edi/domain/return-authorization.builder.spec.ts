import { describe, expect, it } from '@jest/globals';
import type { ReturnDto, ReturnLineDto } from '@contracts';
import { parseBack } from '../testing/parse-back.js';
import { readInterchange } from './interchange.reader.js';
import type { OrderedLine } from './outbound-documents.builder.js';
import { returnAuthorization, type ReturnNoticeKind } from './return-authorization.builder.js';
import { writeInterchange, type EnvelopeOptions } from './x12.js';

const at = new Date('2026-12-07T10:15:00Z');
const envelope = (separators = { element: '*', component: '>', segment: '~' }): EnvelopeOptions => ({
  sender: { isaQualifier: 'ZZ', isaId: 'DISTGATEWAY', gsId: 'DISTGATEWAY' },
  receiver: { isaQualifier: 'ZZ', isaId: 'UMBRELLAMAINT', gsId: 'UMBRELLAMAINT' },
  separators,
  controlNumber: 77,
  functionalId: 'AN',
  usage: 'T',
  at,
});

const line = (overrides: Partial<ReturnLineDto>): ReturnLineDto => ({
  lineNumber: 1,
  sku: 'SKU-1020',
  uom: 'EA',
  reasonCode: 'DAMAGED',
  requestedQuantity: 20,
  authorizedQuantity: 20,
  refusal: null,
  warehouseId: 'DC01',
  receivedQuantity: 0,
  dispositions: [],
  creditedQuantity: 0,
  ...overrides,
});

const authorized: ReturnDto = {
  returnId: '3b5c8f0e-7a1d-4c2b-9e6f-1a2b3c4d5e6f',
  rmaNumber: 'RMA-2026-000123',
  status: 'partially_authorized',
  orderId: '7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d',
  purchaseOrderNumber: 'PO-EDI-1',
  customerId: '10100004',
  partnerId: 'umbrella-edi',
  channel: 'edi',
  lines: [
    line({}),
    line({
      lineNumber: 2,
      sku: 'SKU-1021',
      uom: 'CS',
      reasonCode: 'WRONG_ITEM',
      requestedQuantity: 3,
      authorizedQuantity: 2,
      refusal: 'EXCEEDS_RETURNABLE',
      warehouseId: 'DC02',
    }),
    line({ lineNumber: null, sku: 'SKU-9999', uom: null, requestedQuantity: 1, authorizedQuantity: 0, refusal: 'UNKNOWN_LINE', warehouseId: null }),
  ],
  erpReturnNumber: '60000001',
  credit: null,
  notes: null,
  createdAt: '2026-12-07T10:00:00.000Z',
  updatedAt: '2026-12-07T10:00:00.000Z',
};

const received: ReturnDto = {
  ...authorized,
  status: 'received',
  lines: [
    line({
      receivedQuantity: 20,
      dispositions: [
        { disposition: 'restock', quantity: 15 },
        { disposition: 'scrap', quantity: 5 },
      ],
    }),
    { ...authorized.lines[1], receivedQuantity: 24, dispositions: [{ disposition: 'restock', quantity: 24 }] },
    authorized.lines[2],
  ],
  updatedAt: '2026-12-08T09:00:00.000Z',
};

const credited: ReturnDto = {
  ...received,
  status: 'credited',
  credit: {
    creditMemoNumber: '90000002',
    currency: 'USD',
    netAmount: 178,
    taxAmount: 10.24,
    grossAmount: 188.24,
    invoiceNumbers: ['90000001'],
    creditedAt: '2026-12-08T09:05:00.000Z',
  },
};

/** The buyer ordered line 2 as cases of 12 under its own part number and PO101 20. */
const ordered: OrderedLine[] = [
  { lineNumber: 1, assignedId: '10', productIds: [{ qualifier: 'VP', value: 'SKU-1020' }], unit: 'EA', quantity: 24, eachesPerUnit: 1 },
  { lineNumber: 2, assignedId: '20', productIds: [{ qualifier: 'BP', value: 'UMB-DEGR-05' }], unit: 'CA', quantity: 10, eachesPerUnit: 12 },
];

const build = (ret: ReturnDto, kind: ReturnNoticeKind, separators?: EnvelopeOptions['separators']) =>
  writeInterchange(envelope(separators), [{ id: '180', body: returnAuthorization(ret, kind, at, ordered) }]);
const rows = (raw: string) => parseBack(raw).sets[0].segments.map((s) => [s.tag, ...s.elements]);

describe('180 return merchandise authorization and notification, read back', () => {
  it('authorization: BGN 00 with the RMA, RDR PA, PRF the PO, one BLI loop per line with the authorized quantity in the buyer unit, its ids, requested QTY 38 and the reason or refusal', () => {
    const raw = build(authorized, 'authorized');
    const doc = parseBack(raw);
    expect(doc.gs.slice(0, 3)).toEqual(['AN', 'DISTGATEWAY', 'UMBRELLAMAINT']);
    expect(doc.sets[0].st).toEqual(['180', '0001']);
    expect(rows(raw)).toEqual([
      ['BGN', '00', 'RMA-2026-000123', '20261207', '1015'],
      ['RDR', 'PA'],
      ['PRF', 'PO-EDI-1'],
      ['N9', 'RZ', 'RMA-2026-000123'],
      ['N9', 'VN', '60000001'],
      ['N1', 'ST', 'DC01', '91', 'DC01'],
      ['N1', 'ST', 'DC02', '91', 'DC02'],
      ['BLI', 'VP', 'SKU-1020', '20', 'EA'],
      ['N9', 'LI', '10'],
      ['QTY', '38', '20', 'EA'],
      ['RDR', 'RA', 'DA'],
      // the buyer's part number first, our SKU after it (BLI08/09), the line's unit as X12 spells it
      ['BLI', 'BP', 'UMB-DEGR-05', '2', 'CA', '', '', '', 'VP', 'SKU-1021'],
      ['N9', 'LI', '20'],
      ['QTY', '38', '3', 'CA'],
      ['RDR', 'PA', 'WG', '', '1 NOT AUTHORIZED EXCEEDS RETURNABLE'],
      // a line the order does not have: refused, RDR03 only (RDR02 and RDR03 exclude each other)
      ['BLI', 'VP', 'SKU-9999', '0', 'EA'],
      ['QTY', '38', '1', 'EA'],
      ['RDR', 'RD', '', 'UI', 'UNKNOWN LINE'],
      ['CTT', '3', '22'],
    ]);
  });

  it('received notification: BGN 06 naming the RMA, DTM 050, authorized lines only with the received quantity in the buyer unit and what the warehouse did', () => {
    const raw = build(received, 'received');
    expect(rows(raw)).toEqual([
      ['BGN', '06', 'RMA-2026-000123', '20261207', '1015', '', 'RMA-2026-000123'],
      ['RDR', 'RA'],
      ['PRF', 'PO-EDI-1'],
      ['DTM', '050', '20261208'],
      ['N9', 'RZ', 'RMA-2026-000123'],
      ['N9', 'VN', '60000001'],
      ['N1', 'ST', 'DC01', '91', 'DC01'],
      ['N1', 'ST', 'DC02', '91', 'DC02'],
      ['BLI', 'VP', 'SKU-1020', '20', 'EA'],
      ['N9', 'LI', '10'],
      ['RDR', 'RA', 'DA', '', 'RESTOCK 15 SCRAP 5'],
      // 24 eaches received of a line ordered in cases of 12
      ['BLI', 'BP', 'UMB-DEGR-05', '2', 'CA', '', '', '', 'VP', 'SKU-1021'],
      ['N9', 'LI', '20'],
      ['RDR', 'RA', 'WG', '', 'RESTOCK 24'],
      ['CTT', '2', '22'],
    ]);
  });

  it('credited notification: the credit memo, the invoices credited and the amounts', () => {
    const segments = rows(build(credited, 'credited'));
    expect(segments.filter((s) => s[0] === 'N9' || s[0] === 'AMT')).toEqual([
      ['N9', 'RZ', 'RMA-2026-000123'],
      ['N9', 'VN', '60000001'],
      ['N9', 'CM', '90000002'],
      ['N9', 'IV', '90000001'],
      ['AMT', 'N', '178'],
      ['AMT', 'TT', '188.24'],
      ['N9', 'LI', '10'],
      ['N9', 'LI', '20'],
    ]);
    // the received notification does not carry the credit
    expect(rows(build(credited, 'received')).some((s) => s[0] === 'AMT')).toBe(false);
  });

  it("reads back with the gateway's own X12 reader, with a partner's separators, data holding them written as basic text", () => {
    const lot = { ...authorized, purchaseOrderNumber: 'PO|1^2', lines: [line({ lot: 'L2409-01', serial: 'SN-1' })] };
    const raw = writeInterchange(envelope({ element: '|', component: '^', segment: '\n' }), [{ id: '180', body: returnAuthorization(lot, 'authorized', at) }]);
    const read = readInterchange(raw);
    if (!read.ok) throw new Error(`${read.note}: ${read.detail}`);
    const [set] = read.groups[0].sets;
    expect(set.errors).toEqual([]);
    expect(set.id).toBe('180');
    const prf = set.segments.find((s) => s.elements[0] === 'PRF')!;
    expect(prf.elements).toEqual(['PRF', 'PO 1 2']);
    expect(set.segments.filter((s) => s.elements[0] === 'N9').map((s) => s.elements.slice(1))).toEqual([
      ['RZ', 'RMA-2026-000123'],
      ['VN', '60000001'],
      ['LI', '1'],
      ['LT', 'L2409-01'],
      ['SE', 'SN-1'],
    ]);
  });

  it('a refused return without an RMA number: BGN02 the return id, RDR RD', () => {
    const refused = { ...authorized, rmaNumber: null, status: 'refused' as const, erpReturnNumber: null, lines: [authorized.lines[2]] };
    const segments = rows(build(refused, 'authorized'));
    expect(segments[0]).toEqual(['BGN', '00', '3B5C8F0E7A1D4C2B9E6F1A2B3C4D5E', '20261207', '1015']);
    expect(segments[1]).toEqual(['RDR', 'RD']);
  });
});
