import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { call, clearSandboxCalls, order, sandboxCalls, tokenFor } from './support/http.js';
import { TestStack } from './support/stack.js';

describe('bad input is refused at the edge with problem+json, and never reaches a backend', () => {
  let stack: TestStack;
  let acme: string;

  beforeAll(async () => {
    stack = await TestStack.start({ bodyLimitBytes: 64 * 1024 });
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
  });
  afterAll(() => stack?.stop());
  beforeEach(() => clearSandboxCalls(stack.sandboxUrl));

  const post = (rawBody: string, key = `bad-${Math.random()}`) =>
    call(`${stack.experienceUrl}/b2b/v1/orders`, {
      headers: { authorization: `Bearer ${acme}`, 'idempotency-key': key, 'content-type': 'application/json', 'x-correlation-id': 'bad-input-test' },
      rawBody,
    });

  const expectNoBackendCalls = async () => {
    for (const system of ['erp', 'wms', 'oms'] as const) expect(await sandboxCalls(stack.sandboxUrl, system)).toEqual([]);
  };

  const expectProblem = (response: Awaited<ReturnType<typeof post>>, status: number) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      instance: '/b2b/v1/orders',
    });
    expect(response.body.correlationId).toBe('bad-input-test');
    expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(js|ts):\d+/); // no stack trace
  };

  it('missing fields: 400 listing each field', async () => {
    const response = await post(JSON.stringify({ lines: [{ lineNumber: 1, quantity: 2 }] }));
    expectProblem(response, 400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['purchaseOrderNumber', 'shipTo', 'lines[0].sku']));
    await expectNoBackendCalls();
  });

  it('negative and fractional quantities: 400 naming the line', async () => {
    const response = await post(
      JSON.stringify(
        order('PO-NEG', [
          { sku: 'SKU-1001', quantity: -5 },
          { sku: 'SKU-1001', quantity: 1.5 },
        ]),
      ),
    );
    expectProblem(response, 400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['lines[0].quantity', 'lines[1].quantity']);
    await expectNoBackendCalls();
  });

  it('unknown SKU: 422 naming the line, checked against the catalog copy', async () => {
    const response = await post(
      JSON.stringify(
        order('PO-UNKNOWN', [
          { sku: 'SKU-1001', quantity: 1 },
          { sku: 'NO-SUCH-SKU', quantity: 1 },
        ]),
      ),
    );
    expectProblem(response, 422);
    expect(response.body.code).toBe('ORDER.INVALID_LINES');
    expect(response.body.errors).toEqual([{ field: 'lines[1].sku', messages: ['unknown SKU NO-SUCH-SKU'] }]);
    await expectNoBackendCalls();
  });

  it('unknown SKU on availability: 404', async () => {
    const response = await call(`${stack.experienceUrl}/b2b/v1/availability?sku=NO-SUCH-SKU&quantity=1`, { headers: { authorization: `Bearer ${acme}` } });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('ITEM.NOT_FOUND');
    await expectNoBackendCalls();
  });

  it('oversized body: 413', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => ({ lineNumber: i + 1, sku: 'SKU-1001', quantity: 1, note: 'x'.repeat(200) }));
    const response = await post(JSON.stringify({ ...order('PO-BIG', []), lines }));
    expectProblem(response, 413);
    await expectNoBackendCalls();
  });

  it('malformed JSON: 400', async () => {
    const response = await post('{"purchaseOrderNumber": "PO-BROKEN", "lines": [');
    expectProblem(response, 400);
    expect(response.body.code).toBe('REQUEST.MALFORMED');
    await expectNoBackendCalls();
  });

  it('a field the contract does not know: 400', async () => {
    const response = await post(JSON.stringify({ ...order('PO-EXTRA', [{ sku: 'SKU-1001', quantity: 1 }]), discount: 50 }));
    expectProblem(response, 400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'discount' })]);
    await expectNoBackendCalls();
  });
});
