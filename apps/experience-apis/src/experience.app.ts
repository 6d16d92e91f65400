import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildAsyncApiDocument, ERROR_CODES } from '@contracts';
import { createHttpApp } from '@platform';
import { CatalogService } from './catalog/catalog.service.js';
import { ExperienceApisModule } from './experience-apis.module.js';
import { ExperienceApisConfig } from './experience.config.js';
import { X12_CONTENT_TYPES } from './edi/edi.controller.js';

export const experienceDocs = {
  title: 'Experience APIs',
  description:
    'The partner edge: OAuth2 client credentials, versioned B2B REST (v2 current, v1 deprecated) with idempotent orders, quotes and cancels, CRM, EDI (ANSI X12 004010) interchanges and documents.',
  version: '1.0',
  catalog: {
    servers: [{ url: 'http://127.0.0.1:3000', description: 'Embedded mode (npm start) and a standalone experience layer on its default port' }],
    oauth2: {
      tokenUrl: '/oauth/token',
      scopes: {
        b2b: 'B2B partners: catalog, availability, quotes, orders, invoices, shipments, webhooks, EDI.',
        crm: 'CRM clients: account onboarding and order history.',
        ops: 'Operators: client and signing-key administration, the audit log.',
      },
      // as the guards enforce it: PartnerAuthGuard on /b2b and /edi, CrmAuthGuard on /crm, OpsAuthGuard on /ops
      scopeOf: (path: string) => ({ b2b: 'b2b', edi: 'b2b', crm: 'crm', ops: 'ops' })[path.split('/')[1] ?? ''],
    },
    // B2B v1 answers with Deprecation, Sunset and Link headers (docs/b2b-v2-migration.md)
    deprecatedPaths: /^\/b2b\/v1\//,
    // listed per operation (x-error-codes); docs/error-codes.md is rendered from the same list
    errorCodes: ERROR_CODES,
    tags: {
      auth: 'OAuth2 client-credentials tokens and the public signing keys (JWKS).',
      'b2b v1': 'B2B partner API, version 1: deprecated, answers carry Deprecation and Sunset headers; see the v2 migration guide.',
      'b2b v2': 'B2B partner API, version 2 (current): catalog, availability, quotes, idempotent orders and cancels, invoices, shipments.',
      'b2b webhooks': 'Signed webhook subscriptions for order, shipment and invoice events, their deliveries and redelivery.',
      catalog: 'The API catalog: the index of the APIs with their versions and lifecycle, the event catalog (AsyncAPI) and the guides; public.',
      'crm v1': 'CRM experience: account onboarding into the ERP and an order history per account.',
      'edi v1': 'EDI trading partners: ANSI X12 004010 interchanges in (850, 997) and generated documents out (997, 855, 856, 810).',
      health: 'Liveness and readiness probes.',
      ops: 'Operations console: API clients, secret and signing-key rotation, the security audit log.',
    },
  },
};

export function createExperienceApp(config: ExperienceApisConfig, options: { shutdownHooks?: boolean } = {}): Promise<NestFastifyApplication> {
  // OAuth2 token requests are forms (RFC 6749 §4.4.2): Nest's Fastify adapter parses those itself.
  return createHttpApp(ExperienceApisModule.forRoot(config), {
    app: 'experience-apis',
    logLevel: config.logLevel,
    docs: experienceDocs,
    bodyLimitBytes: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestTimeoutMs: config.requestTimeoutMs,
    // X12 interchanges stay the raw string (Fastify parses text/plain that way already); same body limit
    configure: (app) => {
      const fastify = app.getHttpAdapter().getInstance();
      for (const type of X12_CONTENT_TYPES.filter((t) => !fastify.hasContentTypeParser(t))) {
        fastify.addContentTypeParser(type, { parseAs: 'string', bodyLimit: config.bodyLimitBytes }, (_request, body, done) => done(null, body));
      }
      // generated from the contracts by the code that writes openapi/asyncapi.json, so /catalog serves what this build sends
      app.get(CatalogService).useEventCatalog(buildAsyncApiDocument(app));
    },
    ...options,
  });
}

export async function startExperienceApp(config: ExperienceApisConfig, options: { shutdownHooks?: boolean } = {}): Promise<NestFastifyApplication> {
  const app = await createExperienceApp(config, options);
  await app.listen(config.port, config.host);
  return app;
}
