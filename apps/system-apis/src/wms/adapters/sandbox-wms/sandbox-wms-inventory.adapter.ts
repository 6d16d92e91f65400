import { Injectable } from '@nestjs/common';
import type { InventoryPositionDto, WarehouseDto } from '@contracts';
import type { WmsInventory } from '../../wms.ports.js';
import { SandboxWmsClient } from './sandbox-wms.client.js';
import { emptyPosition, toInventoryPositions, toWarehouse } from './sandbox-wms-stock.mapper.js';
import type { WmsReplenishmentParam, WmsSite, WmsStockRecord, WmsTransfer } from './sandbox-wms.types.js';

@Injectable()
export class SandboxWmsInventoryAdapter implements WmsInventory {
  constructor(private readonly wms: SandboxWmsClient) {}

  async listWarehouses(): Promise<WarehouseDto[]> {
    const { sites } = await this.wms.request<{ sites: WmsSite[] }>({ method: 'GET', url: '/sites' });
    return sites.map(toWarehouse);
  }

  getPositions(sku?: string): Promise<InventoryPositionDto[]> {
    return this.read(sku);
  }

  async getPosition(sku: string, warehouseId: string): Promise<InventoryPositionDto> {
    const [position] = await this.read(sku, warehouseId);
    return position ?? emptyPosition(sku, warehouseId);
  }

  /** Three native reads whatever the number of skus: stock, safety stock and transfers, each filtered by the WMS when it can. */
  private async read(sku?: string, warehouseId?: string): Promise<InventoryPositionDto[]> {
    const item = sku === undefined ? {} : { item: sku };
    const [{ records }, { params }, { transfers }] = await Promise.all([
      this.wms.request<{ records: WmsStockRecord[] }>(
        { method: 'GET', url: '/stock', params: { ...item, ...(warehouseId ? { site: warehouseId } : {}) } },
        'WMS.ITEM_NOT_FOUND',
      ),
      this.wms.request<{ params: WmsReplenishmentParam[] }>({ method: 'GET', url: '/replenishment-params', params: item }),
      this.wms.request<{ transfers: WmsTransfer[] }>({
        method: 'GET',
        url: '/transfers',
        params: { ...item, ...(warehouseId ? { to_site: warehouseId } : {}) },
      }),
    ]);
    const packSizes = await this.wms.packSizesFor(transfers.filter((t) => !t.pack_qty));
    const positions = toInventoryPositions(records, { sku, params, transfers, packSizes });
    return warehouseId ? positions.filter((p) => p.warehouseId === warehouseId) : positions;
  }
}
