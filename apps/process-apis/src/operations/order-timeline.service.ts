import { Injectable } from '@nestjs/common';
import { SystemApiClient, type OrderTimelineDto, type TimelineEntryDto, type TimelineSource, type TimelineSourceStatusDto } from '@contracts';
import { AppError, NotFoundError } from '@platform';
import { InvoiceRepository } from '../billing/invoice.repository.js';
import { FulfillmentRepository } from '../fulfillment/fulfillment.repository.js';
import { DeadLetterRepository } from '../messaging/dead-letters/dead-letter.repository.js';
import { OutboxRepository } from '../messaging/outbox/outbox.repository.js';
import { OrderRepository, type OpsOrderSummary } from '../ordering/order.repository.js';
import { ReturnsReader } from '../returns/returns.reader.js';

type Entry = TimelineEntryDto;

/** A backend read for the timeline: its entries, or why it could not be read (the rest of the timeline still answers). */
interface SourceRead {
  readonly status: TimelineSourceStatusDto;
  readonly entries: readonly Entry[];
}

/**
 * One order's story for operators: the gateway's own records (status changes, legs, shipments,
 * invoices, exceptions, events and their dead letters) and what the ERP, the WMS and the OMS hold
 * of it now, read live. A backend that cannot be read is reported as unavailable, not an error:
 * an operator looks at an order most when something is down.
 */
