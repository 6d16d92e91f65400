import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { baseUrlOf, defaultBreakerOptions, type BreakerOptions, type DatabaseConfig } from '@platform';
import { createSandboxApp, defaultSandboxConfig } from '../../apps/sandbox/src/sandbox.app.js';
import { startSystemApp } from '../../apps/system-apis/src/system.app.js';
import { startProcessApp } from '../../apps/process-apis/src/process.app.js';
import { startExperienceApp } from '../../apps/experience-apis/src/experience.app.js';
import {
  defaultWebhooksConfig,
  demoPartners,
  demoTradingPartners,
  type ExperienceApisConfig,
  type WebhooksConfig,
} from '../../apps/experience-apis/src/experience.config.js';
import type { ProcessApisConfig } from '../../apps/process-apis/src/process.config.js';
import { defaultMessagingConfig } from '../../apps/process-apis/src/messaging/messaging.config.js';
import type { SystemApisConfig } from '../../apps/system-apis/src/system.config.js';

export const TOKEN_SECRET = 'e2e-signing-secret-0123456789abcdefghijklmnop';
export const CHANNEL_EVENTS_TOKEN = 'e2e-channel-events-token-0123456789';

export interface StackOptions {
  /** Breaker settings for every layer (short resets make breaker tests quick). */
  readonly breaker?: Partial<BreakerOptions>;
  readonly bodyLimitBytes?: number;
  /** Full rebuild interval of the ATP projection (long by default: events keep it current). */
  readonly atpRefreshMs?: number;
  /** Consumer retry settings of the process layer (e.g. many attempts, for long outages). */
  readonly retries?: { readonly retryBaseMs?: number; readonly retryMaxMs?: number; readonly maxAttempts?: number };
  /** Webhook delivery settings of the experience layer (private URLs allowed: test receivers listen on 127.0.0.1). */
  readonly webhooks?: Partial<WebhooksConfig>;
}

/**
 * The whole gateway in this test process over real HTTP: the sandbox backends and the three
 * layers on ephemeral ports, with the real database: PGlite files in a temp folder, or
 * PostgreSQL (own schemas per run) when DATABASE_URL is set.
 */
export class TestStack {
  sandbox!: NestFastifyApplication;
  system!: NestFastifyApplication;
  process!: NestFastifyApplication;
  experience!: NestFastifyApplication;
  sandboxUrl = '';
  systemUrl = '';
  processUrl = '';
  experienceUrl = '';
  private experienceConfig!: ExperienceApisConfig;
  private processConfig!: ProcessApisConfig;

  private constructor(
    private readonly options: StackOptions,
    private readonly dataDir: string,
    private readonly schemaPrefix: string,
  ) {}

  static async start(options: StackOptions = {}): Promise<TestStack> {
    const stack = new TestStack(options, mkdtempSync(path.join(tmpdir(), 'gateway-e2e-')), `e2e_${randomBytes(4).toString('hex')}`);
    await stack.boot();
    return stack;
  }

  get eventBusKind(): 'in-process' | 'nats' {
    return process.env.NATS_URL ? 'nats' : 'in-process';
  }

  get databaseKind(): 'pglite' | 'postgres' {
    return process.env.DATABASE_URL ? 'postgres' : 'pglite';
  }

  private database(app: string): DatabaseConfig {
    return { url: process.env.DATABASE_URL, dataDir: path.join(this.dataDir, app), schema: `${this.schemaPrefix}_${app}` };
  }

  private async boot(): Promise<void> {
    const breaker = { ...defaultBreakerOptions, timeoutMs: 3_000, ...this.options.breaker };
    const [systemPort, processPort, experiencePort] = await Promise.all([freePort(), freePort(), freePort()]);
    const logLevel = (process.env.TEST_LOG_LEVEL ?? 'silent') as 'silent';

    this.sandbox = await createSandboxApp({ ...defaultSandboxConfig, port: 0, wmsWebhookUrl: `http://127.0.0.1:${systemPort}/wms/v1/events/native` });
    this.sandboxUrl = await baseUrlOf(this.sandbox);

    const systemConfig: SystemApisConfig = {
      host: '127.0.0.1',
      port: systemPort,
      logLevel,
      erp: { baseUrl: `${this.sandboxUrl}/sap/opu/odata/sap`, user: defaultSandboxConfig.erpUser, password: defaultSandboxConfig.erpPassword },
      wms: { baseUrl: `${this.sandboxUrl}/wms/api`, apiKey: defaultSandboxConfig.wmsApiKey },
      oms: { baseUrl: `${this.sandboxUrl}/oms/api/v2`, token: defaultSandboxConfig.omsToken },
      processUrl: `http://127.0.0.1:${processPort}`,
      breaker,
      vendorTimeoutMs: breaker.timeoutMs,
    };
    this.system = await startSystemApp(systemConfig);
    this.systemUrl = await baseUrlOf(this.system);

    this.processConfig = {
      host: '127.0.0.1',
      port: processPort,
      logLevel,
      systemUrl: this.systemUrl,
      database: this.database('process'),
      breaker,
      catalogRefreshMs: 600_000,
      inFlightTimeoutMs: 60_000,
      atpRefreshMs: this.options.atpRefreshMs ?? 600_000,
      holdSweepMs: 500,
      invoiceIssueMs: 200,
      creditRecheckMs: 300,
      channelEvents: { experienceUrl: `http://127.0.0.1:${experiencePort}`, token: CHANNEL_EVENTS_TOKEN },
      // with NATS_URL (CI's PostgreSQL pass) the process layer's events go over JetStream, on streams of this run
      messaging: {
        ...defaultMessagingConfig,
        relayIntervalMs: 200,
        ...this.options.retries,
        bus: process.env.NATS_URL
          ? {
              kind: 'nats',
              url: process.env.NATS_URL,
              stream: `E2E_${this.schemaPrefix.toUpperCase()}`,
              subjectPrefix: `e2e.${this.schemaPrefix}`,
              duplicateWindowMs: 120_000,
              ackWaitMs: 30_000,
            }
          : { kind: 'in-process' },
      },
    };
    this.process = await startProcessApp(this.processConfig);
    this.processUrl = await baseUrlOf(this.process);

    this.experienceConfig = {
      host: '127.0.0.1',
      port: experiencePort,
      logLevel,
      processUrl: this.processUrl,
      database: this.database('experience'),
      breaker,
      bodyLimitBytes: this.options.bodyLimitBytes ?? 262_144,
      auth: { signingSecret: TOKEN_SECRET, tokenTtlSeconds: 3600, issuer: 'distribution-gateway' },
      idempotency: { retentionHours: 24, inFlightTimeoutMs: 60_000 },
      demoPartners: demoPartners(),
      channelEventsToken: CHANNEL_EVENTS_TOKEN,
      edi: { demoTradingPartners: demoTradingPartners(), outboundIntervalMs: 200 },
      webhooks: { ...defaultWebhooksConfig, allowPrivateUrls: true, retryBaseMs: 200, retryMaxMs: 1_000, ...this.options.webhooks },
    };
    this.experience = await startExperienceApp(this.experienceConfig);
    this.experienceUrl = await baseUrlOf(this.experience);
  }

