import { Injectable } from '@nestjs/common';
import type { CreateFulfillmentOrderDto, FulfillmentOrderDto } from '@contracts';
import type { WmsFulfillment } from '../../wms.ports.js';
import { SandboxWmsClient } from './sandbox-wms.client.js';
import { toFulfillmentOrder, toOutboundOrderCreate } from './sandbox-wms-outbound-order.mapper.js';
import type { WmsOutboundOrder } from './sandbox-wms.types.js';

@Injectable()
export class SandboxWmsFulfillmentAdapter implements WmsFulfillment {
  constructor(private readonly wms: SandboxWmsClient) {}

  async create(order: CreateFulfillmentOrderDto): Promise<FulfillmentOrderDto> {
    const created = await this.wms.request<WmsOutboundOrder>({ method: 'POST', url: '/outbound-orders', data: toOutboundOrderCreate(order) });
    return toFulfillmentOrder(created, await this.wms.packSizesFor(created.lines));
  }

  async find(erpOrderNumber: string, warehouseId?: string): Promise<FulfillmentOrderDto[]> {
    const { orders } = await this.wms.request<{ orders: WmsOutboundOrder[] }>({
      method: 'GET',
      url: '/outbound-orders',
      params: { ext_ref: erpOrderNumber, ...(warehouseId ? { site_id: warehouseId } : {}) },
    });
    return Promise.all(orders.map(async (order) => toFulfillmentOrder(order, await this.wms.packSizesFor(order.lines))));
  }
}
