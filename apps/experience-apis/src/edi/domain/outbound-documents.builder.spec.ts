import { describe, expect, it } from '@jest/globals';
import type { InvoiceDto, OrderDto, ShipmentDto } from '@contracts';
import { parseBack } from '../testing/parse-back.js';
import { sample850Interchange } from '../testing/sample-interchange.js';
import { functionalAcknowledgment, ta1Interchange } from './acknowledgment.builder.js';
import { readInterchange, type ReadInterchange } from './interchange.reader.js';
import { invoiceDocument, purchaseOrderAcknowledgment, shipmentIdentification, shipNotice, type OrderedLine } from './outbound-documents.builder.js';
import { writeInterchange, type EnvelopeOptions } from './x12.js';

const at = new Date('2026-11-25T15:04:00Z');
const envelope = (functionalId: string, controlNumber = 42): EnvelopeOptions => ({
  sender: { isaQualifier: 'ZZ', isaId: 'DISTGATEWAY', gsId: 'DISTGATEWAY' },
  receiver: { isaQualifier: 'ZZ', isaId: 'UMBRELLAMAINT', gsId: 'UMBRELLAMAINT' },
  separators: { element: '*', component: '>', segment: '~' },
  controlNumber,
  functionalId,
  usage: 'T',
  at,
});
const money = (amount: number) => ({ amount, currency: 'USD' });
const shipTo = { name: 'Umbrella Atlanta DC', line1: '400 Peachtree Industrial Blvd', city: 'Atlanta', region: 'GA', postalCode: '30303', country: 'US' };
const tags = (segments: { tag: string }[]) => segments.map((s) => s.tag);
const find = (segments: { tag: string; elements: string[] }[], tag: string) => segments.filter((s) => s.tag === tag).map((s) => s.elements);

const order: OrderDto = {
  orderId: '7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d',
  purchaseOrderNumber: 'PO-EDI-1',
  status: 'accepted',
  erpOrderNumber: '4500000017',
  customerId: '10100004',
  partnerId: 'umbrella-edi',
  channel: 'edi',
  shipTo,
  allowPartialShipment: true,
  lines: [
    {
      lineNumber: 1,
      sku: 'SKU-1020',
      quantity: 24,
      uom: 'EA',
      baseQuantity: 24,
      status: 'accepted',
      legs: [{ warehouseId: 'DC01', quantity: 24, promisedShipDate: '2026-11-26' }],
      backordered: { quantity: 0, promisedDate: null },
      rejected: { quantity: 0 },
      unitPrice: money(2.95),
      lineAmount: money(70.8),
    },
    {
      lineNumber: 2,
      sku: 'SKU-1021',
      quantity: 10,
      uom: 'CS',
      baseQuantity: 60,
      status: 'backordered',
      legs: [{ warehouseId: 'DC02', quantity: 4, promisedShipDate: '2026-11-27' }],
      backordered: { quantity: 5, promisedDate: '2026-12-09' },
      rejected: { quantity: 1, reason: 'NO_SUPPLY' },
      unitPrice: money(113.4),
      lineAmount: money(1134),
    },
  ],
  totalAmount: money(1204.8),
  createdAt: at.toISOString(),
  updatedAt: at.toISOString(),
};

