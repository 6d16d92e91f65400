// The embedded stack as the benches run it: a child process (dist/apps/embedded/src/main.js) on its
// own four ports, its own state (a PGlite directory, or its own schemas with BENCH_DATABASE_URL) and,
// with BENCH_NATS_URL, its own JetStream stream; and autocannon against it. 127.0.0.1 only.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const url = (port, p) => `http://127.0.0.1:${port}${p}`;

const running = new Set();
// USER_HZ: 100 on every Linux the bench runs on (getconf CLK_TCK)
const CLOCK_TICKS = 100;
// whatever happens to the bench, no stack outlives it
process.on('exit', () => {
  for (const stack of running) stack.stop();
});

/**
 * Starts a stack whose experience layer listens on `firstPort` (process, system, sandbox on the next
 * three) and waits until it is ready. `name` keeps its schemas and stream apart from other stacks';
 * `env` adds to (or overrides) the stack's environment, e.g. OTEL_SDK_DISABLED; `nodeArgs` go to its
 * node (e.g. --cpu-prof, which NODE_OPTIONS does not take).
 */
export async function startStack({ name = 'main', firstPort, env = {}, databaseUrl, natsUrl, nodeArgs = [] }) {
  const ports = { experience: firstPort, process: firstPort + 1, system: firstPort + 2, sandbox: firstPort + 3 };
  const suffix = name === 'main' ? '' : `_${name}`;
  const schemas = { process: `bench_process${suffix}`, experience: `bench_experience${suffix}` };
  const stream = `BENCH_RUN_${process.pid}${suffix}`;
  // each run starts from the seed: its own schemas, dropped first
  if (databaseUrl) await dropSchemas(databaseUrl, schemas);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `gateway-bench-${name}-`));
  const child = spawn(process.execPath, [...nodeArgs, 'dist/apps/embedded/src/main.js'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      // BENCH_DATABASE_URL: the same stack on PostgreSQL (schemas bench_process / bench_experience)
      ...(databaseUrl ? { DATABASE_URL: databaseUrl, PROCESS_DB_SCHEMA: schemas.process, EXPERIENCE_DB_SCHEMA: schemas.experience } : {}),
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
      ...(natsUrl
        ? // a subject prefix of its own (bench.run<pid>_off, not bench.run<pid>.off): JetStream refuses streams whose subjects overlap
          { EVENT_BUS: 'nats', NATS_URL: natsUrl, NATS_STREAM: stream, NATS_SUBJECT_PREFIX: `bench.run${process.pid}${suffix}` }
        : {}),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stack = {
    name,
    ports,
    pid: child.pid,
    pids: [child.pid],
    /** CPU seconds (user + system) the stack's process has used so far; undefined where /proc is not there. */
    cpuSeconds: () => cpuSecondsOf(child.pid),
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
      running.delete(stack);
    },
    /** Stops the stack, waits for its process to end, and removes its JetStream stream. */
    async close() {
      const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
      stack.stop();
      await exited;
      if (natsUrl) await deleteStream(natsUrl, stream);
    },
  };
  running.add(stack);
  await waitUntil(`the ${name} stack`, child, url(ports.experience, '/health/ready'));
  return stack;
}

