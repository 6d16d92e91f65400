import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  backorderedLinesOf,
  SystemApiClient,
  type CustomerDto,
  type ErpSalesOrderDto,
  type LineStatus,
  type OmsStatus,
  type OrderDto,
  type OrderStatus,
  type PlaceOrderDto,
  type PromisedLineDto,
  type PromiseStatus,
} from '@contracts';
import { AppError, currentCorrelationId, stableHash, ValidationError } from '@platform';
import { CatalogService } from '../../catalog/catalog.service.js';
import { CustomerDirectory } from '../../catalog/customer-directory.js';
import { ProcessApisConfig } from '../../process.config.js';
import { OrderPromiseService, type ReservedPromise } from '../../promising/promise-order/order-promise.service.js';
import { ReservationRepository } from '../../promising/reservations/reservation.repository.js';
import { priceLines, resolveLines, round, type ResolvedLine } from '../../catalog/domain/order-lines.js';
import { FulfillmentRepository } from '../../fulfillment/fulfillment.repository.js';
import { orderAccepted } from '../../fulfillment/release/leg-release.service.js';
import { ChannelEventsWriter } from '../../channel-events/channel-events.writer.js';
import { OutboxRelay } from '../../messaging/outbox/outbox-relay.service.js';
import { OutboxRepository } from '../../messaging/outbox/outbox.repository.js';
import { toOrderDto } from '../order.mapper.js';
import { OrderingMetrics } from '../ordering.metrics.js';
import { attemptSuperseded, OrderRepository, type FinalOrder } from '../order.repository.js';
import { acceptedClaim } from './claim-refusal.js';

export interface PlaceOrderResult {
  readonly order: OrderDto;
  readonly replayed: boolean;
}

const omsStatusOf: Record<OrderStatus, OmsStatus> = {
  accepted: 'created',
  on_hold: 'on_hold',
  backordered: 'backordered',
  rejected: 'cancelled',
  released: 'released',
  partially_shipped: 'partially_shipped',
  shipped: 'shipped',
  invoiced: 'invoiced',
  cancelled: 'cancelled',
};

/**
 * The first order-to-cash step: check the order against the catalog (no backend call for
 * bad lines), the customer and credit in the ERP, prices; promise it from the ATP projection
 * and reserve the stock (no oversell); create the ERP sales order for what is not rejected,
 * register it in the OMS and keep it with its legs and backorders in the process database.
 * One order per channel request, however often the channel retries.
 */
@Injectable()
export class PlaceOrderService {
  private readonly logger = new Logger(PlaceOrderService.name);

  constructor(
    private readonly catalog: CatalogService,
    private readonly customers: CustomerDirectory,
    private readonly system: SystemApiClient,
    private readonly promising: OrderPromiseService,
    private readonly reservations: ReservationRepository,
    private readonly orders: OrderRepository,
    private readonly legs: FulfillmentRepository,
    private readonly outbox: OutboxRepository,
    private readonly channelEvents: ChannelEventsWriter,
    private readonly relay: OutboxRelay,
    private readonly config: ProcessApisConfig,
    private readonly metrics: OrderingMetrics,
  ) {}

  async execute(request: PlaceOrderDto, requestKey: string | undefined): Promise<PlaceOrderResult> {
    if (!requestKey)
      throw new ValidationError(
        [{ field: 'Idempotency-Key', messages: ['the Idempotency-Key header is required'] }],
        'Idempotency-Key header missing',
        'IDEMPOTENCY.KEY_MISSING',
      );
    const lines = resolveLines(request.lines, (sku) => this.catalog.find(sku));
    const correlationId = currentCorrelationId();
    const claimed = await this.orders.claim(
      {
        orderId: randomUUID(),
        channel: request.channel,
        partnerId: request.partnerId,
        customerId: request.customerId,
        requestKey,
        requestHash: stableHash(request),
        purchaseOrderNumber: request.purchaseOrderNumber,
        shipTo: request.shipTo,
        requestedShipDate: request.requestedShipDate,
        allowPartialShipment: request.allowPartialShipment ?? true,
        correlationId,
      },
      this.config.inFlightTimeoutMs,
    );
    const claim = acceptedClaim(claimed, request.purchaseOrderNumber);
    if (claim.kind === 'done') return { order: toOrderDto(claim.order), replayed: true };

    const attempt: Attempt = {
      orderId: claim.orderId,
      token: claim.attempt,
      earlier: claim.kind === 'retry',
      erpOrderNumber: claim.kind === 'retry' ? claim.erpOrderNumber : undefined,
    };
    try {
      return { order: await this.place(attempt, request, lines), replayed: false };
    } catch (error) {
      await this.orders.markFailed(claim.orderId, attempt.token, error instanceof AppError ? error.code : 'INTERNAL');
      throw error;
    }
  }

