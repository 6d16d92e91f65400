// Order sourcing micro-benchmark: a 50-line order over 10 warehouses with seeded, realistic stock,
// promised many times through the built policy (run `npm run build` first). Prints the median and
// p99 time per promise; the policy is synchronous and pure, so wall time around one call is its
// CPU time (process.cpuUsage over the whole loop is printed as a cross-check).
// Usage: node bench/sourcing.mjs   (BENCH_SOURCING_RUNS, BENCH_SOURCING_WARMUP override the counts)
import console from 'node:console';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modulePath = path.join(here, '..', 'dist', 'apps', 'process-apis', 'src', 'promising', 'domain', 'sourcing.policy.js');

/** mulberry32: small, seeded, deterministic. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A catalog of 80 SKUs with a long-tailed velocity; each of 10 DCs stocks about 70% of them, fast
 * movers deeper, about one stocked position in eight at zero. Orders take 50 lines (some SKUs twice)
 * sized so most need three or four legs, 15% ship complete (some backordered or rejected whole).
 */
export function buildScenario(seed = 20250602, orders = 32) {
  const random = rng(seed);
  const int = (min, max) => min + Math.floor(random() * (max - min + 1));
  const skus = Array.from({ length: 80 }, (_, i) => `SKU-${String(1000 + i)}`);
  const velocity = skus.map((_, i) => Math.max(1, Math.round(400 / (1 + i / 4))));
  const warehouses = Array.from({ length: 10 }, (_, w) => {
    const available = {};
    skus.forEach((sku, i) => {
      if (random() < 0.7) available[sku] = random() < 0.12 ? 0 : Math.round(velocity[i] * (0.2 + random() * 1.5));
    });
    return { warehouseId: `DC${String(w + 1).padStart(2, '0')}`, transitDays: int(1, 6), available };
  });
  const inbound = Array.from({ length: 60 }, () => {
    const i = int(0, skus.length - 1);
    return {
      sku: skus[i],
      warehouseId: `DC${String(int(1, 10)).padStart(2, '0')}`,
      quantity: velocity[i] * int(1, 4),
      eta: `2025-06-${String(int(3, 28)).padStart(2, '0')}`,
    };
  });
  const requests = Array.from({ length: orders }, () => {
    const lines = Array.from({ length: 50 }, (_, l) => {
      const i = l > 0 && random() < 0.1 ? int(0, skus.length - 1) : Math.min(skus.length - 1, Math.floor(random() ** 1.6 * skus.length));
      return { lineNumber: (l + 1) * 10, sku: skus[i], quantity: Math.max(1, Math.round(velocity[i] * (0.05 + random() * 0.6))) };
    });
    return {
      lines,
      warehouses,
      inbound,
      allowPartialShipment: random() < 0.85,
      customer: { whenShipCompleteImpossible: random() < 0.7 ? 'backorder' : 'reject', backorderWithoutDate: random() < 0.3 },
      shipDate: '2025-06-02',
    };
  });
  return requests;
}

export async function benchSourcing({
  runs = Number(process.env.BENCH_SOURCING_RUNS ?? 2000),
  warmup = Number(process.env.BENCH_SOURCING_WARMUP ?? 300),
  seed = 20250602,
} = {}) {
  if (!existsSync(modulePath)) throw new Error(`${path.relative(process.cwd(), modulePath)} is missing: run \`npm run build\` first`);
  const { sourceOrder } = await import(pathToFileURL(modulePath).href);
  const requests = buildScenario(seed);
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += sourceOrder(requests[i % requests.length]).legs.length;

  const times = new Float64Array(runs);
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const request = requests[i % requests.length];
    const started = performance.now();
    sink += sourceOrder(request).legs.length;
    times[i] = performance.now() - started;
  }
  const cpu = process.cpuUsage(cpuBefore);
  times.sort();
  const at = (q) => times[Math.min(runs - 1, Math.ceil(q * runs) - 1)];
  const round = (ms) => Math.round(ms * 1000) / 1000;
  return {
    medianMs: round(at(0.5)),
    p99Ms: round(at(0.99)),
    runs,
    cpuMeanMs: round((cpu.user + cpu.system) / 1000 / runs),
    meanLegs: round(sink / (warmup + runs)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const result = await benchSourcing();
  console.log(
    `sourcing: 50 lines x 10 warehouses, ${result.runs} runs: median ${result.medianMs} ms, p99 ${result.p99Ms} ms ` +
      `(CPU mean ${result.cpuMeanMs} ms, ${result.meanLegs} legs per order on average); target median < 5 ms`,
  );
}