/** CPU seconds (user + system) a process has used so far; undefined once it is gone or where /proc is not there. */
function cpuSecondsOf(pid) {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return undefined;
  // fields 14 and 15 (utime, stime), counted after the command name, which may hold spaces
  const text = readFileSync(stat, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * Distributed mode as docs/distributed-mode.md runs it: the sandbox, system, process and experience apps
 * each in its own process (dist/apps/<app>/src/main.js) on `firstPort`.. `firstPort + 3`, state in
 * PostgreSQL (own schemas, dropped first), events over NATS JetStream (own stream). The same shape as
 * startStack's answer; `pids` lists the four processes, `cpuSeconds()` is their sum.
 */
export async function startDistributedStack({ name = 'dist', firstPort, env = {}, databaseUrl, natsUrl, nodeArgs = [] }) {
  if (!databaseUrl || !natsUrl) throw new Error('distributed mode needs BENCH_DATABASE_URL and BENCH_NATS_URL');
  const ports = { experience: firstPort, process: firstPort + 1, system: firstPort + 2, sandbox: firstPort + 3 };
  const schemas = { process: `bench_process_${name}`, experience: `bench_experience_${name}` };
  const stream = `BENCH_RUN_${process.pid}_${name}`;
  await dropSchemas(databaseUrl, schemas);
  const secret = (bytes = 24) => randomBytes(bytes).toString('base64url');
  const shared = {
    ...process.env,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_ENABLED: 'false',
    SERVICE_TOKEN_KEYS: `bench:${secret(32)}`,
    WMS_WEBHOOK_SECRET: 'sandbox-wms-webhook-secret-bench',
    SANDBOX_WMS_WEBHOOK_SECRET: 'sandbox-wms-webhook-secret-bench',
    CHANNEL_EVENTS_TOKEN: secret(),
    TOKEN_SIGNING_SECRET: secret(32),
    ACME_CLIENT_SECRET: 'acme-demo-secret',
    GLOBEX_CLIENT_SECRET: secret(),
    CRM_CLIENT_SECRET: secret(),
    OPS_CLIENT_SECRET: secret(),
    UMBRELLA_EDI_CLIENT_SECRET: secret(),
    DATABASE_URL: databaseUrl,
    PROCESS_DB_SCHEMA: schemas.process,
    EXPERIENCE_DB_SCHEMA: schemas.experience,
    EVENT_BUS: 'nats',
    NATS_URL: natsUrl,
    NATS_STREAM: stream,
    NATS_SUBJECT_PREFIX: `bench.run${process.pid}_${name}`,
    EXPERIENCE_PORT: String(ports.experience),
    PROCESS_PORT: String(ports.process),
    SYSTEM_PORT: String(ports.system),
    SANDBOX_PORT: String(ports.sandbox),
    EXPERIENCE_URL: url(ports.experience, ''),
    PROCESS_URL: url(ports.process, ''),
    SYSTEM_URL: url(ports.system, ''),
    SANDBOX_URL: url(ports.sandbox, ''),
    ...env,
  };
  const children = new Map();
  const stack = {
    name,
    ports,
    get apps() {
      return [...children.keys()];
    },
    get pids() {
      return [...children.values()].map((c) => c.pid);
    },
    cpuSeconds() {
      let sum = 0;
      for (const child of children.values()) sum += cpuSecondsOf(child.pid) ?? 0;
      return sum;
    },
    stop() {
      for (const child of children.values()) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      running.delete(stack);
    },
    async close() {
      const exits = [...children.values()]
        .filter((c) => c.exitCode === null && c.signalCode === null)
        .map((c) => new Promise((resolve) => c.once('exit', resolve)));
      stack.stop();
      await Promise.all(exits);
      await deleteStream(natsUrl, stream);
    },
  };
  running.add(stack);
  // the start order of docs/distributed-mode.md: backends, system, process, experience
  for (const [app, probe] of [
    ['sandbox', '/control/health'],
    ['system-apis', '/health/live'],
    ['process-apis', '/health/live'],
    ['experience-apis', '/health/ready'],
  ]) {
    const child = spawn(process.execPath, [...nodeArgs, `dist/apps/${app}/src/main.js`], { env: shared, stdio: ['ignore', 'ignore', 'inherit'] });
    children.set(app, child);
    const port = ports[app.replace('-apis', '')];
    await waitUntil(`${name}'s ${app}`, child, url(port, probe), app === 'sandbox');
  }
  return stack;
}

async function dropSchemas(databaseUrl, schemas) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schemas.process} CASCADE; DROP SCHEMA IF EXISTS ${schemas.experience} CASCADE`);
  await client.end();
}

async function deleteStream(natsUrl, stream) {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: natsUrl });
  await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
  await nc.close();
}

/** Waits until `target` answers 2xx (any answer with `anyAnswer`), for at most 90 s; fails at once if `child` exits. */
async function waitUntil(what, child, target, anyAnswer = false) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      const response = await fetch(target);
      if (response.ok || anyAnswer) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`${what} did not become ready in 90 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A partner token (the demo client acme) from a stack. */
export async function partnerToken(stack) {
  const response = await fetch(url(stack.ports.experience, '/oauth/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'acme', client_secret: 'acme-demo-secret' }),
  });
  return (await response.json()).access_token;
}

/** One autocannon run (keep-alive). */
export function load(title, target, { headers, connections, seconds }) {
  return new Promise((resolve, reject) => {
    process.stdout.write(`${title}: ${seconds}s, ${connections} connections...\n`);
    autocannon({ url: target, connections, duration: seconds, headers }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

export const summary = (r) => ({
  rps: Math.round(r.requests.average),
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors + r.non2xx,
  total: r.requests.total,
});
