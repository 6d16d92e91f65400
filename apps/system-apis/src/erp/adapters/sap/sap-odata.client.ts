import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { BreakerRegistry } from '@platform';
import { SystemApisConfig } from '../../../system.config.js';
import { unmappable } from '../../../vendor/vendor-error.js';
import { VendorHttp } from '../../../vendor/vendor-http.js';
import { SapCsrfInterceptor } from './sap-csrf.interceptor.js';
import { sapMessage, type ODataEntity, type ODataList } from './sap-odata.js';

/** Where the CSRF token is fetched: the service document of the sales order API, a cheap GET. */
const CSRF_FETCH_PATH = '/API_SALES_ORDER_SRV';

/** The ERP's OData v2 service: Basic auth, CSRF for writes, the `erp` breaker, SAP errors as AppErrors. */
@Injectable()
export class SapODataClient implements OnApplicationShutdown {
  private readonly http: VendorHttp;

  constructor(config: SystemApisConfig, breakers: BreakerRegistry) {
    this.http = new VendorHttp(
      {
        backend: 'erp',
        baseUrl: config.erp.baseUrl,
        timeoutMs: config.vendorTimeoutMs,
        breaker: config.breaker,
        auth: { username: config.erp.user, password: config.erp.password },
        nativeMessage: sapMessage,
      },
      breakers,
    );
    new SapCsrfInterceptor(this.http.axios, CSRF_FETCH_PATH).install();
  }

  async entity<T>(path: string, notFoundCode: string): Promise<T> {
    return entityOf(await this.http.request<ODataEntity<T>>({ method: 'GET', url: path }, notFoundCode));
  }

  async list<T>(path: string): Promise<T[]> {
    const body = await this.http.request<ODataList<T>>({ method: 'GET', url: path });
    if (!Array.isArray(body?.d?.results)) throw unmappable('erp', `${path.split('?')[0]} did not answer an OData list`);
    return body.d.results;
  }

  async create<T>(path: string, body: unknown): Promise<T> {
    return entityOf(await this.http.request<ODataEntity<T>>({ method: 'POST', url: path, data: body }));
  }

  /** PATCH: SAP answers 204 without a body. */
  async update(path: string, body: unknown): Promise<void> {
    await this.http.request<unknown>({ method: 'PATCH', url: path, data: body });
  }

  onApplicationShutdown(): void {
    this.http.close();
  }
}

function entityOf<T>(body: ODataEntity<T> | undefined): T {
  if (!body?.d || typeof body.d !== 'object') throw unmappable('erp', 'The ERP did not answer an OData entity');
  return body.d;
}
