import { Inject, Injectable, type INestApplication } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { METRICS_OPTIONS, type MetricsOptions } from './metrics.controller.js';
import { MetricsRegistry } from './metrics.registry.js';
import { TalliedCounter, TalliedHistogram } from './request-series.js';

/** The route label of a request Fastify matched to no route (404s): raw URLs would give a series per scanned path. */
export const UNMATCHED_ROUTE = 'unmatched';
export const ANONYMOUS_CLIENT = 'anonymous';

/** Who called, as the auth guards left it on the request: a partner / CRM / operator client (experience) or a calling layer / operator (process, system). */
type IdentifiedRequest = FastifyRequest & { client?: { clientId?: string }; caller?: { id?: string } };

export function clientOf(request: FastifyRequest): string {
  const { client, caller } = request as IdentifiedRequest;
  return client?.clientId ?? caller?.id ?? ANONYMOUS_CLIENT;
}

/** The route template (`/b2b/v1/orders/:orderId`), never the URL: one series per route, not per order id. */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? UNMATCHED_ROUTE;
}

/** `http_requests_total` and `http_request_duration_seconds` of one app (tallied: request-series.ts). */
@Injectable()
export class HttpMetrics {
  private readonly requests: TalliedCounter;
  private readonly duration: TalliedHistogram;
  /** METRICS_ENABLED: when false the app's hook records nothing. */
  readonly enabled: boolean;

  constructor(metrics: MetricsRegistry, @Inject(METRICS_OPTIONS) options: MetricsOptions = {}) {
    this.enabled = options.enabled ?? true;
    this.requests = metrics.custom(
      new TalliedCounter(
        'http_requests_total',
        'HTTP requests answered, by method, route template, status code and client (authenticated client id, calling layer, or anonymous).',
        ['method', 'route', 'status', 'client'],
      ),
    );
    this.duration = metrics.custom(
      new TalliedHistogram(
        'http_request_duration_seconds',
        'Time from receiving a request to sending its answer, by method, route template and status code.',
        ['method', 'route', 'status'],
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      ),
    );
  }

  record(request: FastifyRequest, reply: FastifyReply): void {
    const method = request.method;
    const route = routeOf(request);
    const status = String(reply.statusCode);
    this.requests.inc(method, route, status, clientOf(request));
    this.duration.observe(method, route, status, reply.elapsedTime / 1000);
  }
}

/**
 * Records every answered request of the app, once the app's `HttpMetrics` exist. The hook is added to
 * Fastify before Nest registers its routes (so it covers all of them, 404s included); `attach` hands it
 * the app's metrics after the app is built. An app without MetricsModule, or with METRICS_ENABLED=false,
 * records nothing.
 */
export function httpMetricsHook(fastify: FastifyInstance): { attach(app: INestApplication): void } {
  let metrics: HttpMetrics | undefined;
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics?.record(request, reply);
    done();
  });
  return {
    attach(app) {
      try {
        const found = app.get(HttpMetrics, { strict: false });
        metrics = found.enabled ? found : undefined;
      } catch {
        metrics = undefined; // MetricsModule not imported (e.g. the sandbox)
      }
    },
  };
}
