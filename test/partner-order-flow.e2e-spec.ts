import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, clearSandboxCalls, order, sandboxCalls, tokenFor } from './support/http.js';
import { TestStack } from './support/stack.js';

describe('partner order flow through experience -> process -> system -> sandbox', () => {
  let stack: TestStack;
  let acme: string;
  let globex: string;
  const erpAuth = { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` };

  beforeAll(async () => {
    stack = await TestStack.start();
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    globex = await tokenFor(stack.experienceUrl, 'globex', 'globex-demo-secret');
  });
  afterAll(() => stack?.stop());

  const b2b = (path: string, token: string, init: Parameters<typeof call>[1] = {}) =>
    call(`${stack.experienceUrl}/b2b/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });

  it('issues a bearer token for form and JSON client-credentials requests, and refuses a wrong secret', async () => {
    const json = await call(`${stack.experienceUrl}/oauth/token`, {
      body: { grant_type: 'client_credentials', client_id: 'acme', client_secret: 'acme-demo-secret' },
    });
    expect(json.status).toBe(200);
    expect(json.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });

    const wrong = await call(`${stack.experienceUrl}/oauth/token`, {
      body: { grant_type: 'client_credentials', client_id: 'acme', client_secret: 'nope-nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(wrong.body).toMatchObject({ status: 401, error: 'invalid_client', code: 'AUTH.INVALID_CLIENT' });

    const grant = await call(`${stack.experienceUrl}/oauth/token`, { body: { grant_type: 'password', client_id: 'acme', client_secret: 'acme-demo-secret' } });
    expect(grant.status).toBe(400);
    expect(grant.body.error).toBe('unsupported_grant_type');
  });

  it("lists the items with the partner's contract prices, page by page", async () => {
    const first = await b2b('/items?limit=10', acme);
    expect(first.status).toBe(200);
    expect(first.headers.get('www-authenticate')).toBeNull(); // a challenge belongs on a 401 only
    expect(first.body.items).toHaveLength(10);
    expect(first.body.items[0]).toEqual({
      sku: expect.stringMatching(/^SKU-/),
      description: expect.any(String),
      unitOfMeasure: 'EA',
      packSize: expect.any(Number),
      price: { amount: expect.any(Number), currency: expect.any(String) },
    });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await b2b(`/items?limit=10&cursor=${first.body.nextCursor}`, acme);
    expect(second.status).toBe(200);
    const skus = [...first.body.items, ...second.body.items].map((i: { sku: string }) => i.sku);
    expect(new Set(skus).size).toBe(skus.length);

    // contract prices differ per customer: at least one SKU is priced differently for acme and globex
    const acmeAll = await b2b('/items?limit=200', acme);
    const globexAll = await b2b('/items?limit=200', globex);
    const globexPrice = new Map(globexAll.body.items.map((i: { sku: string; price: { amount: number } }) => [i.sku, i.price.amount]));
    expect(
      acmeAll.body.items.some((i: { sku: string; price: { amount: number } }) => globexPrice.has(i.sku) && globexPrice.get(i.sku) !== i.price.amount),
    ).toBe(true);
  });

  it('answers availability per warehouse, in eaches and in cases', async () => {
    const each = await b2b('/availability?sku=SKU-1001&quantity=24', acme);
    expect(each.status).toBe(200);
    // the foundation's fields, as published; promising added ship dates, inbound supply and staleness
    expect(each.body).toMatchObject({
      sku: 'SKU-1001',
      requestedQuantity: 24,
      uom: 'EA',
      totalAvailable: expect.any(Number),
      warehouses: expect.arrayContaining([expect.objectContaining({ warehouseId: expect.any(String), available: expect.any(Number) })]),
      asOf: expect.any(String),
      stale: false,
    });
    expect(each.body.warehouses.length).toBe(3);
    expect(each.body.totalAvailable).toBe(each.body.warehouses.reduce((s: number, w: { available: number }) => s + w.available, 0));

    const cases = await b2b('/availability?sku=SKU-1001&quantity=1&uom=CS', acme);
    expect(cases.status).toBe(200);
    expect(cases.body.totalAvailable).toBeLessThan(each.body.totalAvailable);
    expect(cases.body.totalAvailable).toBeGreaterThan(0);
  });

  it('places an order end to end, reads it back, and the ERP holds it with the native fields', async () => {
    const correlationId = `e2e-order-${Date.now()}`;
    const placed = await b2b('/orders', acme, {
      headers: { 'idempotency-key': `flow-${Date.now()}`, 'x-correlation-id': correlationId },
      body: order('PO-FLOW-1', [
        { sku: 'SKU-1002', quantity: 24 },
        { sku: 'SKU-1003', quantity: 2, uom: 'CS' },
      ]),
    });
    expect(placed.status).toBe(201);
    expect(placed.headers.get('x-correlation-id')).toBe(correlationId);
    expect(placed.body).toMatchObject({
      orderId: expect.any(String),
      purchaseOrderNumber: 'PO-FLOW-1',
      status: 'accepted',
      erpOrderNumber: expect.any(String),
    });
    expect(placed.body.lines).toHaveLength(2);
    expect(placed.body.lines[1]).toMatchObject({ sku: 'SKU-1003', quantity: 2, uom: 'CS', status: 'accepted' });
    expect(placed.body.totalAmount.amount).toBeGreaterThan(0);

    const read = await b2b(`/orders/${placed.body.orderId}`, acme);
    expect(read.status).toBe(200);
    // the order as placed, and by now released to its warehouse (status, legs and shipments follow the fulfilment)
    const { status: _placedStatus, updatedAt: _placedAt, ...asPlaced } = placed.body;
    expect(read.body).toMatchObject({ ...asPlaced, legs: expect.any(Array), shipments: expect.any(Array) });
    expect(['accepted', 'released']).toContain(read.body.status);

    const erp = await call(`${stack.sandboxUrl}/sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder('${placed.body.erpOrderNumber}')?$expand=to_Item`, {
      headers: erpAuth,
    });
    expect(erp.status).toBe(200);
    expect(erp.body.d).toMatchObject({ SalesOrder: placed.body.erpOrderNumber, SoldToParty: '10100001', PurchaseOrderByCustomer: 'PO-FLOW-1' });
    const items = erp.body.d.to_Item.results;
    expect(items.map((i: { Material: string }) => i.Material)).toEqual(['SKU-1002', 'SKU-1003']);
    expect(Number(items[1].RequestedQuantity)).toBe(2);
    expect(items[1].RequestedQuantityUnit).toBe('CS');
    expect(Number(erp.body.d.TotalNetAmount)).toBeCloseTo(placed.body.totalAmount.amount, 2);

    // one correlation id from the partner's request down to the ERP and the OMS
    const erpCalls = await sandboxCalls(stack.sandboxUrl, 'erp');
    expect(erpCalls.filter((c) => c.correlationId === correlationId && c.method === 'POST')).toHaveLength(1);
    const omsCalls = await sandboxCalls(stack.sandboxUrl, 'oms');
    expect(omsCalls.some((c) => c.correlationId === correlationId)).toBe(true);
  });

  it("accepts a credit-blocked customer's order on hold, not released, and says why", async () => {
    const experience = stack.experience;
    // the demo partners map to customers in good standing, so use the partner repository to add one on credit block
    const { PartnerRepository } = await import('../apps/experience-apis/src/auth/partner.repository.js');
    await experience.get(PartnerRepository).seed([{ partnerId: 'blocked-co', name: 'Blocked Co', customerId: '10100005', secret: 'blocked-secret' }]);
    const token = await tokenFor(stack.experienceUrl, 'blocked-co', 'blocked-secret');
    const placed = await b2b('/orders', token, {
      headers: { 'idempotency-key': 'blocked-1' },
      body: order('PO-BLOCKED-1', [{ sku: 'SKU-1004', quantity: 5 }]),
    });
    expect(placed.status).toBe(201);
    expect(placed.body.status).toBe('on_hold');
    expect(placed.body.statusReason).toBe('CREDIT_BLOCK');
    const erp = await call(`${stack.sandboxUrl}/sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder('${placed.body.erpOrderNumber}')`, { headers: erpAuth });
    expect(erp.body.d.TotalCreditCheckStatus).toBe('B');
  });

  it("refuses a missing token, an expired token, and hides another partner's order", async () => {
    const none = await call(`${stack.experienceUrl}/b2b/v1/items`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(none.headers.get('www-authenticate')).toContain('Bearer');

    // signed with the gateway's own current key: only its expiry is wrong
    const expired = await stack.signAccessToken({ cid: '10100001', scope: 'b2b', ver: 1 }, 'acme', {
      iat: Math.floor(Date.now() / 1000) - 7200,
      exp: Math.floor(Date.now() / 1000) - 3600,
    });
    const late = await b2b('/items', expired);
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('AUTH.TOKEN_EXPIRED');

    const forged = await b2b('/items', `${acme.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);

    const mine = await b2b('/orders', acme, { headers: { 'idempotency-key': 'mine-1' }, body: order('PO-MINE-1', [{ sku: 'SKU-1005', quantity: 1 }]) });
    expect(mine.status).toBe(201);
    const theirs = await b2b(`/orders/${mine.body.orderId}`, globex);
    expect(theirs.status).toBe(404);
    expect(theirs.body).toMatchObject({ status: 404, code: 'ORDER.NOT_FOUND' });
    const unknown = await b2b('/orders/not-a-uuid', acme);
    expect(unknown.status).toBe(404);
  });

  it('keeps the partner out of the body: a customerId sent in the order is refused', async () => {
    await clearSandboxCalls(stack.sandboxUrl);
    const sneaky = await b2b('/orders', acme, {
      headers: { 'idempotency-key': 'sneaky-1', 'x-correlation-id': 'sneaky-order-1' },
      body: { ...order('PO-SNEAKY', [{ sku: 'SKU-1005', quantity: 1 }]), customerId: '10100002' },
    });
    expect(sneaky.status).toBe(400);
    expect(sneaky.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'customerId' })]));
    // Background jobs (the credit re-check) may read the ERP meanwhile; this request must not reach it at all.
    const erpCalls = await sandboxCalls(stack.sandboxUrl, 'erp');
    expect(erpCalls.filter((erpCall) => erpCall.correlationId === 'sneaky-order-1' || erpCall.method !== 'GET')).toEqual([]);
  });

  it('serves health and the OpenAPI document in every layer', async () => {
    for (const url of [stack.experienceUrl, stack.processUrl, stack.systemUrl]) {
      const live = await call(`${url}/health/live`);
      expect(live.status).toBe(200);
      const ready = await call(`${url}/health/ready`);
      expect(ready.status).toBe(200);
      const docs = await call(`${url}/docs/json`);
      expect(docs.status).toBe(200);
      expect(docs.body.openapi).toMatch(/^3\./);
    }
    const ready = await call(`${stack.processUrl}/health/ready`);
    expect(ready.body.details.database).toMatchObject({ status: 'up', kind: stack.databaseKind });
  });
});
