import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { call, eventually, order, tokenFor, type JsonResponse } from './support/http.js';
import { erpOrdersFor } from './support/erp.js';
import { TestStack } from './support/stack.js';

/**
 * An order attempt that fails after its stock was reserved (OMS down or slow, the ERP's answer
 * lost) is retried with the same Idempotency-Key until it converges: one gateway order, one ERP
 * sales order for the PO, the stock reserved once. A new key for the same PO never makes a
 * second ERP order either.
 */
describe('retrying a failed order attempt converges to one order and one ERP sales order', () => {
  let stack: TestStack;
  let acme: string;

  beforeAll(async () => {
    // a short breaker reset, so the breaker a failed attempt opened lets the retry through quickly
    stack = await TestStack.start({ breaker: { resetTimeoutMs: 500, timeoutMs: 2_000 } });
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
  });
  afterEach(async () => {
    for (const system of ['erp', 'oms']) await call(`${stack.sandboxUrl}/control/${system}/faults`, { method: 'DELETE' });
  });
  afterAll(() => stack?.stop());

  const place = (key: string, body: unknown) =>
    call(`${stack.experienceUrl}/b2b/v2/orders`, { headers: { authorization: `Bearer ${acme}`, 'idempotency-key': key }, body });

  /** Retries with the same key while the answer says to (409 in flight, 5xx), as a partner would. */
  const retryUntilSettled = (key: string, body: unknown): Promise<JsonResponse> =>
    eventually(
      () => place(key, body),
      (response) => response.status !== 409 && response.status < 500,
      30_000,
      250,
    );

  /** Eaches available now over every warehouse. */
  const held = async (sku: string): Promise<number> => {
    const availability = await call(`${stack.experienceUrl}/b2b/v2/availability?sku=${sku}&quantity=1&uom=EA`, {
      headers: { authorization: `Bearer ${acme}` },
    });
    return availability.body.totalAvailable as number;
  };

  const expectOneErpOrder = async (purchaseOrderNumber: string, erpOrderNumber: string) => {
    const erp = await erpOrdersFor(stack.sandboxUrl, '10100001', purchaseOrderNumber);
    expect(erp.map((o) => o.SalesOrder)).toEqual([erpOrderNumber]);
  };

  it('OMS down after the stock was reserved: the same key places the order once the OMS is back', async () => {
    const body = order('PO-RETRY-OMS-DOWN', [{ sku: 'SKU-1011', quantity: 5, uom: 'EA' }]);
    const before = await held('SKU-1011');
    await call(`${stack.sandboxUrl}/control/oms/faults`, { method: 'PUT', body: { errorRate: 1 } });
    const failed = await place('retry-oms-down', body);
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(failed.headers.get('content-type')).toContain('application/problem+json');
    // the partner is told a retry with this same key is safe
    expect(failed.body.retrySameKey).toBe(true);
    expect(Number(failed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    await call(`${stack.sandboxUrl}/control/oms/faults`, { method: 'DELETE' });
    const retried = await retryUntilSettled('retry-oms-down', body);
    expect(retried.status).toBe(201);
    expect(retried.body.status).toBe('accepted');
    await expectOneErpOrder('PO-RETRY-OMS-DOWN', retried.body.erpOrderNumber);

    // the stock was reserved once, not once per attempt
    const after = await held('SKU-1011');
    expect(before - after).toBe(5);

    const again = await place('retry-oms-down', body);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.orderId).toBe(retried.body.orderId);
  });

  it('OMS slower than the timeout: retries converge on one order, the OMS order registered late is adopted', async () => {
    const body = order('PO-RETRY-OMS-SLOW', [{ sku: 'SKU-1012', quantity: 2, uom: 'EA' }]);
    await call(`${stack.sandboxUrl}/control/oms/faults`, { method: 'PUT', body: { latencyMs: 2_500 } });
    const failed = await place('retry-oms-slow', body);
    expect(failed.status).toBe(503);
    expect(failed.body.retrySameKey).toBe(true);

    await call(`${stack.sandboxUrl}/control/oms/faults`, { method: 'DELETE' });
    const retried = await retryUntilSettled('retry-oms-slow', body);
    expect(retried.status).toBe(201);
    await expectOneErpOrder('PO-RETRY-OMS-SLOW', retried.body.erpOrderNumber);
    const oms = await call(`${stack.sandboxUrl}/oms/api/v2/orders?channel_ref=${encodeURIComponent(`b2b:acme:${retried.body.orderId}`)}`, {
      headers: { 'x-oms-token': 'sandbox-oms-token' },
    });
    expect(oms.body.items).toHaveLength(1);
  });

  it('ERP answer lost: the ERP created the order but the gateway never heard; the retry adopts it', async () => {
    const body = order('PO-RETRY-ERP-LOST', [{ sku: 'SKU-1013', quantity: 1, uom: 'EA' }]);
    await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'PUT', body: { loseWriteAnswers: true } });
    const failed = await place('retry-erp-lost', body);
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(failed.body.retrySameKey).toBe(true);
    // the ERP holds the order the gateway does not know of yet
    expect(await erpOrdersFor(stack.sandboxUrl, '10100001', 'PO-RETRY-ERP-LOST')).toHaveLength(1);

    await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'DELETE' });
    const retried = await retryUntilSettled('retry-erp-lost', body);
    expect(retried.status).toBe(201);
    await expectOneErpOrder('PO-RETRY-ERP-LOST', retried.body.erpOrderNumber);
  });

  it('a new key for the PO of a failed attempt adopts its ERP order; a new key for a placed PO is 409 naming the order', async () => {
    const body = order('PO-RETRY-NEW-KEY', [{ sku: 'SKU-1014', quantity: 3, uom: 'EA' }]);
    const before = await held('SKU-1014');
    await call(`${stack.sandboxUrl}/control/oms/faults`, { method: 'PUT', body: { errorRate: 1 } });
    const failed = await place('retry-new-key-1', body);
    expect(failed.status).toBeGreaterThanOrEqual(500);
    await call(`${stack.sandboxUrl}/control/oms/faults`, { method: 'DELETE' });

    const placed = await retryUntilSettled('retry-new-key-2', body);
    expect(placed.status).toBe(201);
    await expectOneErpOrder('PO-RETRY-NEW-KEY', placed.body.erpOrderNumber);
    expect(before - (await held('SKU-1014'))).toBe(3);

    // the same PO again under yet another key, or the first (failed) key: refused, naming the order
    for (const key of ['retry-new-key-3', 'retry-new-key-1']) {
      const duplicate = await place(key, body);
      expect(duplicate.status).toBe(409);
      expect(duplicate.headers.get('content-type')).toContain('application/problem+json');
      expect(duplicate.body.code).toBe('ORDER.DUPLICATE_PURCHASE_ORDER');
      expect(duplicate.body.existingOrderId).toBe(placed.body.orderId);
      expect(duplicate.body.detail).toContain(placed.body.orderId);
    }
    await expectOneErpOrder('PO-RETRY-NEW-KEY', placed.body.erpOrderNumber);
    const listed = await call(`${stack.experienceUrl}/b2b/v2/orders?purchaseOrderNumber=PO-RETRY-NEW-KEY`, { headers: { authorization: `Bearer ${acme}` } });
    expect(listed.body.orders.map((o: { orderId: string }) => o.orderId)).toEqual([placed.body.orderId]);
  });
});

