import { Injectable } from '@nestjs/common';
import type { CreateWmsReturnReceiptDto, WmsReturnReceiptDto } from '@contracts';
import type { WmsReturns } from '../../wms.ports.js';
import { toReturnReceipt, toRmaOrderCreate } from './sandbox-wms-rma-order.mapper.js';
import { SandboxWmsClient } from './sandbox-wms.client.js';
import type { WmsRmaOrder } from './sandbox-wms.types.js';

/** Return receipts are the WMS's RMA orders, idempotent on `ext_ref` (the RMA number): 201 new, 200 existing. */
@Injectable()
export class SandboxWmsReturnsAdapter implements WmsReturns {
  constructor(private readonly wms: SandboxWmsClient) {}

  async createReceipt(receipt: CreateWmsReturnReceiptDto): Promise<{ receipt: WmsReturnReceiptDto; created: boolean }> {
    const { status, data } = await this.wms.exchange<WmsRmaOrder>({ method: 'POST', url: '/rma-orders', data: toRmaOrderCreate(receipt) });
    return { receipt: toReturnReceipt(data), created: status === 201 };
  }

  async findReceipts(rmaNumber: string): Promise<WmsReturnReceiptDto[]> {
    const { rma_orders } = await this.wms.request<{ rma_orders: WmsRmaOrder[] }>({ method: 'GET', url: '/rma-orders', params: { ext_ref: rmaNumber } });
    return rma_orders.map(toReturnReceipt);
  }
}
