// Order intake (issue: performance): POST /b2b/v2/orders at `connections` connections for `seconds`,
// one unit per order, every request with its own Idempotency-Key and PO, so each one goes through the
// whole placement (edge idempotency, process layer, ERP customer/credit/price reads, ERP and OMS orders,
// reservation). Reports orders/s, p50/p99, refusals, and CPU per order of the stack's processes.
import autocannon from 'autocannon';
import { url } from './stack.mjs';

const SHIP_TO = { name: 'Bench', line1: '1 Main St', city: 'Columbus', region: 'OH', postalCode: '43004', country: 'US' };
const SKUS = ['SKU-1001', 'SKU-1002', 'SKU-1003', 'SKU-1004', 'SKU-1005'];

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
