import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, eventually, order, sandboxCalls, tokenFor, type JsonResponse } from './support/http.js';
import { erpOrdersFor } from './support/erp.js';
import { buildDist, removeDist } from './support/process-child.js';
import { TestStack } from './support/stack.js';

const ORDERS = 100;
/** After it, an attempt whose process was killed may be taken over by a retry. */
const IN_FLIGHT_TIMEOUT_MS = 15_000;
const SKUS = ['SKU-1014', 'SKU-1015', 'SKU-1017', 'SKU-1020'];
/** How long the partner keeps retrying after the restart: the takeover waits out IN_FLIGHT_TIMEOUT_MS, then every order is placed again. */
const RETRY_BUDGET_MS = IN_FLIGHT_TIMEOUT_MS + 90_000;

/**
 * kill -9 of the process app while 100 orders with their own POs come in through the partner
 * edge, then a restart on the same port, database and stream: every order answered 201 is there,
 * every other one converges when retried with its own key, and the ERP holds exactly one sales
 * order per PO, the gateway's.
 */
describe('kill -9 of the process app during 100 concurrent orders', () => {
  let stack: TestStack;
  let acme: string;
  const run = Date.now().toString(36).toUpperCase();

  beforeAll(async () => {
    const started = Date.now();
    await buildDist();
    const built = Date.now() - started;
    stack = await TestStack.start({
      processInChild: true,
      inFlightTimeoutMs: IN_FLIGHT_TIMEOUT_MS,
      // a dead process app opens the edge's breaker: let a probe through soon after the restart
      breaker: { timeoutMs: 10_000, resetTimeoutMs: 500 },
    });
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    console.log(`kill -9 run: built in ${built} ms, stack up in ${Date.now() - started - built} ms`);
  }, 120_000);
  afterAll(async () => {
    const started = Date.now();
    await stack?.stop();
    removeDist();
    console.log(`kill -9 run: stack stopped in ${Date.now() - started} ms`);
  });

  const place = (i: number): Promise<JsonResponse> =>
    call(`${stack.experienceUrl}/b2b/v2/orders`, {
      headers: { authorization: `Bearer ${acme}`, 'idempotency-key': `kill-${run}-${i}` },
      body: order(`PO-KILL-${run}-${i}`, [{ sku: SKUS[i % SKUS.length], quantity: 1, uom: 'EA' }]),
    }).catch((error: Error) => ({ status: 0, headers: new Headers(), body: { error: error.message } }));

  it('answers every order once the app is back: each 201 readable, each retry converging, one ERP order per PO', async () => {
    const t0 = Date.now();
    const erpCreates = async () => (await sandboxCalls(stack.sandboxUrl, 'erp')).filter((c) => c.method === 'POST' && c.path.includes('A_SalesOrder')).length;
    const createsBefore = await erpCreates();

    let killedAt = Infinity;
    const answeredAt = new Map<number, number>();
    const first = Promise.all(
      Array.from({ length: ORDERS }, (_, i) =>
        place(i).then((response) => {
          answeredAt.set(i, Date.now());
          return response;
        }),
      ),
    );
    // kill mid-way: some ERP orders created, many orders still in flight
    await eventually(erpCreates, (n) => n - createsBefore >= 25, 60_000, 20);
    await stack.processChild!.kill();
    killedAt = Date.now();
    const firstAnswers = await first;
    const answeredMs = Date.now() - t0;
    await stack.processChild!.start();
    const restartedMs = Date.now() - t0;

    const createdBeforeKill = firstAnswers.filter((r, i) => r.status === 201 && answeredAt.get(i)! <= killedAt).length;
    const final = new Map<number, JsonResponse>();
    let retries = 0;
    const toRetry: number[] = [];
    firstAnswers.forEach((response, i) => (response.status === 201 ? final.set(i, response) : toRetry.push(i)));
    const unexpected = firstAnswers.filter((r) => r.status !== 201 && r.status !== 0 && r.status !== 409 && r.status < 500);
    expect(unexpected.map((r) => [r.status, r.body.code])).toEqual([]);

    // each order not placed is retried with its own key until it settles, as the docs tell partners to:
    // after the answer's Retry-After, with jitter (a retry every half second from all 80-odd at once is
    // a storm a loaded 2-core machine may not get out of; see the closing note of issue 10)
    const deadline = Date.now() + RETRY_BUDGET_MS;
    await Promise.all(
      toRetry.map(async (i) => {
        let response: JsonResponse;
        for (;;) {
          retries++;
          response = await place(i);
          if ((response.status !== 0 && response.status !== 409 && response.status < 500) || Date.now() > deadline) break;
          const retryAfterMs = 1_000 * Number(response.headers.get('retry-after') ?? 0);
          await sleep(Math.max(retryAfterMs, 500) * (1 + Math.random() / 2));
        }
        final.set(i, response);
      }),
    );
    const converged = toRetry.filter((i) => final.get(i)!.status === 201).length;
    const convergedMs = Date.now() - t0;

    // per PO: the gateway's one order, readable, and exactly one ERP sales order, the same one
    const erpOrders = await erpOrdersFor(stack.sandboxUrl, '10100001');
    const erpPerPo = new Map<string, string[]>();
    for (const o of erpOrders) erpPerPo.set(o.PurchaseOrderByCustomer, [...(erpPerPo.get(o.PurchaseOrderByCustomer) ?? []), o.SalesOrder]);
    const perPo = Array.from({ length: ORDERS }, (_, i) => erpPerPo.get(`PO-KILL-${run}-${i}`)?.length ?? 0);
    const histogram = perPo.reduce<Record<number, number>>((counts, n) => ({ ...counts, [n]: (counts[n] ?? 0) + 1 }), {});

    console.log(
      `kill -9 run (${stack.databaseKind}, ${stack.eventBusKind} bus): ${ORDERS} orders, ${createdBeforeKill} answered 201 before the kill, ` +
        `${toRetry.length} not placed at first (statuses ${JSON.stringify(countBy(toRetry.map((i) => firstAnswers[i].status)))}), ` +
        `${retries} retries sent, ${converged}/${toRetry.length} converged to 201, ERP sales orders per PO ${JSON.stringify(histogram)}; ` +
        `killed at ${killedAt - t0} ms, first answers by ${answeredMs} ms, restarted by ${restartedMs} ms, all converged by ${convergedMs} ms`,
    );

    // what the orders that did not converge answered last, so a failure says why
    const stuck = toRetry.filter((i) => final.get(i)!.status !== 201).map((i) => `${final.get(i)!.status} ${final.get(i)!.body.code ?? ''}`.trim());
    if (stuck.length > 0) console.log(`kill -9 run: last answers of the orders that did not converge: ${JSON.stringify(countBy(stuck))}`);

    expect(createdBeforeKill).toBeGreaterThan(0);
    expect(toRetry.length).toBeGreaterThan(0);
    expect(converged).toBe(toRetry.length);
    for (let i = 0; i < ORDERS; i++) {
      const placed = final.get(i)!;
      expect(placed.status).toBe(201);
      const read = await call(`${stack.experienceUrl}/b2b/v2/orders/${placed.body.orderId}`, { headers: { authorization: `Bearer ${acme}` } });
      expect(read.status).toBe(200);
      expect(read.body.purchaseOrderNumber).toBe(`PO-KILL-${run}-${i}`);
      expect(erpPerPo.get(`PO-KILL-${run}-${i}`)).toEqual([read.body.erpOrderNumber]);
      // the same key again answers the same order
      const again = await place(i);
      expect(again.body.orderId).toBe(placed.body.orderId);
    }
    expect(histogram).toEqual({ 1: ORDERS });
  }, 240_000);
});

function countBy<K extends string | number>(values: readonly K[]): Record<K, number> {
  return values.reduce((counts, v) => ({ ...counts, [v]: (counts[v] ?? 0) + 1 }), {} as Record<K, number>);
}
