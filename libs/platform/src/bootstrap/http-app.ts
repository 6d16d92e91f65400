import 'reflect-metadata';
import { type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { acceptOrCreateCorrelationId, CORRELATION_HEADER, runWithContext } from '../context/request-context.js';
import { ContextLogger, createAppLogger, type LogLevel } from '../logging/app-logger.js';
import { createValidationPipe } from '../errors/validation.pipe.js';
import { ProblemDetailsFilter } from '../errors/problem-details.filter.js';

export interface HttpAppOptions {
  /** Names the app in every log line. */
  readonly app: string;
  readonly logLevel: LogLevel;
  readonly host: string;
  readonly port: number;
  readonly bodyLimitBytes?: number;
  readonly docs: { readonly title: string; readonly description: string; readonly version: string };
  /** Standalone apps close on SIGTERM themselves; the embedded launcher closes its apps in order instead. */
  readonly shutdownHooks?: boolean;
  /** Extra wiring before listening (e.g. content parsers for EDI). */
  readonly configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

const CLOSE_GRACE_MS = 5_000;

/** Builds an app the same way everywhere: Fastify, correlation ids, problem+json, validation, pino, OpenAPI at /docs. */
export type RootModule = Type<unknown> | DynamicModule;

export async function createHttpApp(rootModule: RootModule, options: Omit<HttpAppOptions, 'host' | 'port'>): Promise<NestFastifyApplication> {
  const appLogger = createAppLogger(options.app, options.logLevel);
  const adapter = new FastifyAdapter({ bodyLimit: options.bodyLimitBytes ?? 1_048_576, logger: false });
  const fastify = adapter.getInstance();
  // Registered before Nest adds its routes, so every route, 404s included, runs inside the context.
  fastify.addHook('onRequest', (request, reply, done) => {
    const correlationId = acceptOrCreateCorrelationId(request.headers[CORRELATION_HEADER]);
    request.headers[CORRELATION_HEADER] = correlationId;
    void reply.header(CORRELATION_HEADER, correlationId);
    runWithContext({ correlationId, logger: appLogger }, done);
  });
  // Closing waits for the requests in hand, but not for ever: after the grace period the
  // remaining connections (e.g. a keep-alive one a caller keeps busy) are cut.
  fastify.addHook('preClose', (done) => {
    setTimeout(() => fastify.server.closeAllConnections(), CLOSE_GRACE_MS).unref();
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    appLogger[level]({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request completed');
    done();
  });

  // Start-up runs in the app's context too, so work it schedules (timers, consumers) logs as this app.
  return runWithContext({ logger: appLogger }, async () => {
    const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, { logger: new ContextLogger(), abortOnError: false });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new ProblemDetailsFilter());
    if (options.shutdownHooks) app.enableShutdownHooks();
    await options.configure?.(app);
    SwaggerModule.setup('docs', app, buildOpenApiDocument(app, options.docs), { jsonDocumentUrl: 'docs/json' });
    await app.init();
    return app;
  });
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
