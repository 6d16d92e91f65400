// Order intake (issue: performance): POST /b2b/v2/orders at `connections` connections for `seconds`,
// one unit per order, every request with its own Idempotency-Key and PO, so each one goes through the
// whole placement (edge idempotency, process layer, ERP customer/credit/price reads, ERP and OMS orders,
// reservation). Reports orders/s, p50/p99, refusals, and CPU per order of the stack's processes.
import autocannon from 'autocannon';
import { load, summary, url } from './stack.mjs';

const SHIP_TO = { name: 'Bench', line1: '1 Main St', city: 'Columbus', region: 'OH', postalCode: '43004', country: 'US' };
const SKUS = ['SKU-1001', 'SKU-1002', 'SKU-1003', 'SKU-1004', 'SKU-1005'];
/** The availability read of the mixed run (and its warm-up). */
export const MIXED_AVAILABILITY = '/b2b/v1/availability?sku=SKU-1001&quantity=10&region=OH';

/** One autocannon run of order placements; `tag` keeps its keys and POs apart from other runs'. */
export function orderLoad({ port, token, connections, seconds, tag }) {
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: url(port, '/b2b/v2/orders'),
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const i = n++;
              return {
                ...request,
                headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `bench-${tag}-${i}` },
                body: JSON.stringify({
                  purchaseOrderNumber: `B-${tag}-${i}`,
                  shipTo: SHIP_TO,
                  lines: [{ lineNumber: 1, sku: SKUS[i % SKUS.length], quantity: 1 }],
                }),
              };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/**
 * Warms the stack with a short run, then measures one: `cpuSeconds()` gives the CPU the stack's
 * processes have used so far (all of them in distributed mode).
 */
export async function benchOrders({ port, token, connections = 20, seconds = 10, warmSeconds = 3, cpuSeconds, tag = 'o' }) {
  process.stdout.write(`order intake: ${warmSeconds}s warm-up, then ${seconds}s at ${connections} connections...\n`);
  await orderLoad({ port, token, connections, seconds: warmSeconds, tag: `${tag}w` });
  const cpuBefore = cpuSeconds?.();
  const r = await orderLoad({ port, token, connections, seconds, tag });
  const cpuAfter = cpuSeconds?.();
  const ok = r['2xx'];
  return {
    connections,
    seconds,
    perSecond: Math.round((ok / seconds) * 10) / 10,
    ok,
    refused: r.non2xx,
    errors: r.errors + r.timeouts,
    p50: r.latency.p50,
    p99: r.latency.p99,
    cpuMsPerOrder: cpuBefore === undefined || ok === 0 ? undefined : Math.round(((cpuAfter - cpuBefore) * 1000 * 10) / ok) / 10,
  };
}

/**
 * Availability reads (autocannon, `connections`, `seconds`) while `workers` loops place a steady
 * `rate` of orders per second in all (each through ERP, OMS and a reservation): the read's summary and
 * the orders placed meanwhile.
 */
export async function availabilityWhileOrdering({ port, token, rate = 10, workers = 4, connections = 10, seconds = 10, tag = 'm' }) {
  const auth = { authorization: `Bearer ${token}` };
  const placed = { ok: 0, failed: 0, latencies: [] };
  let placing = true;
  const placeOrders = async (worker) => {
    const interval = (workers / rate) * 1000;
    for (let i = 0; placing; i++) {
      const started = performance.now();
      const response = await fetch(url(port, '/b2b/v1/orders'), {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `bench-${tag}-${worker}-${i}` },
        body: JSON.stringify({
          purchaseOrderNumber: `BENCH-${tag}-${worker}-${i}`,
          shipTo: SHIP_TO,
          lines: [{ lineNumber: 1, sku: `SKU-10${String(1 + ((worker + i) % 10)).padStart(2, '0')}`, quantity: 1 }],
        }),
      });
      await response.arrayBuffer();
      placed.latencies.push(performance.now() - started);
      if (response.status === 201) placed.ok++;
      else placed.failed++;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, interval - (performance.now() - started))));
    }
  };
  const running = Array.from({ length: workers }, (_, w) => placeOrders(w));
  const read = summary(
    await load('availability while orders are placed', url(port, MIXED_AVAILABILITY), { headers: auth, connections, seconds }),
  );
  placing = false;
  await Promise.all(running);
  placed.latencies.sort((a, b) => a - b);
  return { read, placed: { ok: placed.ok, failed: placed.failed, p50: Math.round(placed.latencies[Math.floor(placed.latencies.length / 2)] ?? 0) } };
}
