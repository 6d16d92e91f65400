import { Injectable, Logger } from '@nestjs/common';
import { SystemApiClient, type EventEnvelopeDto, type LegStatus, type ShipmentLineDto, type UnitOfMeasure } from '@contracts';
import type { Queryable } from '@platform';
import { AtpRepository } from '../../promising/atp/atp.repository.js';
import { InvoiceRepository } from '../../billing/invoice.repository.js';
import { ChannelEventsWriter } from '../../channel-events/channel-events.writer.js';
import { legTransition, orderFulfillmentStatus } from '../domain/leg-status.js';
import { FulfillmentRepository, type LegRef } from '../fulfillment.repository.js';
import { FulfillmentMetrics } from '../fulfillment.metrics.js';
import { FulfilledOrders } from '../ports/fulfilled-orders.port.js';
import { refetchedShipmentEventId } from './refetched-shipment.js';

/** Canonical warehouse event type -> the leg status it reports. */
const LEG_STATUS_OF: Record<string, LegStatus> = {
  'fulfillment.released': 'released',
  'fulfillment.picked': 'picked',
  'fulfillment.short_picked': 'short_picked',
  'fulfillment.packed': 'packed',
  'shipment.confirmed': 'shipped',
  'shipment.delivered': 'delivered',
};

interface WarehouseEventData {
  readonly warehouseId?: string;
  readonly wmsOrderId?: string;
  readonly erpOrderNumber?: string;
  readonly carrier?: string;
  readonly trackingNumber?: string;
  readonly lines?: ShipmentLineDto[];
}

/**
 * Applies the warehouse's fulfilment events to legs and orders, in the inbox transaction of
 * the event: the leg's status machine decides; an event that would make an invalid transition
 * is not applied and becomes an exception; a short pick backorders what was not picked with a
 * new promised date; a shipment is recorded once per event, with its lines, lots and tracking.
 */
@Injectable()
export class WarehouseEventsService {
  private readonly logger = new Logger(WarehouseEventsService.name);

  constructor(
    private readonly legs: FulfillmentRepository,
    private readonly orders: FulfilledOrders,
    private readonly atp: AtpRepository,
    private readonly invoices: InvoiceRepository,
    private readonly system: SystemApiClient,
    private readonly channelEvents: ChannelEventsWriter,
    private readonly metrics: FulfillmentMetrics,
  ) {}

  handles(type: string): boolean {
    return type in LEG_STATUS_OF;
  }

  async apply(tx: Queryable, event: EventEnvelopeDto): Promise<void> {
    const data = event.data as WarehouseEventData;
    const to = LEG_STATUS_OF[event.type];
    const leg = await this.legs.findLeg(tx, { wmsOrderId: data.wmsOrderId, erpOrderNumber: data.erpOrderNumber, warehouseId: data.warehouseId });
    if (!leg) {
      // the WMS confirms a release before the release's own transaction has committed: nothing to do
      if (to === 'released') return;
      await this.legs.recordException(tx, {
        warehouseId: data.warehouseId,
        eventId: event.id,
        eventType: event.type,
        reason: 'UNKNOWN_LEG',
        correlationId: event.correlationId,
      });
      return;
    }
    const transition = legTransition(leg.status, to);
    if (transition.kind === 'invalid') {
      await this.legs.recordException(tx, { ...leg, eventId: event.id, eventType: event.type, reason: transition.reason, correlationId: event.correlationId });
      this.logger.warn({ orderId: leg.orderId, warehouseId: leg.warehouseId, type: event.type, reason: transition.reason }, 'warehouse event not applied');
      return;
    }
    // a shipment is recorded even when its status step was already passed (a late or second shipment event)
    if (event.type === 'shipment.confirmed') await this.recordShipment(tx, leg, event, data);
    if (transition.kind === 'stale') return;
    if (event.type === 'fulfillment.short_picked') await this.backorderShortfall(tx, leg, data.lines ?? [], event.correlationId);
    await this.legs.setStatus(tx, leg, transition.to);
    await this.updateOrder(tx, leg.orderId, `${leg.warehouseId}: ${event.type}`, event.correlationId);
  }

