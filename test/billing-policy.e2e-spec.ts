import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, eventually, order, tokenFor } from './support/http.js';
import { signedWmsEvent, TestStack } from './support/stack.js';

interface WmsOrder {
  id: string;
  warehouseId: string;
}

interface Invoice {
  invoiceId: string;
  status: string;
  billingPolicy: string;
  erpBillingDocument?: string;
  orders: { orderId: string; erpOrderNumber: string; purchaseOrderNumber: string }[];
  shipmentIds: string[];
  lines: { orderId: string; shipmentId: string; sku: string; quantity: number }[];
}

const today = () => new Date().toISOString().slice(0, 10);

describe('billing policy: one consolidated invoice per customer and day, made by the billing run', () => {
  let stack: TestStack;
  let globex: string;
  const as =
    (token: string) =>
    (path: string, init: Parameters<typeof call>[1] = {}) =>
      call(`${stack.experienceUrl}/b2b/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const erpAuth = { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` };
  const billingRun = async (throughDate?: string) =>
    call(`${stack.processUrl}/v1/ops/billing-runs`, { body: { throughDate }, headers: await stack.opsHeaders() });

  /** Places an order for `sku` and ships it in full from its one warehouse; returns the order id and ERP number. */
  async function placeAndShip(token: string, key: string, sku: string, quantity: number): Promise<{ orderId: string; erpOrderNumber: string }> {
    const placed = await as(token)('/orders', { headers: { 'idempotency-key': key }, body: order(`PO-${key}`, [{ sku, quantity }]) });
    expect(placed.status).toBe(201);
    const { orderId, erpOrderNumber } = placed.body;
    const [wmsOrder] = await eventually(
      async () => (await call<{ orders: WmsOrder[] }>(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${erpOrderNumber}`)).body.orders,
      (orders) => orders.length === 1,
    );
    await eventually(
      () => as(token)(`/orders/${orderId}`),
      (r) => r.body.legs?.[0]?.status === 'released',
    );
    expect(
      (await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${wmsOrder!.id}/ship`, { body: { carrier: 'UPSN', trackingNumber: `1Z-${key}` } }))
        .status,
    ).toBe(202);
    return { orderId, erpOrderNumber };
  }

  const invoicesOf = async (token: string, orderId: string) =>
    (
      await eventually(
        () => as(token)(`/orders/${orderId}`),
        (r) => r.body.invoices?.length > 0,
      )
    ).body.invoices as Invoice[];

  beforeAll(async () => {
    stack = await TestStack.start();
    globex = await tokenFor(stack.experienceUrl, 'globex', 'globex-demo-secret');
    // accounts receivable bills Globex once a day
    expect((await call(`${stack.sandboxUrl}/control/erp/customers/10100002/billing-policy`, { method: 'PUT', body: { policy: 'D' } })).status).toBe(200);
  });
  afterAll(async () => {
    await stack.stop();
  });

  it("collects a customer's shipments of the day on one draft, issues it as one ERP document over several sales orders when the run closes it", async () => {
    const first = await placeAndShip(globex, 'DAILY-1', 'SKU-1003', 4);
    const second = await placeAndShip(globex, 'DAILY-2', 'SKU-1004', 6);

    // both shipments land on the same draft invoice, which the ERP has not seen
    const [draft] = await eventually(
      () => invoicesOf(globex, second.orderId),
      (invoices) => invoices[0]?.shipmentIds.length === 2,
    );
    expect(draft).toMatchObject({ status: 'draft', billingPolicy: 'daily' });
    expect((await invoicesOf(globex, first.orderId))[0]!.invoiceId).toBe(draft!.invoiceId);
    expect(draft!.orders.map((o) => o.purchaseOrderNumber)).toEqual(['PO-DAILY-1', 'PO-DAILY-2']);
    expect(draft!.lines.map((l) => [l.orderId, l.sku, l.quantity])).toEqual([
      [first.orderId, 'SKU-1003', 4],
      [second.orderId, 'SKU-1004', 6],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 500)); // an issuing pass or two: a draft is not issued
    const before = await call(`${stack.sandboxUrl}/sap/opu/odata/sap/API_BILLING_DOCUMENT_SRV/A_BillingDocument?$filter=SoldToParty eq '10100002'`, {
      headers: erpAuth,
    });
    expect(before.body.d.results).toHaveLength(0);

    // the WMS delivers one shipment event again: still two shipments, two lines
    const events = (await call<{ events: { event: { event_code: string; order_ref?: string } }[] }>(`${stack.sandboxUrl}/control/wms/events`)).body.events;
    const shipped = events.map((e) => e.event).filter((e) => e.event_code === 'OB_SHIPPED');
    expect(shipped.length).toBeGreaterThanOrEqual(2);
    for (const event of shipped) expect((await call(`${stack.systemUrl}/wms/v1/events/native`, signedWmsEvent(event))).status).toBe(202);
    const [again] = await invoicesOf(globex, first.orderId);
    expect(again!.shipmentIds).toHaveLength(2);
    expect(again!.lines).toHaveLength(2);

    // the run comes while the ERP is down: the invoice waits as pending, nothing is lost
    await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'PUT', body: { down: true } });
    const run = await billingRun(today());
    expect(run.status).toBe(200);
    expect(run.body).toEqual({ throughDate: today(), closedInvoiceIds: [draft!.invoiceId] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await invoicesOf(globex, first.orderId))[0]!.status).toBe('pending');
    await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'DELETE' });

    const [issued] = await eventually(
      () => invoicesOf(globex, first.orderId),
      (invoices) => invoices[0]?.status === 'open',
      20_000,
    );
    expect(issued!.erpBillingDocument).toMatch(/^9\d{7}$/);
    // the ERP document bills both sales orders, exactly what shipped
    const document = await call(
      `${stack.sandboxUrl}/sap/opu/odata/sap/API_BILLING_DOCUMENT_SRV/A_BillingDocument('${issued!.erpBillingDocument}')?$expand=to_Item`,
      { headers: erpAuth },
    );
    const items = document.body.d.to_Item.results as { ReferenceSDDocument: string; Material: string; BillingQuantityInBaseUnit: string }[];
    expect(items.map((i) => [i.ReferenceSDDocument, i.Material, Number(i.BillingQuantityInBaseUnit)])).toEqual([
      [first.erpOrderNumber, 'SKU-1003', 4],
      [second.erpOrderNumber, 'SKU-1004', 6],
    ]);
    expect(document.body.d.YY1_ExternalReference).toBe(issued!.invoiceId);
    // traceable both ways: the invoice names both orders with their ERP numbers
    expect(issued!.orders.map((o) => o.erpOrderNumber)).toEqual([first.erpOrderNumber, second.erpOrderNumber]);

    // a second run closes nothing twice
    expect((await billingRun(today())).body.closedInvoiceIds).toEqual([]);
    // the partner reads it; another partner cannot
    expect((await as(globex)(`/invoices/${issued!.invoiceId}`)).body.orders).toHaveLength(2);
    const acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    expect((await as(acme)(`/invoices/${issued!.invoiceId}`)).status).toBe(404);
  });

  it('starts a new draft for a shipment after the run, and keeps invoicing per shipment for the other customers', async () => {
    const late = await placeAndShip(globex, 'DAILY-3', 'SKU-1003', 2);
    const [draft] = await eventually(
      () => invoicesOf(globex, late.orderId),
      (invoices) => invoices.length === 1,
    );
    expect(draft).toMatchObject({ status: 'draft', shipmentIds: [expect.any(String)] });

    const acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    const other = await placeAndShip(acme, 'PER-SHIP-1', 'SKU-1003', 1);
    const [own] = await eventually(
      () => invoicesOf(acme, other.orderId),
      (invoices) => invoices[0]?.status === 'open',
      20_000,
    );
    expect(own).toMatchObject({ billingPolicy: 'per_shipment', shipmentIds: [expect.any(String)] });
  });

  it('refuses a billing run with a malformed date', async () => {
    const bad = await billingRun('25/11/2026');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['throughDate']);
  });
});
