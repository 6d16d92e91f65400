import { Injectable } from '@nestjs/common';
import { SandboxError } from '../sandbox.error.js';
import type { CreateOmsOrderDto, OmsTransitionDto } from './oms.dto.js';
import type { OmsOrder } from './oms.model.js';

/** OMS orders and their state timelines (the OMS starts empty). */
@Injectable()
export class OmsStore {
  private orders = new Map<string, OmsOrder>();
  private lastId = 0;

  reset(): void {
    this.orders = new Map();
    this.lastId = 0;
  }

  create(input: CreateOmsOrderDto): OmsOrder {
    const existing = this.find({ channelRef: input.channel_ref })[0];
    if (existing) {
      throw new SandboxError(409, `An order with channel_ref ${input.channel_ref} already exists`, 'DUPLICATE_CHANNEL_REF', { oms_id: existing.oms_id });
    }
    const at = new Date().toISOString();
    const state = input.state ?? 'CREATED';
    const order: OmsOrder = {
      oms_id: `OMS-${String(++this.lastId).padStart(6, '0')}`,
      channel_ref: input.channel_ref,
      channel: input.channel,
      customer_ref: input.customer_ref,
      erp_ref: input.erp_ref ?? null,
      state,
      created_at: at,
      updated_at: at,
      history: [{ state, at, note: input.note ?? 'order created' }],
    };
    this.orders.set(order.oms_id, order);
    return order;
  }

  get(id: string): OmsOrder {
    const order = this.orders.get(id);
    if (!order) throw new SandboxError(404, `Order ${id} not found`, 'ORDER_NOT_FOUND');
    return order;
  }

  /** Drift: the order disappears without a trace (what reconciliation finds). */
  delete(id: string): void {
    if (!this.orders.delete(id)) throw new SandboxError(404, `Order ${id} not found`, 'ORDER_NOT_FOUND');
  }

  find(filter: { channelRef?: string; erpRef?: string }): OmsOrder[] {
    return [...this.orders.values()].filter(
      (o) => (!filter.channelRef || o.channel_ref === filter.channelRef) && (!filter.erpRef || o.erp_ref === filter.erpRef),
    );
  }

  /** Any state may follow any other, except that CANCELLED is final. */
  transition(id: string, input: OmsTransitionDto): OmsOrder {
    const order = this.get(id);
    if (order.state === 'CANCELLED') throw new SandboxError(409, `Order ${id} is CANCELLED and cannot move to ${input.to_state}`, 'INVALID_TRANSITION');
    const at = new Date().toISOString();
    order.state = input.to_state;
    order.updated_at = at;
    if (input.erp_ref) order.erp_ref = input.erp_ref;
    order.history.push({ state: input.to_state, at, note: input.note ?? '' });
    return order;
  }
}
