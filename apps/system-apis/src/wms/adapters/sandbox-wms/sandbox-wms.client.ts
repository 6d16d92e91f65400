import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { AxiosRequestConfig } from 'axios';
import { BreakerRegistry } from '@platform';
import { SystemApisConfig } from '../../../system.config.js';
import { VendorHttp } from '../../../vendor/vendor-http.js';
import type { WmsItem } from './sandbox-wms.types.js';
import type { PackSizes } from './wms-units.js';

/** The sandbox WMS's JSON API: API key header, the `wms` breaker, `{err_code, err_msg}` errors as AppErrors. */
@Injectable()
export class SandboxWmsClient implements OnApplicationShutdown {
  private readonly http: VendorHttp;
  /** Pack sizes are master data that hardly ever change; read once per sku and process. */
  private readonly packSizes = new Map<string, Promise<number>>();

  constructor(config: SystemApisConfig, breakers: BreakerRegistry) {
    this.http = new VendorHttp(
      {
        backend: 'wms',
        baseUrl: config.wms.baseUrl,
        timeoutMs: config.vendorTimeoutMs,
        breaker: config.breaker,
        headers: { 'x-api-key': config.wms.apiKey },
        nativeMessage: (body) => (body as { err_msg?: string } | undefined)?.err_msg,
      },
      breakers,
    );
  }

  request<T>(request: AxiosRequestConfig, notFoundCode?: string): Promise<T> {
    return this.http.request<T>(request, notFoundCode);
  }

  /** As `request`, with the native status (the WMS answers an idempotent create 201 new, 200 existing). */
  exchange<T>(request: AxiosRequestConfig, notFoundCode?: string): Promise<{ status: number; data: T }> {
    return this.http.exchange<T>(request, notFoundCode);
  }

  /** Eaches per case of each sku that appears in cases among `lines`. */
  async packSizesFor(lines: readonly { item_code: string; uom: string }[]): Promise<PackSizes> {
    const skus = [...new Set(lines.filter((line) => line.uom.toUpperCase() === 'CS').map((line) => line.item_code))];
    return new Map(await Promise.all(skus.map(async (sku) => [sku, await this.packSize(sku)] as const)));
  }

  onApplicationShutdown(): void {
    this.http.close();
  }

  private packSize(sku: string): Promise<number> {
    let size = this.packSizes.get(sku);
    if (!size) {
      size = this.request<WmsItem>({ method: 'GET', url: `/items/${encodeURIComponent(sku)}` }, 'WMS.ITEM_NOT_FOUND').then((item) => item.case_qty);
      size.catch(() => this.packSizes.delete(sku));
      this.packSizes.set(sku, size);
    }
    return size;
  }
}
