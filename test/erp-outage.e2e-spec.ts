import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, order, sandboxCalls, tokenFor } from './support/http.js';
import { serviceHeaders, TestStack } from './support/stack.js';

const RESET_MS = 1_500;
// The ERP fault fails at the socket at once, so no call here waits for a timeout. A generous one keeps a
// slow call on a loaded machine from counting as a failure while the rolling window still holds the outage's.
const TIMEOUT_MS = 10_000;

describe('ERP down: breakers open, orders get 503 with Retry-After, a half-open probe closes them again', () => {
  let stack: TestStack;
  let acme: string;

  beforeAll(async () => {
    stack = await TestStack.start({ breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: RESET_MS, timeoutMs: TIMEOUT_MS } });
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
  });
  afterAll(() => stack?.stop());

  const place = (key: string) =>
    call(`${stack.experienceUrl}/b2b/v1/orders`, {
      headers: { authorization: `Bearer ${acme}`, 'idempotency-key': key },
      body: order(`PO-${key}`, [{ sku: 'SKU-1010', quantity: 1 }]),
    });

  it('opens after the threshold, stops calling the ERP, reports it, and recovers after the fault is reset', async () => {
    await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'PUT', body: { down: true } });

    const failures = [];
    for (let i = 0; i < 6; i++) failures.push(await place(`outage-${i}`));
    for (const response of failures) {
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(failures.at(-1)!.body.code).toBe('UPSTREAM.CIRCUIT_OPEN');

    // open: further orders are refused without a call reaching the ERP
    const callsWhileOpen = (await sandboxCalls(stack.sandboxUrl, 'erp')).length;
    const refused = await place('outage-open');
    expect(refused.status).toBe(503);
    expect((await sandboxCalls(stack.sandboxUrl, 'erp')).length).toBe(callsWhileOpen);

    // the process layer's breaker towards the ERP opened first, so it protects the system layer
    const processReady = await call(`${stack.processUrl}/health/ready`);
    expect(processReady.status).toBe(200);
    expect(processReady.body.status).toBe('degraded');
    expect(processReady.body.details.breakers['system-apis:erp'].state).toBe('open');

    // the system layer's own ERP breaker counts the start-up reads (catalog, inbound supply) as
    // successes; a few more failing reads put it over the threshold too
    for (let i = 0; i < 6; i++) await call(`${stack.systemUrl}/erp/v1/customers/10100001`, { headers: await serviceHeaders('system-apis') });
    const systemReady = await call(`${stack.systemUrl}/health/ready`);
    expect(systemReady.status).toBe(200); // degraded, not unready: WMS and OMS calls still work
    expect(systemReady.body.status).toBe('degraded');
    expect(systemReady.body.details.breakers.erp.state).toBe('open');
    expect(systemReady.body.details.breakers.wms.state).not.toBe('open');

    // availability (WMS) still answers while the ERP is down
    const availability = await call(`${stack.experienceUrl}/b2b/v1/availability?sku=SKU-1010&quantity=1`, { headers: { authorization: `Bearer ${acme}` } });
    expect(availability.status).toBe(200);

    await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'DELETE' });
    await new Promise((resolve) => setTimeout(resolve, RESET_MS + 300));

    const recovered = await place('outage-recovered');
    expect({ status: recovered.status, body: recovered.body }).toMatchObject({ status: 201 });
    const after = await call(`${stack.systemUrl}/health/ready`);
    expect(after.body.status).toBe('ok');
    expect(after.body.details.breakers.erp.state).toBe('closed');

    // a key whose request failed during the outage is free to be retried, and places one order
    const retried = await place('outage-0');
    expect({ status: retried.status, body: retried.body }).toMatchObject({ status: 201 });
  });
});
