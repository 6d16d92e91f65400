import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { AxiosRequestConfig } from 'axios';
import { BreakerRegistry } from '@platform';
import { SystemApisConfig } from '../../../system.config.js';
import { VendorHttp } from '../../../vendor/vendor-http.js';

/** The sandbox OMS's API: token header, the `oms` breaker, native errors as AppErrors. */
@Injectable()
export class SandboxOmsClient implements OnApplicationShutdown {
  private readonly http: VendorHttp;

  constructor(config: SystemApisConfig, breakers: BreakerRegistry) {
    this.http = new VendorHttp(
      {
        backend: 'oms',
        baseUrl: config.oms.baseUrl,
        timeoutMs: config.vendorTimeoutMs,
        breaker: config.breaker,
        headers: { 'x-oms-token': config.oms.token },
        nativeMessage: omsMessage,
      },
      breakers,
    );
  }

  request<T>(request: AxiosRequestConfig, notFoundCode?: string): Promise<T> {
    return this.http.request<T>(request, notFoundCode);
  }

  onApplicationShutdown(): void {
    this.http.close();
  }
}

function omsMessage(body: unknown): string | undefined {
  const { message, error } = (body ?? {}) as { message?: unknown; error?: unknown };
  return typeof message === 'string' ? message : typeof error === 'string' ? error : undefined;
}
