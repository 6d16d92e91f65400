import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosBasicCredentials, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import {
  clientSpanAttributes,
  CORRELATION_HEADER,
  currentCorrelationId,
  inClientSpan,
  traceCarrier,
  type Breaker,
  type BreakerOptions,
  type BreakerRegistry,
} from '@platform';
import { ATTR_HTTP_RESPONSE_STATUS_CODE } from '@opentelemetry/semantic-conventions';
import { isCallerError, nativeFailure, type NativeMessage } from './vendor-error.js';

export interface VendorHttpOptions {
  /** Backend kind (`erp`, `wms`, `oms`): names the breaker and the errors. */
  readonly backend: string;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly breaker: BreakerOptions;
  readonly headers?: Record<string, string>;
  readonly auth?: AxiosBasicCredentials;
  /** Pulls the human message out of the vendor's error body. */
  readonly nativeMessage: NativeMessage;
}

/**
 * One backend's native HTTP: an axios instance on a keep-alive agent that sends the
 * correlation id and the W3C trace context on every call, a client span per call (the
 * backend call in the order's trace), and the backend's breaker around each call. Native errors
 * are turned into AppErrors inside the breaker, so 4xx answers never count against it.
 */
export class VendorHttp {
  readonly axios: AxiosInstance;
  private readonly breaker: Breaker;
  private readonly agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

  constructor(
    private readonly options: VendorHttpOptions,
    breakers: BreakerRegistry,
  ) {
    this.axios = axios.create({
      baseURL: options.baseUrl,
      timeout: options.timeoutMs,
      httpAgent: this.agents.http,
      httpsAgent: this.agents.https,
      // backend APIs answer, they do not redirect: without this axios sends every call through
      // follow-redirects, a stream wrapper that cost about 4% of the system layer's CPU per order
      maxRedirects: 0,
      auth: options.auth,
      headers: { accept: 'application/json', ...options.headers },
    });
    this.axios.interceptors.request.use((request) => {
      const correlationId = currentCorrelationId();
      if (correlationId) request.headers.set(CORRELATION_HEADER, correlationId);
      // the active span is the call's client span (see request): the backend may join the trace
      for (const [name, value] of Object.entries(traceCarrier())) request.headers.set(name, value);
      return request;
    });
    this.breaker = breakers.create(options.backend, options.breaker, isCallerError);
  }

  /** Sends one native request; `notFoundCode` is the stable code a native 404 becomes. */
  async request<T>(request: AxiosRequestConfig, notFoundCode?: string): Promise<T> {
    return (await this.exchange<T>(request, notFoundCode)).data;
  }

  /** As `request`, with the native status too (e.g. 201 created or 200 found by an idempotent create). */
  async exchange<T>(request: AxiosRequestConfig, notFoundCode?: string): Promise<{ status: number; data: T }> {
    const method = (request.method ?? 'GET').toUpperCase();
    return this.breaker.run(() =>
      inClientSpan(`${method} ${this.options.backend}`, clientSpanAttributes(this.options.backend, method, request.url ?? ''), async (_trace, span) => {
        try {
          const response = await this.axios.request<T>(request);
          span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.status);
          return { status: response.status, data: response.data };
        } catch (error) {
          const status = (error as { response?: { status?: number } }).response?.status;
          if (status !== undefined) span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
          throw nativeFailure(this.options.backend, error, this.options.nativeMessage, notFoundCode);
        }
      }),
    );
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