  private async place(attempt: Attempt, request: PlaceOrderDto, lines: ResolvedLine[]): Promise<OrderDto> {
    const { orderId } = attempt;
    const customer = await this.customers.get(request.customerId);
    const skus = [...new Set(lines.map((l) => l.sku))];
    const pricing = priceLines(lines, await this.system.getPrices(customer.customerId, skus));
    // the stock is ours from here on (a retry re-uses what its failed attempt gave back); given back if the order does not come about
    const promise = await this.promising.promiseAndReserve(orderId, {
      lines,
      customer,
      shipTo: request.shipTo,
      allowPartialShipment: request.allowPartialShipment,
      requestedShipDate: request.requestedShipDate,
    });
    try {
      return await this.book(attempt, request, lines, customer, pricing, promise);
    } catch (error) {
      await this.reservations.release(orderId);
      throw error;
    }
  }

  private async book(
    attempt: Attempt,
    request: PlaceOrderDto,
    lines: ResolvedLine[],
    customer: CustomerDto,
    pricing: ReturnType<typeof priceLines>,
    promise: ReservedPromise,
  ): Promise<OrderDto> {
    const { orderId } = attempt;
    const promised = new Map(promise.lines.map((l) => [l.lineNumber, l]));
    // rejected quantities are not sold: the ERP order holds what ships now and what is backordered
    const ordered = lines
      .map((line) => ({ ...line, quantity: line.quantity - promised.get(line.lineNumber)!.rejected.quantity }))
      .filter((line) => line.quantity > 0);
    const erpOrder = ordered.length ? await this.erpOrder(attempt, request, ordered) : await this.cancelEarlierErpOrder(attempt, request);
    const total = erpOrder ? round(erpOrder.netAmount, 2) : 0;
    const { status, reason } = orderStatus(customer, erpOrder, total, promise.status, promise.lines);
    const oms = erpOrder
      ? await this.system.registerOmsOrder({
          channelOrderRef: `${request.channel}:${request.partnerId}:${orderId}`,
          channel: request.channel,
          customerId: customer.customerId,
          erpOrderNumber: erpOrder.erpOrderNumber,
          status: omsStatusOf[status],
        })
      : undefined;

    const erpLines = new Map(erpOrder?.lines.map((l) => [l.lineNumber, l]));
    const final: FinalOrder = {
      status,
      statusReason: reason,
      omsOrderId: oms?.omsOrderId,
      currency: erpOrder?.currency ?? customer.currency,
      totalAmount: total,
      allowPartialShipment: promise.allowPartialShipment,
      billingPolicy: customer.billingPolicy,
      lines: lines.map((line) => {
        const promisedLine = promised.get(line.lineNumber)!;
        const erpLine = erpLines.get(line.lineNumber);
        const priced = pricing.get(line.lineNumber)!;
        const [onlyLeg] = promisedLine.legs;
        return {
          ...line,
          status: lineStatus(promisedLine),
          warehouseId: promisedLine.legs.length === 1 && onlyLeg.quantity === line.quantity ? onlyLeg.warehouseId : undefined,
          backordered: promisedLine.backordered,
          rejected: promisedLine.rejected,
          // the ERP is the system of record for the commercial order: its amounts win
          unitPrice: erpLine ? round(erpLine.unitPrice * line.factor, 4) : priced.unitPrice,
          lineAmount: erpLine ? round(erpLine.netAmount, 2) : 0,
          erpItemNumber: erpLine?.erpItemNumber,
        };
      }),
    };
    if (status === 'rejected') await this.reservations.release(orderId);
    const order = await this.orders.finalize(orderId, attempt.token, final, currentCorrelationId(), async (tx) => {
      await this.channelEvents.statusChanged(tx, orderId, final.status, final.statusReason ?? null);
      await this.channelEvents.backordered(tx, orderId, backorderedLinesOf(final.lines));
      // the legs wait as planned; an order that may ship is released by the event, in the same commit
      const lineLegs = lines.map((line) => ({ lineNumber: line.lineNumber, legs: promised.get(line.lineNumber)!.legs }));
      await this.legs.planLegs(tx, orderId, promise.legs, lineLegs);
      if (promise.legs.length && (status === 'accepted' || status === 'backordered')) await this.outbox.add(tx, orderAccepted(orderId));
    });
    this.metrics.orderPlaced(status);
    void this.relay.drain().catch(() => undefined); // released at once, not at the next relay tick
    this.logger.log({ orderId, erpOrderNumber: erpOrder?.erpOrderNumber, status, legs: promise.legs.length }, 'order placed');
    return toOrderDto(order);
  }

