import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InventoryChangedDataDto, WAREHOUSE_EVENT_TYPES, type EventEnvelopeDto } from '@contracts';
import { Database, type Queryable } from '@platform';
import { OrderRepository } from '../ordering/order.repository.js';
import { AtpProjectionService } from '../promising/atp/atp-projection.service.js';
import { WarehouseEventsService } from '../fulfillment/warehouse-events/warehouse-events.service.js';
import { AllocationService } from '../fulfillment/release/allocation.service.js';
import { InvoiceIssuerService } from '../billing/invoice-issuer.service.js';
import { ConsumerRunner, HandlerFailedError } from '../messaging/consumers/consumer-runner.js';
import { OutboxRepository } from '../messaging/outbox/outbox.repository.js';
import { OutboxRelay } from '../messaging/outbox/outbox-relay.service.js';
import { inEarlierTrace } from '../messaging/event-tracing.js';
import { ReturnReceiptHandler } from '../returns/receipt/return-receipt.handler.js';
import { ReturnsSyncJob } from '../returns/returns-sync.job.js';

export const INBOUND_EVENTS_CONSUMER = 'inbound-events';

/**
 * Canonical events from the system layer, applied as the `inbound-events` consumer: inbox row
 * and effect in one transaction, so a redelivery is recognised and applied once. An event is
 * applied at once when it can be; one that fails is recorded in the outbox instead and the
 * consumer retries it over the bus with backoff, dead letters and replay, so it is never lost
 * with the sender's last retry. Stock changes refresh the ATP projection (and end the holds of
 * allocated legs), fulfilment events move legs and orders, the rest go on the order's timeline.
 */
@Injectable()
export class InboundEventsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(InboundEventsService.name);

  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelay,
    private readonly runner: ConsumerRunner,
    private readonly orders: OrderRepository,
    private readonly projection: AtpProjectionService,
    private readonly warehouse: WarehouseEventsService,
    private readonly allocations: AllocationService,
    private readonly invoicing: InvoiceIssuerService,
    private readonly returnReceipts: ReturnReceiptHandler,
    private readonly returns: ReturnsSyncJob,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.register(INBOUND_EVENTS_CONSUMER, (tx, event) => this.apply(tx, event), {
      types: WAREHOUSE_EVENT_TYPES,
      afterCommit: (event) => this.afterCommit(event),
    });
  }

  async accept(event: EventEnvelopeDto): Promise<{ eventId: string; duplicate: boolean }> {
    if (event.type === InventoryChangedDataDto.type) this.projection.checkChange(event.data); // bad figures are the sender's: 400, not a dead letter
    let duplicate: boolean;
    try {
      duplicate = (await this.db.transaction((tx) => this.runner.applyIn(tx, INBOUND_EVENTS_CONSUMER, event))) === 'duplicate';
      if (!duplicate) this.afterCommit(event);
    } catch (error) {
      if (!(error instanceof HandlerFailedError)) throw error;
      // not applicable now: kept for the consumer's retries (a copy already kept is the same event)
      this.logger.warn({ eventId: event.id, type: event.type, err: error }, 'event not applied; kept for retry');
      await this.db.transaction((tx) => this.outbox.addIfNew(tx, event));
      void this.relay.drain().catch(() => undefined);
      duplicate = false;
    }
    this.logger.log({ eventId: event.id, type: event.type, duplicate }, 'event received');
    return { eventId: event.id, duplicate };
  }

  /** A new shipment has a pending invoice now: issue it at once rather than at the next pass. */
  private afterCommit(event: EventEnvelopeDto): void {
    if (event.type === 'shipment.confirmed') void this.invoicing.tick();
    // a received return's credit memo is due: posted at once rather than at the next pass
    if (this.returnReceipts.handles(event.type)) void this.returns.tick();
  }

  /**
   * The warehouse's webhook starts a trace of its own (the WMS carries no trace context): an
   * event about an order is applied in a span of the order's trace, linked to the webhook's.
   */
  private async apply(tx: Queryable, event: EventEnvelopeDto): Promise<void> {
    const erpOrderNumber = typeof event.data.erpOrderNumber === 'string' ? event.data.erpOrderNumber : undefined;
    const orderId = erpOrderNumber ? await this.orders.findIdByErpOrderNumber(tx, erpOrderNumber) : undefined;
    const traces = orderId ? await this.outbox.orderTraces(tx, [orderId]) : [];
    await inEarlierTrace(`${event.type} apply`, traces, { 'messaging.message.id': event.id, 'gateway.event.subject': event.subject }, () =>
      this.applyNow(tx, event, orderId),
    );
  }

  private async applyNow(tx: Queryable, event: EventEnvelopeDto, orderId: string | undefined): Promise<void> {
    if (event.type === InventoryChangedDataDto.type) {
      await this.projection.applyChange(tx, event.data);
      await this.allocations.onAllocation(tx, event);
      return;
    }
    if (this.returnReceipts.handles(event.type)) {
      await this.returnReceipts.apply(tx, event);
      return;
    }
    if (this.warehouse.handles(event.type)) {
      await this.warehouse.apply(tx, event);
      return;
    }
    if (orderId) await this.orders.appendTimeline(tx, orderId, event.type, `from ${event.source}`, event.correlationId);
  }
}
