import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { baseUrlOf } from '@platform';
import { createSandboxApp, sandboxConfigFromEnv } from '../../sandbox/src/sandbox.app.js';
import { startSystemApp } from '../../system-apis/src/system.app.js';
import { systemConfigFromEnv } from '../../system-apis/src/system.config.js';
import { startProcessApp } from '../../process-apis/src/process.app.js';
import { processConfigFromEnv } from '../../process-apis/src/process.config.js';
import { startExperienceApp } from '../../experience-apis/src/experience.app.js';
import { experienceConfigFromEnv } from '../../experience-apis/src/experience.config.js';

/**
 * Embedded mode: the sandbox backends and the three layers in one process, each on its own
 * port and talking real HTTP, state in PGlite under DATA_DIR. The launcher is the one place
 * that knows all apps; the apps themselves never import each other.
 */
const logger = new Logger('gateway');
const env = process.env;
const sandboxConfig = sandboxConfigFromEnv(env);
const systemConfig = systemConfigFromEnv(env);
// one process, so one secret for the internal channel-events hop unless the operator set one
const channelEventsToken = env.CHANNEL_EVENTS_TOKEN ?? randomBytes(24).toString('base64url');
const experienceConfig = { ...experienceConfigFromEnv(env), channelEventsToken };
const processConfig = {
  ...processConfigFromEnv(env),
  channelEvents: { experienceUrl: env.EXPERIENCE_URL ?? `http://${experienceConfig.host}:${experienceConfig.port}`, token: channelEventsToken },
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
  const sandboxUrl = await start('sandbox backends', () =>
    createSandboxApp({
      ...sandboxConfig,
      wmsWebhookUrl: sandboxConfig.wmsWebhookUrl ?? `http://${systemConfig.host}:${systemConfig.port}/wms/v1/events/native`,
    }),
  );
  const systemUrl = await start('system APIs', () => startSystemApp(systemConfig));
  const processUrl = await start('process APIs', () => startProcessApp(processConfig));
  const experienceUrl = await start('experience APIs', () => startExperienceApp(experienceConfig));

  const partners = [
    ...experienceConfig.demoPartners,
    ...experienceConfig.edi.demoTradingPartners.map((p) => ({ ...p.client, partnerId: `${p.client.partnerId} (EDI)` })),
  ].map(
    (p) => `  ${p.partnerId.padEnd(8)} secret ${p.secret.padEnd(20)} ${p.kind === 'crm' ? 'CRM client (scope crm, /crm/v1)' : `ERP customer ${p.customerId}`}`,
  );
  process.stdout.write(
    [
      '',
      'Distribution gateway (embedded mode) is up:',
      `  experience APIs  ${experienceUrl}   docs ${experienceUrl}/docs`,
      `  process APIs     ${processUrl}   docs ${processUrl}/docs`,
      `  system APIs      ${systemUrl}   docs ${systemUrl}/docs`,
      `  sandbox          ${sandboxUrl}   (ERP, WMS, OMS emulators and /control)`,
      `  data             ${processConfig.database.url ? 'PostgreSQL' : `PGlite under ${processConfig.database.dataDir.replace(/\/process$/, '')}`}`,
      '',
      'Demo clients (OAuth2 client credentials):',
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
