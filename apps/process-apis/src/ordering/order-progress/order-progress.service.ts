import { Injectable } from '@nestjs/common';
import type { OrderStatus } from '@contracts';
import type { Queryable } from '@platform';
import { ChannelEventsWriter } from '../../channel-events/channel-events.writer.js';
import { FulfilledOrders, type ReleasableOrder, type ShortfallLine } from '../../fulfillment/ports/fulfilled-orders.port.js';
import { orderAccepted } from '../../fulfillment/release/leg-release.service.js';
import { OutboxRepository } from '../../messaging/outbox/outbox.repository.js';
import type { OrderCause, OrderTransition } from '../domain/order-status.js';
import { OrderRepository } from '../order.repository.js';

/**
 * Moves orders as their fulfilment goes (fulfilment's FulfilledOrders port) and raises the events
 * each transition lists, in the caller's transaction: `order.status_changed` to the channels,
 * `order.accepted` to the outbox (it releases the legs).
 */
@Injectable()
export class OrderProgressService implements FulfilledOrders {
  constructor(
    private readonly orders: OrderRepository,
    private readonly channelEvents: ChannelEventsWriter,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Applies `cause` and raises its events; returns the transition. */
  async apply(tx: Queryable, orderId: string, cause: OrderCause, note: string | null, correlationId: string | undefined): Promise<OrderTransition> {
    const transition = await this.orders.transition(tx, orderId, cause, note, correlationId);
    if (transition.kind !== 'apply') return transition;
    for (const event of transition.events) {
      switch (event) {
        case 'order.status_changed':
          await this.channelEvents.statusChanged(tx, orderId, transition.to, note);
          break;
        case 'order.accepted':
          await this.outbox.add(tx, orderAccepted(orderId));
          break;
      }
    }
    return transition;
  }

  lockForRelease(tx: Queryable, orderId: string): Promise<ReleasableOrder | undefined> {
    return this.orders.releaseInfo(tx, orderId);
  }

  async legsReleased(tx: Queryable, orderId: string, note: string, correlationId: string | undefined): Promise<OrderStatus | undefined> {
    const transition = await this.apply(tx, orderId, { kind: 'legs_released' }, note, correlationId);
    return transition.kind === 'apply' ? transition.to : undefined;
  }

  async fulfilmentProgressed(
    tx: Queryable,
    orderId: string,
    status: 'released' | 'partially_shipped' | 'shipped',
    note: string,
    correlationId: string | undefined,
  ): Promise<'partially_shipped' | 'shipped' | undefined> {
    const transition = await this.apply(tx, orderId, { kind: 'fulfilment_progressed', status }, note, correlationId);
    // the machine only ever moves a fulfilment cause forward to the status the legs report
    if (transition.kind === 'apply') return transition.to as 'partially_shipped' | 'shipped';
    // nothing changed: the event still goes on the order's timeline
    await this.note(tx, orderId, note, correlationId);
    return undefined;
  }

  async note(tx: Queryable, orderId: string, note: string, correlationId: string | undefined): Promise<void> {
    const current = await this.orders.releaseInfo(tx, orderId);
    await this.orders.appendTimeline(tx, orderId, current?.status ?? 'unknown', note, correlationId);
  }

  async backordered(tx: Queryable, orderId: string, line: ShortfallLine, note: string, correlationId: string | undefined): Promise<void> {
    await this.orders.addBackorder(tx, orderId, line.lineNumber, line.quantity, line.promisedDate);
    await this.channelEvents.backordered(tx, orderId, [line]);
    await this.orders.appendTimeline(tx, orderId, 'backordered', note, correlationId);
  }

  creditHeldCustomers(): Promise<string[]> {
    return this.orders.creditHeldCustomers();
  }

  async releaseCreditHolds(tx: Queryable, customerId: string, note: string): Promise<number> {
    let released = 0;
    for (const orderId of await this.orders.lockCreditHolds(tx, customerId)) {
      if ((await this.apply(tx, orderId, { kind: 'credit_block_lifted' }, note, undefined)).kind === 'apply') released++;
    }
    return released;
  }
}
