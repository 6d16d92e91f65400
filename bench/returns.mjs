// Return request -> authorization (issue: returns): a partner's POST /b2b/v2/returns against a shipped
// order, timed from the request to its answer (the decision with its RMA number, the ERP customer
// return and the WMS receipt requested on the way). One request at a time, one unit each, each with
// its own Idempotency-Key, so every request is decided afresh under the order's lock.
import { url } from './stack.mjs';

const SHIP_TO = { name: 'Bench', line1: '1 Main St', city: 'Columbus', region: 'OH', postalCode: '43004', country: 'US' };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, read, done, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`bench: ${what} did not happen in ${ms / 1000} s`);
    await sleep(20);
  }
}

/** Places an order of `quantity` units, ships every warehouse order of it, and waits for the shipments. */
async function shippedOrder(ports, auth, quantity, tag) {
  const placed = await fetch(url(ports.experience, '/b2b/v2/orders'), {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `bench-return-order-${tag}` },
    body: JSON.stringify({ purchaseOrderNumber: `BENCH-RET-${tag}`, shipTo: SHIP_TO, lines: [{ lineNumber: 1, sku: 'SKU-1002', quantity }] }),
  });
  const order = await placed.json();
  if (placed.status !== 201) throw new Error(`bench: the order for the returns was refused (${placed.status}): ${JSON.stringify(order)}`);
  const control = (path, init) => fetch(url(ports.sandbox, `/control/wms${path}`), init).then((r) => r.json());
  const { orders } = await until(
    'the release to the warehouses',
    () => control(`/fulfillment-orders?erpOrderNumber=${order.erpOrderNumber}`),
    (r) => r.orders?.length > 0,
  );
  for (const wmsOrder of orders) {
    await control(`/fulfillment-orders/${wmsOrder.id}/ship`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  }
  const { shipments } = await until(
    'the shipments in the gateway',
    () => fetch(url(ports.experience, `/b2b/v2/orders/${order.orderId}/shipments`), { headers: auth }).then((r) => r.json()),
    (r) => r.shipments?.length === orders.length,
  );
  const shipped = shipments.reduce((sum, s) => sum + s.lines.reduce((n, l) => n + l.quantity, 0), 0);
  return { orderId: order.orderId, shipped };
}

export async function benchReturns({ ports, token, runs = Number(process.env.BENCH_RETURNS ?? 60) }) {
  const auth = { authorization: `Bearer ${token}` };
  const { orderId, shipped } = await shippedOrder(ports, auth, runs + 5, process.pid);
  const count = Math.min(runs, shipped);
  const latencies = [];
  let authorized = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(url(ports.experience, '/b2b/v2/returns'), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `bench-return-${process.pid}-${i}` },
      body: JSON.stringify({ orderId, lines: [{ lineNumber: 1, quantity: 1, reasonCode: 'DAMAGED' }] }),
    });
    const body = await response.json();
    latencies.push(performance.now() - started);
    if (response.status === 201 && body.status === 'authorized' && body.rmaNumber) authorized++;
  }
  latencies.sort((a, b) => a - b);
  const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]);
  return { runs: count, authorized, p50: at(0.5), p99: at(0.99), max: Math.round(latencies.at(-1)) };
}
