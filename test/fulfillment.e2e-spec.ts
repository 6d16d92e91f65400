import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, eventually, order, tokenFor } from './support/http.js';
import { serviceHeaders, signedWmsEvent, TestStack } from './support/stack.js';

const inDays = (days: number) => new Date(Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface WmsOrder {
  id: string;
  warehouseId: string;
  status: string;
}

describe('release and split shipments: legs to the warehouses, WMS events back, short pick backordered', () => {
  let stack: TestStack;
  let acme: string;
  /** The 1,200-unit order once shipped and invoiced, for the return that continues its story. */
  let split:
    | {
        orderId: string;
        returnId: string;
        rmaNumber: string;
        dc01ShipmentId: string;
        dc01Invoice?: { erpBillingDocument: string; netAmount: number; taxAmount: number };
      }
    | undefined;
  const b2b = (path: string, init: Parameters<typeof call>[1] = {}) =>
    call(`${stack.experienceUrl}/b2b/v1${path}`, { ...init, headers: { authorization: `Bearer ${acme}`, ...init.headers } });
  const wmsOrders = async (erpOrderNumber: string) =>
    (await call<{ orders: WmsOrder[] }>(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${erpOrderNumber}`)).body.orders;
  const ship = (id: string, body: Record<string, unknown>) => call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${id}/ship`, { body });

  beforeAll(async () => {
    stack = await TestStack.start();
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('releases the three legs of the 1,200-unit order, follows the shipments and backorders a short pick', async () => {
    const placed = await b2b('/orders', { headers: { 'idempotency-key': 'split-1200' }, body: order('PO-SPLIT', [{ sku: 'SKU-1001', quantity: 1200 }]) });
    expect(placed.status).toBe(201);
    const { orderId, erpOrderNumber } = placed.body;

    // one WMS fulfilment order per leg, and the order says it is released
    const released = await eventually(
      () => wmsOrders(erpOrderNumber),
      (orders) => orders.length === 3,
    );
    expect(released.map((o) => o.warehouseId).sort()).toEqual(['DC01', 'DC02', 'DC03']);
    const view = await eventually(
      () => b2b(`/orders/${orderId}`),
      (r) => r.body.status === 'released',
    );
    expect(view.body.legs).toEqual([
      { warehouseId: 'DC01', status: 'released', promisedShipDate: expect.any(String) },
      { warehouseId: 'DC02', status: 'released', promisedShipDate: expect.any(String) },
      { warehouseId: 'DC03', status: 'released', promisedShipDate: expect.any(String) },
    ]);
    // the reservation became the WMS's allocation: still nothing free of SKU-1001 beyond the 50 left
    const availability = await b2b('/availability?sku=SKU-1001&quantity=1');
    expect(availability.body.totalAvailable).toBe(50);

    const byWarehouse = Object.fromEntries(released.map((o) => [o.warehouseId, o.id]));
    expect((await ship(byWarehouse.DC01, { carrier: 'UPSN', trackingNumber: '1Z-DC01' })).status).toBe(202);
    // the story continues (issue: returns): once DC01's 500 are out, the partner sends 20 damaged units back
    const dc01Shipped = await eventually(
      () => b2b(`/orders/${orderId}`),
      (r) => r.body.shipments?.length === 1,
    );
    const returned = await call(`${stack.experienceUrl}/b2b/v2/returns`, {
      headers: { authorization: `Bearer ${acme}`, 'idempotency-key': 'split-1200-return' },
      body: { orderId, lines: [{ lineNumber: 1, quantity: 20, reasonCode: 'DAMAGED' }], notes: 'Forklift damage on arrival.' },
    });
    expect(returned.status).toBe(201);
    expect(returned.body).toMatchObject({ status: 'authorized', rmaNumber: expect.stringMatching(/^RMA-\d{4}-\d{6}$/) });
    expect(returned.body.lines).toEqual([
      expect.objectContaining({ lineNumber: 1, sku: 'SKU-1001', requestedQuantity: 20, authorizedQuantity: 20, refusal: null, warehouseId: 'DC01' }),
    ]);
    split = { orderId, returnId: returned.body.returnId, rmaNumber: returned.body.rmaNumber, dc01ShipmentId: dc01Shipped.body.shipments[0].shipmentId };
    // the ERP is down while DC02 and DC03 ship: their invoices wait, nothing is lost
    await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'PUT', body: { down: true } });
    expect((await ship(byWarehouse.DC02, { lines: [{ sku: 'SKU-1001', quantity: 360 }], carrier: 'FDEG', trackingNumber: 'FX-DC02' })).status).toBe(202);
    expect((await ship(byWarehouse.DC03, { carrier: 'UPSN', trackingNumber: '1Z-DC03' })).status).toBe(202);
    const duringOutage = await eventually(
      () => b2b(`/orders/${orderId}`),
      (r) => r.body.invoices?.length === 3,
      15_000,
    );
    expect(duringOutage.body.invoices.filter((i: { status: string }) => i.status === 'pending').length).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'DELETE' });

    const done = await eventually(
      () => b2b(`/orders/${orderId}`),
      (r) => r.body.status === 'shipped' && r.body.shipments?.length === 3,
      15_000,
    );
    expect(done.body.status).toBe('shipped');
    expect(done.body.legs.map((l: { status: string }) => l.status)).toEqual(['shipped', 'shipped', 'shipped']);
    const shipped = done.body.shipments as { warehouseId: string; trackingNumber: string; lines: { quantity: number; lot?: string }[] }[];
    expect(shipped.map((s) => [s.warehouseId, s.trackingNumber, s.lines.reduce((sum, l) => sum + l.quantity, 0)]).sort()).toEqual([
      ['DC01', '1Z-DC01', 500],
      ['DC02', 'FX-DC02', 360],
      ['DC03', '1Z-DC03', 300],
    ]);
    expect(shipped.every((s) => s.lines.every((l) => typeof l.lot === 'string'))).toBe(true);
    // the 40 DC02 could not pick wait for the 600 due at DC02 in 14 days
    expect(done.body.lines[0].backordered).toEqual({ quantity: 40, promisedDate: inDays(14) });

    // the OMS timeline followed: released, partially shipped, shipped
    const omsOrders = await call(`${stack.sandboxUrl}/oms/api/v2/orders?erp_ref=${erpOrderNumber}`, { headers: { 'x-oms-token': 'sandbox-oms-token' } });
    const history = (omsOrders.body.items[0].history as { state: string }[]).map((h) => h.state);
    expect(history).toEqual(expect.arrayContaining(['RELEASED', 'PARTIALLY_SHIPPED', 'SHIPPED']));

    // the WMS delivers DC03's shipment event again: no second shipment
    const events = (await call<{ events: { event: { event_code: string; site_id: string } }[] }>(`${stack.sandboxUrl}/control/wms/events`)).body.events;
    const dc03Shipped = events.map((e) => e.event).find((e) => e.event_code === 'OB_SHIPPED' && e.site_id === 'DC03');
    expect(dc03Shipped).toBeDefined();
    const redelivered = await call(`${stack.systemUrl}/wms/v1/events/native`, signedWmsEvent(dc03Shipped));
    expect(redelivered.status).toBe(202);
    const shipments = await b2b(`/orders/${orderId}/shipments`);
    expect(shipments.status).toBe(200);
    expect(shipments.body.shipments).toHaveLength(3);

    // one invoice per shipment, issued in the ERP once it is back: invoiced = shipped, no duplicate
    const invoiced = await eventually(
      () => b2b(`/orders/${orderId}`),
      (r) => r.body.invoices?.length === 3 && r.body.invoices.every((i: { status: string }) => i.status === 'open'),
      30_000,
    );
    const invoices = invoiced.body.invoices as {
      invoiceId: string;
      erpBillingDocument: string;
      shipmentIds: string[];
      lines: { quantity: number }[];
      totalAmount: { amount: number };
      purchaseOrderNumber: string;
      erpOrderNumber: string;
    }[];
    expect(invoices).toHaveLength(3);
    const sumInvoiced = invoices.reduce((sum, i) => sum + i.lines.reduce((s, l) => s + l.quantity, 0), 0);
    expect(sumInvoiced).toBe(500 + 360 + 300);
    const shipmentIds = (shipments.body.shipments as { shipmentId: string }[]).map((s) => s.shipmentId).sort();
    expect(invoices.flatMap((i) => i.shipmentIds).sort()).toEqual(shipmentIds);
    expect(new Set(invoices.map((i) => i.erpBillingDocument)).size).toBe(3);
    expect(invoices.every((i) => i.purchaseOrderNumber === 'PO-SPLIT' && i.erpOrderNumber === erpOrderNumber && i.totalAmount.amount > 0)).toBe(true);
    // the ERP holds exactly three billing documents for the order
    const erpAuth = { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` };
    const billing = await call(`${stack.sandboxUrl}/sap/opu/odata/sap/API_BILLING_DOCUMENT_SRV/A_BillingDocument?$filter=SoldToParty eq '10100001'`, {
      headers: erpAuth,
    });
    expect(billing.body.d.results).toHaveLength(3);

    // the partner reads one invoice; another partner cannot; payment in the ERP shows as paid
    const one = await b2b(`/invoices/${invoices[0].invoiceId}`);
    expect(one.status).toBe(200);
    expect(one.body.erpBillingDocument).toBe(invoices[0].erpBillingDocument);
    const globex = await tokenFor(stack.experienceUrl, 'globex', 'globex-demo-secret');
    expect((await call(`${stack.experienceUrl}/b2b/v1/invoices/${invoices[0].invoiceId}`, { headers: { authorization: `Bearer ${globex}` } })).status).toBe(
      404,
    );
    await call(`${stack.sandboxUrl}/control/erp/billing-documents/${invoices[0].erpBillingDocument}/clear`, { method: 'POST' });
    const paid = await eventually(
      () => b2b(`/invoices/${invoices[0].invoiceId}`),
      (r) => r.body.status === 'paid',
      15_000,
    );
    expect(paid.body.status).toBe('paid');

    const dc01Invoice = (
      invoiced.body.invoices as { erpBillingDocument: string; shipmentIds: string[]; netAmount: { amount: number }; taxAmount: { amount: number } | null }[]
    ).find((i) => i.shipmentIds.includes(split!.dc01ShipmentId))!;
    split = {
      ...split!,
      dc01Invoice: {
        erpBillingDocument: dc01Invoice.erpBillingDocument,
        netAmount: dc01Invoice.netAmount.amount,
        taxAmount: dc01Invoice.taxAmount?.amount ?? 0,
      },
    };
  });

  it('continues the 1,200-unit order: the 20 damaged units come back to DC01, 15 restocked and 5 scrapped, one credit memo, DC01 up by 15', async () => {
    expect(split?.dc01Invoice).toBeDefined();
    const { returnId, rmaNumber, dc01Invoice } = split as Required<NonNullable<typeof split>>;
    const v2 = (path: string, init: Parameters<typeof call>[1] = {}) =>
      call(`${stack.experienceUrl}/b2b/v2${path}`, { ...init, headers: { authorization: `Bearer ${acme}`, ...init.headers } });
    const dc01Available = async () =>
      ((await b2b('/availability?sku=SKU-1001&quantity=1')).body.warehouses as { warehouseId: string; available: number }[]).find(
        (w) => w.warehouseId === 'DC01',
      )!.available;
    const before = await dc01Available();

    // DC01's operator receives the 20: 15 back on the shelf, 5 scrapped
    const [receipt] = await eventually(
      async () =>
        (await call<{ returns: { id: string; warehouseId: string }[] }>(`${stack.sandboxUrl}/control/wms/returns?rmaNumber=${rmaNumber}`)).body.returns,
      (r) => r.length === 1,
    );
    expect(receipt.warehouseId).toBe('DC01');
    const received = await call(`${stack.sandboxUrl}/control/wms/returns/${receipt.id}/receive`, {
      body: {
        lines: [
          { sku: 'SKU-1001', quantity: 15, disposition: 'restock' },
          { sku: 'SKU-1001', quantity: 5, disposition: 'scrap' },
        ],
      },
    });
    expect(received.status).toBe(202);

    // one credit memo for the 20 units, at the DC01 invoice's price and tax
    const credited = await eventually(
      () => v2(`/returns/${returnId}`),
      (r) => r.body.status === 'credited',
      20_000,
    );
    expect(credited.body.lines[0]).toMatchObject({ receivedQuantity: 20, creditedQuantity: 20 });
    expect(credited.body.lines[0].dispositions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ disposition: 'restock', quantity: 15 }),
        expect.objectContaining({ disposition: 'scrap', quantity: 5 }),
      ]),
    );
    const perUnit = (amount: number) => Math.round((amount / 500) * 20 * 100) / 100;
    expect(credited.body.credit).toMatchObject({ invoiceNumbers: [dc01Invoice.erpBillingDocument] });
    // v2 money is a decimal string
    expect(Number(credited.body.credit.net.amount)).toBeCloseTo(perUnit(dc01Invoice.netAmount), 2);
    expect(Number(credited.body.credit.tax.amount)).toBeCloseTo(perUnit(dc01Invoice.taxAmount), 1);
    const erpAuth = { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` };
    const memos = (
      await call(`${stack.sandboxUrl}/sap/opu/odata/sap/API_BILLING_DOCUMENT_SRV/A_BillingDocument?$filter=SoldToParty eq '10100001'`, { headers: erpAuth })
    ).body.d.results.filter((d: { BillingDocumentType: string }) => d.BillingDocumentType === 'G2');
    expect(memos).toHaveLength(1);
    expect(memos[0].BillingDocument).toBe(credited.body.credit.creditMemoNumber);

    // the 15 restocked are available at DC01 again; the scrapped 5 are not
    const after = await eventually(dc01Available, (available) => available === before + 15, 15_000);
    expect(after).toBe(before + 15);
  });

  it("hides another partner's shipments, and refuses an invalid warehouse event without applying it", async () => {
    const placed = await b2b('/orders', { headers: { 'idempotency-key': 'guarded-1' }, body: order('PO-GUARD', [{ sku: 'SKU-1003', quantity: 2 }]) });
    const { orderId, erpOrderNumber } = placed.body;
    const globex = await tokenFor(stack.experienceUrl, 'globex', 'globex-demo-secret');
    const foreign = await call(`${stack.experienceUrl}/b2b/v1/orders/${orderId}/shipments`, { headers: { authorization: `Bearer ${globex}` } });
    expect(foreign.status).toBe(404);

    const [wmsOrder] = await eventually(
      () => wmsOrders(erpOrderNumber),
      (orders) => orders.length === 1,
    );
    await eventually(
      () => b2b(`/orders/${orderId}`),
      (r) => r.body.legs?.[0]?.status === 'released',
    );
    // delivered before it was ever shipped: not applied
    const delivered = await call(`${stack.processUrl}/v1/events`, {
      headers: await serviceHeaders('process-apis', 'system-apis'),
      body: {
        id: 'd7e1c0de-0000-4000-8000-000000000001',
        type: 'shipment.delivered',
        version: 1,
        occurredAt: new Date().toISOString(),
        correlationId: 'e2e-invalid',
        source: 'system-apis/wms',
        subject: `order/${erpOrderNumber}`,
        data: { warehouseId: wmsOrder.warehouseId, wmsOrderId: wmsOrder.id, erpOrderNumber, lines: [] },
      },
    });
    expect(delivered.status).toBe(202);
    const exceptions = await eventually(
      async () => call(`${stack.processUrl}/v1/ops/order-exceptions?orderId=${orderId}`, { headers: await stack.opsHeaders() }),
      (r) => r.body.exceptions?.length > 0,
    );
    const after = await b2b(`/orders/${orderId}`);
    expect(after.body.legs[0].status).toBe('released');
    expect(after.body.status).toBe('released');
    expect(exceptions.body.exceptions).toEqual([
      {
        id: expect.any(String),
        orderId,
        eventId: 'd7e1c0de-0000-4000-8000-000000000001',
        correlationId: expect.any(String),
        status: 'open',
        eventType: 'shipment.delivered',
        reason: expect.stringContaining('delivered before it was shipped'),
        warehouseId: wmsOrder.warehouseId,
        at: expect.any(String),
      },
    ]);
  });

  it('keeps an order on credit hold away from the warehouse until the ERP lifts the block, then releases it', async () => {
    const { PartnerRepository } = await import('../apps/experience-apis/src/auth/partner.repository.js');
    await stack.experience.get(PartnerRepository).seed([{ partnerId: 'held-co', name: 'Held Co', customerId: '10100005', secret: 'held-secret' }]);
    const held = await tokenFor(stack.experienceUrl, 'held-co', 'held-secret');
    const as = (path: string, init: Parameters<typeof call>[1] = {}) =>
      call(`${stack.experienceUrl}/b2b/v1${path}`, { ...init, headers: { authorization: `Bearer ${held}`, ...init.headers } });
    const placed = await as('/orders', { headers: { 'idempotency-key': 'held-1' }, body: order('PO-HELD', [{ sku: 'SKU-1004', quantity: 3 }]) });
    expect(placed.body).toMatchObject({ status: 'on_hold', statusReason: 'CREDIT_BLOCK' });
    const { orderId, erpOrderNumber } = placed.body;

    // several rechecks later it is still held, and the WMS has nothing
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await wmsOrders(erpOrderNumber)).toEqual([]);
    expect((await as(`/orders/${orderId}`)).body.status).toBe('on_hold');

    const lifted = await call(`${stack.sandboxUrl}/control/erp/customers/10100005/credit-block`, { method: 'PUT', body: { blocked: false } });
    expect(lifted.status).toBe(200);
    const released = await eventually(
      () => as(`/orders/${orderId}`),
      (r) => r.body.status === 'released',
      15_000,
    );
    expect(released.body.status).toBe('released');
    expect(released.body.legs).toEqual([{ warehouseId: expect.any(String), status: 'released', promisedShipDate: expect.any(String) }]);
    expect(await wmsOrders(erpOrderNumber)).toHaveLength(1);
  });
});
