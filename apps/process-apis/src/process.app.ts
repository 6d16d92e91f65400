import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROCESS_ERROR_CODES } from '@contracts';
import { createHttpApp } from '@platform';
import { ProcessApisModule } from './process-apis.module.js';
import { ProcessApisConfig } from './process.config.js';

export const processDocs = {
  title: 'Process APIs',
  description: 'Order promising and order-to-cash orchestration over the system layer.',
  version: '1.0',
  catalog: {
    servers: [{ url: 'http://127.0.0.1:3001', description: 'Embedded mode (npm start) and a standalone process layer on its default port' }],
    // as ServiceAuthGuard admits callers: the experience and system layers' service tokens, operators everywhere and alone on /v1/ops
    serviceAuth: { publicPaths: /^\/health\//, operators: { paths: /^\/v1\/ops\// } },
    errorCodes: PROCESS_ERROR_CODES,
    tags: {
      accounts: 'CRM accounts linked to ERP customers.',
      availability: 'Available-to-promise per item and warehouse, from the ATP projection.',
      catalog: 'Sellable items with prices.',
      events: 'Canonical events posted by the system layer (inbox, de-duplicated).',
      health: 'Liveness and readiness probes.',
      invoices: 'Invoices linked to shipments, orders and ERP billing documents.',
      ops: 'Operations: dead letters and replay, billing runs, order exceptions, the audit log.',
      orders: 'Order-to-cash: placing, reading and cancelling orders, the order 360 view.',
      promising: 'Order promising: sourcing and reservations across warehouses.',
    },
  },
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
