import { Inject, Injectable, Logger } from '@nestjs/common';
import { InventoryChangedDataDto, type EventEnvelopeDto } from '@contracts';
import { Database } from '@platform';
import { OrderRepository } from '../ordering/order.repository.js';
import { AtpProjectionService } from '../promising/atp/atp-projection.service.js';
import { WarehouseEventsService } from '../fulfillment/warehouse-events/warehouse-events.service.js';
import { AllocationService } from '../fulfillment/release/allocation.service.js';
import { InvoiceIssuerService } from '../billing/invoice-issuer.service.js';

const consumerOf = (event: EventEnvelopeDto) => (event.type === InventoryChangedDataDto.type ? 'atp-projection' : 'order-timeline');

/**
 * Canonical events from the system layer: stock changes refresh the ATP projection, fulfilment
 * events go on the order's timeline. The inbox row and the effect commit together, so a
 * redelivered event is recognised and applied once.
 */
@Injectable()
export class InboundEventsService {
  private readonly logger = new Logger(InboundEventsService.name);

  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly orders: OrderRepository,
    private readonly projection: AtpProjectionService,
    private readonly warehouse: WarehouseEventsService,
    private readonly allocations: AllocationService,
    private readonly invoicing: InvoiceIssuerService,
  ) {}

  async accept(event: EventEnvelopeDto): Promise<{ eventId: string; duplicate: boolean }> {
    const duplicate = await this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO inbox (consumer, event_id, event_type, subject, payload, correlation_id) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
        [consumerOf(event), event.id, event.type, event.subject, JSON.stringify(event), event.correlationId],
      );
      if (!inserted.length) return true;
      if (event.type === InventoryChangedDataDto.type) {
        await this.projection.applyChange(tx, event.data);
        await this.allocations.onAllocation(tx, event);
        return false;
      }
      if (this.warehouse.handles(event.type)) {
        await this.warehouse.apply(tx, event);
        return false;
      }
      const erpOrderNumber = typeof event.data.erpOrderNumber === 'string' ? event.data.erpOrderNumber : undefined;
      const orderId = erpOrderNumber ? await this.orders.findIdByErpOrderNumber(tx, erpOrderNumber) : undefined;
      if (orderId) await this.orders.appendTimeline(tx, orderId, event.type, `from ${event.source}`, event.correlationId);
      return false;
    });
    this.logger.log({ eventId: event.id, type: event.type, duplicate }, 'event received');
    // a new shipment has a pending invoice now: issue it at once rather than at the next pass
    if (!duplicate && event.type === 'shipment.confirmed') void this.invoicing.tick();
    return { eventId: event.id, duplicate };
  }
}
