import 'reflect-metadata';
import { type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { withProblemResponses } from './openapi-problems.js';
import { withOperationIds } from './openapi-operation-ids.js';
import { withCatalogGovernance, withServiceAuth, type CatalogOptions } from './openapi-governance.js';
import { withValidationRules } from './openapi-validation.js';
import { locateCreatedResources } from './created-location.js';
import { withExamples } from './openapi-examples.js';
import { withErrorCodes } from './openapi-error-codes.js';
import { acceptOrCreateCorrelationId, CORRELATION_HEADER, runWithContext } from '../context/request-context.js';
import { ContextLogger, createAppLogger, type LogLevel } from '../logging/app-logger.js';
import { createValidationPipe } from '../errors/validation.pipe.js';
import { ProblemDetailsFilter } from '../errors/problem-details.filter.js';
import { assertJsonDepth } from '../errors/request-guards.js';
import { httpMetricsHook } from '../metrics/http-metrics.js';
import { requestTraceContext, traceHttpRequests } from '../tracing/http-tracing.js';
import { flushTracing } from '../tracing/tracing.js';

export interface HttpAppOptions {
  /** Names the app in every log line. */
  readonly app: string;
  readonly logLevel: LogLevel;
  readonly host: string;
  readonly port: number;
  readonly bodyLimitBytes?: number;
  /** Time to receive a whole request, headers and body (slow senders are cut off with 408). */
  readonly requestTimeoutMs?: number;
  readonly docs: { readonly title: string; readonly description: string; readonly version: string; readonly catalog?: CatalogOptions };
  /** Standalone apps close on SIGTERM themselves; the embedded launcher closes its apps in order instead. */
  readonly shutdownHooks?: boolean;
  /** Keep each request's raw body (`request.rawBody`), e.g. to check a vendor's signature over it. */
  readonly rawBody?: boolean;
  /** Fastify's trustProxy: which proxies' X-Forwarded-For to believe for `request.ip` (none by default). */
  readonly trustProxy?: boolean | string[];
  /** Extra wiring before listening (e.g. content parsers for EDI). */
  readonly configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

const CLOSE_GRACE_MS = 5_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** A route as Fastify registered it. */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
}

const routeTables = new WeakMap<object, RouteEntry[]>();

/** Every route the app serves, from Fastify's own registrations (Nest's controllers, docs, 404 handler excluded): what a security check must cover. */
export function routeTable(app: NestFastifyApplication): readonly RouteEntry[] {
  return routeTables.get(app) ?? [];
}

/** Builds an app the same way everywhere: Fastify, correlation ids, problem+json, validation, pino, OpenAPI at /docs. */
export type RootModule = Type<unknown> | DynamicModule;

export async function createHttpApp(rootModule: RootModule, options: Omit<HttpAppOptions, 'host' | 'port'>): Promise<NestFastifyApplication> {
  const appLogger = createAppLogger(options.app, options.logLevel);
  const bodyLimit = options.bodyLimitBytes ?? 1_048_576;
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const adapter = new FastifyAdapter({
    bodyLimit,
    logger: false,
    trustProxy: options.trustProxy ?? false,
    // A body trickled in byte by byte would otherwise hold a connection for minutes: the whole
    // request must arrive within requestTimeout. Node checks that deadline every
    // connectionsCheckingInterval (30 s by default), so the check runs more often here.
    requestTimeout,
    http: { headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1_000, requestTimeout) },
  });
  const fastify = adapter.getInstance();
  traceHttpRequests(fastify, options.app);
  fastify.addHook('onClose', async () => flushTracing());
  // Registered before Nest adds its routes, so every route, 404s included, runs inside the context.
  fastify.addHook('onRequest', (request, reply, done) => {
    const correlationId = acceptOrCreateCorrelationId(request.headers[CORRELATION_HEADER]);
    request.headers[CORRELATION_HEADER] = correlationId;
    void reply.header(CORRELATION_HEADER, correlationId);
    // the server span (http-tracing's hook, which ran first) becomes active in this same run
    runWithContext({ correlationId, logger: appLogger, traceContext: requestTraceContext(request) }, done);
  });
  const routes: RouteEntry[] = [];
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  locateCreatedResources(fastify);
  // Closing waits for the requests in hand, but not for ever: after the grace period the
  // remaining connections (e.g. a keep-alive one a caller keeps busy) are cut.
  fastify.addHook('preClose', (done) => {
    setTimeout(() => fastify.server.closeAllConnections(), CLOSE_GRACE_MS).unref();
    done();
  });
  const httpMetrics = httpMetricsHook(fastify);
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    appLogger[level]({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request completed');
    done();
  });

  // Start-up runs in the app's context too, so work it schedules (timers, consumers) logs as this app.
  return runWithContext({ logger: appLogger }, async () => {
    const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
      logger: new ContextLogger(),
      abortOnError: false,
      rawBody: options.rawBody,
    });
    httpMetrics.attach(app);
    // JSON as Fastify parses it, after a depth check on the raw bytes (deep nesting is a 400, never a stack overflow).
    app.useBodyParser('application/json', { bodyLimit }, (request, body, done) => {
      try {
        assertJsonDepth(body);
      } catch (error) {
        return done(error as Error, undefined);
      }
      void fastify.getDefaultJsonParser('error', 'error')(
        request as Parameters<ReturnType<typeof fastify.getDefaultJsonParser>>[0],
        body.toString('utf8'),
        done,
      );
    });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new ProblemDetailsFilter());
    if (options.shutdownHooks) app.enableShutdownHooks();
    await options.configure?.(app);
    SwaggerModule.setup('docs', app, buildOpenApiDocument(app, options.docs), { jsonDocumentUrl: 'docs/json' });
    await app.init();
    routeTables.set(app, routes);
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
  const validated = withValidationRules(SwaggerModule.createDocument(app, config));
  const secured = withServiceAuth(validated, docs.catalog?.serviceAuth);
  const coded = docs.catalog?.errorCodes ? withErrorCodes(secured, docs.catalog.errorCodes) : secured;
  return withExamples(withCatalogGovernance(withOperationIds(withProblemResponses(coded)), docs.catalog));
}

/** The base URL an app listens on, for logs and for wiring apps started on ephemeral ports. */
export async function baseUrlOf(app: NestFastifyApplication): Promise<string> {
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}
