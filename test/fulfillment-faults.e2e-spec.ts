import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Database } from '@platform';
import { call, eventually, order, sandboxCalls, tokenFor, withSameKeyRetries } from './support/http.js';
import { TestStack } from './support/stack.js';

// 500 by default, as the fulfilment issue asks; FAULT_ORDERS=50 for a quick local run.
const ORDERS = Number(process.env.FAULT_ORDERS ?? 500);

async function inBatches<T>(count: number, size: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += size) {
    results.push(...(await Promise.all(Array.from({ length: Math.min(size, count - start) }, (_, k) => work(start + k)))));
  }
  return results;
}

describe(`${ORDERS} orders through the whole flow with the WMS down for part of the run`, () => {
  let stack: TestStack;
  let acme: string;

  beforeAll(async () => {
    // Releases wait out the outage (a 503 is not a failed attempt) and resume within 5 s of its end. A
    // shorter cap made every waiting leg retry each second: on PGlite's one connection that starved the
    // order intake of the second half (503 timeouts in CI).
    // The product's 5 s deadline between the layers, not the stack's 3 s made for outage tests.
    stack = await TestStack.start({ breaker: { timeoutMs: 5_000 }, retries: { retryBaseMs: 100, retryMaxMs: 5_000, maxAttempts: 1_000 } });
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
  }, 60_000);
  afterAll(async () => {
    await call(`${stack.sandboxUrl}/control/wms/faults`, { method: 'DELETE' });
    await stack.stop();
  });

  it('ends with every order shipped and invoiced exactly once: lost = 0, duplicates = 0', async () => {
    const started = Date.now();
    // A partner as docs/b2b-partners.md tells it to be: a 503 with retrySameKey is sent again with the same key.
    let retries = 0;
    const place = (i: number) =>
      withSameKeyRetries(
        () =>
          call(`${stack.experienceUrl}/b2b/v1/orders`, {
            headers: { authorization: `Bearer ${acme}`, 'idempotency-key': `fault-${i}` },
            body: order(`PO-FAULT-${i}`, [{ sku: `SKU-10${String(1 + (i % 10)).padStart(2, '0')}`, quantity: 1 }]),
          }),
        () => retries++,
      );
    const firstHalf = await inBatches(ORDERS / 2, 10, place);
    await call(`${stack.sandboxUrl}/control/wms/faults`, { method: 'PUT', body: { down: true } });
    const secondHalf = await inBatches(ORDERS / 2, 10, (i) => place(ORDERS / 2 + i));
    const placed = [...firstHalf, ...secondHalf];
    expect(placed.filter((r) => r.status !== 201)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // the releases did try the WMS during the outage, and failed
    const dropped = (await sandboxCalls(stack.sandboxUrl, 'wms')).filter((c) => c.status === 'dropped').length;
    expect(dropped).toBeGreaterThan(0);
    const releasedDuringOutage = Number(
      (await stack.process.get(Database).query<{ n: string }>(`SELECT count(*) AS n FROM fulfillment_legs WHERE status = 'released'`))[0].n,
    );
    expect(releasedDuringOutage).toBeLessThan(ORDERS);
    await call(`${stack.sandboxUrl}/control/wms/faults`, { method: 'DELETE' });

    const db = stack.process.get(Database);
    const count = async (sql: string) => Number((await db.query<{ n: string }>(sql))[0].n);
    // Generous waits: on PGlite the 250 releases resuming at once keep the process layer busy past the
    // system layer's 5 s deadline for a minute or two, its breaker to the process layer opens, and the
    // WMS's one-at-a-time webhook queue backs off behind it (CI saw 491 of 500 released after 120 s,
    // 179 of 500 shipped after 240 s). Slow is allowed here; lost or doubled is not.
    const releasedLegs = await eventually(
      () => count(`SELECT count(*) AS n FROM fulfillment_legs WHERE status = 'released'`),
      (n) => n === ORDERS,
      240_000,
    );
    expect(releasedLegs).toBe(ORDERS);

    // the warehouse ships everything
    const wmsIds = await db.query<{ wms_order_id: string }>(`SELECT wms_order_id FROM fulfillment_legs`);
    expect(new Set(wmsIds.map((r) => r.wms_order_id)).size).toBe(ORDERS);
    await inBatches(wmsIds.length, 10, (i) =>
      call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${wmsIds[i].wms_order_id}/ship`, { body: { carrier: 'UPSN' } }),
    );

    const issued = await eventually(
      () => count(`SELECT count(*) AS n FROM invoices WHERE status = 'open'`),
      (n) => n === ORDERS,
      480_000,
    );
    const drainedIn = ((Date.now() - started) / 1000).toFixed(1);
    const shipments = await count(`SELECT count(*) AS n FROM shipments`);
    const shippedOrders = await count(`SELECT count(*) AS n FROM orders WHERE status = 'shipped'`);
    const invoices = await count(`SELECT count(*) AS n FROM invoices`);
    const erpAuth = { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` };
    const billing = await call(`${stack.sandboxUrl}/sap/opu/odata/sap/API_BILLING_DOCUMENT_SRV/A_BillingDocument?$inlinecount=allpages&$top=1`, {
      headers: erpAuth,
    });
    const billingDocuments = Number(billing.body.d.__count);
    const lost = ORDERS - Math.min(shippedOrders, issued);
    const duplicates = shipments - ORDERS + (invoices - ORDERS) + (billingDocuments - ORDERS);
    console.log(
      `${ORDERS} orders, WMS down for part of the run: lost = ${lost}, duplicates = ${duplicates}, drained in ${drainedIn} s; same-key retries of a 503: ${retries}`,
    );
    expect({ shipments, shippedOrders, invoices, issued, billingDocuments, lost, duplicates }).toEqual({
      shipments: ORDERS,
      shippedOrders: ORDERS,
      invoices: ORDERS,
      issued: ORDERS,
      billingDocuments: ORDERS,
      lost: 0,
      duplicates: 0,
    });
  }, 900_000);
});
