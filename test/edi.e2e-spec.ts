import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseBack, type ParsedBack } from '../apps/experience-apis/src/edi/testing/parse-back.js';
import { sample850Interchange, type SampleInterchange } from '../apps/experience-apis/src/edi/testing/sample-interchange.js';
import { segment, writeInterchange } from '../apps/experience-apis/src/edi/domain/x12.js';
import { call, eventually, tokenFor } from './support/http.js';
import { TestStack } from './support/stack.js';

const erpAuth = { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` };
const rows = (doc: ParsedBack, index = 0) => doc.sets[index].segments.map((s) => [s.tag, ...s.elements]);
const find = (doc: ParsedBack, tag: string, index = 0) => doc.sets[index].segments.filter((s) => s.tag === tag).map((s) => s.elements);

describe('EDI trading partners: X12 850 in, 997/TA1 back, 855 per order', () => {
  let stack: TestStack;
  let umbrella: string;
  const send = (raw: string, token = umbrella, contentType = 'application/edi-x12') =>
    call<string>(`${stack.experienceUrl}/edi/v1/interchanges`, { headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, rawBody: raw });
  const documents = async (query = '') =>
    (await call(`${stack.experienceUrl}/edi/v1/partners/umbrella-edi/documents${query}`, { headers: { authorization: `Bearer ${umbrella}` } })).body
      .documents as { documentType: string; reference: string; controlNumber: number; raw: string; createdAt: string; acknowledgment?: { status: string } }[];
  const erpOrders = async (po: string) => {
    const filter = encodeURIComponent(`PurchaseOrderByCustomer eq '${po}'`);
    const response = await call(`${stack.sandboxUrl}/sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder?$filter=${filter}`, { headers: erpAuth });
    return response.body.d.results as { SalesOrder: string; SoldToParty: string }[];
  };
  const interchange = (sample: SampleInterchange) => sample850Interchange(sample);
  let isa = 200;
  const next = () => String(++isa).padStart(9, '0');

  beforeAll(async () => {
    stack = await TestStack.start();
    umbrella = await tokenFor(stack.experienceUrl, 'umbrella-edi', 'umbrella-edi-demo-secret');
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('acknowledges two 850s of one group in a 997, places both orders and files an 855 per order with line status codes', async () => {
    const availability = await call(`${stack.experienceUrl}/b2b/v1/availability?sku=SKU-1021&quantity=1`, { headers: { authorization: `Bearer ${umbrella}` } });
    const short = availability.body.totalAvailable + 6;
    const raw = interchange({
      isa13: '000000101',
      orders: [
        {
          po: 'EDI-PO-1',
          shipDate: '20261201',
          lines: [
            { qty: 24, vp: 'SKU-1020', price: '2.95' },
            { qty: short, bp: 'UMB-DEGR-05' },
          ],
        },
        {
          po: 'EDI-PO-2',
          lines: [
            { qty: 2, unit: 'CA', vp: 'SKU-1020' },
            { qty: 3, vp: 'SKU-1003' },
          ],
        },
      ],
    });
    const response = await send(raw);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/edi-x12');
    expect(response.headers.get('edi-acknowledgment')).toBe('997');
    expect(response.headers.get('edi-status')).toBe('A');
    const ack = parseBack(response.body);
    // built from the received envelope, reversed
    expect([ack.isa[4], ack.isa[5], ack.isa[6], ack.isa[7]]).toEqual(['ZZ', 'DISTGATEWAY    ', 'ZZ', 'UMBRELLAMAINT  ']);
    expect(ack.gs.slice(0, 3)).toEqual(['FA', 'DISTGATEWAY', 'UMBRELLAMAINT']);
    expect(rows(ack)).toEqual([
      ['AK1', 'PO', '101'],
      ['AK2', '850', '0001'],
      ['AK5', 'A'],
      ['AK2', '850', '0002'],
      ['AK5', 'A'],
      ['AK9', 'A', '2', '2', '2'],
    ]);

    const [erp1] = await erpOrders('EDI-PO-1');
    expect(erp1.SoldToParty).toBe('10100004');
    expect(await erpOrders('EDI-PO-2')).toHaveLength(1);

    const acks = (await documents('?type=855')).map((d) => ({ ...d, doc: parseBack(d.raw) }));
    expect(acks).toHaveLength(2);
    const first = acks.find((a) => find(a.doc, 'BAK')[0][2] === 'EDI-PO-1')!;
    const order = (await call(`${stack.experienceUrl}/b2b/v1/orders/${first.reference}`, { headers: { authorization: `Bearer ${umbrella}` } })).body;
    expect(order.purchaseOrderNumber).toBe('EDI-PO-1');
    expect(order.lines[1].backordered.quantity).toBe(6);
    expect(first.doc.gs[0]).toBe('PR');
    expect(find(first.doc, 'BAK')[0]).toEqual(['00', 'AC', 'EDI-PO-1', '20261125', '', '', '', erp1.SalesOrder, expect.stringMatching(/^\d{8}$/)]);
    expect(find(first.doc, 'PO1')).toEqual([
      ['1', '24', 'EA', String(order.lines[0].unitPrice.amount), '', 'VP', 'SKU-1020'],
      ['2', String(short), 'EA', String(order.lines[1].unitPrice.amount), '', 'BP', 'UMB-DEGR-05'],
    ]);
    const ackCodes = find(first.doc, 'ACK').map((a) => [a[0], Number(a[1])]);
    expect(ackCodes).toEqual([
      ['IA', 24],
      ['IA', short - 6],
      ['IB', 6],
    ]);
    const second = acks.find((a) => find(a.doc, 'BAK')[0][2] === 'EDI-PO-2')!;
    expect(find(second.doc, 'BAK')[0][1]).toBe('AD');
    expect(find(second.doc, 'PO1').map((p) => [p[1], p[2]])).toEqual([
      ['2', 'CA'],
      ['3', 'EA'],
    ]);
    expect(find(second.doc, 'ACK').map((a) => a[0])).toEqual(['IA', 'IA']);
    expect(find(second.doc, 'CTT')[0]).toEqual(['2', '5']);
    // every document has its own control number, increasing in the order they were filed
    const numbers = (await documents()).map((d) => d.controlNumber);
    expect(numbers).toEqual([...new Set(numbers)].sort((a, b) => a - b));
    expect(acks.map((a) => Number(a.doc.isa[12]))).toEqual(acks.map((a) => a.controlNumber));
  });

  it('answers a re-sent interchange with the same 997 and places nothing again; the same PO in a new interchange neither', async () => {
    const raw = interchange({ isa13: '000000150', orders: [{ po: 'EDI-PO-RESEND', lines: [{ qty: 5, vp: 'SKU-1020' }] }] });
    const first = await send(raw);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    const again = await send(raw, umbrella, 'text/plain');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toBe(first.body);
    const samePo = await send(interchange({ isa13: '000000151', orders: [{ po: 'EDI-PO-RESEND', lines: [{ qty: 5, vp: 'SKU-1020' }] }] }));
    expect(rows(parseBack(samePo.body)).at(-1)).toEqual(['AK9', 'A', '1', '1', '1']);
    expect(await erpOrders('EDI-PO-RESEND')).toHaveLength(1);
    expect((await documents('?type=855')).filter((d) => parseBack(d.raw).sets[0].segments[0].elements[2] === 'EDI-PO-RESEND')).toHaveLength(1);
    // the same PO number for other lines: refused at BEG03, the first order stands
    const otherLines = await send(interchange({ isa13: '000000152', orders: [{ po: 'EDI-PO-RESEND', lines: [{ qty: 7, vp: 'SKU-1020' }] }] }));
    expect(rows(parseBack(otherLines.body)).slice(1)).toEqual([
      ['AK2', '850', '0001'],
      ['AK3', 'BEG', '2', '', '8'],
      ['AK4', '3', '324', '7', 'EDI-PO-RESEND'],
      ['AK5', 'R', '5'],
      ['AK9', 'R', '1', '1', '0'],
    ]);
    expect(await erpOrders('EDI-PO-RESEND')).toHaveLength(1);
    // another interchange under a control number already used: TA1 025, nothing placed
    const reused = await send(interchange({ isa13: '000000150', orders: [{ po: 'EDI-PO-REUSED', lines: [{ qty: 1, vp: 'SKU-1020' }] }] }));
    expect(reused.headers.get('edi-acknowledgment')).toBe('TA1');
    expect(reused.body).toContain('TA1*000000150*261125*0930*R*025~');
    expect(await erpOrders('EDI-PO-REUSED')).toHaveLength(0);
  });

  it('answers 503 while the ERP is down and keeps nothing, so the same interchange goes through when sent again', async () => {
    const raw = interchange({ isa13: next(), orders: [{ po: 'EDI-OUTAGE', lines: [{ qty: 3, vp: 'SKU-1020' }] }] });
    await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'PUT', body: { down: true } });
    try {
      const during = await send(raw);
      expect(during.status).toBeGreaterThanOrEqual(502);
      expect(during.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'DELETE' });
    }
    const after = await eventually(
      () => send(raw),
      (r) => r.status === 200,
      20_000,
      500,
    );
    expect(after.headers.get('idempotent-replayed')).toBe('false');
    expect(rows(parseBack(after.body)).at(-1)).toEqual(['AK9', 'A', '1', '1', '1']);
    expect(await erpOrders('EDI-OUTAGE')).toHaveLength(1);
  });

  describe('malformed interchanges: the exact TA1 or 997 codes, and no order', () => {
    const ta1Of = (body: string) => /TA1\*([^~]*)~/.exec(body)?.[1].split('*');

    it('an ISA that is not 106 characters: TA1 R 006 (the sender id field is short)', async () => {
      const raw = interchange({ isa13: next(), orders: [{ po: 'EDI-BAD-ISA', lines: [{ qty: 1, vp: 'SKU-1020' }] }] }).replace(
        'UMBRELLAMAINT  *',
        'UMBRELLAMAINT *',
      );
      const response = await send(raw);
      expect(response.status).toBe(200);
      expect(response.headers.get('edi-acknowledgment')).toBe('TA1');
      expect(response.headers.get('edi-status')).toBe('R');
      expect(ta1Of(response.body)).toEqual([String(isa).padStart(9, '0'), '261125', '0930', 'R', '006']);
      expect(response.body.split('~')[0]).toHaveLength(105);
      expect(await erpOrders('EDI-BAD-ISA')).toHaveLength(0);
    });

    it('IEA02 other than ISA13: TA1 R 001; IEA01 not the group count: TA1 R 021', async () => {
      const control = next();
      const mismatch = await send(
        interchange({ isa13: control, orders: [{ po: 'EDI-BAD-IEA', lines: [{ qty: 1, vp: 'SKU-1020' }] }] }).replace(`IEA*1*${control}`, 'IEA*1*000000999'),
      );
      expect(ta1Of(mismatch.body)).toEqual([control, '261125', '0930', 'R', '001']);
      const count = await send(
        interchange({ isa13: next(), orders: [{ po: 'EDI-BAD-IEA', lines: [{ qty: 1, vp: 'SKU-1020' }] }] }).replace('IEA*1*', 'IEA*2*'),
      );
      expect(ta1Of(count.body)?.slice(3)).toEqual(['R', '021']);
      expect(await erpOrders('EDI-BAD-IEA')).toHaveLength(0);
    });

    it('an unknown sender, or the sender id of nobody this client sends for: TA1 R 006; a client that is no trading partner: 403', async () => {
      const unknown = await send(interchange({ isa13: next(), senderId: 'NOBODY', orders: [{ po: 'EDI-UNKNOWN', lines: [{ qty: 1, vp: 'SKU-1020' }] }] }));
      expect(ta1Of(unknown.body)?.slice(3)).toEqual(['R', '006']);
      expect(unknown.body.startsWith('ISA*00*          *00*          *ZZ*DISTGATEWAY    *ZZ*NOBODY         *')).toBe(true);
      const qualifier = await send(interchange({ isa13: next(), senderQualifier: '01', orders: [{ po: 'EDI-UNKNOWN', lines: [{ qty: 1, vp: 'SKU-1020' }] }] }));
      expect(ta1Of(qualifier.body)?.slice(3)).toEqual(['R', '005']);
      const receiver = await send(
        interchange({ isa13: next(), receiverId: 'SOMEONEELSE', orders: [{ po: 'EDI-UNKNOWN', lines: [{ qty: 1, vp: 'SKU-1020' }] }] }),
      );
      expect(ta1Of(receiver.body)?.slice(3)).toEqual(['R', '008']);
      const acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
      const foreign = await send(interchange({ isa13: next(), orders: [{ po: 'EDI-UNKNOWN', lines: [{ qty: 1, vp: 'SKU-1020' }] }] }), acme);
      expect(foreign.status).toBe(403);
      expect(foreign.headers.get('content-type')).toContain('application/problem+json');
      expect((foreign.body as unknown as { code: string }).code).toBe('EDI.NOT_A_TRADING_PARTNER');
      expect((await send('ISA', '')).status).toBe(401);
      expect(await erpOrders('EDI-UNKNOWN')).toHaveLength(0);
    });

    it('SE01 not the segment count: 997 AK5 R 4; SE02 not ST02: AK5 R 3; GE02 not GS06: AK9 R 4 — nothing ordered', async () => {
      const raw = interchange({
        isa13: next(),
        orders: [
          { po: 'EDI-BAD-SE01', lines: [{ qty: 1, vp: 'SKU-1020' }] },
          { po: 'EDI-BAD-SE02', lines: [{ qty: 1, vp: 'SKU-1020' }] },
        ],
      })
        .replace('SE*9*0001', 'SE*8*0001')
        .replace('SE*9*0002', 'SE*9*0003');
      const response = await send(raw);
      expect(response.headers.get('edi-status')).toBe('R');
      expect(rows(parseBack(response.body))).toEqual([
        ['AK1', 'PO', String(isa)],
        ['AK2', '850', '0001'],
        ['AK5', 'R', '4'],
        ['AK2', '850', '0002'],
        ['AK5', 'R', '3'],
        ['AK9', 'R', '2', '2', '0'],
      ]);
      const control = next();
      const group = await send(
        interchange({ isa13: control, orders: [{ po: 'EDI-BAD-GE', lines: [{ qty: 1, vp: 'SKU-1020' }] }] }).replace(`GE*1*${Number(control)}`, 'GE*1*77'),
      );
      expect(rows(parseBack(group.body)).at(-1)).toEqual(['AK9', 'R', '1', '1', '0', '4']);
      for (const po of ['EDI-BAD-SE01', 'EDI-BAD-SE02', 'EDI-BAD-GE']) expect(await erpOrders(po)).toHaveLength(0);
    });

    it('an unknown SKU on one line: that set is rejected at its PO1 (AK3/AK4 code 7), the other set of the group is ordered (AK9 P)', async () => {
      const raw = interchange({
        isa13: next(),
        orders: [
          {
            po: 'EDI-BAD-SKU',
            lines: [
              { qty: 1, vp: 'SKU-1020' },
              { qty: 2, vp: 'SKU-9999' },
              { qty: 1, vp: 'SKU-1021' },
            ],
          },
          { po: 'EDI-GOOD-SKU', lines: [{ qty: 1, vp: 'SKU-1020' }] },
          // the process layer refuses one SKU in two units: PO103 of the second line
          {
            po: 'EDI-MIXED',
            lines: [
              { qty: 1, vp: 'SKU-1020' },
              { qty: 1, unit: 'CA', vp: 'SKU-1020' },
            ],
          },
        ],
      });
      const response = await send(raw);
      expect(response.headers.get('edi-status')).toBe('P');
      expect(rows(parseBack(response.body))).toEqual([
        ['AK1', 'PO', String(isa)],
        ['AK2', '850', '0001'],
        ['AK3', 'PO1', '8', 'PO1', '8'],
        ['AK4', '7', '234', '7', 'SKU-9999'],
        ['AK5', 'R', '5'],
        ['AK2', '850', '0002'],
        ['AK5', 'A'],
        ['AK2', '850', '0003'],
        ['AK3', 'PO1', '8', 'PO1', '8'],
        ['AK4', '3', '355', '7', 'CA'],
        ['AK5', 'R', '5'],
        ['AK9', 'P', '3', '3', '1'],
      ]);
      expect(await erpOrders('EDI-BAD-SKU')).toHaveLength(0);
      expect(await erpOrders('EDI-MIXED')).toHaveLength(0);
      expect(await erpOrders('EDI-GOOD-SKU')).toHaveLength(1);
    });

    it('a body that is no interchange at all: 400 problem+json; one over the body limit: 413', async () => {
      const response = await send('hello, this is not EDI');
      expect(response.status).toBe(400);
      expect((response.body as unknown as { code: string }).code).toBe('EDI.NOT_AN_INTERCHANGE');
      // the body limit holds for X12 too (BODY_LIMIT_BYTES, 256 KiB here)
      const huge = interchange({ isa13: next(), orders: [{ po: 'EDI-HUGE', lines: Array.from({ length: 10_000 }, () => ({ qty: 1, vp: 'SKU-1020' })) }] });
      expect(huge.length).toBeGreaterThan(262_144);
      expect((await send(huge)).status).toBe(413);
      expect(await erpOrders('EDI-HUGE')).toHaveLength(0);
    });
  });

  it("records the partner's 997 for our 855s on them, and answers an interchange of only 997s with a TA1 A, not a 997", async () => {
    const [first, second] = await documents('?type=855');
    const their997 = writeInterchange(
      {
        sender: { isaQualifier: 'ZZ', isaId: 'UMBRELLAMAINT', gsId: 'UMBRELLAMAINT' },
        receiver: { isaQualifier: 'ZZ', isaId: 'DISTGATEWAY', gsId: 'DISTGATEWAY' },
        separators: { element: '*', component: '>', segment: '~' },
        controlNumber: Number(next()),
        functionalId: 'FA',
        usage: 'T',
        at: new Date(),
      },
      [
        { id: '997', body: [segment('AK1', 'PR', first.controlNumber), segment('AK2', '855', '0001'), segment('AK5', 'A'), segment('AK9', 'A', 1, 1, 1)] },
        {
          id: '997',
          body: [segment('AK1', 'PR', second.controlNumber), segment('AK2', '855', '0001'), segment('AK5', 'R', '5'), segment('AK9', 'R', 1, 1, 0)],
        },
      ],
    );
    const response = await send(their997);
    expect(response.status).toBe(200);
    expect(response.headers.get('edi-acknowledgment')).toBe('TA1');
    expect(response.headers.get('edi-status')).toBe('A');
    expect(response.body).toContain(`TA1*${String(isa).padStart(9, '0')}*`);
    expect(response.body).toMatch(/\*A\*000~IEA\*0\*\d{9}~$/);
    const after = await documents('?type=855');
    expect(after.find((d) => d.reference === first.reference)).toMatchObject({ acknowledgment: { status: 'A', at: expect.any(String) } });
    expect(after.find((d) => d.reference === second.reference)).toMatchObject({ acknowledgment: { status: 'R' } });
    // no 997 was filed for their 997
    expect((await documents('?type=997')).some((d) => d.reference === String(isa).padStart(9, '0'))).toBe(false);
    const replay = await send(their997);
    expect([replay.headers.get('edi-acknowledgment'), replay.headers.get('idempotent-replayed'), replay.body]).toEqual(['TA1', 'true', response.body]);
  });

  it('lists documents per trading partner, after `since`, and to nobody else', async () => {
    const all = await documents();
    expect(all.length).toBeGreaterThan(3);
    expect(new Set(all.map((d) => d.documentType))).toEqual(new Set(['855', '997']));
    const later = await documents(`?since=${encodeURIComponent(all[1].createdAt)}`);
    expect(later.every((d) => d.createdAt > all[1].createdAt)).toBe(true);
    const acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    const foreign = await call(`${stack.experienceUrl}/edi/v1/partners/umbrella-edi/documents`, { headers: { authorization: `Bearer ${acme}` } });
    expect(foreign.status).toBe(404);
  });

  it('files an 856 when the warehouse ships an EDI order and an 810 when the ERP invoices it, each field matching the shipment and invoice', async () => {
    const response = await send(
      interchange({
        isa13: next(),
        orders: [
          {
            po: 'EDI-SHIP-1',
            lines: [
              { qty: 12, vp: 'SKU-1020' },
              { qty: 4, bp: 'UMB-DEGR-05' },
            ],
          },
        ],
      }),
    );
    expect(response.headers.get('edi-status')).toBe('A');
    const [erp] = await erpOrders('EDI-SHIP-1');
    const wms = await eventually(
      async () => (await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${erp.SalesOrder}`)).body.orders as { id: string }[],
      (orders) => orders.length > 0,
    );
    for (const [index, o] of wms.entries()) {
      const shipped = await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${o.id}/ship`, {
        body: { carrier: 'UPSN', trackingNumber: `1ZEDI${index}` },
      });
      expect(shipped.status).toBe(202);
    }

    const b2b = (path: string) => call(`${stack.experienceUrl}/b2b/v1${path}`, { headers: { authorization: `Bearer ${umbrella}` } });
    const placed = (await documents('?type=855')).find((d) => parseBack(d.raw).sets[0].segments[0].elements[2] === 'EDI-SHIP-1')!;
    const order = (
      await eventually(
        () => b2b(`/orders/${placed.reference}`),
        (r) =>
          r.body.shipments?.length === wms.length &&
          r.body.invoices?.length === wms.length &&
          r.body.invoices.every((i: { status: string }) => i.status === 'open'),
        30_000,
      )
    ).body;
    const notices = await eventually(
      () => documents('?type=856'),
      (docs) => docs.length === wms.length,
      15_000,
    );
    expect(notices).toHaveLength(order.shipments.length);
    for (const shipment of order.shipments as {
      shipmentId: string;
      carrier: string;
      trackingNumber: string;
      shippedAt: string;
      lines: { lineNumber: number; sku: string; quantity: number; uom: string }[];
    }[]) {
      const notice = notices.find((d) => d.reference === shipment.shipmentId)!;
      const doc = parseBack(notice.raw);
      expect([doc.isa[5].trim(), doc.isa[7].trim(), Number(doc.isa[12])]).toEqual(['DISTGATEWAY', 'UMBRELLAMAINT', notice.controlNumber]);
      expect(doc.gs[0]).toBe('SH');
      expect(find(doc, 'BSN')[0][1]).toBe(shipment.shipmentId.replaceAll('-', '').toUpperCase().slice(0, 30));
      expect(find(doc, 'TD5')[0]).toEqual(['B', '2', shipment.carrier]);
      expect(find(doc, 'REF')).toContainEqual(['CN', shipment.trackingNumber]);
      expect(find(doc, 'PRF')[0]).toEqual(['EDI-SHIP-1']);
      expect(find(doc, 'DTM')[0][1]).toBe(shipment.shippedAt.slice(0, 10).replaceAll('-', ''));
      expect(find(doc, 'HL').map((h) => h[2])).toEqual(['S', 'O', ...shipment.lines.map(() => 'I')]);
      // the buyer's part number first when it ordered by one, then our SKU as VP
      const buyerPart = (sku: string) => (sku === 'SKU-1021' ? ['BP', 'UMB-DEGR-05', 'VP', sku] : ['VP', sku]);
      expect(find(doc, 'LIN').map((l) => [Number(l[0]), ...l.slice(1, l.includes('LT') ? l.indexOf('LT') : undefined)])).toEqual(
        shipment.lines.map((l) => [l.lineNumber, ...buyerPart(l.sku)]),
      );
      expect(find(doc, 'SN1').map((l) => [Number(l[0]), Number(l[1]), l[2]])).toEqual(
        shipment.lines.map((l) => [l.lineNumber, l.quantity, l.uom === 'CS' ? 'CA' : l.uom]),
      );
    }

    const invoices = await eventually(
      () => documents('?type=810'),
      (docs) => docs.length === order.invoices.length,
      15_000,
    );
    for (const summary of order.invoices as { invoiceId: string }[]) {
      const invoice = (await b2b(`/invoices/${summary.invoiceId}`)).body;
      const doc = parseBack(invoices.find((d) => d.reference === invoice.invoiceId)!.raw);
      expect(doc.gs[0]).toBe('IN');
      expect(find(doc, 'BIG')[0]).toEqual([invoice.invoiceDate.replaceAll('-', ''), invoice.erpBillingDocument, '', 'EDI-SHIP-1']);
      expect(find(doc, 'REF')[0]).toEqual(['VN', invoice.erpOrderNumber]);
      expect(find(doc, 'IT1').map((l) => [Number(l[0]), Number(l[1]), ...l.slice(5)])).toEqual(
        invoice.lines.map((l: { lineNumber: number; quantity: number; sku: string }) => [
          l.lineNumber,
          l.quantity,
          ...(l.sku === 'SKU-1021' ? ['BP', 'UMB-DEGR-05', 'VP', l.sku] : ['VP', l.sku]),
        ]),
      );
      find(doc, 'IT1').forEach((l, i) => expect(Number(l[3]) * Number(l[1])).toBeCloseTo(invoice.lines[i].netAmount.amount, 2));
      expect(find(doc, 'TDS')[0]).toEqual([String(Math.round(invoice.totalAmount.amount * 100))]);
      expect(Number(find(doc, 'TXI')[0][1])).toBeCloseTo(invoice.taxAmount.amount, 2);
      expect(find(doc, 'CTT')[0]).toEqual([String(invoice.lines.length)]);
    }
    // control numbers: increasing per partner in filing order, never reused
    const numbers = (await documents('?limit=500')).map((d) => d.controlNumber);
    expect(numbers).toEqual([...new Set(numbers)].sort((a, b) => a - b));
  });
});
