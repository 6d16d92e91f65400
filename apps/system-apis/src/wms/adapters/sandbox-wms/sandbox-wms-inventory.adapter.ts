import { Injectable } from '@nestjs/common';
import type { InventoryPositionDto, WarehouseDto } from '@contracts';
import type { WmsInventory } from '../../wms.ports.js';
import { SandboxWmsClient } from './sandbox-wms.client.js';
import { toInventoryPositions, toWarehouse } from './sandbox-wms-stock.mapper.js';
import type { WmsSite, WmsStockRecord } from './sandbox-wms.types.js';

@Injectable()
export class SandboxWmsInventoryAdapter implements WmsInventory {
  constructor(private readonly wms: SandboxWmsClient) {}

  async listWarehouses(): Promise<WarehouseDto[]> {
    const { sites } = await this.wms.request<{ sites: WmsSite[] }>({ method: 'GET', url: '/sites' });
    return sites.map(toWarehouse);
  }

  async getPositions(sku: string): Promise<InventoryPositionDto[]> {
    const { records } = await this.wms.request<{ records: WmsStockRecord[] }>({ method: 'GET', url: '/stock', params: { item: sku } }, 'WMS.ITEM_NOT_FOUND');
    return toInventoryPositions(sku, records);
  }
}
