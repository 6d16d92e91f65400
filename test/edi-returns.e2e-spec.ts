import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { parseBack, type ParsedBack } from '../apps/experience-apis/src/edi/testing/parse-back.js';
import { sample850Interchange } from '../apps/experience-apis/src/edi/testing/sample-interchange.js';
import { readInterchange } from '../apps/experience-apis/src/edi/domain/interchange.reader.js';
import { call, eventually, tokenFor } from './support/http.js';
import { serviceHeaders, TestStack } from './support/stack.js';

const erpAuth = { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` };
const find = (doc: ParsedBack, tag: string) => doc.sets[0].segments.filter((s) => s.tag === tag).map((s) => s.elements);

interface Document {
  documentType: string;
  reference: string;
  controlNumber: number;
  raw: string;
}

/**
 * Returns over EDI and in the CRM view, through the real stack: an 850 ships, the process layer
 * authorizes a return of it, the trading partner that wants 180s gets the authorization, then the
 * notifications of the goods received and of the credit once the warehouse receives them; one that
 * does not want 180s gets none; the CRM order 360 shows the return and its credit memo.
 */
describe('EDI 180 and the CRM order 360 for returns', () => {
  let stack: TestStack;
  let ops: Record<string, string>;
  let umbrella: string;
  let returnsPartner: string;
  let isa = 900;
  const next = () => String(++isa).padStart(9, '0');
  const send = (token: string, raw: string) =>
    call<string>(`${stack.experienceUrl}/edi/v1/interchanges`, {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/edi-x12' },
      rawBody: raw,
    });
  const documents = async (tradingPartnerId: string, token: string, type: string) =>
    (
      await call<{ documents: Document[] }>(`${stack.experienceUrl}/edi/v1/partners/${tradingPartnerId}/documents?type=${type}&limit=500`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).body.documents;
  const b2b = (token: string, path: string) => call(`${stack.experienceUrl}/b2b/v1${path}`, { headers: { authorization: `Bearer ${token}` } });

  /** Places an 850, waits for its 855, ships every fulfilment order, and answers the order once it shows its shipments. */
  const shippedOrder = async (
    tradingPartnerId: string,
    token: string,
    senderId: string,
    po: string,
    lines: Parameters<typeof sample850Interchange>[0]['orders'][0]['lines'],
  ) => {
    const response = await send(token, sample850Interchange({ isa13: next(), senderId, orders: [{ po, lines }] }));
    expect(response.headers.get('edi-status')).toBe('A');
    const ack = await eventually(
      async () => (await documents(tradingPartnerId, token, '855')).find((d) => find(parseBack(d.raw), 'BAK')[0][2] === po),
      (d) => d !== undefined,
    );
    const orderId = ack!.reference;
    await eventually(
      () => b2b(token, `/orders/${orderId}`),
      (r) => r.body.status === 'released',
    );
    const filter = encodeURIComponent(`PurchaseOrderByCustomer eq '${po}'`);
    const [erp] = (await call(`${stack.sandboxUrl}/sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder?$filter=${filter}`, { headers: erpAuth })).body.d
      .results as { SalesOrder: string }[];
    const wms = await eventually(
      async () => (await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${erp.SalesOrder}`)).body.orders as { id: string }[],
      (orders) => orders.length > 0,
    );
    for (const [index, o] of wms.entries()) {
      const shipped = await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${o.id}/ship`, {
        body: { carrier: 'UPSN', trackingNumber: `1ZRMA${po}${index}` },
      });
      expect(shipped.status).toBe(202);
    }
    await eventually(
      () => b2b(token, `/orders/${orderId}`),
      (r) => r.body.status === 'shipped' || r.body.status === 'delivered' || r.body.status === 'invoiced',
      60_000,
    );
    return orderId;
  };

  const requestReturn = async (body: Record<string, unknown>) => {
    const response = await call(`${stack.processUrl}/v1/returns`, {
      body: { customerId: '10100004', channel: 'edi', ...body },
      headers: { ...(await serviceHeaders('process-apis')), 'idempotency-key': randomUUID() },
    });
    expect(response.status).toBe(201);
    return response.body;
  };

  beforeAll(async () => {
    stack = await TestStack.start();
    ops = await stack.opsHeaders();
    umbrella = await tokenFor(stack.experienceUrl, 'umbrella-edi', 'umbrella-edi-demo-secret');
    // a second trading partner of the same customer that wants 180s (and its part number for SKU-1021)
    const onboarded = await call(`${stack.experienceUrl}/ops/v1/edi/trading-partners`, {
      headers: ops,
      body: {
        tradingPartnerId: 'umbrella-returns',
        name: 'Umbrella Maintenance returns desk (X12)',
        customerId: '10100004',
        isaQualifier: 'ZZ',
        isaId: 'UMBRETURNS',
        gsId: 'UMBRETURNS',
        separators: { element: '*', component: '>', segment: '~' },
        usage: 'T',
        documents: ['855', '856', '810', '180'],
        partNumbers: [{ buyerPartNumber: 'UMB-DEGR-05', sku: 'SKU-1021' }],
      },
    });
    expect(onboarded.status).toBe(201);
    expect(onboarded.body.documents).toEqual(['855', '856', '810', '180']);
    returnsPartner = await tokenFor(stack.experienceUrl, 'umbrella-returns', onboarded.body.clientSecret);
  }, 180_000);
  afterAll(() => stack?.stop(), 60_000);

  it("the admin API refuses a document type it does not know, and takes '180'", async () => {
    const refused = await call(`${stack.experienceUrl}/ops/v1/edi/trading-partners`, {
      headers: ops,
      body: {
        tradingPartnerId: 'bad-docs',
        name: 'x',
        customerId: '10100004',
        isaQualifier: 'ZZ',
        isaId: 'BADDOCS',
        gsId: 'BADDOCS',
        documents: ['180', '820'],
      },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('documents');
  });

  it('authorization 180 to the partner that wants it (RMA, PO, quantities, ids, reasons), none to the one that does not; received and credited notifications after the warehouse receives; the CRM 360 shows the return and its credit', async () => {
    const withoutOrder = await shippedOrder('umbrella-edi', umbrella, 'UMBRELLAMAINT', 'EDI-RMA-NO180', [{ id: '10', qty: 6, vp: 'SKU-1020' }]);
    const orderId = await shippedOrder('umbrella-returns', returnsPartner, 'UMBRETURNS', 'EDI-RMA-180', [
      { id: '10', qty: 12, vp: 'SKU-1020' },
      { id: '20', qty: 1, unit: 'CA', bp: 'UMB-DEGR-05' },
    ]);

    const quiet = await requestReturn({ orderId: withoutOrder, partnerId: 'umbrella-edi', lines: [{ lineNumber: 10, quantity: 2, reasonCode: 'NOT_NEEDED' }] });
    expect(quiet.status).toBe('authorized');
    const ret = await requestReturn({
      orderId,
      partnerId: 'umbrella-returns',
      lines: [
        { lineNumber: 10, quantity: 5, reasonCode: 'DAMAGED' },
        // one case shipped: two asked, one authorized
        { lineNumber: 20, quantity: 2, reasonCode: 'WRONG_ITEM' },
      ],
    });
    expect(ret.status).toBe('partially_authorized');
    expect(ret.rmaNumber).toEqual(expect.any(String));

    const authorization = await eventually(
      async () => (await documents('umbrella-returns', returnsPartner, '180')).find((d) => d.reference === `${ret.returnId}/authorized`),
      (d) => d !== undefined,
      60_000,
    );
    const doc = parseBack(authorization!.raw);
    expect(doc.gs[0]).toBe('AN');
    expect(doc.sets[0].st[0]).toBe('180');
    expect(Number(doc.sets[0].se[0])).toBe(doc.sets[0].segments.length + 2);
    expect(find(doc, 'BGN')[0].slice(0, 2)).toEqual(['00', ret.rmaNumber]);
    expect(find(doc, 'RDR')[0]).toEqual(['PA']);
    expect(find(doc, 'PRF')[0]).toEqual(['EDI-RMA-180']);
    expect(find(doc, 'N9')).toEqual(expect.arrayContaining([['RZ', ret.rmaNumber]]));
    expect(find(doc, 'BLI').map((b) => [b[0], b[1], b[2], b[3], ...b.slice(7)])).toEqual([
      ['VP', 'SKU-1020', '5', 'EA'],
      ['BP', 'UMB-DEGR-05', '1', 'CA', 'VP', 'SKU-1021'],
    ]);
    expect(find(doc, 'N9').filter((n) => n[0] === 'LI')).toEqual([
      ['LI', '10'],
      ['LI', '20'],
    ]);
    expect(find(doc, 'QTY')).toEqual([
      ['38', '5', 'EA'],
      ['38', '2', 'CA'],
    ]);
    expect(find(doc, 'RDR').slice(1)).toEqual([
      ['RA', 'DA'],
      ['PA', 'WG', '', '1 NOT AUTHORIZED EXCEEDS RETURNABLE'],
    ]);
    // the gateway's own reader takes it as a valid set
    const read = readInterchange(authorization!.raw);
    expect(read.ok && read.groups[0].sets[0].errors).toEqual([]);

    // the events are forwarded in order: the quiet partner's return was decided first, and got no 180
    expect(await documents('umbrella-edi', umbrella, '180')).toEqual([]);

    // the warehouse receives everything authorized, restocked
    const rmas = await eventually(
      async () =>
        (await call(`${stack.sandboxUrl}/control/wms/returns?rmaNumber=${encodeURIComponent(ret.rmaNumber)}`)).body.returns as {
          id: string;
          lines: { sku: string; expected: number }[];
        }[],
      (list) => list.length > 0 && list.reduce((n, r) => n + r.lines.length, 0) === 2,
      60_000,
    );
    for (const rma of rmas) {
      const received = await call(`${stack.sandboxUrl}/control/wms/returns/${rma.id}/receive`, {
        body: { lines: rma.lines.map((l) => ({ sku: l.sku, quantity: l.expected, disposition: 'restock' })) },
      });
      expect(received.status).toBe(202);
    }

    const notices = await eventually(
      () => documents('umbrella-returns', returnsPartner, '180'),
      (docs) => docs.some((d) => d.reference === `${ret.returnId}/received`) && docs.some((d) => d.reference === `${ret.returnId}/credited`),
      120_000,
    );
    const received = parseBack(notices.find((d) => d.reference === `${ret.returnId}/received`)!.raw);
    expect(find(received, 'BGN')[0]).toEqual(['06', ret.rmaNumber, expect.any(String), expect.any(String), '', ret.rmaNumber]);
    expect(find(received, 'DTM')[0][0]).toBe('050');
    // received in eaches, stated in the buyer's unit as ordered
    expect(find(received, 'BLI').map((b) => b.slice(0, 4))).toEqual([
      ['VP', 'SKU-1020', '5', 'EA'],
      ['BP', 'UMB-DEGR-05', '1', 'CA'],
    ]);
    const credited = parseBack(notices.find((d) => d.reference === `${ret.returnId}/credited`)!.raw);
    const final = (
      await call(`${stack.processUrl}/v1/returns/${ret.returnId}?customerId=10100004&partnerId=umbrella-returns`, {
        headers: await serviceHeaders('process-apis'),
      })
    ).body;
    expect(final.status).toBe('credited');
    expect(find(credited, 'N9')).toEqual(expect.arrayContaining([['CM', final.credit.creditMemoNumber]]));
    expect(Number(find(credited, 'AMT').find((a) => a[0] === 'N')![1])).toBeCloseTo(final.credit.netAmount, 2);
    // the authorization went out before the notifications
    const byRef = new Map(notices.map((d) => [d.reference.split('/')[1], d.controlNumber]));
    expect(byRef.get('authorized')!).toBeLessThan(byRef.get('received')!);

    // the CRM account of the customer: its order 360 shows the return and the credit
    const crm = await tokenFor(stack.experienceUrl, 'crm', 'crm-demo-secret');
    const linked = await call(`${stack.experienceUrl}/crm/v1/accounts/crm-umbrella`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${crm}` },
      body: { name: 'Umbrella Maintenance Co.', address: { city: 'Atlanta', postalCode: '30303', region: 'GA', country: 'US' }, taxId: '58-2049951' },
    });
    expect(linked.body.erpAccountNumber).toBe('10100004');
    const view = await call(`${stack.experienceUrl}/crm/v1/accounts/crm-umbrella/orders?limit=50`, { headers: { authorization: `Bearer ${crm}` } });
    expect(view.status).toBe(200);
    const order = (view.body.orders as { orderId: string; returns: unknown[] }[]).find((o) => o.orderId === orderId)!;
    expect(order.returns).toEqual([
      expect.objectContaining({
        returnId: ret.returnId,
        rmaNumber: ret.rmaNumber,
        status: 'credited',
        channel: 'edi',
        lines: [
          expect.objectContaining({ lineNumber: 10, sku: 'SKU-1020', requestedQuantity: 5, authorizedQuantity: 5, refusal: null, receivedQuantity: 5 }),
          expect.objectContaining({ lineNumber: 20, sku: 'SKU-1021', requestedQuantity: 2, authorizedQuantity: 1, refusal: 'EXCEEDS_RETURNABLE' }),
        ],
        credit: expect.objectContaining({ creditMemoNumber: final.credit.creditMemoNumber, netAmount: final.credit.netAmount }),
      }),
    ]);
    const other = (view.body.orders as { orderId: string; returns: { status: string }[] }[]).find((o) => o.orderId === withoutOrder)!;
    expect(other.returns.map((r) => r.status)).toEqual([expect.stringMatching(/authorized|received|credited/)]);
  }, 400_000);
});
