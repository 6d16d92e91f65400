import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, order, sandboxCalls, tokenFor } from './support/http.js';
import { TestStack } from './support/stack.js';

describe('idempotent order placement at the partner edge', () => {
  let stack: TestStack;
  let acme: string;
  let globex: string;

  beforeAll(async () => {
    stack = await TestStack.start();
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    globex = await tokenFor(stack.experienceUrl, 'globex', 'globex-demo-secret');
  });
  afterAll(() => stack?.stop());

  const place = (token: string, key: string | undefined, body: unknown) =>
    call(`${stack.experienceUrl}/b2b/v1/orders`, { headers: { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) }, body });

  const erpOrderPosts = async (purchaseOrderNumber: string) => {
    const calls = await sandboxCalls(stack.sandboxUrl, 'erp');
    const posts = calls.filter((c) => c.method === 'POST' && c.path.includes('A_SalesOrder'));
    // the call log has no bodies, so count the ERP's orders for the PO instead, through its own API
    const erp = await call(
      `${stack.sandboxUrl}/sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder?$filter=PurchaseOrderByCustomer eq '${purchaseOrderNumber}'`,
      { headers: { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` } },
    );
    return { posts: posts.length, orders: erp.body.d.results.length as number };
  };

  it('requires an Idempotency-Key', async () => {
    const response = await place(acme, undefined, order('PO-NOKEY', [{ sku: 'SKU-1006', quantity: 1 }]));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('IDEMPOTENCY.KEY_MISSING');
  });

  it('answers the same key and body with the same response and creates one ERP order', async () => {
    const body = order('PO-IDEM-1', [{ sku: 'SKU-1006', quantity: 3 }]);
    const before = await erpOrderPosts('PO-IDEM-1');
    const first = await place(acme, 'idem-1', body);
    const second = await place(acme, 'idem-1', body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const after = await erpOrderPosts('PO-IDEM-1');
    expect(after.posts - before.posts).toBe(1);
    expect(after.orders).toBe(1);
  });

  it('refuses the same key with another body (422) and keeps the keys of two partners apart', async () => {
    await place(acme, 'idem-2', order('PO-IDEM-2', [{ sku: 'SKU-1006', quantity: 1 }]));
    const other = await place(acme, 'idem-2', order('PO-IDEM-2', [{ sku: 'SKU-1006', quantity: 2 }]));
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');

    // globex may use the same key for its own order
    const globexOrder = await place(globex, 'idem-2', order('PO-GLOBEX-2', [{ sku: 'SKU-1006', quantity: 1 }]));
    expect(globexOrder.status).toBe(201);
    expect(globexOrder.body.purchaseOrderNumber).toBe('PO-GLOBEX-2');
  });

  it('lets exactly one of two concurrent requests with the same key place the order', async () => {
    const body = order('PO-RACE-1', [{ sku: 'SKU-1007', quantity: 2 }]);
    const results = await Promise.all([place(acme, 'race-1', body), place(acme, 'race-1', body), place(acme, 'race-1', body)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = results.filter((r) => r.status === 201);
    expect(new Set(created.map((r) => r.body.orderId)).size).toBe(1);
    for (const conflict of results.filter((r) => r.status === 409)) expect(conflict.body.code).toBe('IDEMPOTENCY.IN_FLIGHT');
    expect((await erpOrderPosts('PO-RACE-1')).orders).toBe(1);

    // once the winner is done, a retry gets its answer
    const retry = await place(acme, 'race-1', body);
    expect(retry.status).toBe(201);
    expect(retry.body.orderId).toBe(created[0].body.orderId);
  });

  it('remembers a key across a restart of the experience app', async () => {
    const body = order('PO-RESTART-1', [{ sku: 'SKU-1008', quantity: 4 }]);
    const first = await place(acme, 'restart-1', body);
    expect(first.status).toBe(201);
    await stack.restartExperience();
    const token = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    const again = await place(token, 'restart-1', body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await erpOrderPosts('PO-RESTART-1')).orders).toBe(1);
    // a token issued before the restart still works: the signing key is not per process
    const old = await call(`${stack.experienceUrl}/b2b/v1/orders/${first.body.orderId}`, { headers: { authorization: `Bearer ${acme}` } });
    expect(old.status).toBe(200);
  });
});
