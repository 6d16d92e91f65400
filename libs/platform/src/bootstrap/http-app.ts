import 'reflect-metadata';
import { Logger as NestLogger, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { acceptOrCreateCorrelationId, CORRELATION_HEADER, runWithContext } from '../context/request-context.js';
import { createValidationPipe } from '../errors/validation.pipe.js';
import { ProblemDetailsFilter, sendProblem } from '../errors/problem-details.filter.js';

export interface HttpAppOptions {
  readonly host: string;
  readonly port: number;
  readonly bodyLimitBytes?: number;
  readonly docs: { readonly title: string; readonly description: string; readonly version: string };
  /** Standalone apps close on SIGTERM themselves; the embedded launcher closes its apps in order instead. */
  readonly shutdownHooks?: boolean;
  /** Extra wiring before listening (e.g. content parsers for EDI). */
  readonly configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/** Builds an app the same way everywhere: Fastify, correlation ids, problem+json, validation, pino, OpenAPI at /docs. */
export type RootModule = Type<unknown> | DynamicModule;

export async function createHttpApp(rootModule: RootModule, options: Omit<HttpAppOptions, 'host' | 'port'>): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: options.bodyLimitBytes ?? 1_048_576, logger: false });
  const fastify = adapter.getInstance();
  // Registered before Nest adds its routes, so every route, 404s included, runs inside the context.
  fastify.addHook('onRequest', (request, reply, done) => {
    const correlationId = acceptOrCreateCorrelationId(request.headers[CORRELATION_HEADER]);
    request.headers[CORRELATION_HEADER] = correlationId;
    void reply.header(CORRELATION_HEADER, correlationId);
    runWithContext({ correlationId }, done);
  });

  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, { bufferLogs: true, abortOnError: false });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  // Body-parsing failures (malformed JSON, too large) happen before Nest's filters see the request.
  const errorLogger = new NestLogger('HttpErrors');
  fastify.setErrorHandler((error, request, reply) => sendProblem(error, request, reply, errorLogger));
  if (options.shutdownHooks) app.enableShutdownHooks();
  await options.configure?.(app);
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, options.docs), { jsonDocumentUrl: 'docs/json' });
  return app;
}

export async function startHttpApp(rootModule: RootModule, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const app = await createHttpApp(rootModule, options);
  await app.listen(options.port, options.host);
  return app;
}

export function buildOpenApiDocument(app: INestApplication, docs: HttpAppOptions['docs']): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(docs.title)
    .setDescription(docs.description)
    .setVersion(docs.version)
    .addBearerAuth()
    .addGlobalParameters({
      name: CORRELATION_HEADER,
      in: 'header',
      required: false,
      description: 'Correlation id carried through every hop; generated when absent and echoed on every response.',
      schema: { type: 'string' },
    })
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** The base URL an app listens on, for logs and for wiring apps started on ephemeral ports. */
export async function baseUrlOf(app: NestFastifyApplication): Promise<string> {
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}
