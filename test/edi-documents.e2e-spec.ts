import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ORDER_LIMITS } from '@contracts';
import { parseBack, type ParsedBack } from '../apps/experience-apis/src/edi/testing/parse-back.js';
import { sample850Interchange } from '../apps/experience-apis/src/edi/testing/sample-interchange.js';
import { Database } from '@platform';
import { ChannelEventsGate } from './support/channel-events-gate.js';
import { call, eventually, tokenFor } from './support/http.js';
import { TestStack } from './support/stack.js';

const erpAuth = { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` };
const find = (doc: ParsedBack, tag: string) => doc.sets[0].segments.filter((s) => s.tag === tag).map((s) => s.elements);
const rows = (doc: ParsedBack) => doc.sets[0].segments.map((s) => [s.tag, ...s.elements]);

interface Document {
  documentType: string;
  reference: string;
  controlNumber: number;
  raw: string;
}

/**
 * What the buyer's translator reads in what we send, read back by node-x12: separators in its
 * data, the sizes we take, its line numbers (10/20) to an issued invoice, the 855 change codes,
 * its unit and part number on the 856 and 810, and the 856 before the 810 whatever order the
 * process layer's events arrive in: channel events pass a gate, so a test can hold one back
 * (answered 503, which the forwarder waits out) while later ones go through.
 */
describe('EDI documents as the buyer reads them', () => {
  let stack: TestStack;
  let gate: ChannelEventsGate;
  let umbrella: string;
  let isa = 700;
  const next = () => String(++isa).padStart(9, '0');
  const send = (raw: string) =>
    call<string>(`${stack.experienceUrl}/edi/v1/interchanges`, {
      headers: { authorization: `Bearer ${umbrella}`, 'content-type': 'application/edi-x12' },
      rawBody: raw,
    });
  const documents = async (type: string) =>
    (
      await call<{ documents: Document[] }>(`${stack.experienceUrl}/edi/v1/partners/umbrella-edi/documents?type=${type}&limit=500`, {
        headers: { authorization: `Bearer ${umbrella}` },
      })
    ).body.documents;
  const erpOrders = async (po: string) => {
    const filter = encodeURIComponent(`PurchaseOrderByCustomer eq '${po}'`);
    const response = await call(`${stack.sandboxUrl}/sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder?$filter=${filter}`, { headers: erpAuth });
    return response.body.d.results as { SalesOrder: string }[];
  };
  const orderOf = async (po: string) => {
    const ack = await eventually(
      async () => (await documents('855')).find((d) => find(parseBack(d.raw), 'BAK')[0][2] === po),
      (d) => d !== undefined,
    );
    return ack!;
  };
  const b2b = (path: string) => call(`${stack.experienceUrl}/b2b/v1${path}`, { headers: { authorization: `Bearer ${umbrella}` } });
  /** The order once every invoice of it is issued (open). */
  const invoiced = async (orderId: string) =>
    (
      await eventually(
        () => b2b(`/orders/${orderId}`),
        (r) => r.body.invoices?.length > 0 && r.body.invoices.every((i: { status: string }) => i.status === 'open'),
        30_000,
      )
    ).body;
  /** Ships every WMS fulfilment order of the ERP order once it is released. */
  const shipAll = async (po: string) => {
    const [erp] = await erpOrders(po);
    const wms = await eventually(
      async () => (await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${erp.SalesOrder}`)).body.orders as { id: string }[],
      (orders) => orders.length > 0,
    );
    for (const [index, o] of wms.entries()) {
      const shipped = await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${o.id}/ship`, {
        body: { carrier: 'UPSN', trackingNumber: `1ZDOC${index}` },
      });
      expect(shipped.status).toBe(202);
    }
    return wms.length;
  };
  // read from the process database: the operator routes ask the experience layer (token introspection), which is down meanwhile
  beforeAll(async () => {
    gate = await ChannelEventsGate.start();
    // a held event is tried again within a second of its release
    stack = await TestStack.start({ channelEventsUrl: gate.url, retries: { retryMaxMs: 1_000 }, breaker: { resetTimeoutMs: 1_000 } });
    gate.target = stack.experienceUrl;
    umbrella = await tokenFor(stack.experienceUrl, 'umbrella-edi', 'umbrella-edi-demo-secret');
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    await gate?.stop();
  }, 60_000);

  it('lines 10 and 20 reach an issued invoice; the 855 says the price changed; the 856 and 810 carry PO101, BP and cases; the 810 is filed after the 856', async () => {
    const catalog = await b2b('/availability?sku=SKU-1020&quantity=1');
    expect(catalog.status).toBe(200);
    const response = await send(
      sample850Interchange({
        isa13: next(),
        orders: [
          {
            po: 'EDI-SAP-LINES',
            lines: [
              // the buyer expects 0.01 a piece: we acknowledge at the contract price, with IP
              { id: '10', qty: 24, vp: 'SKU-1020', price: '0.01' },
              { id: '20', qty: 2, unit: 'CA', bp: 'UMB-DEGR-05' },
            ],
          },
        ],
      }),
    );
    expect(response.headers.get('edi-status')).toBe('A');
    const placed = await orderOf('EDI-SAP-LINES');
    const ack = parseBack(placed.raw);
    expect(find(ack, 'BAK')[0][1]).toBe('AC');
    expect(find(ack, 'PO1').map((p) => [p[0], p[1], p[2], ...p.slice(5)])).toEqual([
      ['10', '24', 'EA', 'VP', 'SKU-1020'],
      ['20', '2', 'CA', 'BP', 'UMB-DEGR-05'],
    ]);
    expect(find(ack, 'ACK').map((a) => a.slice(0, 3))).toEqual([
      ['IP', '24', 'EA'],
      ['IA', '2', 'CA'],
    ]);
    expect(Number(find(ack, 'PO1')[0][3])).toBeGreaterThan(0.01);
    await eventually(
      () => b2b(`/orders/${placed.reference}`),
      (r) => r.body.status === 'released',
    );

    await shipAll('EDI-SAP-LINES');

    const order = await invoiced(placed.reference);
    const invoices = await eventually(
      () => documents('810'),
      (docs) => (order.invoices as { invoiceId: string }[]).every((i) => docs.some((d) => d.reference === i.invoiceId)),
      60_000,
    );
    const notices = await documents('856');
    for (const summary of order.invoices as { invoiceId: string }[]) {
      const invoice = (await b2b(`/invoices/${summary.invoiceId}`)).body;
      expect(invoice.status).toBe('open');
      const filed = invoices.find((d) => d.reference === invoice.invoiceId)!;
      for (const shipmentId of invoice.shipmentIds as string[]) {
        const notice = notices.find((d) => d.reference === shipmentId);
        expect(notice).toBeDefined();
        expect(notice!.controlNumber).toBeLessThan(filed.controlNumber);
      }
      const doc = parseBack(filed.raw);
      expect(Number(doc.sets[0].se[0])).toBe(doc.sets[0].segments.length + 2);
      const it1 = find(doc, 'IT1');
      expect(it1.map((l) => [l[0], l[2], ...l.slice(5)])).toEqual(
        invoice.lines.map((l: { lineNumber: number }) =>
          l.lineNumber === 10 ? ['10', 'EA', 'VP', 'SKU-1020'] : ['20', 'CA', 'BP', 'UMB-DEGR-05', 'VP', 'SKU-1021'],
        ),
      );
      invoice.lines.forEach((line: { lineNumber: number; quantity: number; netAmount: { amount: number } }, i: number) => {
        // shipped and billed whole: the 810 bills what was ordered, in the buyer's unit (2 cases for line 20, not its eaches)
        const ordered = (order.lines as { lineNumber: number; quantity: number }[]).find((l) => l.lineNumber === line.lineNumber)!;
        expect(Number(it1[i][1])).toBeCloseTo(ordered.quantity, 4);
        expect(Number(it1[i][1]) * Number(it1[i][3])).toBeCloseTo(line.netAmount.amount, 2);
      });
    }
    // every line of the order billed, by its own line number
    const billed = new Set<number>();
    for (const summary of order.invoices as { invoiceId: string }[])
      for (const line of (await b2b(`/invoices/${summary.invoiceId}`)).body.lines as { lineNumber: number }[]) billed.add(line.lineNumber);
    expect([...billed].sort((a, b) => a - b)).toEqual([10, 20]);
    for (const notice of notices.filter((d) => (order.shipments as { shipmentId: string }[]).some((s) => s.shipmentId === d.reference))) {
      const doc = parseBack(notice.raw);
      for (const [lin, sn1] of find(doc, 'LIN').map((l, i) => [l, find(doc, 'SN1')[i]])) {
        if (lin[0] === '10') expect([lin.slice(1, 3), sn1[2]]).toEqual([['VP', 'SKU-1020'], 'EA']);
        else expect([lin[0], lin.slice(1, 5), sn1[2]]).toEqual(['20', ['BP', 'UMB-DEGR-05', 'VP', 'SKU-1021'], 'CA']);
      }
    }
  }, 180_000);

  it('an invoice.issued that arrives before its order.shipment_confirmed: the 810 waits, and is filed after the 856 once the shipment event comes', async () => {
    const po = 'EDI-LATE-SHIP';
    const response = await send(sample850Interchange({ isa13: next(), orders: [{ po, lines: [{ id: '1', qty: 3, vp: 'SKU-1005' }] }] }));
    expect(response.headers.get('edi-status')).toBe('A');
    const placed = await orderOf(po);
    await eventually(
      () => b2b(`/orders/${placed.reference}`),
      (r) => r.body.status === 'released',
    );
    const isOurs = (e: { type: string; data: unknown }) => (e.data as { order?: { purchaseOrderNumber?: string } }).order?.purchaseOrderNumber === po;
    gate.hold((e) => e.type === 'order.shipment_confirmed' && isOurs(e));

    await shipAll(po);
    const order = await invoiced(placed.reference);
    const invoiceIds = (order.invoices as { invoiceId: string }[]).map((i) => i.invoiceId);
    const shipmentIds = (order.shipments as { shipmentId: string }[]).map((s) => s.shipmentId);
    // the invoice event got through, its 810 job is there, the shipment event is still turned away
    const experienceDb = stack.experience.get(Database);
    const jobs = await eventually(
      () =>
        experienceDb.query<{ reference: string; attempts: number }>(
          `SELECT reference, attempts FROM edi_outbound_jobs WHERE document_type = '810' AND reference = ANY($1)`,
          [invoiceIds],
        ),
      (rows) => rows.length === invoiceIds.length && rows.every((r) => r.attempts >= 2),
      30_000,
    );
    expect(jobs).toHaveLength(invoiceIds.length);
    expect(gate.delivered.some((e) => e.type === 'invoice.issued' && invoiceIds.includes((e.data as { invoiceId: string }).invoiceId))).toBe(true);
    expect(gate.delivered.some((e) => e.type === 'order.shipment_confirmed' && isOurs(e))).toBe(false);
    expect(gate.refusals).toBeGreaterThan(0);
    expect((await documents('810')).filter((d) => invoiceIds.includes(d.reference))).toEqual([]);
    expect((await documents('856')).filter((d) => shipmentIds.includes(d.reference))).toEqual([]);

    gate.release();
    const invoices = await eventually(
      () => documents('810'),
      (docs) => invoiceIds.every((id) => docs.some((d) => d.reference === id)),
      60_000,
    );
    const notices = await documents('856');
    for (const invoiceId of invoiceIds) {
      const filed = invoices.filter((d) => d.reference === invoiceId);
      expect(filed).toHaveLength(1);
      for (const shipmentId of shipmentIds) {
        const notice = notices.filter((d) => d.reference === shipmentId);
        expect(notice).toHaveLength(1);
        expect(notice[0].controlNumber).toBeLessThan(filed[0].controlNumber);
      }
    }
    // the shipment event reached the experience layer after the invoice event
    const at = (type: string) =>
      gate.delivered.findIndex(
        (e) => e.type === type && (type === 'invoice.issued' ? invoiceIds.includes((e.data as { invoiceId: string }).invoiceId) : isOurs(e)),
      );
    expect(at('order.shipment_confirmed')).toBeGreaterThan(at('invoice.issued'));
  }, 180_000);

  it("a partner sending with | ^ ' and * or ~ in its data: ids holding our separators are refused (AK4 6), names are written as basic text, no bogus segment", async () => {
    const response = await send(
      sample850Interchange({
        isa13: next(),
        separators: { element: '|', component: '^', segment: "'" },
        orders: [
          { po: 'EDI-SEP*1', lines: [{ qty: 1, vp: 'SKU-1020' }] },
          { po: 'EDI-SEP-2', shipToName: 'Joe*s ~Dock', street: '12 Main St*Ste 4~', lines: [{ qty: 2, vp: 'SKU-1020' }] },
        ],
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('edi-status')).toBe('P');
    // the 997 in the partner's own separators
    const ack = parseBack(response.body);
    expect(ack.separators).toEqual({ element: '|', segment: "'", component: '^' });
    expect(rows(ack).slice(1)).toEqual([
      ['AK2', '850', '0001'],
      ['AK3', 'BEG', '2', '', '8'],
      ['AK4', '3', '324', '6', 'EDI-SEP*1'],
      ['AK5', 'R', '5'],
      ['AK2', '850', '0002'],
      ['AK5', 'A'],
      ['AK9', 'P', '2', '2', '1'],
    ]);
    expect(await erpOrders('EDI-SEP*1')).toHaveLength(0);
    const placed = await orderOf('EDI-SEP-2');
    await eventually(
      () => b2b(`/orders/${placed.reference}`),
      (r) => r.body.status === 'released',
    );
    const shipments = await shipAll('EDI-SEP-2');
    const notices = await eventually(
      async () => {
        const order = (await b2b(`/orders/${placed.reference}`)).body;
        const ids = new Set((order.shipments ?? []).map((s: { shipmentId: string }) => s.shipmentId));
        return (await documents('856')).filter((d) => ids.has(d.reference));
      },
      (docs) => docs.length === shipments,
      30_000,
    );
    for (const notice of notices) {
      // our separators for this partner are * > ~: none of them inside an element
      expect(notice.raw.split('~').filter(Boolean)).toHaveLength(parseBack(notice.raw).sets[0].segments.length + 6);
      const doc = parseBack(notice.raw);
      expect(doc.sets[0].segments.map((s) => s.tag)).toEqual([
        'BSN',
        'HL',
        'TD5',
        'REF',
        'DTM',
        'N1',
        'N3',
        'N4',
        'N1',
        'HL',
        'PRF',
        'REF',
        ...find(doc, 'LIN').flatMap(() => ['HL', 'LIN', 'SN1']),
        'CTT',
      ]);
      expect(Number(doc.sets[0].se[0])).toBe(doc.sets[0].segments.length + 2);
      expect(find(doc, 'N1')[0]).toEqual(['ST', 'JOE S DOCK']);
      expect(find(doc, 'N3')[0]).toEqual(['12 MAIN ST STE 4']);
      expect(find(doc, 'PRF')[0]).toEqual(['EDI-SEP-2']);
    }
  }, 120_000);

  it(`an 850 over ${ORDER_LIMITS.maxLines} lines is refused in the 997 (AK3 PO1 4) and the other set of the interchange is ordered: HTTP 200, never a 400 half-way`, async () => {
    const lines = Array.from({ length: ORDER_LIMITS.maxLines + 1 }, () => ({ qty: 1, vp: 'SKU-1020' }));
    const response = await send(
      sample850Interchange({
        isa13: next(),
        orders: [
          { po: 'EDI-SIZE-OK', lines: [{ qty: 1, vp: 'SKU-1020' }] },
          { po: 'EDI-SIZE-BIG', lines },
        ],
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('edi-acknowledgment')).toBe('997');
    expect(response.headers.get('edi-status')).toBe('P');
    expect(rows(parseBack(response.body)).slice(1)).toEqual([
      ['AK2', '850', '0001'],
      ['AK5', 'A'],
      ['AK2', '850', '0002'],
      // ST, BEG, REF, N1, N3, N4, then PO1 number 501 at position 6 + 501
      ['AK3', 'PO1', String(6 + ORDER_LIMITS.maxLines + 1), 'PO1', '4'],
      ['AK5', 'R', '5'],
      ['AK9', 'P', '2', '2', '1'],
    ]);
    expect(await erpOrders('EDI-SIZE-OK')).toHaveLength(1);
    expect(await erpOrders('EDI-SIZE-BIG')).toHaveLength(0);
  }, 120_000);
});
