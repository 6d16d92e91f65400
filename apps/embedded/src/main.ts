import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { appUrl, baseUrlOf, generateServiceKeys, initTracing, tracingConfigFromEnv } from '@platform';
import { createSandboxApp, sandboxConfigFromEnv } from '../../sandbox/src/sandbox.app.js';
import { startSystemApp } from '../../system-apis/src/system.app.js';
import { systemConfigFromEnv } from '../../system-apis/src/system.config.js';
import { startProcessApp } from '../../process-apis/src/process.app.js';
import { operatorAuthAt, processConfigFromEnv } from '../../process-apis/src/process.config.js';
import { startExperienceApp } from '../../experience-apis/src/experience.app.js';
import { experienceConfigFromEnv } from '../../experience-apis/src/experience.config.js';

/**
 * Embedded mode: the sandbox backends and the three layers in one process, each on its own
 * port and talking real HTTP, state in PGlite under DATA_DIR. The launcher is the one place
 * that knows all apps; the apps themselves never import each other.
 */
const logger = new Logger('gateway');
const env = { ...process.env };
// one process, one tracer provider: its spans name their app (gateway.app) and scope
initTracing(tracingConfigFromEnv(env, 'gateway'));
const sandboxConfig = sandboxConfigFromEnv(env);
// One process: the layers' service-token keys are generated per start unless set (distributed apps refuse to
// start without SERVICE_TOKEN_KEYS), and the system layer trusts the sandbox WMS's webhook secret.
env.SERVICE_TOKEN_KEYS ||= generateServiceKeys();
env.WMS_WEBHOOK_SECRET ||= sandboxConfig.wmsWebhookSecret;
const systemConfig = systemConfigFromEnv(env);
// one process, so one secret for the internal channel-events hop unless the operator set one
const channelEventsToken = env.CHANNEL_EVENTS_TOKEN ?? randomBytes(24).toString('base64url');
const experienceConfig = { ...experienceConfigFromEnv(env), channelEventsToken };
const experienceBaseUrl = appUrl(env, 'EXPERIENCE');
const processBase = processConfigFromEnv(env);
const processConfig = {
  ...processBase,
  channelEvents: { experienceUrl: experienceBaseUrl, token: channelEventsToken },
  // operator tokens are the experience layer's, wherever it listens
  security: { ...processBase.security, operators: operatorAuthAt(experienceBaseUrl, experienceConfig.auth.issuer, env.OPERATOR_JWKS_URL) },
};

const started: NestFastifyApplication[] = [];
async function start(name: string, boot: () => Promise<NestFastifyApplication>): Promise<string> {
  const app = await boot();
  started.unshift(app);
  const url = await baseUrlOf(app);
  logger.log(`${name} up on ${url}`);
  return url;
}

try {
  const sandboxUrl = await start('sandbox backends', () => createSandboxApp(sandboxConfig));
  const systemUrl = await start('system APIs', () => startSystemApp(systemConfig));
  const processUrl = await start('process APIs', () => startProcessApp(processConfig));
  const experienceUrl = await start('experience APIs', () => startExperienceApp(experienceConfig));

  const partners = [
    ...experienceConfig.demoPartners,
    ...experienceConfig.edi.demoTradingPartners.map((p) => ({ ...p.client, partnerId: `${p.client.partnerId} (EDI)` })),
  ].map(
    (p) =>
      `  ${p.partnerId.padEnd(8)} secret ${p.secret.padEnd(20)} ${p.kind === 'crm' ? 'CRM client (scope crm, /crm/v1)' : p.kind === 'operator' ? 'operator (scope ops: /v1/ops on :3001, /ops/v1 here)' : `ERP customer ${p.customerId}`}`,
  );
  process.stdout.write(
    [
      '',
      'Distribution gateway (embedded mode) is up:',
      `  experience APIs  ${experienceUrl}   docs ${experienceUrl}/docs   catalog ${experienceUrl}/catalog   metrics ${experienceUrl}/metrics`,
      `  process APIs     ${processUrl}   docs ${processUrl}/docs   metrics ${processUrl}/metrics`,
      `  system APIs      ${systemUrl}   docs ${systemUrl}/docs   metrics ${systemUrl}/metrics`,
      `  sandbox          ${sandboxUrl}   (ERP, WMS, OMS emulators and /control)`,
      `  data             ${processConfig.database.url ? 'PostgreSQL' : `PGlite under ${processConfig.database.dataDir.replace(/\/process$/, '')}`}`,
      '',
      'Demo clients (OAuth2 client credentials; `ops` is the operator of the /ops routes of every layer):',
      ...(partners.length ? partners : ['  (none: SEED_DEMO_PARTNERS=false)']),
      '',
      `Try: curl -s -X POST ${experienceUrl}/oauth/token -d grant_type=client_credentials -d client_id=acme -d client_secret=acme-demo-secret`,
      '',
    ].join('\n'),
  );
} catch (error) {
  logger.error(`start-up failed: ${(error as Error).message}`);
  await shutdown(1);
}

async function shutdown(code: number): Promise<void> {
  // top layer first, so nothing accepts work whose downstream has already gone
  for (const app of started.splice(0)) await app.close().catch(() => undefined);
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.log(`${signal}: closing the apps`);
    void shutdown(0);
  });
}
