import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, eventually, order, tokenFor } from './support/http.js';
import { serviceHeaders, TestStack } from './support/stack.js';

interface WmsOrder {
  id: string;
}
interface WmsReturn {
  id: string;
  rmaNumber: string;
  warehouseId: string;
  status: string;
  lines: { sku: string; expected: number }[];
}

/**
 * Returns (RMA) through the process layer's API, as the channels call it: the decision, the ERP
 * customer return and WMS receipt, the warehouse's receipt event, the credit memo; duplicates,
 * over-receipts, an ERP outage and concurrent requests.
 */
describe('returns (RMA): request, authorization, receipt and credit memo', () => {
  let stack: TestStack;
  let acme: string;
  const erpAuth = { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` };
  const b2b = (path: string, init: Parameters<typeof call>[1] = {}) =>
    call(`${stack.experienceUrl}/b2b/v1${path}`, { ...init, headers: { authorization: `Bearer ${acme}`, ...init.headers } });
  const owner = { customerId: '10100001', partnerId: 'acme', channel: 'b2b' as const };
  const requestReturn = async (key: string, body: Record<string, unknown>) =>
    call(`${stack.processUrl}/v1/returns`, { headers: { ...(await serviceHeaders('process-apis')), 'idempotency-key': key }, body: { ...owner, ...body } });
  const readReturn = async (returnId: string, query = 'customerId=10100001&partnerId=acme') =>
    call(`${stack.processUrl}/v1/returns/${returnId}?${query}`, { headers: await serviceHeaders('process-apis') });
  const returnReaches = (returnId: string, status: string, timeoutMs = 20_000) =>
    eventually(
      () => readReturn(returnId),
      (r) => r.body.status === status,
      timeoutMs,
    );
  const wmsReturns = async (rmaNumber: string) =>
    (await call<{ returns: WmsReturn[] }>(`${stack.sandboxUrl}/control/wms/returns?rmaNumber=${rmaNumber}`)).body.returns;
  const creditMemos = async () => {
    const docs = await call(`${stack.sandboxUrl}/sap/opu/odata/sap/API_BILLING_DOCUMENT_SRV/A_BillingDocument?$filter=SoldToParty eq '10100001'`, {
      headers: erpAuth,
    });
    return (docs.body.d.results as { BillingDocument: string; BillingDocumentType: string; YY1_ExternalReference: string }[]).filter(
      (d) => d.BillingDocumentType === 'G2',
    );
  };
  const receive = async (rmaNumber: string, lines: { sku: string; quantity: number; disposition: string }[]) => {
    const [wms] = await eventually(
      () => wmsReturns(rmaNumber),
      (r) => r.length === 1,
    );
    const received = await call(`${stack.sandboxUrl}/control/wms/returns/${wms!.id}/receive`, { body: { lines } });
    expect(received.status).toBe(202);
    return wms!;
  };

  /** Places an order, ships what `ship` says (everything when absent) from its one warehouse and waits for the invoice in the ERP. */
  async function placeShipAndInvoice(key: string, lines: { sku: string; quantity: number }[], ship?: { sku: string; quantity: number }[]): Promise<string> {
    const placed = await b2b('/orders', { headers: { 'idempotency-key': key }, body: order(`PO-${key}`, lines) });
    expect(placed.status).toBe(201);
    const { orderId, erpOrderNumber } = placed.body;
    const [wmsOrder] = await eventually(
      async () => (await call<{ orders: WmsOrder[] }>(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${erpOrderNumber}`)).body.orders,
      (orders) => orders.length === 1,
    );
    await eventually(
      () => b2b(`/orders/${orderId}`),
      (r) => r.body.legs?.[0]?.status === 'released',
    );
    const shipped = await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${wmsOrder!.id}/ship`, {
      body: { carrier: 'UPSN', ...(ship ? { lines: ship } : {}) },
    });
    expect(shipped.status).toBe(202);
    await eventually(
      () => b2b(`/orders/${orderId}`),
      (r) => r.body.invoices?.[0]?.status === 'open',
      20_000,
    );
    return orderId as string;
  }

  let orderA: string;
  let orderB: string;
  let firstReturn: string;
  let firstRma: string;

  beforeAll(async () => {
    stack = await TestStack.start();
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    // line 2 is never shipped: the warehouse ships line 1 only
    orderA = await placeShipAndInvoice(
      'RET-A',
      [
        { sku: 'SKU-1001', quantity: 40 },
        { sku: 'SKU-1002', quantity: 5 },
      ],
      [{ sku: 'SKU-1001', quantity: 40 }],
    );
    orderB = await placeShipAndInvoice('RET-B', [{ sku: 'SKU-1003', quantity: 10 }]);
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
  });

  it('authorizes what was shipped, refuses a line never shipped, registers the ERP return and the WMS receipt; the key replays', async () => {
    const body = {
      orderId: orderA,
      lines: [
        { lineNumber: 1, quantity: 20, reasonCode: 'DAMAGED' },
        { lineNumber: 2, quantity: 1, reasonCode: 'DEFECTIVE' },
      ],
      notes: 'Pallet arrived crushed on one side.',
    };
    const created = await requestReturn('RMA-KEY-1', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'partially_authorized',
      orderId: orderA,
      purchaseOrderNumber: 'PO-RET-A',
      lines: [
        { lineNumber: 1, sku: 'SKU-1001', requestedQuantity: 20, authorizedQuantity: 20, refusal: null, warehouseId: 'DC01' },
        { lineNumber: 2, sku: 'SKU-1002', requestedQuantity: 1, authorizedQuantity: 0, refusal: 'NOT_SHIPPED', warehouseId: null },
      ],
    });
    expect(created.body.rmaNumber).toMatch(/^RMA-\d{4}-\d{6}$/);
    expect(created.body.erpReturnNumber).toMatch(/^6\d{7}$/);
    firstReturn = created.body.returnId;
    firstRma = created.body.rmaNumber;
    // the ERP holds the customer return for the sales order, the WMS expects the 20 units at DC01
    const erp = await call(
      `${stack.sandboxUrl}/sap/opu/odata/sap/API_CUSTOMER_RETURN_SRV/A_CustomerReturn?$filter=YY1_ExternalReference eq '${firstRma}'&$expand=to_Item`,
      { headers: erpAuth },
    );
    expect(erp.body.d.results).toHaveLength(1);
    expect(erp.body.d.results[0]).toMatchObject({ SDDocumentReason: '101', CustomerReturn: created.body.erpReturnNumber });
    const [wms] = await wmsReturns(firstRma);
    expect(wms).toMatchObject({ warehouseId: 'DC01', status: 'expected', lines: [{ sku: 'SKU-1001', expected: 20 }] });

    // same key, same body: the same return; another body: 422
    const again = await requestReturn('RMA-KEY-1', body);
    expect(again.status).toBe(200);
    expect(again.body.returnId).toBe(firstReturn);
    const other = await requestReturn('RMA-KEY-1', { ...body, notes: 'other' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(other.headers.get('content-type')).toContain('application/problem+json');

    // a request for the unshipped line only: refused, no RMA number, nothing registered
    const refused = await requestReturn('RMA-KEY-2', { purchaseOrderNumber: 'PO-RET-A', lines: [{ sku: 'SKU-1002', quantity: 2, reasonCode: 'WRONG_ITEM' }] });
    expect(refused.status).toBe(201);
    expect(refused.body).toMatchObject({ status: 'refused', rmaNumber: null, erpReturnNumber: null, lines: [{ refusal: 'NOT_SHIPPED' }] });

    // another customer's or partner's order, another customer's return: not found
    const foreign = await call(`${stack.processUrl}/v1/returns`, {
      headers: { ...(await serviceHeaders('process-apis')), 'idempotency-key': 'RMA-KEY-3' },
      body: { ...owner, ...body, customerId: '10100002', partnerId: 'globex' },
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('ORDER.NOT_FOUND');
    expect((await requestReturn('RMA-KEY-4', { ...body, partnerId: 'globex' })).status).toBe(404);
    expect((await readReturn(firstReturn, 'customerId=10100002')).body.code).toBe('RETURN.NOT_FOUND');
    expect((await readReturn(firstReturn, 'customerId=10100001&partnerId=globex')).status).toBe(404);

    // the list, newest first, by order
    const list = await call(`${stack.processUrl}/v1/returns?customerId=10100001&orderId=${orderA}&limit=1`, { headers: await serviceHeaders('process-apis') });
    expect(list.status).toBe(200);
    expect(list.body.returns).toHaveLength(1);
    expect(list.body.returns[0].status).toBe('refused');
    const next = await call(`${stack.processUrl}/v1/returns?customerId=10100001&orderId=${orderA}&cursor=${list.body.nextCursor}`, {
      headers: await serviceHeaders('process-apis'),
    });
    expect(next.body.returns.map((r: { returnId: string }) => r.returnId)).toEqual([firstReturn]);
  });

  it('never authorizes more than shipped when requests for the same line come at once', async () => {
    // 40 shipped, 20 authorized before: six requests of 5 share the other 20
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        requestReturn(`RMA-RACE-${i}`, { orderId: orderA, lines: [{ lineNumber: 1, quantity: 5, reasonCode: 'NOT_NEEDED' }] }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    const authorized = answers.reduce((n, a) => n + (a.body.lines[0].authorizedQuantity as number), 0);
    expect(authorized).toBe(20);
    expect(answers.filter((a) => a.body.status === 'refused').every((a) => a.body.lines[0].refusal === 'EXCEEDS_RETURNABLE')).toBe(true);
  });

  it('receives 15 restocked and 5 scrapped, credits 20 units in one credit memo; a redelivered receipt changes nothing', async () => {
    const wms = await receive(firstRma, [
      { sku: 'SKU-1001', quantity: 15, disposition: 'restock' },
      { sku: 'SKU-1001', quantity: 5, disposition: 'scrap' },
    ]);
    const credited = await returnReaches(firstReturn, 'credited');
    expect(credited.body.lines[0]).toMatchObject({
      receivedQuantity: 20,
      creditedQuantity: 20,
      dispositions: [
        { disposition: 'restock', quantity: 15 },
        { disposition: 'scrap', quantity: 5 },
      ],
    });
    expect(credited.body.credit).toMatchObject({ creditMemoNumber: expect.stringMatching(/^9\d{7}$/), currency: 'USD' });
    expect(credited.body.credit.netAmount).toBeGreaterThan(0);
    expect(credited.body.credit.invoiceNumbers).toHaveLength(1);

    expect((await call(`${stack.sandboxUrl}/control/wms/returns/${wms.id}/redeliver-received`, { method: 'POST' })).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const memos = (await creditMemos()).filter((d) => d.YY1_ExternalReference === `cm-${firstReturn}`);
    expect(memos).toHaveLength(1);
    expect((await readReturn(firstReturn)).body.credit.creditMemoNumber).toBe(credited.body.credit.creditMemoNumber);
  });

  it('stays received while the ERP is down when the credit memo is due, and is credited once when it is back', async () => {
    const created = await requestReturn('RMA-ERP-DOWN', { orderId: orderB, lines: [{ sku: 'SKU-1003', quantity: 4, reasonCode: 'DEFECTIVE' }] });
    expect(created.body.status).toBe('authorized');
    await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'PUT', body: { down: true } });
    try {
      await receive(created.body.rmaNumber, [{ sku: 'SKU-1003', quantity: 4, disposition: 'refurbish' }]);
      await returnReaches(created.body.returnId, 'received');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await readReturn(created.body.returnId)).body).toMatchObject({ status: 'received', credit: null });
    } finally {
      await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'DELETE' });
    }
    const credited = await returnReaches(created.body.returnId, 'credited', 40_000);
    expect(credited.body.lines[0].creditedQuantity).toBe(4);
    expect((await creditMemos()).filter((d) => d.YY1_ExternalReference === `cm-${created.body.returnId}`)).toHaveLength(1);
  }, 60_000);

  it('an over-receipt is an exception; an operator resolves it and the authorized quantity is credited', async () => {
    const created = await requestReturn('RMA-OVER', { orderId: orderB, lines: [{ lineNumber: 1, quantity: 3, reasonCode: 'WRONG_ITEM' }] });
    expect(created.body.status).toBe('authorized');
    await receive(created.body.rmaNumber, [{ sku: 'SKU-1003', quantity: 5, disposition: 'restock' }]);
    const exception = await returnReaches(created.body.returnId, 'exception');
    expect(exception.body.lines[0]).toMatchObject({ authorizedQuantity: 3, receivedQuantity: 5, creditedQuantity: 0 });

    const resolve = (id: string) =>
      stack
        .opsHeaders()
        .then((headers) => call(`${stack.processUrl}/v1/ops/returns/${id}/resolve`, { headers, body: { resolution: 'two extra units kept; credit 3' } }));
    const resolved = await resolve(created.body.returnId);
    expect(resolved.status).toBe(200);
    const credited = await returnReaches(created.body.returnId, 'credited');
    expect(credited.body.lines[0].creditedQuantity).toBe(3);
    // resolving again: not in exception
    const again = await resolve(created.body.returnId);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('RETURN.NOT_IN_EXCEPTION');

    // the operators' order timeline shows the order's returns and their events
    const timeline = await call(`${stack.processUrl}/v1/ops/orders/${orderB}/timeline`, { headers: await stack.opsHeaders() });
    const returnEntries = (timeline.body.entries as { what: string; reference?: string }[]).filter((e) => e.what.startsWith('return RMA-'));
    expect(returnEntries.map((e) => e.reference)).toContain(created.body.returnId);
    expect((timeline.body.entries as { what: string }[]).some((e) => e.what === 'return.credited raised')).toBe(true);
  }, 60_000);
});