  /**
   * Creates the ERP sales order exactly once. After an earlier attempt of this request or PO (it
   * failed or died after the ERP took the order, or the ERP's answer was lost) the ERP may hold
   * it already: that one is adopted, found by its recorded number or else by customer and PO.
   */
  private async erpOrder(attempt: Attempt, request: PlaceOrderDto, lines: ResolvedLine[]): Promise<ErpSalesOrderDto> {
    const earlier = await this.earlierErpOrder(attempt, request);
    if (earlier) return earlier;
    // a retry takes over only an in-flight timeout after this (longer than the create may take), so it
    // never looks the PO up while this create still runs; a slow start (a crowd of retries) costs no attempt
    const renewed = await this.orders.renewAttempt(attempt.orderId, attempt.token);
    if (!renewed) throw attemptSuperseded();
    attempt.token = renewed;
    const created = await this.system.createSalesOrder({
      customerId: request.customerId,
      purchaseOrderNumber: request.purchaseOrderNumber,
      requestedDeliveryDate: request.requestedShipDate,
      lines: lines.map((l) => ({ lineNumber: l.lineNumber, sku: l.sku, quantity: l.quantity, uom: l.uom })),
    });
    if (!(await this.orders.recordErpOrder(attempt.orderId, attempt.token, created.erpOrderNumber))) {
      // a retry owns the order now and looks the PO up in the ERP, so it adopts this one
      this.logger.warn({ orderId: attempt.orderId, erpOrderNumber: created.erpOrderNumber }, 'ERP order created by an attempt that was taken over');
      throw attemptSuperseded();
    }
    return created;
  }

  private async earlierErpOrder(attempt: Attempt, request: PlaceOrderDto): Promise<ErpSalesOrderDto | undefined> {
    if (attempt.erpOrderNumber) return this.system.getSalesOrder(attempt.erpOrderNumber);
    if (!attempt.earlier) return undefined;
    const found = await this.system.findSalesOrders(request.customerId, request.purchaseOrderNumber);
    const existing = found.find((o) => !o.cancelled);
    if (!existing) return undefined;
    if (!(await this.orders.recordErpOrder(attempt.orderId, attempt.token, existing.erpOrderNumber))) throw attemptSuperseded();
    this.logger.log({ orderId: attempt.orderId, erpOrderNumber: existing.erpOrderNumber }, 'adopted the ERP order of an earlier attempt');
    return existing;
  }

  /** Nothing is ordered this time (all rejected): an ERP order an earlier attempt made is cancelled in the ERP, not left behind. */
  private async cancelEarlierErpOrder(attempt: Attempt, request: PlaceOrderDto): Promise<undefined> {
    const earlier = await this.earlierErpOrder(attempt, request);
    if (earlier && !earlier.cancelled) await this.system.cancelSalesOrder(earlier.erpOrderNumber);
    return undefined;
  }
}

/**
 * One run of a channel request. `token` fences its writes (renewed before the ERP create, so it
 * changes once); `earlier`: another attempt of the request or PO ran before.
 */
interface Attempt {
  readonly orderId: string;
  token: string;
  readonly earlier: boolean;
  readonly erpOrderNumber?: string;
}

/** What could be promised first (nothing to hold if nothing is sold), then credit (an order on hold is not released), then stock. */
export function orderStatus(
  customer: CustomerDto,
  erpOrder: ErpSalesOrderDto | undefined,
  total: number,
  promise: PromiseStatus,
  lines: readonly PromisedLineDto[],
): { status: OrderStatus; reason?: string } {
  if (promise === 'rejected') return { status: 'rejected', reason: lines.find((l) => l.rejected.reason)?.rejected.reason ?? 'NO_SUPPLY' };
  if (customer.credit.blocked || erpOrder?.creditStatus === 'blocked') return { status: 'on_hold', reason: 'CREDIT_BLOCK' };
  if (customer.credit.exposure + total > customer.credit.limit) return { status: 'on_hold', reason: 'CREDIT_LIMIT_EXCEEDED' };
  if (promise === 'backordered') return { status: 'backordered', reason: 'INSUFFICIENT_STOCK' };
  if (lines.some((l) => l.backordered.quantity > 0)) return { status: 'accepted', reason: 'PARTIALLY_BACKORDERED' };
  if (lines.some((l) => l.rejected.quantity > 0)) return { status: 'accepted', reason: 'PARTIALLY_REJECTED' };
  return { status: 'accepted' };
}

function lineStatus(line: PromisedLineDto): LineStatus {
  if (line.rejected.quantity === line.quantity) return 'rejected';
  return line.backordered.quantity > 0 ? 'backordered' : 'accepted';
}
