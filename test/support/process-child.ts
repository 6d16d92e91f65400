import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ProcessApisConfig } from '../../apps/process-apis/src/process.config.js';
import { eventually } from './eventually.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * The build the child runs: a folder of this test process's own beside dist/ (same depth), so two
 * runs at once (CI's PGlite and PostgreSQL passes) never rebuild the files the other's child runs.
 */
const OUT_DIR = path.join(repoRoot, `.dist-e2e-${process.pid}`);
/** An app's built entry point in this test process's build (`buildDist`), e.g. 'process-apis' or 'embedded'. */
export const builtMain = (app: string): string => path.join(OUT_DIR, `apps/${app}/src/main.js`);
const MAIN = builtMain('process-apis');

/** Compiles the repo (SWC, a few seconds), so a child process runs the code under test (`removeDist` when done). */
export async function buildDist(): Promise<void> {
  await promisify(execFile)(process.execPath, [path.join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, env: { ...process.env, BUILD_OUT_DIR: OUT_DIR } });
}

export function removeDist(): void {
  rmSync(OUT_DIR, { recursive: true, force: true });
}

/**
 * The process app as its own OS process (the built main.js, configured through its environment
 * exactly as in production), so a test can SIGKILL it mid-request and start it again on the same
 * port, database and stream.
 */
export class ProcessChild {
  private child?: ChildProcess;
  private output = '';

  constructor(private readonly config: ProcessApisConfig) {}

  get url(): string {
    return `http://127.0.0.1:${this.config.port}`;
  }

  async start(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, ['--enable-source-maps', MAIN], { cwd: repoRoot, env: envOf(this.config), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-4_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    // ready, or exited: either ends the wait
    const ready = async () => child.exitCode === null && (await fetch(`${this.url}/health/ready`).catch(() => undefined))?.ok === true;
    const live = await eventually(ready, (ok) => ok || child.exitCode !== null, 60_000, 100);
    if (live) return;
    if (child.exitCode !== null) throw new Error(`the process app exited with ${child.exitCode} at start: ${this.output}`);
    throw new Error(`the process app did not start within 60 s: ${this.output}`);
  }

  /** kill -9: no shutdown hook runs, connections and transactions are cut where they are. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

/** The environment main.ts reads (README's configuration table) for this config. */
function envOf(config: ProcessApisConfig): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test' };
  const set = (name: string, value: string | number | undefined) => {
    if (value !== undefined) env[name] = String(value);
  };
  set('PROCESS_HOST', config.host);
  set('PROCESS_PORT', config.port);
  set('LOG_LEVEL', config.logLevel);
  set('SYSTEM_URL', config.systemUrl);
  set('DATABASE_URL', config.database.url);
  set('DATA_DIR', path.dirname(config.database.dataDir));
  set('PROCESS_DB_SCHEMA', config.database.schema);
  set('BREAKER_TIMEOUT_MS', config.breaker.timeoutMs);
  set('BREAKER_RESET_MS', config.breaker.resetTimeoutMs);
  set('BREAKER_ERROR_PERCENT', config.breaker.errorThresholdPercentage);
  set('BREAKER_VOLUME', config.breaker.volumeThreshold);
  set('BREAKER_CAPACITY', config.breaker.capacity);
  set('CATALOG_REFRESH_MS', config.catalogRefreshMs);
  set('IN_FLIGHT_TIMEOUT_MS', config.inFlightTimeoutMs);
  set('ATP_REFRESH_MS', config.atpRefreshMs);
  set('HOLD_SWEEP_MS', config.holdSweepMs);
  set('INVOICE_ISSUE_MS', config.invoiceIssueMs);
  set('CREDIT_RECHECK_MS', config.creditRecheckMs);
  set('EXPERIENCE_URL', config.channelEvents?.experienceUrl);
  set('CHANNEL_EVENTS_TOKEN', config.channelEvents?.token);
  const decoder = new TextDecoder();
  set('SERVICE_TOKEN_KEYS', [...config.security.serviceKeys.byKid.values()].map((key) => `${key.kid}:${decoder.decode(key.secret)}`).join(','));
  set('TOKEN_ISSUER', config.security.operators.issuer);
  set('OPERATOR_JWKS_URL', config.security.operators.jwksUrl);
  const messaging = config.messaging;
  if (messaging) {
    set('OUTBOX_RELAY_INTERVAL_MS', messaging.relayIntervalMs);
    set('OUTBOX_BATCH_SIZE', messaging.relayBatchSize);
    set('CONSUMER_RETRY_BASE_MS', messaging.retryBaseMs);
    set('CONSUMER_RETRY_MAX_MS', messaging.retryMaxMs);
    set('CONSUMER_MAX_ATTEMPTS', messaging.maxAttempts);
    set('EVENT_BUS', messaging.bus.kind);
    if (messaging.bus.kind === 'nats') {
      set('NATS_URL', messaging.bus.url);
      set('NATS_STREAM', messaging.bus.stream);
      set('NATS_SUBJECT_PREFIX', messaging.bus.subjectPrefix);
      set('NATS_DUPLICATE_WINDOW_MS', messaging.bus.duplicateWindowMs);
      set('NATS_ACK_WAIT_MS', messaging.bus.ackWaitMs);
    }
  }
  return env;
}
