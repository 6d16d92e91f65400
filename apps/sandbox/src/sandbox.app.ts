import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { z } from 'zod';
import { appUrl } from '@platform';
import { installTrafficHooks } from './control/traffic.hook.js';
import { TrafficStore } from './control/traffic.store.js';
import { SandboxErrorFilter } from './sandbox-error.filter.js';
import { createSandboxValidationPipe } from './sandbox-validation.pipe.js';
import { defaultSandboxConfig, type SandboxConfig } from './sandbox.config.js';
import { SandboxModule } from './sandbox.module.js';

export { defaultSandboxConfig, type SandboxConfig } from './sandbox.config.js';
export { WmsEventEmitter } from './wms/wms-event.emitter.js';

/** Builds the sandbox and starts listening (port 0: an ephemeral port, see `app.getUrl()`). */
export async function createSandboxApp(config: SandboxConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ logger: false, routerOptions: { ignoreTrailingSlash: true } });
  const app = await NestFactory.create<NestFastifyApplication>(SandboxModule.forRoot(config), adapter, {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  // Before Nest registers its routes (at listen), so faults and the call log cover every native request.
  installTrafficHooks(app.getHttpAdapter().getInstance(), app.get(TrafficStore));
  app.useGlobalPipes(createSandboxValidationPipe());
  app.useGlobalFilters(new SandboxErrorFilter());
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

const nonEmpty = z.string().min(1, 'must not be empty');
const envSchema = z.object({
  SANDBOX_HOST: nonEmpty.default(defaultSandboxConfig.host),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(defaultSandboxConfig.port),
  SANDBOX_WMS_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  SANDBOX_ERP_USER: nonEmpty.default(defaultSandboxConfig.erpUser),
  SANDBOX_ERP_PASSWORD: nonEmpty.default(defaultSandboxConfig.erpPassword),
  SANDBOX_WMS_API_KEY: nonEmpty.default(defaultSandboxConfig.wmsApiKey),
  SANDBOX_OMS_TOKEN: nonEmpty.default(defaultSandboxConfig.omsToken),
  SANDBOX_WMS_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').default(defaultSandboxConfig.wmsWebhookSecret),
  SANDBOX_CSRF_TTL_MS: z.coerce.number().int().positive().default(defaultSandboxConfig.csrfTokenTtlMs),
});

/** Reads SANDBOX_* variables (empty counts as unset); a bad value throws a message naming the variable. */
export function sandboxConfigFromEnv(env: NodeJS.ProcessEnv): SandboxConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([name, value]) => name.startsWith('SANDBOX_') && value !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid sandbox configuration:\n${problems.join('\n')}`);
  }
  const e = result.data;
  return {
    host: e.SANDBOX_HOST,
    port: e.SANDBOX_PORT,
    // the system layer's native WMS webhook, wherever SYSTEM_URL (or SYSTEM_HOST / SYSTEM_PORT) puts it
    wmsWebhookUrl: e.SANDBOX_WMS_WEBHOOK_URL ?? `${appUrl(env, 'SYSTEM')}/wms/v1/events/native`,
    erpUser: e.SANDBOX_ERP_USER,
    erpPassword: e.SANDBOX_ERP_PASSWORD,
    wmsApiKey: e.SANDBOX_WMS_API_KEY,
    omsToken: e.SANDBOX_OMS_TOKEN,
    wmsWebhookSecret: e.SANDBOX_WMS_WEBHOOK_SECRET,
    csrfTokenTtlMs: e.SANDBOX_CSRF_TTL_MS,
  };
}
