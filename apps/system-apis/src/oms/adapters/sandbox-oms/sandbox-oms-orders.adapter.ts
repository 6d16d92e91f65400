import { Injectable } from '@nestjs/common';
import type { OmsOrderDto, OmsTransitionDto, RegisterOmsOrderDto } from '@contracts';
import { ConflictError } from '@platform';
import type { OmsOrders } from '../../oms.ports.js';
import { toOmsOrderCreate, toOmsOrderDto, toOmsTransition } from './sandbox-oms-order.mapper.js';
import { SandboxOmsClient } from './sandbox-oms.client.js';
import type { OmsOrder } from './sandbox-oms.types.js';

const NOT_FOUND = 'OMS.ORDER_NOT_FOUND';

@Injectable()
export class SandboxOmsOrdersAdapter implements OmsOrders {
  constructor(private readonly oms: SandboxOmsClient) {}

  /** The OMS answers 409 for a channel_ref it has: look that order up, so a retried registration gets the same order. */
  async register(order: RegisterOmsOrderDto): Promise<OmsOrderDto> {
    try {
      return toOmsOrderDto(await this.oms.request<OmsOrder>({ method: 'POST', url: '/orders', data: toOmsOrderCreate(order) }));
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const existing = await this.findByChannelRef(order.channelOrderRef);
      if (!existing) throw error;
      return toOmsOrderDto(existing);
    }
  }

  async transition(omsOrderId: string, transition: OmsTransitionDto): Promise<OmsOrderDto> {
    const url = `/orders/${encodeURIComponent(omsOrderId)}/transitions`;
    const answer = await this.oms.request<OmsOrder | undefined>({ method: 'POST', url, data: toOmsTransition(transition) }, NOT_FOUND);
    return answer?.oms_id ? toOmsOrderDto(answer) : this.get(omsOrderId);
  }

  async get(omsOrderId: string): Promise<OmsOrderDto> {
    return toOmsOrderDto(await this.oms.request<OmsOrder>({ method: 'GET', url: `/orders/${encodeURIComponent(omsOrderId)}` }, NOT_FOUND));
  }

  private async findByChannelRef(channelRef: string): Promise<OmsOrder | undefined> {
    const { items } = await this.oms.request<{ items: OmsOrder[] }>({ method: 'GET', url: '/orders', params: { channel_ref: channelRef } });
    return items.find((order) => order.channel_ref === channelRef) ?? items[0];
  }
}