  private extra: NestFastifyApplication[] = [];

  /**
   * Closes an app; one still closing after CLOSE_WATCH_MS is reported loudly, with the database
   * sessions of the moment, and left behind so the remaining apps and the clean-up still run.
   * Seen intermittently on PostgreSQL + NATS in CI and not reproduced: this names the app next time.
   */
  private async closeWatched(name: string, app: NestFastifyApplication | undefined): Promise<void> {
    if (!app) return;
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<'stalled'>((resolve) => (timer = setTimeout(() => resolve('stalled'), CLOSE_WATCH_MS)));
    const outcome = await Promise.race([app.close().then(() => 'closed' as const), stalled]);
    clearTimeout(timer);
    if (outcome === 'closed') return;
    let sessions = '';
    if (process.env.DATABASE_URL) {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      const rows = await client.query(
        `SELECT pid, state, wait_event_type, wait_event, left(query, 160) AS query, now() - xact_start AS in_transaction
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      await client.end();
      sessions = JSON.stringify(rows.rows);
    }
    console.error(`TestStack: the ${name} app did not close within ${CLOSE_WATCH_MS} ms; database sessions: ${sessions}`);
  }

  /**
   * A second process app and a second experience app in front of it, sharing the first ones'
   * PostgreSQL schemas, as two instances behind a load balancer. Returns the second experience URL.
   */
  async startSecondInstance(): Promise<string> {
    if (this.databaseKind !== 'postgres') throw new Error('a second instance needs a shared PostgreSQL (DATABASE_URL)');
    const process2 = await startProcessApp({ ...this.processConfig, port: 0 });
    const experience2 = await startExperienceApp({ ...this.experienceConfig, port: 0, processUrl: await baseUrlOf(process2) });
    this.extra.push(experience2, process2);
    return baseUrlOf(experience2);
  }

  private experienceStopped = false;

  /** Stops the experience app (an outage); restartExperience brings it back. */
  async stopExperience(): Promise<void> {
    await this.experience.close();
    this.experienceStopped = true;
  }

  /** Stops the experience app (unless stopped already) and starts it again on the same database and port, as after a deploy or crash. */
  async restartExperience(): Promise<void> {
    if (!this.experienceStopped) await this.experience.close();
    this.experience = await startExperienceApp(this.experienceConfig);
    this.experienceStopped = false;
    this.experienceUrl = await baseUrlOf(this.experience);
  }

  async stop(): Promise<void> {
    const apps = [
      ...this.extra.map((app) => ['extra', app] as const),
      ['experience', this.experience],
      ['process', this.process],
      ['system', this.system],
      ['sandbox', this.sandbox],
    ] as const;
    for (const [name, app] of apps) await this.closeWatched(name, app);
    rmSync(this.dataDir, { recursive: true, force: true });
    if (process.env.NATS_URL) {
      const nc = await connect({ servers: process.env.NATS_URL });
      await (await jetstreamManager(nc)).streams.delete(`E2E_${this.schemaPrefix.toUpperCase()}`).catch(() => undefined);
      await nc.close();
    }
    if (process.env.DATABASE_URL) {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      // a stalled app may still hold locks: the schema is then left behind (its name is unique to the run)
      await client.query(`SET lock_timeout = '5s'`);
      for (const app of ['process', 'experience']) {
        await client.query(`DROP SCHEMA IF EXISTS ${this.schemaPrefix}_${app} CASCADE`).catch((error: Error) => {
          console.error(`TestStack: schema ${this.schemaPrefix}_${app} not dropped: ${error.message}`);
        });
      }
      await client.end();
    }
  }
}

/** How long an app may take to close before the stack reports it and goes on (the suite's hook has 60 s in all). */
const CLOSE_WATCH_MS = 20_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