@Injectable()
export class OrderTimelineService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly fulfillment: FulfillmentRepository,
    private readonly invoices: InvoiceRepository,
    private readonly outbox: OutboxRepository,
    private readonly deadLetters: DeadLetterRepository,
    private readonly system: SystemApiClient,
    private readonly returns: ReturnsReader,
  ) {}

  async search(q: string): Promise<OpsOrderSummary[]> {
    return this.orders.searchForOps(q.trim(), 20);
  }

  async timeline(orderId: string): Promise<OrderTimelineDto> {
    const order = await this.orders.opsSummary(orderId);
    if (!order) throw new NotFoundError('ORDER.NOT_FOUND', 'No such order.');
    const [statusChanges, legs, shipments, invoices, exceptions, returns] = await Promise.all([
      this.orders.timelineOf(orderId),
      this.fulfillment.legProgressOf(orderId),
      this.fulfillment.shipmentsOf(orderId),
      this.invoices.progressOfOrder(orderId),
      this.fulfillment.exceptionsOf(orderId),
      this.returns.ofOrders([orderId]),
    ]);
    const documentReferences = [...shipments.map((s) => s.shipmentId), ...invoices.map((i) => i.invoiceId), ...returns.map((r) => r.returnId)];
    // events are filed under `order/<id>` (shipments too), `invoice/<id>` and `return/<id>`
    const events = await this.outbox.eventsAbout([
      `order/${orderId}`,
      ...invoices.map((i) => `invoice/${i.invoiceId}`),
      ...returns.map((r) => `return/${r.returnId}`),
    ]);
    const [deadLetters, erp, wms, oms] = await Promise.all([
      this.deadLetters.ofEvents(events.map((e) => e.eventId)),
      this.erpEntries(order),
      this.wmsEntries(order),
      this.omsEntries(order),
    ]);

    const gateway: Entry[] = [
      { at: order.createdAt, source: 'gateway', what: `order received over ${order.channel} from ${order.partnerId}`, reference: order.purchaseOrderNumber },
      ...(order.status === 'failed'
        ? [{ at: order.updatedAt, source: 'gateway' as const, what: 'placement attempt failed', detail: order.statusReason, problem: true }]
        : []),
      ...statusChanges.map((c) => ({ at: c.at, source: 'gateway' as const, what: `status ${c.status}`, ...(c.note ? { detail: c.note } : {}) })),
      ...legs.flatMap((leg) => [
        ...(leg.releasedAt
          ? [{ at: leg.releasedAt, source: 'gateway' as const, what: `released to ${leg.warehouseId}`, reference: leg.wmsOrderId ?? undefined }]
          : []),
        ...(leg.status !== 'released' && leg.status !== 'planned'
          ? [{ at: leg.updatedAt, source: 'gateway' as const, what: `leg ${leg.warehouseId} ${leg.status}`, reference: leg.wmsOrderId ?? undefined }]
          : []),
      ]),
      ...shipments.map((s) => ({
        at: s.shippedAt,
        source: 'gateway' as const,
        what: `shipment from ${s.warehouseId} recorded`,
        reference: s.shipmentId,
        detail: [s.carrier, s.trackingNumber, s.lines.map((l) => `line ${l.lineNumber}: ${l.quantity}`).join(', ')].filter(Boolean).join(' · '),
      })),
      ...invoices.flatMap((i) => [
        { at: i.createdAt, source: 'gateway' as const, what: 'invoice created', reference: i.invoiceId },
        i.erpInvoiceNumber
          ? {
              at: i.updatedAt,
              source: 'erp' as const,
              what: `invoice ${i.erpInvoiceNumber} issued`,
              reference: i.erpInvoiceNumber,
              detail: i.grossAmount === null ? undefined : `${i.grossAmount} ${i.currency ?? ''}`.trim(),
            }
          : {
              at: i.updatedAt,
              source: 'gateway' as const,
              what: `invoice ${i.status}, not issued in the ERP yet`,
              reference: i.invoiceId,
              ...(i.lastError ? { detail: `attempt ${i.attempts}: ${i.lastError}`, problem: true } : {}),
            },
      ]),
      ...returns.map((r) => ({
        at: r.createdAt,
        source: 'gateway' as const,
        what: `return ${r.rmaNumber ?? 'request'} ${r.status}`,
        reference: r.returnId,
        detail: [
          r.lines.map((l) => `line ${l.lineNumber ?? '?'}: ${l.authorizedQuantity}/${l.requestedQuantity}${l.refusal ? ` ${l.refusal}` : ''}`).join(', '),
          r.erpReturnNumber ? `ERP return ${r.erpReturnNumber}` : undefined,
          r.credit ? `credit memo ${r.credit.creditMemoNumber} ${r.credit.grossAmount} ${r.credit.currency}` : undefined,
        ]
          .filter(Boolean)
          .join(' · '),
        problem: r.status === 'exception',
      })),
      ...exceptions.map((e) => ({
        at: e.at,
        source: 'gateway' as const,
        what: `exception: ${e.eventType} not applied${e.resolvedAt ? ' (resolved)' : ''}`,
        detail: e.reason,
        problem: !e.resolvedAt,
      })),
    ];
    const eventEntries: Entry[] = [
      ...events.map((e) => ({
        at: e.createdAt,
        source: 'events' as const,
        what: `${e.type} raised`,
        reference: e.eventId,
        detail: e.publishedAt ? `published ${e.publishedAt}` : 'not published yet',
      })),
      ...deadLetters.map((d) => ({
        at: d.createdAt.toISOString(),
        source: 'events' as const,
        what: `dead letter: ${d.type} at ${d.consumer} (${d.status})`,
        reference: d.id,
        detail: d.error.slice(0, 300),
        problem: d.status === 'open',
      })),
    ];

    const entries = [...gateway, ...eventEntries, ...erp.entries, ...wms.entries, ...oms.entries]
      .map(withoutUndefined)
      .sort((a, b) => a.at.localeCompare(b.at));
    return {
      order,
      entries,
      sources: [{ source: 'gateway', status: 'ok' }, { source: 'events', status: 'ok' }, erp.status, wms.status, oms.status],
      eventIds: events.map((e) => e.eventId),
      documentReferences,
    };
  }

  private async erpEntries(order: OpsOrderSummary): Promise<SourceRead> {
    if (!order.erpOrderNumber) return notApplicable('erp');
    return read('erp', async () => {
      const so = await this.system.getSalesOrder(order.erpOrderNumber!);
      return [
        {
          // the ERP dates its orders to the day: placed at the order's time, its day in the detail
          at: order.createdAt,
          source: 'erp',
          what: `sales order ${so.erpOrderNumber}${so.cancelled ? ' (cancelled)' : ''}`,
          reference: so.erpOrderNumber,
          detail: `created on ${so.createdOn} · credit ${so.creditStatus}${so.deliveryBlocked ? ', delivery blocked' : ''} · net ${so.netAmount} ${so.currency} · ${so.lines.length} lines`,
          problem: so.deliveryBlocked,
        },
      ];
    });
  }

  private async wmsEntries(order: OpsOrderSummary): Promise<SourceRead> {
    if (!order.erpOrderNumber) return notApplicable('wms');
    return read('wms', async () => {
      const fulfillmentOrders = await this.system.findFulfillmentOrders(order.erpOrderNumber!);
      return fulfillmentOrders.map((f) => ({
        // the WMS keeps no creation time in its canonical shape: a shipped order is placed at its shipment
        at: f.shipment?.shippedAt ?? order.createdAt,
        source: 'wms' as const,
        what: `fulfilment order ${f.wmsOrderId} at ${f.warehouseId}: ${f.status}`,
        reference: f.wmsOrderId,
        ...(f.shipment ? { detail: [f.shipment.carrier, f.shipment.trackingNumber].filter(Boolean).join(' · ') } : {}),
      }));
    });
  }

  private async omsEntries(order: OpsOrderSummary): Promise<SourceRead> {
    if (!order.omsOrderId) return notApplicable('oms');
    return read('oms', async () => {
      const oms = await this.system.getOmsOrder(order.omsOrderId!);
      return oms.timeline.map((t) => ({
        at: t.at,
        source: 'oms' as const,
        what: `OMS ${t.status}`,
        reference: oms.omsOrderId,
        ...(t.note ? { detail: t.note } : {}),
      }));
    });
  }
}

function notApplicable(source: TimelineSource): SourceRead {
  return { status: { source, status: 'not_applicable' }, entries: [] };
}

async function read(source: TimelineSource, entries: () => Promise<Entry[]>): Promise<SourceRead> {
  try {
    return { status: { source, status: 'ok' }, entries: await entries() };
  } catch (error) {
    const code = error instanceof AppError ? error.code : 'UPSTREAM.UNAVAILABLE';
    return { status: { source, status: 'unavailable', error: code }, entries: [] };
  }
}

function withoutUndefined(entry: Entry): Entry {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined && v !== '')) as unknown as Entry;
}
