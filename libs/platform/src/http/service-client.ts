import type { Provider, Type } from '@nestjs/common';
import { Pool } from 'undici';
import { CORRELATION_HEADER, currentCorrelationId } from '../context/request-context.js';
import { UpstreamError, UpstreamUnavailableError, type ProblemDocument } from '../errors/upstream.error.js';
import { AppError } from '../errors/app-error.js';
import { Breaker, BreakerOptions, BreakerRegistry } from './breaker.js';
import { inClientSpan, type TraceCarrier } from '../tracing/spans.js';
import { clientSpanAttributes, recordResponseStatus } from '../tracing/http-tracing.js';

export interface ServiceClientOptions extends BreakerOptions {
  /** Name used in errors, logs and readiness, e.g. `process-apis`. */
  readonly name: string;
  readonly baseUrl: string;
  /** Keep-alive connections in the pool. */
  readonly connections: number;
  /** The `authorization` header of every call (e.g. a cached service token for the callee). */
  readonly authorization?: () => Promise<string>;
}

export interface ServiceRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Record<string, string | number | boolean | undefined>;
  readonly body?: unknown;
  readonly headers?: Record<string, string | undefined>;
  /** Which breaker guards this call: one per downstream capability, so one failing backend can't block the others. */
  readonly breaker: string;
}

export interface ServiceResponse<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Record<string, string | string[] | undefined>;
}

/**
 * Typed layer-to-layer calls: undici keep-alive pool, JSON, correlation id on every hop,
 * and an opossum breaker with timeout and bulkhead per capability. 4xx answers come back
 * as UpstreamError and never count against the breaker.
 */
export class ServiceClient {
  private readonly pool: Pool;

  constructor(
    private readonly options: ServiceClientOptions,
    private readonly breakers: BreakerRegistry,
  ) {
    this.pool = new Pool(options.baseUrl, {
      connections: options.connections,
      keepAliveTimeout: 30_000,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  async send<T>(request: ServiceRequest): Promise<ServiceResponse<T>> {
    return this.breakerFor(request.breaker).run(() =>
      inClientSpan(`${request.method} ${this.options.name}`, clientSpanAttributes(this.options.name, request.method, request.path), (trace, span) =>
        recordResponseStatus(span, this.call<T>(request, trace)),
      ),
    );
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  /** Nest calls this on the provider instance when the app closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private breakerFor(capability: string): Breaker {
    return this.breakers.create(`${this.options.name}:${capability}`, this.options, isCallerError);
  }

  private async call<T>(request: ServiceRequest, trace: TraceCarrier): Promise<ServiceResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...trace };
    const correlationId = currentCorrelationId();
    if (correlationId) headers[CORRELATION_HEADER] = correlationId;
    if (this.options.authorization) headers.authorization = await this.options.authorization();
    for (const [key, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers[key] = value;
    if (request.body !== undefined) headers['content-type'] = 'application/json';

    let response;
    try {
      response = await this.pool.request({
        method: request.method,
        path: withQuery(request.path, request.query),
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
    } catch (error) {
      throw new UpstreamUnavailableError(this.options.name, isTimeout(error) ? 'timeout' : 'unreachable', 1, error);
    }
    const text = await response.body.text();
    const body = text ? safeJson(text) : undefined;
    if (response.statusCode >= 400) {
      const retryAfter = Number(response.headers['retry-after']);
      throw new UpstreamError(
        this.options.name,
        response.statusCode,
        body as ProblemDocument | undefined,
        Number.isFinite(retryAfter) ? retryAfter : undefined,
      );
    }
    return { status: response.statusCode, body: body as T, headers: response.headers };
  }
}

function isCallerError(error: unknown): boolean {
  return error instanceof AppError && error.status < 500;
}

function isTimeout(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 500) };
  }
}

export function withQuery(path: string, query: ServiceRequest['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Providers for a typed client over its own ServiceClient, built from the app's config:
 * `...clientProviders(SystemApiClient, ProcessApisConfig, (c) => ({ name: 'system-apis', baseUrl: c.systemUrl, ... }))`.
 */
export function clientProviders<C, Config>(
  client: Type<C> & (new (http: ServiceClient) => C),
  config: abstract new (...args: never[]) => Config,
  options: (config: Config) => ServiceClientOptions,
): Provider[] {
  const http = Symbol(`${client.name}.http`);
  return [
    { provide: http, inject: [config, BreakerRegistry], useFactory: (c: Config, breakers: BreakerRegistry) => new ServiceClient(options(c), breakers) },
    { provide: client, inject: [http], useFactory: (transport: ServiceClient) => new client(transport) },
  ];
}