describe('outbound documents, read back by node-x12', () => {
  it('855: BAK AC with the ERP order, PO1 echoing the buyer ids, ACK IA/IQ/IB/IR per part of each line', () => {
    const raw = writeInterchange(envelope('PR'), [
      {
        id: '855',
        body: purchaseOrderAcknowledgment(
          order,
          '2026-11-24',
          [{ lineNumber: 2, assignedId: '2', productIds: [{ qualifier: 'BP', value: 'UMB-DEGR-05' }] }],
          at,
        ),
      },
    ]);
    const doc = parseBack(raw);
    expect(doc.isa[5]).toBe('DISTGATEWAY    ');
    expect(doc.isa[7]).toBe('UMBRELLAMAINT  ');
    expect(Number(doc.isa[12])).toBe(42);
    expect(doc.gs.slice(0, 3)).toEqual(['PR', 'DISTGATEWAY', 'UMBRELLAMAINT']);
    const [set] = doc.sets;
    expect(set.st).toEqual(['855', '0001']);
    expect(tags(set.segments)).toEqual(['BAK', 'PO1', 'ACK', 'PO1', 'ACK', 'ACK', 'ACK', 'CTT']);
    expect(find(set.segments, 'BAK')[0]).toEqual(['00', 'AC', 'PO-EDI-1', '20261124', '', '', '', '4500000017', '20261125']);
    expect(find(set.segments, 'PO1')).toEqual([
      ['1', '24', 'EA', '2.95', '', 'VP', 'SKU-1020'],
      ['2', '10', 'CA', '113.4', '', 'BP', 'UMB-DEGR-05'],
    ]);
    expect(find(set.segments, 'ACK')).toEqual([
      ['IA', '24', 'EA', '068', '20261126'],
      // part of line 2 is rejected: what ships now is accepted with its quantity changed
      ['IQ', '4', 'CA', '068', '20261127'],
      ['IB', '5', 'CA', '068', '20261209'],
      ['IR', '1', 'CA'],
    ]);
    expect(find(set.segments, 'CTT')[0]).toEqual(['2', '34']);
  });

  it('855: AD/IA when every line is accepted as ordered; IP when our price differs from PO104, IC with a quantity change too; BAK AC', () => {
    const asOrdered: OrderDto = { ...order, lines: [order.lines[0]] };
    const ack = (o: OrderDto, ordered: OrderedLine[]) => {
      const [set] = parseBack(writeInterchange(envelope('PR'), [{ id: '855', body: purchaseOrderAcknowledgment(o, '2026-11-24', ordered, at) }])).sets;
      return { bak: find(set.segments, 'BAK')[0][1], acks: find(set.segments, 'ACK').map((a) => a[0]), po1: find(set.segments, 'PO1') };
    };
    const line1 = { lineNumber: 1, assignedId: '1', productIds: [{ qualifier: 'VP', value: 'SKU-1020' }], unit: 'EA', quantity: 24 };
    expect(ack(asOrdered, [{ ...line1, unitPrice: 2.95 }])).toMatchObject({ bak: 'AD', acks: ['IA'] });
    expect(ack(asOrdered, [line1])).toMatchObject({ bak: 'AD', acks: ['IA'] });
    // the buyer expected 2.80: we acknowledge at our price, and say so
    const priced = ack(asOrdered, [{ ...line1, unitPrice: 2.8 }]);
    expect(priced).toMatchObject({ bak: 'AC', acks: ['IP'] });
    expect(priced.po1[0].slice(0, 4)).toEqual(['1', '24', 'EA', '2.95']);
    const line2 = { lineNumber: 2, assignedId: '2', productIds: [{ qualifier: 'BP', value: 'UMB-DEGR-05' }], unit: 'CA', quantity: 10, unitPrice: 100 };
    expect(ack(order, [line1, line2]).acks).toEqual(['IA', 'IC', 'IB', 'IR']);
  });

  it('856 and 810 carry the line, unit and part numbers the buyer ordered: PO101 10, BP, cases (three-way match)', () => {
    const ordered: OrderedLine[] = [
      { lineNumber: 10, assignedId: '10', productIds: [{ qualifier: 'VP', value: 'SKU-1020' }], unit: 'EA', quantity: 24, eachesPerUnit: 1 },
      { lineNumber: 20, assignedId: '20', productIds: [{ qualifier: 'BP', value: 'UMB-DEGR-05' }], unit: 'CA', quantity: 2, eachesPerUnit: 12 },
    ];
    const shipment: ShipmentDto = {
      shipmentId: '1b2f43d7-ba37-4d94-a265-add22b3cc79a',
      warehouseId: 'DC01',
      shippedAt: '2026-11-26T14:30:00.000Z',
      lines: [
        { lineNumber: 10, sku: 'SKU-1020', quantity: 24, uom: 'EA' },
        { lineNumber: 20, sku: 'SKU-1021', quantity: 18, uom: 'EA', lot: 'LOT-B' },
      ],
    };
    const notice = parseBack(writeInterchange(envelope('SH', 47), [{ id: '856', body: shipNotice(shipment, order, at, ordered) }])).sets[0];
    expect(find(notice.segments, 'LIN')).toEqual([
      ['10', 'VP', 'SKU-1020'],
      ['20', 'BP', 'UMB-DEGR-05', 'VP', 'SKU-1021', 'LT', 'LOT-B'],
    ]);
    // 18 eaches of a line ordered in cases of 12: 1.5 CA
    expect(find(notice.segments, 'SN1')).toEqual([
      ['10', '24', 'EA'],
      ['20', '1.5', 'CA'],
    ]);
    const invoice: InvoiceDto = {
      invoiceId: '3c1f6a0e-7d1b-4a36-9d5e-2b8f0a1c9e77',
      status: 'open',
      billingPolicy: 'per_shipment',
      orders: [{ orderId: order.orderId, erpOrderNumber: '4500000017', purchaseOrderNumber: 'PO-EDI-1' }],
      erpBillingDocument: '90000007',
      orderId: order.orderId,
      purchaseOrderNumber: 'PO-EDI-1',
      shipmentIds: [shipment.shipmentId],
      lines: [
        { lineNumber: 10, sku: 'SKU-1020', quantity: 24, orderId: order.orderId, netAmount: money(70.8) },
        { lineNumber: 20, sku: 'SKU-1021', quantity: 24, orderId: order.orderId, netAmount: money(226.8) },
      ],
      totalAmount: money(297.6),
      invoiceDate: '2026-11-26',
    };
    const billed = parseBack(
      writeInterchange(envelope('IN', 48), [{ id: '810', body: invoiceDocument(invoice, '90000007', at, new Map([[order.orderId, ordered]])) }]),
    ).sets[0];
    expect(find(billed.segments, 'IT1')).toEqual([
      ['10', '24', 'EA', '2.95', '', 'VP', 'SKU-1020'],
      ['20', '2', 'CA', '113.4', '', 'BP', 'UMB-DEGR-05', 'VP', 'SKU-1021'],
    ]);
  });

  it('writes partner data holding our separators, lower case or too long as basic text: no bogus segment, counts right', () => {
    const nasty: OrderDto = {
      ...order,
      shipTo: { ...shipTo, name: "Joe's*Dock ~ Büro #4 " + 'x'.repeat(60), line1: '12 Main St*Ste 4~' },
    };
    const shipment: ShipmentDto = {
      shipmentId: '1b2f43d7-ba37-4d94-a265-add22b3cc79a',
      warehouseId: 'DC01',
      carrier: 'ups*n',
      trackingNumber: '1z~99',
      shippedAt: '2026-11-26T14:30:00.000Z',
      lines: [{ lineNumber: 1, sku: 'SKU-1020', quantity: 1, uom: 'EA' }],
    };
    const raw = writeInterchange(envelope('SH', 49), [{ id: '856', body: shipNotice(shipment, nasty, at) }]);
    const [set] = parseBack(raw).sets;
    expect(tags(set.segments)).toEqual(['BSN', 'HL', 'TD5', 'REF', 'DTM', 'N1', 'N3', 'N4', 'N1', 'HL', 'PRF', 'REF', 'HL', 'LIN', 'SN1', 'CTT']);
    expect(Number(set.se[0])).toBe(set.segments.length + 2);
    const [name] = find(set.segments, 'N1');
    expect(name).toEqual(['ST', `JOE'S DOCK BURO 4 ${'X'.repeat(42)}`]);
    expect(name[1]).toHaveLength(60);
    expect(find(set.segments, 'N3')[0]).toEqual(['12 MAIN ST STE 4']);
    expect(find(set.segments, 'TD5')[0]).toEqual(['B', '2', 'UPS N']);
    expect(find(set.segments, 'REF')[0]).toEqual(['CN', '1Z 99']);
    // the same with | and an apostrophe as terminator: the apostrophe goes, * is data there
    const other = writeInterchange({ ...envelope('SH', 50), separators: { element: '|', component: '^', segment: "'" } }, [
      { id: '856', body: shipNotice(shipment, nasty, at) },
    ]);
    expect(find(parseBack(other).sets[0].segments, 'N1')[0][1]).toMatch(/^JOE S\*DOCK BURO 4 X+$/);
  });

  it('856: BSN, HL shipment/order/item, TD5 carrier, REF CN tracking, PRF PO, LIN/SN1 per line, CTT = HL count', () => {
    const shipment: ShipmentDto = {
      shipmentId: '1b2f43d7-ba37-4d94-a265-add22b3cc79a',
      warehouseId: 'DC01',
      carrier: 'UPSN',
      trackingNumber: '1Z999AA10123456784',
      shippedAt: '2026-11-26T14:30:00.000Z',
      lines: [
        { lineNumber: 1, sku: 'SKU-1020', quantity: 24, uom: 'EA', lot: 'LOT-A' },
        { lineNumber: 2, sku: 'SKU-1021', quantity: 24, uom: 'EA' },
      ],
    };
    const doc = parseBack(writeInterchange(envelope('SH', 43), [{ id: '856', body: shipNotice(shipment, order, at) }]));
    expect(doc.gs[0]).toBe('SH');
    const [set] = doc.sets;
    expect(Number(set.se[0])).toBe(set.segments.length + 2);
    expect(find(set.segments, 'BSN')[0]).toEqual(['00', shipmentIdentification(shipment.shipmentId), '20261125', '1504', '0004']);
    expect(find(set.segments, 'HL')).toEqual([
      ['1', '', 'S'],
      ['2', '1', 'O'],
      ['3', '2', 'I'],
      ['4', '2', 'I'],
    ]);
    expect(find(set.segments, 'TD5')[0]).toEqual(['B', '2', 'UPSN']);
    expect(find(set.segments, 'REF')).toEqual([
      ['CN', '1Z999AA10123456784'],
      ['VN', '4500000017'],
    ]);
    expect(find(set.segments, 'DTM')[0]).toEqual(['011', '20261126', '1430']);
    expect(find(set.segments, 'PRF')[0]).toEqual(['PO-EDI-1']);
    expect(find(set.segments, 'LIN')).toEqual([
      ['1', 'VP', 'SKU-1020', 'LT', 'LOT-A'],
      ['2', 'VP', 'SKU-1021'],
    ]);
    expect(find(set.segments, 'SN1')).toEqual(shipment.lines.map((l) => [String(l.lineNumber), String(l.quantity), 'EA']));
    expect(find(set.segments, 'CTT')[0]).toEqual(['4']);
  });

  it('810: BIG with invoice number and PO, IT1 per line, TDS in cents, TXI, CTT', () => {
    const invoice: InvoiceDto = {
      invoiceId: '3c1f6a0e-7d1b-4a36-9d5e-2b8f0a1c9e77',
      status: 'open',
      billingPolicy: 'per_shipment',
      orders: [{ orderId: order.orderId, erpOrderNumber: '4500000017', purchaseOrderNumber: 'PO-EDI-1' }],
      erpBillingDocument: '90000007',
      orderId: order.orderId,
      erpOrderNumber: '4500000017',
      purchaseOrderNumber: 'PO-EDI-1',
      shipmentIds: ['1b2f43d7-ba37-4d94-a265-add22b3cc79a'],
      lines: [
        { lineNumber: 1, sku: 'SKU-1020', quantity: 24, netAmount: money(70.8), taxAmount: money(5.66) },
        { lineNumber: 2, sku: 'SKU-1021', quantity: 24, netAmount: money(453.6), taxAmount: money(36.29) },
      ],
      netAmount: money(524.4),
      taxAmount: money(41.95),
      totalAmount: money(566.35),
      invoiceDate: '2026-11-26',
    };
    const doc = parseBack(writeInterchange(envelope('IN', 44), [{ id: '810', body: invoiceDocument(invoice, '90000007', at) }]));
    const [set] = doc.sets;
    expect(set.st[0]).toBe('810');
    expect(find(set.segments, 'BIG')[0]).toEqual(['20261126', '90000007', '', 'PO-EDI-1']);
    expect(find(set.segments, 'IT1')).toEqual([
      ['1', '24', 'EA', '2.95', '', 'VP', 'SKU-1020'],
      ['2', '24', 'EA', '18.9', '', 'VP', 'SKU-1021'],
    ]);
    expect(find(set.segments, 'TDS')[0]).toEqual(['56635']);
    expect(find(set.segments, 'TXI')[0]).toEqual(['TX', '41.95']);
    expect(find(set.segments, 'CTT')[0]).toEqual(['2']);
  });

  it('810 of a daily invoice over two orders: IT1 numbered in sequence, each with the REF PO of its order', () => {
    const other = { orderId: 'b9d7c3a1-0000-4000-8000-000000000002', erpOrderNumber: '4500000018', purchaseOrderNumber: 'PO-EDI-2' };
    const invoice: InvoiceDto = {
      invoiceId: '5e1f6a0e-7d1b-4a36-9d5e-2b8f0a1c9e78',
      status: 'open',
      billingPolicy: 'daily',
      erpBillingDocument: '90000008',
      orderId: order.orderId,
      erpOrderNumber: '4500000017',
      purchaseOrderNumber: 'PO-EDI-1',
      orders: [{ orderId: order.orderId, erpOrderNumber: '4500000017', purchaseOrderNumber: 'PO-EDI-1' }, other],
      shipmentIds: ['s-1', 's-2'],
      lines: [
        { lineNumber: 1, sku: 'SKU-1020', quantity: 12, orderId: order.orderId, netAmount: money(35.4) },
        { lineNumber: 1, sku: 'SKU-1021', quantity: 6, orderId: other.orderId, netAmount: money(113.4) },
      ],
      totalAmount: money(148.8),
      invoiceDate: '2026-11-26',
    };
    const doc = parseBack(writeInterchange(envelope('IN', 46), [{ id: '810', body: invoiceDocument(invoice, '90000008', at) }]));
    expect(
      doc.sets[0].segments.filter((s) => s.tag === 'IT1' || (s.tag === 'REF' && s.elements[0] === 'PO')).map((s) => [s.tag, ...s.elements.slice(0, 2)]),
    ).toEqual([
      ['IT1', '1', '12'],
      ['REF', 'PO', 'PO-EDI-1'],
      ['IT1', '2', '6'],
      ['REF', 'PO', 'PO-EDI-2'],
    ]);
    expect(find(doc.sets[0].segments, 'TDS')[0]).toEqual(['14880']);
    expect(find(doc.sets[0].segments, 'CTT')[0]).toEqual(['2']);
  });

  it('997: AK1/AK2/AK5/AK9 for a group with one good and one bad set; reversed envelope; counts right', () => {
    const text = sample850Interchange({
      orders: [
        { po: 'PO-1', lines: [{ qty: 1, vp: 'SKU-1020' }] },
        { po: 'PO-2', lines: [{ qty: 1, vp: 'SKU-1020' }] },
      ],
    }).replace('SE*9*0002', 'SE*8*0002');
    const read = readInterchange(text) as ReadInterchange;
    const group = read.groups[0];
    const body = functionalAcknowledgment(group, [
      { setId: '850', controlNumber: '0001', errors: [], segmentErrors: [] },
      {
        setId: '850',
        controlNumber: '0002',
        errors: group.sets[1].errors,
        segmentErrors: [{ segmentId: 'PO1', position: 7, loopId: 'PO1', code: '8', elements: [{ position: 7, reference: '234', code: '7', value: 'SKU-9' }] }],
      },
    ]);
    const doc = parseBack(writeInterchange(envelope('FA', 45), [{ id: '997', body }]));
    expect(doc.sets[0].segments.map((s) => [s.tag, ...s.elements])).toEqual([
      ['AK1', 'PO', '101'],
      ['AK2', '850', '0001'],
      ['AK5', 'A'],
      ['AK2', '850', '0002'],
      ['AK3', 'PO1', '7', 'PO1', '8'],
      ['AK4', '7', '234', '7', 'SKU-9'],
      ['AK5', 'R', '4', '5'],
      ['AK9', 'P', '2', '2', '1'],
    ]);
  });

  it('TA1: its own interchange, ISA at fixed width, echoing the refused ISA13, date and time', () => {
    const raw = ta1Interchange({
      received: {
        senderQualifier: 'ZZ',
        senderId: 'UMBRELLAMAINT',
        receiverQualifier: 'ZZ',
        receiverId: 'DISTGATEWAY',
        date: '261125',
        time: '0930',
        controlNumber: '000000101',
        usage: 'T',
      },
      sender: { isaQualifier: 'ZZ', isaId: 'DISTGATEWAY', gsId: '' },
      receiver: { isaQualifier: 'ZZ', isaId: 'UMBRELLAMAINT', gsId: '' },
      separators: { element: '*', component: '>', segment: '~' },
      controlNumber: 7,
      note: '001',
      usage: 'T',
      at,
    });
    const [isa, ta1, iea] = raw.split('~');
    expect(isa.length + 1).toBe(106);
    expect(ta1).toBe('TA1*000000101*261125*0930*R*001');
    expect(iea).toBe('IEA*0*000000007');
  });
});
