import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosBasicCredentials, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { CORRELATION_HEADER, currentCorrelationId, type Breaker, type BreakerOptions, type BreakerRegistry } from '@platform';
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
 * correlation id on every call, and the backend's breaker around each call. Native errors
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
      auth: options.auth,
      headers: { accept: 'application/json', ...options.headers },
    });
    this.axios.interceptors.request.use((request) => {
      const correlationId = currentCorrelationId();
      if (correlationId) request.headers.set(CORRELATION_HEADER, correlationId);
      return request;
    });
    this.breaker = breakers.create(options.backend, options.breaker, isCallerError);
  }

  /** Sends one native request; `notFoundCode` is the stable code a native 404 becomes. */
  async request<T>(request: AxiosRequestConfig, notFoundCode?: string): Promise<T> {
    return this.breaker.run(async () => {
      try {
        return (await this.axios.request<T>(request)).data;
      } catch (error) {
        throw nativeFailure(this.options.backend, error, this.options.nativeMessage, notFoundCode);
      }
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
