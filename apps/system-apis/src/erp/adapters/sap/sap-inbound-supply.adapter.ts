import { Injectable } from '@nestjs/common';
import type { InboundSupplyDto, ItemDto } from '@contracts';
import type { ErpInboundSupply } from '../../erp.ports.js';
import { openQuantity, toInboundSupply } from './sap-inbound-supply.mapper.js';
import { eqFilter, odataQuery } from './sap-odata.js';
import { SapODataClient } from './sap-odata.client.js';
import { toItem } from './sap-product.mapper.js';
import type { SapProduct, SapPurchaseOrderScheduleLine } from './sap.types.js';

const SCHEDULE_LINES = '/API_PURCHASEORDER_PROCESS_SRV/A_PurchaseOrderScheduleLine';
const PRODUCTS = '/API_PRODUCT_SRV/A_Product';
/** Schedule lines per request: the ERP is read in pages so a large open book never comes back in one answer. */
const PAGE_SIZE = 500;
/** Product look-ups in flight at once, so a broad query doesn't flood the ERP. */
const PRODUCT_CONCURRENCY = 8;

@Injectable()
export class SapErpInboundSupplyAdapter implements ErpInboundSupply {
  constructor(private readonly sap: SapODataClient) {}

  /** Schedule lines filtered at the ERP by material and plant, then the units of measure of each material with open quantity. */
  async listInboundSupply(sku?: string, warehouseId?: string): Promise<InboundSupplyDto[]> {
    const terms: Record<string, string> = { ...(sku === undefined ? {} : { Material: sku }), ...(warehouseId === undefined ? {} : { Plant: warehouseId }) };
    const lines = await this.scheduleLines(Object.keys(terms).length ? eqFilter(terms) : undefined);
    const materials = [...new Set(lines.filter((line) => openQuantity(line) > 0).map((line) => line.Material))];
    return toInboundSupply(lines, await this.items(materials));
  }

  private async scheduleLines($filter: string | undefined): Promise<SapPurchaseOrderScheduleLine[]> {
    const lines: SapPurchaseOrderScheduleLine[] = [];
    for (let $skip = 0; ; $skip += PAGE_SIZE) {
      const page = await this.sap.list<SapPurchaseOrderScheduleLine>(`${SCHEDULE_LINES}${odataQuery({ $filter, $top: PAGE_SIZE, $skip })}`);
      lines.push(...page);
      if (page.length < PAGE_SIZE) return lines;
    }
  }

  /** The item master of each material; one the ERP doesn't know is left out (the mapper then refuses its lines). */
  private async items(materials: readonly string[]): Promise<Map<string, ItemDto>> {
    const items = new Map<string, ItemDto>();
    for (let start = 0; start < materials.length; start += PRODUCT_CONCURRENCY) {
      const batch = materials.slice(start, start + PRODUCT_CONCURRENCY);
      const found = await Promise.all(batch.map((material) => this.product(material)));
      for (const product of found.flat()) items.set(product.Product, toItem(product));
    }
    return items;
  }

  /** A filtered list rather than a key read, so an unknown material is an empty answer, not a 404. */
  private product(material: string): Promise<SapProduct[]> {
    return this.sap.list<SapProduct>(`${PRODUCTS}${odataQuery({ $filter: eqFilter({ Product: material }), $expand: 'to_ProductUnitsOfMeasure' })}`);
  }
}