/**
 * A crowd of retries after a restart makes every attempt slow to reach the ERP create. An attempt
 * counts its in-flight time again from the create, so being slow before it costs nothing: the
 * order is placed, once, however long the ERP's reads took.
 */
describe('an order attempt slow to reach the ERP create still places the order, once', () => {
  const IN_FLIGHT_TIMEOUT_MS = 4_000;
  /** Each ERP call takes this long: the reads before the create (customer, prices) outlast half the in-flight timeout. */
  const ERP_LATENCY_MS = 1_100;
  let stack: TestStack;
  let acme: string;

  beforeAll(async () => {
    stack = await TestStack.start({ breaker: { resetTimeoutMs: 500, timeoutMs: 3_000 }, inFlightTimeoutMs: IN_FLIGHT_TIMEOUT_MS });
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
  });
  afterAll(async () => {
    await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'DELETE' });
    await stack?.stop();
  });

  it('places it with the same key after a slow first answer; the ERP holds one sales order for the PO', async () => {
    const po = `PO-RETRY-SLOW-${Date.now().toString(36).toUpperCase()}`;
    const body = order(po, [{ sku: 'SKU-1015', quantity: 1, uom: 'EA' }]);
    await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'PUT', body: { latencyMs: ERP_LATENCY_MS } });
    const answers: number[] = [];
    const settled = await eventually(
      async () => {
        const response = await call(`${stack.experienceUrl}/b2b/v2/orders`, { headers: { authorization: `Bearer ${acme}`, 'idempotency-key': po }, body });
        answers.push(response.status);
        return response;
      },
      (response) => response.status !== 409 && response.status < 500,
      30_000,
      250,
    );
    await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'DELETE' });
    expect({ status: settled.status, code: settled.body.code, answers }).toMatchObject({ status: 201 });
    const erp = await erpOrdersFor(stack.sandboxUrl, '10100001', po);
    expect(erp.map((o) => o.SalesOrder)).toEqual([settled.body.erpOrderNumber]);
  }, 60_000);
});
