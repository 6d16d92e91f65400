// What metrics and tracing cost the availability read (issue: operations; limit: 10% of throughput).
// Stacks that differ only in their telemetry switches are up side by side; the same read is sent to
// each in turn, round after round, the order reversed every other round (on, off, off, on, ...) so
// drift (JIT, caches, the machine) falls on every variant alike; the medians are compared.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { load, partnerToken, summary, url } from './stack.mjs';

/** The ceiling: telemetry as shipped may cost at most this share of the read's throughput. */
export const TELEMETRY_LIMIT = 0.1;

export const AVAILABILITY_V2 = '/b2b/v2/availability?sku=SKU-1001&quantity=10';

/** The variants, by the environment their stack gets on top of the bench's. */
export const telemetryVariants = (sinkPort) => [
  { key: 'on', label: 'telemetry as shipped (tracing on, no exporter; HTTP metrics recorded)', env: {} },
  { key: 'off', label: 'telemetry off (`OTEL_SDK_DISABLED=true`, `METRICS_ENABLED=false`)', env: { OTEL_SDK_DISABLED: 'true', METRICS_ENABLED: 'false' } },
  ...(sinkPort
    ? [
        {
          key: 'otlp',
          label: 'as shipped + spans exported over OTLP/HTTP to a local sink',
          env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${sinkPort}` },
        },
      ]
    : []),
];

/** A collector stand-in on 127.0.0.1: answers 200 to POST /v1/traces and counts what arrives. */
export async function startOtlpSink() {
  const marker = Buffer.from('"spanId"');
  const sink = { port: 0, posts: 0, bytes: 0, spans: 0 };
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (request.method === 'POST' && request.url === '/v1/traces') {
        sink.posts++;
        sink.bytes += body.length;
        // the JSON encoding names each span's id once ("parentSpanId" does not match)
        for (let at = body.indexOf(marker); at !== -1; at = body.indexOf(marker, at + marker.length)) sink.spans++;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.port = server.address().port;
  sink.close = () => new Promise((resolve) => server.close(resolve));
  return sink;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Each round starts one fresh stack per variant (`start(variant, round)`), alone on the machine:
 * scraped once (as Prometheus would; that also starts the process metrics' watchers), warmed up,
 * measured, closed. One stack at a time, because idle stacks are not idle (their schedulers and,
 * with PGlite, their database run in the same process) and because a stack's start position among
 * several moved its figures by up to 10% whatever its switches. The variants' order is reversed
 * every other round, so drift falls on each alike.
 */
export async function measureTelemetry({ variants, start, seconds, warmSeconds, rounds, connections, sink }) {
  const runs = Object.fromEntries(variants.map((v) => [v.key, []]));
  let exported = sink ? { posts: 0, spans: 0, bytes: 0, requests: 0 } : undefined;
  for (let round = 0; round < rounds; round++) {
    for (const variant of round % 2 ? [...variants].reverse() : variants) {
      const stack = await start(variant, round);
      try {
        const headers = { authorization: `Bearer ${await partnerToken(stack)}` };
        for (const layer of ['experience', 'process', 'system']) await (await fetch(url(stack.ports[layer], '/metrics'))).arrayBuffer();
        const target = url(stack.ports.experience, AVAILABILITY_V2);
        await load(`telemetry warm-up (${variant.key}, round ${round + 1}/${rounds})`, target, { headers, connections, seconds: warmSeconds });
        const sinkBefore = sink && { posts: sink.posts, spans: sink.spans, bytes: sink.bytes };
        const cpuBefore = stack.cpuSeconds();
        const result = summary(await load(`telemetry ${variant.key}, round ${round + 1}/${rounds}`, target, { headers, connections, seconds }));
        const cpuAfter = stack.cpuSeconds();
        // the stack's own CPU per read: steadier than req/s
        result.cpuMicros = cpuBefore === undefined ? undefined : Math.round(((cpuAfter - cpuBefore) * 1e6) / Math.max(1, result.total));
        runs[variant.key].push(result);
        if (sink && variant.key === 'otlp') {
          exported = {
            posts: exported.posts + sink.posts - sinkBefore.posts,
            spans: exported.spans + sink.spans - sinkBefore.spans,
            bytes: exported.bytes + sink.bytes - sinkBefore.bytes,
            requests: exported.requests + result.total,
          };
        }
      } finally {
        await stack.close();
      }
    }
  }
  const rows = variants.map((variant) => {
    const list = runs[variant.key];
    return {
      ...variant,
      runs: list,
      rps: Math.round(median(list.map((r) => r.rps))),
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
      cpuMicros: list[0].cpuMicros === undefined ? undefined : Math.round(median(list.map((r) => r.cpuMicros))),
      errors: list.reduce((sum, r) => sum + r.errors, 0),
      requests: list.reduce((sum, r) => sum + r.total, 0),
    };
  });
  const off = rows.find((r) => r.key === 'off');
  for (const row of rows) {
    row.ratio = row.rps / off.rps;
    // the same comparison round by round: how far one round's pair can stray from the medians
    row.roundRatios = row.runs.map((r, i) => r.rps / off.runs[i].rps);
    row.cpuRatio = row.cpuMicros === undefined ? undefined : row.cpuMicros / off.cpuMicros;
  }
  const on = rows.find((r) => r.key === 'on');
  const cost = 1 - on.ratio;
  return {
    rows,
    cost,
    pass: cost < TELEMETRY_LIMIT,
    seconds,
    warmSeconds,
    rounds,
    connections,
    exported: exported && { ...exported, megabytes: exported.bytes / 2 ** 20 },
  };
}

/** Where telemetry's own code lives: the OpenTelemetry SDK, prom-client, and the platform's tracing and metrics. */
const TELEMETRY_CODE = [/\/node_modules\/@opentelemetry\//, /\/node_modules\/prom-client\//, /\/libs\/platform\/src\/(tracing|metrics)\//];

/**
 * The same read against one stack as shipped under V8's sampling profiler (`--cpu-prof`), and the
 * share of the stack's busy samples (all but idle) that stand in telemetry's own code. A second
 * view of the cost that does not compare two stacks, so the spread between fresh stacks does not
 * enter it; it sees the code's own time only, not what its allocations add to garbage collection.
 */
export async function profileTelemetry({ start, seconds, warmSeconds, connections }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gateway-telemetry-profile-'));
  try {
    const stack = await start(['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    let total;
    // the measuring window in CLOCK_MONOTONIC µs, the clock of the profile's timestamps too (Linux)
    const window = {};
    const now = () => Number(process.hrtime.bigint() / 1000n);
    try {
      const headers = { authorization: `Bearer ${await partnerToken(stack)}` };
      const target = url(stack.ports.experience, AVAILABILITY_V2);
      await load('telemetry profile warm-up (on)', target, { headers, connections, seconds: warmSeconds });
      window.from = now();
      total = summary(await load('telemetry profile (on)', target, { headers, connections, seconds })).total;
      window.to = now();
    } finally {
      await stack.close();
    }
    // one profile per thread (the launcher's and the edge's): the stack's busy time is their sum
    const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
    if (!files.length) throw new Error('the profiled stack wrote no .cpuprofile');
    let busy = 0;
    let telemetry = 0;
    for (const file of files) {
      const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      const telemetryNodes = new Set(profile.nodes.filter((n) => TELEMETRY_CODE.some((re) => re.test(n.callFrame.url))).map((n) => n.id));
      const idleNodes = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
      let at = profile.startTime;
      profile.samples.forEach((id, i) => {
        const micros = profile.timeDeltas[i] ?? 0;
        at += micros;
        // start-up (module loading, migrations) and the warm-up are not the reads measured
        if (at < window.from || at > window.to || idleNodes.has(id)) return;
        busy += micros;
        if (telemetryNodes.has(id)) telemetry += micros;
      });
    }
    if (busy === 0) throw new Error('no profile samples fall in the measuring window (is CLOCK_MONOTONIC shared?)');
    return { share: telemetry / busy, busySeconds: busy / 1e6, reads: total };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const percent = (share) => `${(share * 100).toFixed(1)}%`;

export function telemetryVerdict(t) {
  const profiled = t.profile ? `; ${percent(t.profile.share)} of the profiled stack's CPU is telemetry code` : '';
  return `telemetry as shipped costs ${percent(t.cost)} of the availability read's throughput (limit ${percent(TELEMETRY_LIMIT)}): ${t.pass ? 'PASS' : 'FAIL'}${profiled}`;
}

export function telemetryTable(t) {
  const span = (list) => `${Math.min(...list).toFixed(2)}–${Math.max(...list).toFixed(2)}`;
  return [
    `| GET /b2b/v2/availability, ${t.connections} connections | req/s | p50 ms | p99 ms | errors + non-2xx | stack CPU µs / read | throughput / off (rounds) |`,
    '|---|---|---|---|---|---|---|',
    ...t.rows.map(
      (r) => `| ${r.label} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.cpuMicros ?? 'n/a'} | ${r.ratio.toFixed(3)} (${span(r.roundRatios)}) |`,
    ),
  ].join('\n');
}

/** The section of docs/benchmarks*.md; `BENCH_ONLY=telemetry` replaces just this section. */
export function telemetrySection(t, { measuredAt, machine }) {
  const otlp = t.rows.find((r) => r.key === 'otlp');
  const exportLine =
    otlp && t.exported
      ? `The OTLP run's sink received ${t.exported.spans} spans in ${t.exported.posts} posts (${t.exported.megabytes.toFixed(1)} MiB of JSON) for ${t.exported.requests} reads, ${(t.exported.spans / Math.max(1, t.exported.requests)).toFixed(1)} a read (a batch span processor drops spans when its queue of 2048 is full; it does not slow the reads down).`
      : '';
  return `## Telemetry cost (issue: operations)

${telemetryTable(t)}

**${telemetryVerdict(t)}.** The limit applies to telemetry as shipped by default (first row against the second).

Stacks identical but for their telemetry switches, measured one at a time: each round starts a
fresh stack per variant, alone on the machine (idle stacks are not idle: their schedulers and, with
PGlite, their database run in the same process; and a stack's start position among several moved
its figures by up to 10% on this machine; its periodic jobs (the stock rebuild, the credit recheck and the
catalog sync) run once an hour, as a burst of one of them in a measuring window outweighed the
effect measured), scrapes it once, warms it up for ${t.warmSeconds} s, sends it the
same availability read (the current version, \`/b2b/v2\`) for ${t.seconds} s and closes it; ${t.rounds} rounds, the
variants' order reversed every other round so drift falls on every variant alike; req/s, p50 and
p99 are the medians of a variant's runs; CPU per read is the stack process's own CPU time (user +
system) over the reads it answered, steadier than req/s on a shared machine; the last column is each variant's median
throughput over the median with telemetry off and, in brackets, the range of that ratio round by round. As shipped, tracing is on without an
exporter: every request's spans get real ids, so every log line, answer and call to the next layer
carries the trace, but they are not recorded (no timing, no attributes, nothing handed on; a call
under such a span makes no client span of its own); every answer is counted in
\`http_requests_total\` and \`http_request_duration_seconds\`. Off means \`OTEL_SDK_DISABLED=true\` (no
tracer provider: no spans, no trace ids in logs, a caller's \`traceparent\` ignored) and
\`METRICS_ENABLED=false\` (no HTTP metrics, \`GET /metrics\` answers 404). Each stack is scraped once
before the runs, not during them (a scrape every 15 s is a separate, small cost).
${exportLine}
${
  t.profile
    ? `Under V8's sampling profiler, one more stack as shipped answering the same read for ${t.seconds} s spent ${percent(t.profile.share)} of its busy CPU time (${t.profile.busySeconds.toFixed(1)} s for ${t.profile.reads} reads) in telemetry's own code (the OpenTelemetry SDK, prom-client, the platform's tracing and metrics): a figure that does not compare two stacks, so the spread between fresh stacks does not enter it, though it misses what telemetry's allocations add to garbage collection.`
    : ''
}
Before tracing stopped recording spans nobody exports (and before the active span moved into the
request context's AsyncLocalStorage), a first, shorter run of this comparison measured 0.69 (a 31%
cost) and, in a separate run, 1096 against 770 µs of CPU per read.
Run this part alone with \`BENCH_ONLY=telemetry npm run bench\` (it rewrites only this section);
\`BENCH_TELEMETRY_ROUNDS\` (default 4), \`BENCH_TELEMETRY_SECONDS\` (default 8) and \`BENCH_TELEMETRY_WARM_SECONDS\`
(default 4) set its length,
\`BENCH_TELEMETRY_OTLP=false\` leaves out the exporting stack, \`BENCH_TELEMETRY_PROFILE=false\` the profiled one. Measured ${measuredAt}, ${machine}.
`;
}
