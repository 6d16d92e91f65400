// npm run bench: starts the embedded stack in a child process on its own ports, then measures
// with autocannon (keep-alive, 50 connections) availability reads through
// experience -> process -> system -> sandbox, and the same read sent straight to the sandbox.
// Results are printed and written to docs/benchmarks.md. Traffic goes to 127.0.0.1 only.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { benchEvents } from './events.mjs';
import { benchSourcing } from './sourcing.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const base = Number(process.env.BENCH_BASE_PORT ?? 3100);
const ports = { experience: base, process: base + 1, system: base + 2, sandbox: base + 3 };
const url = (port, p) => `http://127.0.0.1:${port}${p}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gateway-bench-'));
const postgresUrl = process.env.BENCH_DATABASE_URL;
const databaseKind = postgresUrl ? 'PostgreSQL' : 'PGlite (embedded default)';
const docPath = postgresUrl ? 'docs/benchmarks-postgres.md' : 'docs/benchmarks.md';
if (postgresUrl) {
  // each run starts from the seed: its own schemas, dropped first
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS bench_process CASCADE; DROP SCHEMA IF EXISTS bench_experience CASCADE');
  await client.end();
}

const stack = spawn(process.execPath, ['dist/apps/embedded/src/main.js'], {
  env: {
    ...process.env,
    DATA_DIR: dataDir,
    // BENCH_DATABASE_URL: the same stack on PostgreSQL (schemas bench_process / bench_experience)
    ...(postgresUrl ? { DATABASE_URL: postgresUrl, PROCESS_DB_SCHEMA: 'bench_process', EXPERIENCE_DB_SCHEMA: 'bench_experience' } : {}),
    LOG_LEVEL: 'warn',
    // one client at thousands of requests a second: the quotas would answer 429 (the failed-token throttle stays)
    RATE_LIMIT_ENABLED: 'false',
    EXPERIENCE_PORT: String(ports.experience),
    PROCESS_PORT: String(ports.process),
    SYSTEM_PORT: String(ports.system),
    SANDBOX_PORT: String(ports.sandbox),
    PROCESS_URL: url(ports.process, ''),
    SYSTEM_URL: url(ports.system, ''),
    SANDBOX_URL: url(ports.sandbox, ''),
    ...(process.env.BENCH_NATS_URL ? { EVENT_BUS: 'nats', NATS_URL: process.env.BENCH_NATS_URL, NATS_STREAM: `BENCH_RUN_${process.pid}`, NATS_SUBJECT_PREFIX: `bench.run${process.pid}` } : {}),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stop = () => {
  if (stack.exitCode === null) stack.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
};
process.on('exit', stop);

async function waitReady() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (stack.exitCode !== null) throw new Error(`the stack exited with ${stack.exitCode}`);
    try {
      if ((await fetch(url(ports.experience, '/health/ready'))).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the stack did not become ready in 60 s');
}

function run(title, target, headers, conns = connections) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: target, connections: conns, duration: seconds, headers }, (error, result) => (error ? reject(error) : resolve(result)));
    process.stdout.write(`${title}: ${seconds}s, ${conns} connections...\n`);
    instance.on('done', () => undefined);
  });
}

const summary = (r) => ({ rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx, total: r.requests.total });

await waitReady();
const token = await (
  await fetch(url(ports.experience, '/oauth/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'acme', client_secret: 'acme-demo-secret' }),
  })
).json();

// warm up connection pools and JIT before measuring
await run('warm-up', url(ports.experience, '/b2b/v1/availability?sku=SKU-1001&quantity=10'), { authorization: `Bearer ${token.access_token}` });
const gateway = summary(await run('through the gateway', url(ports.experience, '/b2b/v1/availability?sku=SKU-1001&quantity=10'), { authorization: `Bearer ${token.access_token}` }));
const direct = summary(await run('straight to the sandbox WMS', url(ports.sandbox, '/wms/api/stock?item=SKU-1001'), { 'x-api-key': 'sandbox-wms-key' }));

// Availability while orders are being placed: order workers run through the whole flow
// (ERP, OMS, reservations) for as long as autocannon reads.
const mixedConnections = Number(process.env.BENCH_MIXED_CONNECTIONS ?? 10);
const orderWorkers = Number(process.env.BENCH_ORDER_WORKERS ?? 4);
// a steady stream of orders (each goes through ERP, OMS and a reservation), not a flood
const orderRate = Number(process.env.BENCH_ORDER_RATE ?? 10);
const placed = { ok: 0, failed: 0, latencies: [] };
let placing = true;
const placeOrders = async (worker) => {
  const interval = (orderWorkers / orderRate) * 1000;
  for (let i = 0; placing; i++) {
    const started = performance.now();
    const response = await fetch(url(ports.experience, '/b2b/v1/orders'), {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json', 'idempotency-key': `bench-${worker}-${i}` },
      body: JSON.stringify({
        purchaseOrderNumber: `BENCH-${worker}-${i}`,
        shipTo: { name: 'Bench', line1: '1 Main St', city: 'Columbus', region: 'OH', postalCode: '43004', country: 'US' },
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
const workers = Array.from({ length: orderWorkers }, (_, w) => placeOrders(w));
const mixed = summary(
  await run('availability while orders are placed', url(ports.experience, '/b2b/v1/availability?sku=SKU-1001&quantity=10&region=OH'), { authorization: `Bearer ${token.access_token}` }, mixedConnections),
);
placing = false;
await Promise.all(workers);

// Shipment to invoice: ship released orders one at a time and time each until its invoice is
// issued in the ERP (the partner's order view says 'open'); polled every 10 ms.
process.stdout.write('shipment to invoice...\n');
const auth = { authorization: `Bearer ${token.access_token}` };
const getJson = async (target, headers = {}) => (await fetch(target, { headers })).json();
const invoiceLatencies = [];
const invoiceRuns = Number(process.env.BENCH_INVOICES ?? 30);
for (let i = 0; i < invoiceRuns; i++) {
  const placedOrder = await (
    await fetch(url(ports.experience, '/b2b/v1/orders'), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `bench-invoice-${i}` },
      body: JSON.stringify({
        purchaseOrderNumber: `BENCH-INV-${i}`,
        shipTo: { name: 'Bench', line1: '1 Main St', city: 'Columbus', region: 'OH', postalCode: '43004', country: 'US' },
        lines: [{ lineNumber: 1, sku: 'SKU-1003', quantity: 1 }],
      }),
    })
  ).json();
  let wmsOrder;
  for (let tries = 0; !wmsOrder && tries < 500; tries++) {
    [wmsOrder] = (await getJson(url(ports.sandbox, `/control/wms/fulfillment-orders?erpOrderNumber=${placedOrder.erpOrderNumber}`))).orders;
    if (!wmsOrder) await new Promise((r) => setTimeout(r, 10));
  }
  const shippedAt = performance.now();
  await fetch(url(ports.sandbox, `/control/wms/fulfillment-orders/${wmsOrder.id}/ship`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  for (;;) {
    const view = await getJson(url(ports.experience, `/b2b/v1/orders/${placedOrder.orderId}`), auth);
    if (view.invoices?.[0]?.status === 'open') break;
    await new Promise((r) => setTimeout(r, 10));
  }
  invoiceLatencies.push(performance.now() - shippedAt);
}
invoiceLatencies.sort((a, b) => a - b);
const invoiceAt = (q) => Math.round(invoiceLatencies[Math.min(invoiceLatencies.length - 1, Math.ceil(q * invoiceLatencies.length) - 1)]);
placed.latencies.sort((a, b) => a - b);
const orderP50 = Math.round(placed.latencies[Math.floor(placed.latencies.length / 2)] ?? 0);
stop();
// with the stack gone, so the pure computation has a core to itself
process.stdout.write('sourcing a 50-line order over 10 warehouses...\n');
const sourcing = await benchSourcing();
if (process.env.BENCH_NATS_URL) {
  // the stack's stream of this run
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: process.env.BENCH_NATS_URL });
  await (await jetstreamManager(nc)).streams.delete(`BENCH_RUN_${process.pid}`).catch(() => undefined);
  await nc.close();
}
process.stdout.write('events through outbox -> bus -> consumer...\n');
const eventsRun = await benchEvents({ databaseUrl: postgresUrl, natsUrl: process.env.BENCH_NATS_URL });

const pkg = (name) => JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version;
const ratio = (gateway.rps / direct.rps).toFixed(2);
const row = (name, r) => `| ${name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} |`;
const table = [
  '| availability read | req/s | p50 ms | p99 ms | errors + non-2xx |',
  '|---|---|---|---|---|',
  row(`through the gateway (experience -> process projection), ${connections} connections`, gateway),
  row(`straight to the sandbox WMS, ${connections} connections`, direct),
  row(`through the gateway while orders are placed (${orderRate}/s), ${mixedConnections} connections`, mixed),
].join('\n');
const ordersLine = `orders placed meanwhile: ${placed.ok} (${(placed.ok / seconds).toFixed(1)}/s), ${placed.failed} refused, p50 ${orderP50} ms each`;
const sourcingTable = [
  '| promise computation | runs | median ms | p99 ms | CPU mean ms | legs per order |',
  '|---|---|---|---|---|---|',
  `| 50 lines over 10 warehouses | ${sourcing.runs} | ${sourcing.medianMs} | ${sourcing.p99Ms} | ${sourcing.cpuMeanMs} | ${sourcing.meanLegs} |`,
].join('\n');
console.log(`\n${table}\n\n${ordersLine}\ngateway / direct throughput: ${ratio}\n\n${sourcingTable}`);
console.log(`shipment to invoice: p50 ${invoiceAt(0.5)} ms, p99 ${invoiceAt(0.99)} ms; events: ${eventsRun.perSecond}/s (${eventsRun.mode})`);

const doc = `# Benchmarks${postgresUrl ? ` on PostgreSQL${process.env.BENCH_NATS_URL ? ' and NATS JetStream' : ''}` : ''}

