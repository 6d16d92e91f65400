import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { generateServiceKeys } from '@platform';
import { createSandboxApp, sandboxConfigFromEnv } from '../../sandbox/src/sandbox.app.js';
import { startSystemApp } from '../../system-apis/src/system.app.js';
import { systemConfigFromEnv } from '../../system-apis/src/system.config.js';
import { startProcessApp } from '../../process-apis/src/process.app.js';
import { processConfigFromEnv } from '../../process-apis/src/process.config.js';
import { startExperienceApp } from '../../experience-apis/src/experience.app.js';
import { experienceConfigFromEnv } from '../../experience-apis/src/experience.config.js';

/** The embedded stack's apps, in start order: each one calls the ones before it. */
export const EMBEDDED_APPS = ['sandbox', 'system', 'process', 'experience'] as const;
export type EmbeddedApp = (typeof EMBEDDED_APPS)[number];

export const EMBEDDED_APP_TITLES: Record<EmbeddedApp, string> = {
  sandbox: 'sandbox backends',
  system: 'system APIs',
  process: 'process APIs',
  experience: 'experience APIs',
};

/**
 * The environment every embedded app is configured from. One launch shares the secrets that
 * distributed apps are given by their operator: the layers' service-token keys and the channel-events
 * token are generated per start unless set, and the system layer trusts the sandbox WMS's webhook
 * secret. With CHANNEL_EVENTS_TOKEN set, the process layer forwards channel events to the experience
 * layer and trusts its operator tokens, wherever EXPERIENCE_URL/_PORT puts it. Computed once, before
 * any app starts, so apps on other threads see the same values.
 */
export function embeddedEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...base };
  env.SERVICE_TOKEN_KEYS ||= generateServiceKeys();
  env.WMS_WEBHOOK_SECRET ||= sandboxConfigFromEnv(env).wmsWebhookSecret;
  env.CHANNEL_EVENTS_TOKEN ??= randomBytes(24).toString('base64url');
  return env;
}

/** Starts one app of the embedded stack from `embeddedEnv`'s environment; called on the app's own thread. */
export function startEmbeddedApp(name: EmbeddedApp, env: NodeJS.ProcessEnv): Promise<NestFastifyApplication> {
  switch (name) {
    case 'sandbox':
      return createSandboxApp(sandboxConfigFromEnv(env));
    case 'system':
      return startSystemApp(systemConfigFromEnv(env));
    case 'process':
      return startProcessApp(processConfigFromEnv(env));
    case 'experience':
      return startExperienceApp(experienceConfigFromEnv(env));
  }
}

/** Demo clients, a line each, for the start-up banner. */
export function demoClientLines(env: NodeJS.ProcessEnv): string[] {
  const experience = experienceConfigFromEnv(env);
  return [...experience.demoPartners, ...experience.edi.demoTradingPartners.map((p) => ({ ...p.client, partnerId: `${p.client.partnerId} (EDI)` }))].map(
    (p) =>
      `  ${p.partnerId.padEnd(8)} secret ${p.secret.padEnd(20)} ${p.kind === 'crm' ? 'CRM client (scope crm, /crm/v1)' : p.kind === 'operator' ? 'operator (scope ops: /v1/ops on :3001, /ops/v1 here)' : `ERP customer ${p.customerId}`}`,
  );
}
