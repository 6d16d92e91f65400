import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, eventually, order, tokenFor } from './support/http.js';
import { serviceHeaders, signedWmsEvent, TestStack } from './support/stack.js';

const OMS_AUTH = { 'x-oms-token': 'sandbox-oms-token' };
const ERP_AUTH = `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}`;
const SHIPMENT_GRACE_MS = 1_000;

interface Finding {
  findingId: string;
  runId: string;
  check: string;
  kind: string;
  key: string;
  keys: Record<string, string>;
  expected: any;
  actual: any;
  action: string;
  repairDetail?: string;
  resolvedBy?: string;
}

interface Invoice {
  invoiceId: string;
  status: string;
  erpBillingDocument?: string;
  lines: { quantity: number }[];
}

/** What a finding is, in one comparable line. */
const summary = (f: Finding) => [f.check, f.kind, f.key, f.action];

describe('reconciliation: drift seeded in stock, orders, shipments and invoices is found in one run and the safe ones are repaired', () => {
  let stack: TestStack;
  let acme: string;
  let ops: Record<string, string>;
  const b2b = (path: string, init: Parameters<typeof call>[1] = {}) =>
    call(`${stack.experienceUrl}/b2b/v1${path}`, { ...init, headers: { authorization: `Bearer ${acme}`, ...init.headers } });
  const control = (path: string, init: Parameters<typeof call>[1] = {}) => call(`${stack.sandboxUrl}/control${path}`, init);
  const reconcile = async () => call(`${stack.processUrl}/v1/ops/reconciliation-runs`, { method: 'POST', headers: ops });
  const wmsOrders = async (erpOrderNumber: string) =>
    (await control(`/wms/fulfillment-orders?erpOrderNumber=${erpOrderNumber}`)).body.orders as { id: string; warehouseId: string; status: string }[];
  const erpBillingDocuments = async (externalReference: string) =>
    (
      await call(
        `${stack.sandboxUrl}/sap/opu/odata/sap/API_BILLING_DOCUMENT_SRV/A_BillingDocument?$filter=${encodeURIComponent(`YY1_ExternalReference eq '${externalReference}'`)}`,
        { headers: { authorization: ERP_AUTH } },
      )
    ).body.d.results as { BillingDocument: string }[];

  const omsOrderOf = async (erpOrderNumber: string) =>
    (await call(`${stack.sandboxUrl}/oms/api/v2/orders?erp_ref=${erpOrderNumber}`, { headers: OMS_AUTH })).body.items[0];

  /** Places an order of one sku and waits until its legs are released to the warehouse. */
  async function released(po: string, sku: string, quantity: number): Promise<{ orderId: string; erpOrderNumber: string; wmsOrderId: string }> {
    const placed = await b2b('/orders', { headers: { 'idempotency-key': `recon-${po}` }, body: order(po, [{ sku, quantity }]) });
    expect(placed.status).toBe(201);
    const { orderId, erpOrderNumber } = placed.body;
    await eventually(
      () => b2b(`/orders/${orderId}`),
      (r) => r.body.status === 'released',
    );
    const [wms] = await wmsOrders(erpOrderNumber);
    return { orderId, erpOrderNumber, wmsOrderId: wms.id };
  }

  async function invoicedOnce(orderId: string): Promise<Invoice> {
    const view = await eventually(
      () => b2b(`/orders/${orderId}`),
      (r) => r.body.invoices?.length === 1 && r.body.invoices[0].status === 'open',
      15_000,
    );
    expect(view.body.invoices).toHaveLength(1);
    return view.body.invoices[0];
  }

  /** Every WMS event emitted so far was delivered (or dropped on purpose), and the gateway has applied it. */
  async function settled(): Promise<void> {
    await eventually(
      async () => (await control('/wms/events')).body.events as { status: string }[],
      (events) => events.every((e) => e.status === 'delivered' || e.status === 'dropped'),
    );
    await sleep(300);
  }

  beforeAll(async () => {
    stack = await TestStack.start({ reconciliation: { settleMs: 300, shipmentGraceMs: SHIPMENT_GRACE_MS } });
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    ops = await stack.opsHeaders();
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('is for operators only', async () => {
    expect((await call(`${stack.processUrl}/v1/ops/reconciliation-runs`, { method: 'POST' })).status).toBe(401);
    const service = await serviceHeaders('process-apis');
    expect((await call(`${stack.processUrl}/v1/ops/reconciliation-runs`, { method: 'POST', headers: service })).status).toBe(403);
    expect((await call(`${stack.processUrl}/v1/ops/reconciliation-runs`, { headers: service })).status).toBe(403);
    expect((await call(`${stack.processUrl}/v1/ops/reconciliation-findings`)).status).toBe(401);
  });

  it('a clean gateway reconciles with nothing to report', async () => {
    const clean = await released('PO-RECON-CLEAN-0', 'SKU-1012', 2);
    expect((await control(`/wms/fulfillment-orders/${clean.wmsOrderId}/ship`, { body: {} })).status).toBe(202);
    await invoicedOnce(clean.orderId);
    await settled();
    await sleep(SHIPMENT_GRACE_MS);

    const run = await reconcile();
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ trigger: 'on_demand', requestedBy: 'ops', status: 'completed', findings: [] });
    expect(run.body.checks.stock).toMatchObject({ status: 'completed', findings: 0 });
    expect(run.body.checks.stock.compared).toBeGreaterThan(0);
    expect(run.body.checks.orders).toMatchObject({ status: 'completed', compared: 1, findings: 0 });
    expect(run.body.checks.shipments).toMatchObject({ status: 'completed', compared: 1, findings: 0 });
    expect(run.body.checks.invoices).toMatchObject({ status: 'completed', compared: 1, findings: 0 });
  });

  it('finds every seeded drift in one run, repairs the safe ones, leaves the rest as exceptions, and a second run finds only those', async () => {
    // a clean order, shipped and invoiced: it must not be reported
    const clean = await released('PO-RECON-CLEAN', 'SKU-1003', 5);
    expect((await control(`/wms/fulfillment-orders/${clean.wmsOrderId}/ship`, { body: {} })).status).toBe(202);
    await invoicedOnce(clean.orderId);

    // (d) an invoice issued in the ERP, whose billing document then vanishes from the ERP
    const billed = await released('PO-RECON-BILLED', 'SKU-1004', 4);
    expect((await control(`/wms/fulfillment-orders/${billed.wmsOrderId}/ship`, { body: {} })).status).toBe(202);
    const lostInvoice = await invoicedOnce(billed.orderId);
    expect(lostInvoice.erpBillingDocument).toEqual(expect.any(String));
    expect((await control(`/erp/billing-documents/${lostInvoice.erpBillingDocument}`, { method: 'DELETE' })).status).toBe(204);
    expect(await erpBillingDocuments(lostInvoice.invoiceId)).toEqual([]);

    // (c) a shipment whose WMS event is lost: the gateway stops at packed
    const unheard = await released('PO-RECON-SHIPPED', 'SKU-1006', 3);
    expect((await control('/wms/drift/drop-events', { method: 'PUT', body: { eventCodes: ['OB_SHIPPED'], count: 1 } })).status).toBe(200);
    expect((await control(`/wms/fulfillment-orders/${unheard.wmsOrderId}/ship`, { body: { carrier: 'FDEG', trackingNumber: 'FX-RECON' } })).status).toBe(202);
    await eventually(
      () => b2b(`/orders/${unheard.orderId}`),
      (r) => r.body.legs?.[0]?.status === 'packed',
    );

    // (b) an order the ERP lost, and one the OMS lost
    const noErp = await released('PO-RECON-NO-ERP', 'SKU-1007', 2);
    expect((await control(`/erp/sales-orders/${noErp.erpOrderNumber}`, { method: 'DELETE' })).status).toBe(204);
    const noOms = await released('PO-RECON-NO-OMS', 'SKU-1008', 2);
    const omsId = (await omsOrderOf(noOms.erpOrderNumber)).oms_id as string;
    expect((await control(`/oms/orders/${omsId}`, { method: 'DELETE' })).status).toBe(204);

    // (b) an OMS that missed the release (someone moved it back, or the transition was lost)
    const omsBehind = await released('PO-RECON-OMS-BEHIND', 'SKU-1009', 1);
    const omsBehindId = (await omsOrderOf(omsBehind.erpOrderNumber)).oms_id as string;
    expect(
      (await call(`${stack.sandboxUrl}/oms/api/v2/orders/${omsBehindId}/transitions`, { headers: OMS_AUTH, body: { to_state: 'CREATED', note: 'drift' } }))
        .status,
    ).toBe(200);

    // (a) stock written off in the WMS without its inventory event
    const drifted = await control('/wms/drift/stock', { body: { warehouseId: 'DC01', sku: 'SKU-1001', delta: -7 } });
    expect(drifted.status).toBe(200);
    const onHandInWms = drifted.body.onHand as number;
    await settled();
    await sleep(SHIPMENT_GRACE_MS);
    const availableBefore = (await b2b('/availability?sku=SKU-1001&quantity=1')).body.totalAvailable;

    const first = await reconcile();
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('completed');
    const findings = first.body.findings as Finding[];
    // exactly the seeded drift: nothing about the clean orders, invoices, shipments or stock
    expect(findings.map(summary).sort()).toEqual(
      [
        ['stock', 'stock_mismatch', 'SKU-1001@DC01', 'repaired'],
        ['orders', 'missing_in_erp', noErp.erpOrderNumber, 'exception'],
        ['orders', 'missing_in_oms', noOms.erpOrderNumber, 'exception'],
        ['orders', 'oms_status_mismatch', omsBehind.erpOrderNumber, 'repaired'],
        ['shipments', 'shipment_missing_in_gateway', unheard.wmsOrderId, 'repaired'],
        ['invoices', 'billing_document_missing', lostInvoice.invoiceId, 'repaired'],
      ].sort(),
    );
    const find = (check: string) => findings.find((f) => f.check === check)!;
    expect(find('stock')).toMatchObject({
      keys: { sku: 'SKU-1001', warehouseId: 'DC01' },
      expected: { onHand: onHandInWms },
      actual: { onHand: onHandInWms + 7 },
    });
    expect(findings.find((f) => f.kind === 'missing_in_oms')!.keys).toMatchObject({ orderId: noOms.orderId, omsOrderId: omsId });
    expect(findings.find((f) => f.kind === 'missing_in_erp')!.keys).toMatchObject({ orderId: noErp.orderId });
    expect(find('shipments').keys).toMatchObject({ orderId: unheard.orderId, warehouseId: 'DC01' });
    expect(first.body.checks).toMatchObject({
      stock: { status: 'completed', findings: 1, repaired: 1, exceptions: 0 },
      orders: { status: 'completed', findings: 3, repaired: 1, exceptions: 2 },
      shipments: { status: 'completed', findings: 1, repaired: 1, exceptions: 0 },
      invoices: { status: 'completed', findings: 1, repaired: 1, exceptions: 0 },
    });

    expect(findings.find((f) => f.kind === 'oms_status_mismatch')).toMatchObject({
      keys: { orderId: omsBehind.orderId, omsOrderId: omsBehindId },
      expected: { status: 'released' },
      actual: { status: 'created' },
    });
    // (b) repaired: the OMS shows the release again
    expect((await omsOrderOf(omsBehind.erpOrderNumber)).state).toBe('RELEASED');
    // (a) repaired: the projection has the WMS's figures, so 7 fewer are promised
    expect((await b2b('/availability?sku=SKU-1001&quantity=1')).body.totalAvailable).toBe(availableBefore - 7);
    // (c) repaired: the shipment is recorded once, the order shipped and invoiced once, as if the event had arrived
    const shipped = await eventually(
      () => b2b(`/orders/${unheard.orderId}`),
      (r) => r.body.status === 'shipped' && r.body.invoices?.[0]?.status === 'open',
      15_000,
    );
    expect(shipped.body.shipments).toHaveLength(1);
    expect(shipped.body.shipments[0]).toMatchObject({ warehouseId: 'DC01', carrier: 'FDEG', trackingNumber: 'FX-RECON' });
    expect(shipped.body.invoices).toHaveLength(1);
    expect(shipped.body.invoices[0].lines.reduce((sum: number, l: { quantity: number }) => sum + l.quantity, 0)).toBe(3);
    expect(await erpBillingDocuments(shipped.body.invoices[0].invoiceId)).toHaveLength(1);
    // (d) repaired: one new billing document, recorded on the invoice
    const reissued = await erpBillingDocuments(lostInvoice.invoiceId);
    expect(reissued).toHaveLength(1);
    const afterRepair = (await b2b(`/orders/${billed.orderId}`)).body.invoices as Invoice[];
    expect(afterRepair).toHaveLength(1);
    expect(afterRepair[0].erpBillingDocument).toBe(reissued[0].BillingDocument);
    expect(afterRepair[0].erpBillingDocument).not.toBe(lostInvoice.erpBillingDocument);

    // a second run: nothing new for what was repaired (the re-fetched shipment is not applied again); the exceptions stay
    await settled();
    const second = await reconcile();
    expect(second.status).toBe(201);
    expect((second.body.findings as Finding[]).map(summary).sort()).toEqual(
      [
        ['orders', 'missing_in_erp', noErp.erpOrderNumber, 'exception'],
        ['orders', 'missing_in_oms', noOms.erpOrderNumber, 'exception'],
      ].sort(),
    );
    expect((await b2b(`/orders/${unheard.orderId}/shipments`)).body.shipments).toHaveLength(1);
    expect(await erpBillingDocuments(lostInvoice.invoiceId)).toHaveLength(1);

    // the lost OB_SHIPPED turns up after all (a WMS replaying its outbox): still one shipment, one invoice
    const events = (await control('/wms/events')).body.events as { status: string; event: { event_code: string; ob_order_id?: string } }[];
    const lost = events.find((e) => e.status === 'dropped' && e.event.ob_order_id === unheard.wmsOrderId);
    expect(lost?.event.event_code).toBe('OB_SHIPPED');
    expect((await call(`${stack.systemUrl}/wms/v1/events/native`, signedWmsEvent(lost!.event))).status).toBe(202);
    await sleep(300);
    const afterLate = await b2b(`/orders/${unheard.orderId}`);
    expect(afterLate.body.shipments).toHaveLength(1);
    expect(afterLate.body.invoices).toHaveLength(1);

    // the runs are listed latest first and read back with their findings
    const list = await call(`${stack.processUrl}/v1/ops/reconciliation-runs`, { headers: ops });
    expect(list.status).toBe(200);
    expect(list.body.items.slice(0, 2).map((r: { runId: string }) => r.runId)).toEqual([second.body.runId, first.body.runId]);
    const readBack = await call(`${stack.processUrl}/v1/ops/reconciliation-runs/${first.body.runId}`, { headers: ops });
    expect(readBack.status).toBe(200);
    expect((readBack.body.findings as Finding[]).map(summary).sort()).toEqual(findings.map(summary).sort());
    expect((await call(`${stack.processUrl}/v1/ops/reconciliation-runs/7a1c2e34-8f90-4b1d-a2c3-5e6f7a8b9c0d`, { headers: ops })).status).toBe(404);

    // an exception is resolved by an operator (with every run's copy of it), audited; a repaired finding is not an exception
    const lostErp = findings.find((f) => f.kind === 'missing_in_erp')!;
    const resolved = await call(`${stack.processUrl}/v1/ops/reconciliation-findings/${lostErp.findingId}/resolve`, {
      headers: ops,
      body: { resolution: 'sales order re-entered by hand' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ findingId: lostErp.findingId, resolvedBy: 'ops', resolution: 'sales order re-entered by hand' });
    const again = await call(`${stack.processUrl}/v1/ops/reconciliation-findings/${lostErp.findingId}/resolve`, {
      headers: ops,
      body: { resolution: 'twice' },
    });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    const repaired = find('stock');
    expect(
      (await call(`${stack.processUrl}/v1/ops/reconciliation-findings/${repaired.findingId}/resolve`, { headers: ops, body: { resolution: 'x' } })).status,
    ).toBe(409);
    expect((await call(`${stack.processUrl}/v1/ops/reconciliation-findings/${lostErp.findingId}/resolve`, { headers: ops, body: {} })).status).toBe(400);
    const open = await call(`${stack.processUrl}/v1/ops/reconciliation-findings`, { headers: ops });
    // found by both runs, listed once (the second run's); the resolved one is gone
    expect((open.body.items as Finding[]).map((f) => [f.kind, f.key, f.runId])).toEqual([['missing_in_oms', noOms.erpOrderNumber, second.body.runId]]);
    const audit = await call(`${stack.processUrl}/v1/ops/audit?action=reconciliation.run`, { headers: ops });
    expect((audit.body.items as { target: string; actor: string }[]).map((e) => e.target)).toEqual(
      expect.arrayContaining([first.body.runId, second.body.runId]),
    );
  });
  it('runs one at a time: a second asked for while one runs is 409', async () => {
    // drift makes the run wait RECONCILIATION_SETTLE_MS for its second read, so the two overlap
    await control('/wms/drift/stock', { body: { warehouseId: 'DC03', sku: 'SKU-1001', delta: 3 } });
    const both = await Promise.all([reconcile(), sleep(50).then(reconcile)]);
    expect(both.map((r) => r.status)).toEqual([201, 409]);
    expect(both[1].body).toMatchObject({ status: 409, code: 'RECONCILIATION.RUN_IN_PROGRESS' });
    // (the order exceptions of the test before are still there: found again until someone puts them right)
    expect((both[0].body.findings as Finding[]).filter((f) => f.check === 'stock').map(summary)).toEqual([
      ['stock', 'stock_mismatch', 'SKU-1001@DC03', 'repaired'],
    ]);
    expect((await reconcile()).body.findings.filter((f: Finding) => f.check === 'stock')).toEqual([]);
  });

  it('a backend that cannot be read fails the checks that need it (and so the run); the other checks still compare', async () => {
    await control('/erp/faults', { method: 'PUT', body: { down: true } });
    try {
      const run = await reconcile();
      expect(run.status).toBe(201);
      expect(run.body.status).toBe('failed');
      expect(run.body.checks.stock).toMatchObject({ status: 'completed', findings: 0 });
      expect(run.body.checks.shipments).toMatchObject({ status: 'completed' });
      expect(run.body.checks.orders).toMatchObject({ status: 'failed', error: expect.any(String) });
      expect(run.body.checks.invoices).toMatchObject({ status: 'failed', error: expect.any(String) });
    } finally {
      await control('/erp/faults', { method: 'DELETE' });
    }
  });
});

describe('reconciliation on a schedule', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await TestStack.start({ reconciliation: { intervalMs: 300, settleMs: 100 } });
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('runs by itself every RECONCILIATION_INTERVAL_MS and finds drift seeded meanwhile', async () => {
    const ops = await stack.opsHeaders();
    const runs = async () =>
      (await call(`${stack.processUrl}/v1/ops/reconciliation-runs`, { headers: ops })).body.items as { runId: string; trigger: string; status: string }[];
    await eventually(runs, (items) => items.some((r) => r.trigger === 'scheduled' && r.status === 'completed'));
    await call(`${stack.sandboxUrl}/control/wms/drift/stock`, { body: { warehouseId: 'DC02', sku: 'SKU-1005', delta: 5 } });
    const found = await eventually(
      async () => {
        for (const run of (await runs()).filter((r) => r.trigger === 'scheduled' && r.status === 'completed')) {
          const findings = (await call(`${stack.processUrl}/v1/ops/reconciliation-runs/${run.runId}`, { headers: ops })).body.findings as Finding[];
          const stock = findings.find((f) => f.key === 'SKU-1005@DC02');
          if (stock) return stock;
        }
        return undefined;
      },
      (finding) => finding !== undefined,
    );
    expect(found).toMatchObject({ check: 'stock', kind: 'stock_mismatch', action: 'repaired' });
  });
});
