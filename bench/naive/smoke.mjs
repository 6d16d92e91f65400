// Smoke run of the naive comparison stack (after `npm run build`): `node bench/naive/smoke.mjs`.
// Starts the real embedded stack (bench/stack.mjs) on 3400.. 3403 for its sandbox, the naive stack on
// 3410.. 3412 pointed at that sandbox, places SMOKE_ORDERS orders (50; one unit each) and reads
// availability SMOKE_READS times (200) through the naive stack, a few at a time, and prints status counts.
// SMOKE_BASE_PORT moves the ports. 127.0.0.1 only.
import { partnerToken, startStack } from '../stack.mjs';
import { startNaiveStack } from './index.mjs';

const base = Number(process.env.SMOKE_BASE_PORT ?? 3400);
const orders = Number(process.env.SMOKE_ORDERS ?? 50);
const reads = Number(process.env.SMOKE_READS ?? 200);
const concurrency = Number(process.env.SMOKE_CONCURRENCY ?? 4);
const SKUS = ['SKU-1001', 'SKU-1002', 'SKU-1003', 'SKU-1004', 'SKU-1005'];
const SHIP_TO = { name: 'Bench', line1: '1 Main St', city: 'Columbus', region: 'OH', postalCode: '43004', country: 'US' };

const real = await startStack({ name: 'naive-smoke', firstPort: base });
let naive;
try {
  naive = await startNaiveStack({ firstPort: base + 10, sandboxPort: real.ports.sandbox });
  const target = (p) => `http://127.0.0.1:${naive.ports.experience}${p}`;
  const auth = { authorization: `Bearer ${naive.token}` };
  const count = (tally, key) => tally.set(key, (tally.get(key) ?? 0) + 1);
  // `n` calls of `call(i)`, `concurrency` at a time
  const run = async (n, call) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) await call(next++);
      }),
    );
  };

  const orderStatuses = new Map();
  const orderOutcomes = new Map();
  const samples = [];
  const cpuBefore = naive.cpuSeconds();
  let started = performance.now();
  await run(orders, async (i) => {
    const response = await fetch(target('/b2b/v2/orders'), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `naive-smoke-${i}` },
      body: JSON.stringify({ purchaseOrderNumber: `NAIVE-${i}`, shipTo: SHIP_TO, lines: [{ lineNumber: 1, sku: SKUS[i % SKUS.length], quantity: 1 }] }),
    });
    const body = await response.json();
    count(orderStatuses, response.status);
    count(orderOutcomes, response.status === 201 ? body.status : JSON.stringify(body).slice(0, 120));
    if (response.status === 201 && samples.length < 1) samples.push(body);
  });
  const orderSeconds = (performance.now() - started) / 1000;

  const readStatuses = new Map();
  let sampleRead;
  started = performance.now();
  await run(reads, async (i) => {
    const response = await fetch(target(`/b2b/v2/availability?sku=${SKUS[i % SKUS.length]}&quantity=10&region=OH`), { headers: auth });
    const body = await response.json();
    count(readStatuses, response.status);
    sampleRead ??= body;
  });
  const readSeconds = (performance.now() - started) / 1000;

  // the shapes the naive stack must refuse, as the gateway does
  const refusals = {
    noToken: (await fetch(target('/b2b/v2/availability?sku=SKU-1001&quantity=1'))).status,
    badQuantity: (await fetch(target('/b2b/v2/availability?sku=SKU-1001&quantity=0'), { headers: auth })).status,
    badOrder: (
      await fetch(target('/b2b/v2/orders'), { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ lines: [] }) })
    ).status,
    unknownSku: (
      await fetch(target('/b2b/v2/orders'), {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ purchaseOrderNumber: 'NAIVE-X', shipTo: SHIP_TO, lines: [{ lineNumber: 1, sku: 'SKU-NOPE', quantity: 1 }] }),
      })
    ).status,
  };
  const cpu = naive.cpuSeconds() - cpuBefore;

  // the same two calls through the real gateway: which fields of its answers the naive one lacks or adds
  const realAuth = { authorization: `Bearer ${await partnerToken(real)}` };
  const realTarget = (p) => `http://127.0.0.1:${real.ports.experience}${p}`;
  const realOrder = await (
    await fetch(realTarget('/b2b/v2/orders'), {
      method: 'POST',
      headers: { ...realAuth, 'content-type': 'application/json', 'idempotency-key': 'naive-smoke-real' },
      body: JSON.stringify({ purchaseOrderNumber: 'NAIVE-REAL', shipTo: SHIP_TO, lines: [{ lineNumber: 1, sku: 'SKU-1001', quantity: 1 }] }),
    })
  ).json();
  const realRead = await (await fetch(realTarget('/b2b/v2/availability?sku=SKU-1001&quantity=10&region=OH'), { headers: realAuth })).json();
  const keys = (o) => Object.keys(o ?? {}).sort();
  const differ = (a, b) => ({ onlyReal: keys(a).filter((k) => !(k in (b ?? {}))), onlyNaive: keys(b).filter((k) => !(k in (a ?? {}))) });
  console.log(`orders: ${orders} in ${orderSeconds.toFixed(1)} s, HTTP`, Object.fromEntries(orderStatuses), 'order status', Object.fromEntries(orderOutcomes));
  console.log(`availability: ${reads} in ${readSeconds.toFixed(1)} s, HTTP`, Object.fromEntries(readStatuses));
  console.log('refusals (expect 401, 400, 400, 422):', refusals);
  console.log(`naive stack: ${cpu.toFixed(2)} CPU s over the run, RSS ${Math.round(naive.rssBytes() / 2 ** 20)} MiB, pid ${naive.pid}`);
  console.log('sample order:', JSON.stringify(samples[0]));
  console.log('sample availability:', JSON.stringify(sampleRead));
  console.log('fields vs the real gateway: order', differ(realOrder, samples[0]), 'order line', differ(realOrder.lines?.[0], samples[0]?.lines[0]));
  console.log('  availability', differ(realRead, sampleRead), 'warehouse', differ(realRead.warehouses?.[0], sampleRead?.warehouses[0]));
  const failed = orderStatuses.get(201) !== orders || readStatuses.get(200) !== reads;
  process.exitCode = failed ? 1 : 0;
} finally {
  await naive?.close();
  await real.close();
}
