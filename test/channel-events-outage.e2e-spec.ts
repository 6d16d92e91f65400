import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Database } from '@platform';
import { call, eventually, order, tokenFor } from './support/http.js';
import { TestStack } from './support/stack.js';

const RETRIES = { retryBaseMs: 200, retryMaxMs: 1_000, maxAttempts: 5 };
/** What the old count-only budget allowed at most: the backoff before each of the 4 retries (jitter takes up to half off). */
const OLD_BUDGET_MS = 200 + 400 + 800 + 1_000;

describe('channel events wait out an outage of the experience layer without dead letters', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // a short breaker reset, so the forwarder's calls meet an open breaker, then half-open probes, during the outage
    stack = await TestStack.start({ retries: RETRIES, breaker: { resetTimeoutMs: 1_000 } });
  });
  afterAll(async () => {
    await stack.stop();
  });

  const forwarderDeadLetters = async () =>
    Number((await stack.process.get(Database).query<{ n: string }>(`SELECT count(*) AS n FROM dead_letters WHERE consumer = 'experience-forwarder'`))[0]!.n);

  /** The process layer's count of the forwarder's deliveries with this result (GET /metrics). */
  const forwarderDeliveries = async (result: string) => {
    const text = await (await fetch(`${stack.processUrl}/metrics`)).text();
    const sample = text
      .split('\n')
      .find((line) => line.startsWith('consumer_deliveries_total{') && line.includes('consumer="experience-forwarder"') && line.includes(`result="${result}"`));
    return sample ? Number(sample.split(' ').at(-1)) : 0;
  };

  it('delivers every event after an outage several times longer than the old attempt budget, and dead-letters none', async () => {
    const acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    const placed = [];
    for (const n of [1, 2]) {
      const r = await call(`${stack.experienceUrl}/b2b/v1/orders`, {
        headers: { authorization: `Bearer ${acme}`, 'idempotency-key': `outage-${n}` },
        body: order(`PO-OUTAGE-${n}`, [{ sku: 'SKU-1003', quantity: 1 }]),
      });
      expect(r.status).toBe(201);
      placed.push(r.body as { orderId: string; erpOrderNumber: string });
    }
    const wmsOrders = await Promise.all(
      placed.map(async ({ erpOrderNumber }) => {
        const [wms] = await eventually(
          async () =>
            (await call<{ orders: { id: string }[] }>(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${erpOrderNumber}`)).body.orders,
          (orders) => orders.length === 1,
        );
        return wms!;
      }),
    );
    const received = (sql: string, params: unknown[]) => stack.experience.get(Database).query<{ type: string }>(sql, params);
    for (const { orderId } of placed) {
      await eventually(
        () => received(`SELECT 1 FROM channel_events WHERE subject = $1 AND payload -> 'data' ->> 'status' = 'released'`, [`order/${orderId}`]),
        (rows) => rows.length === 1,
      );
    }

    await stack.stopExperience();
    const outageStarted = Date.now();
    for (const wms of wmsOrders) {
      expect(
        (await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${wms.id}/ship`, { body: { carrier: 'UPSN', trackingNumber: `1Z-${wms.id}` } })).status,
      ).toBe(202);
    }
    // the shipment events are in the outbox and handed to the forwarder, which meets the outage
    const processDb = stack.process.get(Database);
    await eventually(
      () => processDb.query(`SELECT 1 FROM outbox WHERE type = 'order.shipment_confirmed' AND published_at IS NOT NULL`),
      (rows) => rows.length === 2,
    );
    // the outage lasts well past what the old attempt count allowed
    await new Promise((resolve) => setTimeout(resolve, 3 * OLD_BUDGET_MS));
    expect(Date.now() - outageStarted).toBeGreaterThan(3 * OLD_BUDGET_MS);
    expect(await forwarderDeadLetters()).toBe(0);
    // the forwarder did meet the outage (deliveries put off as outage retries), it was not just idle
    expect(await forwarderDeliveries('outage_retry')).toBeGreaterThan(0);

    await stack.restartExperience();
    for (const { orderId } of placed) {
      await eventually(
        () => received(`SELECT type FROM channel_events WHERE subject = $1`, [`order/${orderId}`]),
        (rows) => rows.some((r) => r.type === 'order.shipment_confirmed'),
        30_000,
      );
    }
    expect(await forwarderDeadLetters()).toBe(0);
  });
});
