import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
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
import { priceLines, resolveLines, round, type ResolvedLine } from '../domain/order-lines.js';
import { FulfillmentRepository } from '../../fulfillment/fulfillment.repository.js';
import { orderAccepted } from '../../fulfillment/release/leg-release.service.js';
import { OutboxRelay } from '../../messaging/outbox/outbox-relay.service.js';
import { OutboxRepository } from '../../messaging/outbox/outbox.repository.js';
import { OrderRepository, type FinalOrder } from '../order.repository.js';

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
    private readonly relay: OutboxRelay,
    private readonly config: ProcessApisConfig,
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
    const claim = await this.orders.claim(
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
    if (claim.kind === 'done') return { order: claim.order, replayed: true };

    try {
      const order = await this.place(claim.orderId, request, lines, claim.kind === 'retry' ? (claim.erpOrderNumber ?? null) : undefined);
      return { order, replayed: false };
    } catch (error) {
      await this.orders.markFailed(claim.orderId, error instanceof AppError ? error.code : 'INTERNAL');
      throw error;
    }
  }

  /** `knownErpOrder`: undefined on a first attempt; on a retry, the ERP order number recorded so far (or null). */
  private async place(orderId: string, request: PlaceOrderDto, lines: ResolvedLine[], knownErpOrder: string | null | undefined): Promise<OrderDto> {
    const customer = await this.customers.get(request.customerId);
    const skus = [...new Set(lines.map((l) => l.sku))];
    const pricing = priceLines(lines, await this.system.getPrices(customer.customerId, skus));
    // the stock is ours from here on; given back if the order does not come about
    const promise = await this.promising.promiseAndReserve(orderId, {
      lines,
      customer,
      shipTo: request.shipTo,
      allowPartialShipment: request.allowPartialShipment,
      requestedShipDate: request.requestedShipDate,
    });
    try {
      return await this.book(orderId, request, lines, customer, pricing, promise, knownErpOrder);
    } catch (error) {
      await this.reservations.release(orderId);
      throw error;
    }
  }

  private async book(
    orderId: string,
    request: PlaceOrderDto,
    lines: ResolvedLine[],
    customer: CustomerDto,
    pricing: ReturnType<typeof priceLines>,
    promise: ReservedPromise,
    knownErpOrder: string | null | undefined,
  ): Promise<OrderDto> {
    const promised = new Map(promise.lines.map((l) => [l.lineNumber, l]));
    // rejected quantities are not sold: the ERP order holds what ships now and what is backordered
    const ordered = lines
      .map((line) => ({ ...line, quantity: line.quantity - promised.get(line.lineNumber)!.rejected.quantity }))
      .filter((line) => line.quantity > 0);
    const erpOrder = ordered.length ? await this.erpOrder(orderId, request, ordered, knownErpOrder) : undefined;
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
          legs: promisedLine.legs,
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
    const order = await this.orders.finalize(orderId, final, currentCorrelationId(), async (tx) => {
      // the legs wait as planned; an order that may ship is released by the event, in the same commit
      await this.legs.planLegs(tx, orderId, promise.legs);
      if (promise.legs.length && (status === 'accepted' || status === 'backordered')) await this.outbox.add(tx, orderAccepted(orderId));
    });
    void this.relay.drain().catch(() => undefined); // released at once, not at the next relay tick
    this.logger.log({ orderId, erpOrderNumber: erpOrder?.erpOrderNumber, status, legs: promise.legs.length }, 'order placed');
    return order;
  }

  /**
   * Creates the ERP sales order exactly once. On a retry the ERP may already hold it (the
   * earlier attempt created it and then failed), so look it up by PO number before creating.
   */
  private async erpOrder(orderId: string, request: PlaceOrderDto, lines: ResolvedLine[], known: string | null | undefined): Promise<ErpSalesOrderDto> {
    if (known) return this.system.getSalesOrder(known);
    if (known === null) {
      const [existing] = await this.system.findSalesOrders(request.customerId, request.purchaseOrderNumber);
      if (existing) {
        await this.orders.recordErpOrder(orderId, existing.erpOrderNumber);
        return existing;
      }
    }
    const created = await this.system.createSalesOrder({
      customerId: request.customerId,
      purchaseOrderNumber: request.purchaseOrderNumber,
      requestedDeliveryDate: request.requestedShipDate,
      lines: lines.map((l) => ({ lineNumber: l.lineNumber, sku: l.sku, quantity: l.quantity, uom: l.uom })),
    });
    await this.orders.recordErpOrder(orderId, created.erpOrderNumber);
    return created;
  }
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
