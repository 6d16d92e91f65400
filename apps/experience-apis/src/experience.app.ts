import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@platform';
import { ExperienceApisModule } from './experience-apis.module.js';
import { ExperienceApisConfig } from './experience.config.js';
import { X12_CONTENT_TYPES } from './edi/edi.controller.js';

export const experienceDocs = {
  title: 'Experience APIs',
  description:
    'The partner edge: OAuth2 client credentials, versioned B2B REST (v2 current, v1 deprecated) with idempotent orders, quotes and cancels, CRM, EDI (ANSI X12 004010) interchanges and documents.',
  version: '1.0',
};

export function createExperienceApp(config: ExperienceApisConfig, options: { shutdownHooks?: boolean } = {}): Promise<NestFastifyApplication> {
  // OAuth2 token requests are forms (RFC 6749 §4.4.2): Nest's Fastify adapter parses those itself.
  return createHttpApp(ExperienceApisModule.forRoot(config), {
    app: 'experience-apis',
    logLevel: config.logLevel,
    docs: experienceDocs,
    bodyLimitBytes: config.bodyLimitBytes,
    // X12 interchanges stay the raw string (Fastify parses text/plain that way already); same body limit
    configure: (app) => {
      const fastify = app.getHttpAdapter().getInstance();
      for (const type of X12_CONTENT_TYPES.filter((t) => !fastify.hasContentTypeParser(t))) {
        fastify.addContentTypeParser(type, { parseAs: 'string', bodyLimit: config.bodyLimitBytes }, (_request, body, done) => done(null, body));
      }
    },
    ...options,
  });
}

export async function startExperienceApp(config: ExperienceApisConfig, options: { shutdownHooks?: boolean } = {}): Promise<NestFastifyApplication> {
  const app = await createExperienceApp(config, options);
  await app.listen(config.port, config.host);
  return app;
}
