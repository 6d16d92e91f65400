import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@platform';
import { ProcessApisModule } from './process-apis.module.js';
import { ProcessApisConfig } from './process.config.js';

export const processDocs = {
  title: 'Process APIs',
  description: 'Order promising and order-to-cash orchestration over the system layer.',
  version: '1.0',
};

export function createProcessApp(config: ProcessApisConfig, options: { shutdownHooks?: boolean } = {}): Promise<NestFastifyApplication> {
  return createHttpApp(ProcessApisModule.forRoot(config), {
    app: 'process-apis',
    logLevel: config.logLevel,
    docs: processDocs,
    bodyLimitBytes: 1_048_576,
    ...options,
  });
}

export async function startProcessApp(config: ProcessApisConfig, options: { shutdownHooks?: boolean } = {}): Promise<NestFastifyApplication> {
  const app = await createProcessApp(config, options);
  await app.listen(config.port, config.host);
  return app;
}