  private async recordShipment(tx: Queryable, leg: LegRef, event: EventEnvelopeDto, data: WarehouseEventData): Promise<void> {
    if (data.wmsOrderId && (await this.isRefetchedTwice(tx, event.id, data.wmsOrderId))) {
      this.logger.warn(
        { orderId: leg.orderId, wmsOrderId: data.wmsOrderId, eventId: event.id },
        'shipment already recorded from the other of its re-fetch and its own event',
      );
      return;
    }
    const recorded = await this.legs.recordShipment(tx, {
      sourceEventId: event.id,
      orderId: leg.orderId,
      warehouseId: leg.warehouseId,
      wmsOrderId: data.wmsOrderId,
      carrier: data.carrier,
      trackingNumber: data.trackingNumber,
      shippedAt: event.occurredAt,
      lines: data.lines ?? [],
      correlationId: event.correlationId,
    });
    if (!recorded) return;
    // invoiced from the shipment, never from order entry: the invoice commits with the shipment
    await this.invoices.addForShipment(
      tx,
      { shipmentId: recorded, orderId: leg.orderId, shippedAt: event.occurredAt, lines: data.lines ?? [] },
      event.correlationId,
    );
    await this.channelEvents.shipmentConfirmed(tx, leg.orderId, recorded, leg.warehouseId);
    this.logger.log({ orderId: leg.orderId, warehouseId: leg.warehouseId, trackingNumber: data.trackingNumber }, 'shipment recorded');
    this.metrics.shipmentRecorded(await this.legs.orderPlacedAt(tx, leg.orderId), new Date(event.occurredAt));
  }

  /**
   * A shipment reconciliation re-fetched (its event was lost) and the WMS's own event for it are one
   * shipment: the re-fetch is not recorded when the outbound order has a shipment already, and the
   * original, arriving after all, is not recorded when it was re-fetched.
   */
  private async isRefetchedTwice(tx: Queryable, eventId: string, wmsOrderId: string): Promise<boolean> {
    const refetchId = refetchedShipmentEventId(wmsOrderId);
    const recordedFrom = await this.legs.shipmentEventsOf(tx, wmsOrderId);
    return eventId === refetchId ? recordedFrom.length > 0 : recordedFrom.includes(refetchId);
  }

  /** What the leg should have picked and did not is backordered, dated from inbound supply not yet promised. */
  private async backorderShortfall(tx: Queryable, leg: LegRef, picked: readonly ShipmentLineDto[], correlationId: string): Promise<void> {
    for (const line of await this.legs.legLines(tx, leg)) {
      const pickedBase = picked.filter((p) => p.lineNumber === line.lineNumber).reduce((sum, p) => sum + p.quantity, 0);
      const missing = line.quantity - Math.floor(pickedBase / line.factor);
      await this.legs.recordPicked(tx, leg, line.lineNumber, Math.floor(pickedBase / line.factor));
      if (missing <= 0) continue;
      const promisedDate = await this.nextSupplyDate(tx, line.sku, missing * line.factor);
      await this.orders.backordered(
        tx,
        leg.orderId,
        { lineNumber: line.lineNumber, sku: line.sku, quantity: missing, uom: line.uom as UnitOfMeasure, promisedDate },
        `short pick at ${leg.warehouseId}: ${missing} of line ${line.lineNumber} backordered ${promisedDate ? `until ${promisedDate}` : 'without a date'}`,
        correlationId,
      );
    }
  }

  /** The ETA of the inbound supply that covers `baseQuantity` after what open backorders already count on. */
  private async nextSupplyDate(tx: Queryable, sku: string, baseQuantity: number): Promise<string | null> {
    let covered = 0;
    for (const supply of await this.atp.inbound([sku], tx)) {
      covered += supply.quantity;
      if (covered >= baseQuantity) return supply.eta;
    }
    return null;
  }

  private async updateOrder(tx: Queryable, orderId: string, note: string, correlationId: string): Promise<void> {
    const next = orderFulfillmentStatus(await this.legs.legStatuses(tx, orderId));
    const current = await this.orders.lockForRelease(tx, orderId);
    const changed = next && current ? await this.orders.fulfilmentProgressed(tx, orderId, next, note, correlationId) : undefined;
    if (!changed) {
      if (!next || !current) await this.orders.note(tx, orderId, note, correlationId);
      return;
    }
    // the OMS keeps the lifecycle across channels: it hears of every status change
    if (current?.omsOrderId) await this.system.transitionOmsOrder(current.omsOrderId, { status: changed, note });
  }
}
