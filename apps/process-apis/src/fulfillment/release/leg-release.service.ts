import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SystemApiClient, type EventEnvelopeDto } from '@contracts';
import { currentCorrelationId, type Queryable } from '@platform';
import { ConsumerRunner } from '../../messaging/consumers/consumer-runner.js';
import { ReservationRepository } from '../../promising/reservations/reservation.repository.js';
import { FulfillmentRepository } from '../fulfillment.repository.js';
import { FulfilledOrders } from '../ports/fulfilled-orders.port.js';

export const ORDER_ACCEPTED = 'order.accepted';

/** The event an accepted order's transaction leaves in the outbox; releasing its legs follows from it. */
export function orderAccepted(orderId: string, correlationId = currentCorrelationId() ?? randomUUID()): EventEnvelopeDto {
  return {
    id: randomUUID(),
    type: ORDER_ACCEPTED,
    version: 1,
    occurredAt: new Date().toISOString(),
    correlationId,
    source: 'process-apis',
    subject: `order/${orderId}`,
    data: { orderId },
  };
}

/**
 * Releases an accepted order's legs to the warehouses: one WMS fulfilment order per leg,
 * through the system layer. The leg's reservation stays until the WMS's allocation event
 * states the new figures (see AllocationService), so the stock is never free in between. An
 * order on hold is not released. A retried delivery finds the fulfilment orders it created before
 * (by ERP order and warehouse) instead of creating them again.
 */
@Injectable()
export class LegReleaseService implements OnApplicationBootstrap {
  private readonly logger = new Logger(LegReleaseService.name);

  constructor(
    private readonly runner: ConsumerRunner,
    private readonly system: SystemApiClient,
    private readonly orders: FulfilledOrders,
    private readonly legs: FulfillmentRepository,
    private readonly reservations: ReservationRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.register('leg-release', (tx, event) => this.release(tx, String(event.data.orderId)), { types: [ORDER_ACCEPTED] });
  }

  async release(tx: Queryable, orderId: string): Promise<void> {
    // the row lock orders this against a cancellation (CancelOrderService): a cancelled order is never released
    const order = await this.orders.lockForRelease(tx, orderId);
    if (order?.status === 'cancelled') {
      this.logger.log({ orderId }, 'order cancelled before its release: not released');
      return;
    }
    if (!order?.erpOrderNumber || !['accepted', 'backordered'].includes(order.status)) return;
    const planned = await this.legs.plannedLegs(tx, orderId);
    for (const leg of planned) {
      const [existing] = await this.system.findFulfillmentOrders(order.erpOrderNumber, leg.warehouseId);
      const wmsOrder =
        existing ??
        (await this.system.createFulfillmentOrder({
          erpOrderNumber: order.erpOrderNumber,
          warehouseId: leg.warehouseId,
          shipTo: order.shipTo,
          lines: leg.lines.map((l) => ({ lineNumber: l.lineNumber, sku: l.sku, quantity: l.quantity })),
        }));
      await this.legs.markReleased(tx, orderId, leg.warehouseId, wmsOrder.wmsOrderId);
      // an allocation event that came before this release committed (a retried release) ends the holds now
      for (const sku of await this.legs.takePendingAllocations(tx, orderId, leg.warehouseId)) {
        await this.reservations.allocate(tx, orderId, leg.warehouseId, sku);
      }
    }
    if (!planned.length) return;
    const note = `released to ${planned.map((l) => l.warehouseId).join(', ')}`;
    await this.orders.legsReleased(tx, orderId, note, currentCorrelationId());
    if (order.omsOrderId) await this.system.transitionOmsOrder(order.omsOrderId, { status: 'released', note });
    this.logger.log({ orderId, legs: planned.length }, 'order released to the warehouses');
  }
}
