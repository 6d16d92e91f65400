import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SYSTEM_ERROR_CODES } from '@contracts';
import { createHttpApp } from '@platform';
import { SystemApisModule } from './system-apis.module.js';
import type { SystemApisConfig } from './system.config.js';

export const systemDocs = {
  title: 'System APIs',
  description: 'Canonical, versioned REST over the ERP (SAP S/4HANA OData), the WMS and the OMS. Mapping only: no business rules.',
  version: '1.0',
  catalog: {
    servers: [{ url: 'http://127.0.0.1:3002', description: 'Embedded mode (npm start) and a standalone system layer on its default port' }],
    // the process layer's service tokens; the WMS signs its webhook calls instead
    serviceAuth: {
      publicPaths: /^\/health\//,
      vendorSigned: {
        paths: /^\/wms\/v1\/events\/native$/,
        header: 'X-WMS-Signature',
        description: 'The WMS signs each webhook call: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with WMS_WEBHOOK_SECRET.',
      },
    },
    errorCodes: SYSTEM_ERROR_CODES,
    tags: {
      erp: 'Canonical REST over the ERP (SAP S/4HANA OData v2): customers, items, prices, sales orders, inbound supply, billing documents.',
      health: 'Liveness and readiness probes.',
      oms: 'Canonical REST over the OMS: order lifecycle and status transitions.',
      wms: 'Canonical REST over the WMS: warehouses, inventory positions, fulfillment orders, native events.',
    },
  },
};

export interface SystemAppOptions {
  /** Standalone processes close on SIGTERM; the embedded launcher closes its apps itself. */
  readonly shutdownHooks?: boolean;
}

export function createSystemApp(config: SystemApisConfig, options: SystemAppOptions = {}): Promise<NestFastifyApplication> {
  return createHttpApp(SystemApisModule.forRoot(config), { app: 'system-apis', logLevel: config.logLevel, docs: systemDocs, rawBody: true, ...options });
}

export async function startSystemApp(config: SystemApisConfig, options: SystemAppOptions = {}): Promise<NestFastifyApplication> {
  const app = await createSystemApp(config, options);
  await app.listen(config.port, config.host);
  return app;
}