Measured by \`${postgresUrl ? 'BENCH_DATABASE_URL=postgres://… ' : ''}npm run bench\` (bench/run.mjs): the stack of all four apps in one
child process, state in **${databaseKind}**, autocannon in the parent, ${seconds} s per run after a warm-up run,
all on 127.0.0.1. Re-run it after a change that touches a hot path and commit the new figures.
${postgresUrl ? 'The embedded default (PGlite) is in [benchmarks.md](benchmarks.md).' : 'The same runs on PostgreSQL (`BENCH_DATABASE_URL=postgres://…`): [benchmarks-postgres.md](benchmarks-postgres.md).'}

## Availability reads (issues: foundation, order promising)

${table}

${ordersLine}.

Gateway / direct throughput: **${ratio}**. Since order promising, an availability read is
answered by the process layer from its ATP projection (PostgreSQL or PGlite) and never goes
down to the system layer or a backend: the gateway's read crosses one internal HTTP hop
(undici keep-alive pool, opossum breaker), validates the token and the query, reads the
projection and converts units; the direct read is one hop to the emulator. In the embedded
mode all four apps share one Node.js process, so one event loop (one core) serves every hop of
every request, while the load generator runs on the other of the ${os.cpus().length} cores; logs are at \`warn\`
(no per-request line). The mixed run uses fewer connections: latency under a saturating load is
mostly queueing (50 connections at N req/s wait about 50/N s each). In the distributed mode each
app is its own process and scales out behind a load balancer.

## Targets (issue: order promising)

| target | measured | |
|---|---|---|
| availability p99 under 15 ms while orders are placed | ${mixed.p99} ms at ${mixed.rps} req/s | ${mixed.p99 < 15 ? 'met' : '**not met**'} |
| a 50-line promise over 10 warehouses under 5 ms of CPU (median) | ${sourcing.medianMs} ms | ${sourcing.medianMs < 5 ? 'met' : '**not met**'} |

${postgresUrl ? '' : 'On PGlite the tail of the mixed run comes from the order side: PGlite runs PostgreSQL in WebAssembly on the same event loop, so each order transaction (and its file writes) holds every read behind it for a moment. On PostgreSQL the same run is in [benchmarks-postgres.md](benchmarks-postgres.md).'}

## Events and invoicing (issue: fulfilment)

| measure | result |
|---|---|
| shipment to invoice issued in the ERP (${invoiceRuns} shipments, one at a time) | p50 ${invoiceAt(0.5)} ms, p99 ${invoiceAt(0.99)} ms |
| events through outbox -> bus -> consumer (${eventsRun.mode}) | ${eventsRun.perSecond} events/s (${eventsRun.events} in ${eventsRun.seconds} s) |

Shipment to invoice runs from the warehouse operator's ship call in the sandbox WMS through
the WMS events, the system layer, the process layer's inbox (shipment and pending invoice in one
transaction), the invoicing job (started as soon as the shipment is recorded; \`INVOICE_ISSUE_MS\`, 1 s, is its fallback pass) and the ERP's
billing document, until the partner's order view shows the invoice open. Events per second:
${eventsRun.events} events committed to the outbox, then timed from the relay's start until the last
one is applied by a consumer (inbox row and effect in one transaction each).
${postgresUrl ? '' : 'With `BENCH_DATABASE_URL` and `BENCH_NATS_URL` the same runs use PostgreSQL and NATS JetStream: [benchmarks-postgres.md](benchmarks-postgres.md).'}

## Sourcing a promise (issue: order promising)

${sourcingTable}

The pure sourcing policy (apps/process-apis/src/promising/domain/sourcing.policy.ts) on seeded,
deterministic 50-line orders over 10 warehouses and 80 SKUs (bench/sourcing.mjs), timed per call
after a warm-up. Target: median under 5 ms of CPU. This is the computation only; the promise
endpoint that reads the ATP projection around it is not built yet.

| | |
|---|---|
| measured | ${new Date().toISOString()} |
| machine | ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB |
| node | ${process.version} |
| versions | @nestjs/core ${pkg('@nestjs/core')}, fastify ${pkg('fastify')}, undici ${pkg('undici')}, opossum ${pkg('opossum')}, axios ${pkg('axios')}, autocannon ${pkg('autocannon')} |
`;
writeFileSync(docPath, doc);
console.log(`wrote ${docPath}`);
process.exit(0);
