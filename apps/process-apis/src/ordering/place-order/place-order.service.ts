import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  SystemApiClient,
  type CustomerDto,
  type ErpSalesOrderDto,
  type InventoryPositionDto,
  type OmsStatus,
  type OrderDto,
  type OrderStatus,
  type PlaceOrderDto,
} from '@contracts';
import { AppError, currentCorrelationId, stableHash, UnprocessableError, ValidationError } from '@platform';
import { CatalogService } from '../../catalog/catalog.service.js';
import { ProcessApisConfig } from '../../process.config.js';
import { decideLines, priceLines, resolveLines, round, type LineDecision, type ResolvedLine } from '../domain/order-lines.js';
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
 * bad lines), the customer and credit in the ERP, prices, stock in the WMS; create the ERP
 * sales order, register it in the OMS and keep it in the process database. One order per
 * channel request, however often the channel retries.
 */
@Injectable()
export class PlaceOrderService {
  private readonly logger = new Logger(PlaceOrderService.name);

  constructor(
    private readonly catalog: CatalogService,
    private readonly system: SystemApiClient,
    private readonly orders: OrderRepository,
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
    const customer = await this.customer(request.customerId);
    const skus = [...new Set(lines.map((l) => l.sku))];
    const [prices, stock] = await Promise.all([this.system.getPrices(customer.customerId, skus), this.stock(skus)]);
    const pricing = priceLines(lines, prices);
    const decisions = decideLines(lines, stock, request.allowPartialShipment ?? true);

    const erpOrder = await this.erpOrder(orderId, request, lines, knownErpOrder);
    const total = round(erpOrder.netAmount, 2);
    const { status, reason } = orderStatus(customer, erpOrder, total, decisions);
    const oms = await this.system.registerOmsOrder({
      channelOrderRef: `${request.channel}:${request.partnerId}:${orderId}`,
      channel: request.channel,
      customerId: customer.customerId,
      erpOrderNumber: erpOrder.erpOrderNumber,
      status: omsStatusOf[status],
    });

    const erpLines = new Map(erpOrder.lines.map((l) => [l.lineNumber, l]));
    const final: FinalOrder = {
      status,
      statusReason: reason,
      omsOrderId: oms.omsOrderId,
      currency: erpOrder.currency,
      totalAmount: total,
      lines: lines.map((line) => {
        const decision = decisions.find((d) => d.lineNumber === line.lineNumber)!;
        const erpLine = erpLines.get(line.lineNumber);
        const priced = pricing.get(line.lineNumber)!;
        return {
          ...line,
          status: decision.status,
          warehouseId: decision.warehouseId,
          // the ERP is the system of record for the commercial order: its amounts win
          unitPrice: erpLine ? round(erpLine.unitPrice * line.factor, 4) : priced.unitPrice,
          lineAmount: erpLine ? round(erpLine.netAmount, 2) : priced.lineAmount,
          erpItemNumber: erpLine?.erpItemNumber,
        };
      }),
    };
    const order = await this.orders.finalize(orderId, final, currentCorrelationId());
    this.logger.log({ orderId, erpOrderNumber: erpOrder.erpOrderNumber, status }, 'order placed');
    return order;
  }

  private async customer(customerId: string): Promise<CustomerDto> {
    try {
      return await this.system.getCustomer(customerId);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) {
        throw new UnprocessableError('ORDER.UNKNOWN_CUSTOMER', `Customer ${customerId} does not exist in the ERP.`);
      }
      throw error;
    }
  }

  private async stock(skus: string[]): Promise<Map<string, InventoryPositionDto[]>> {
    const positions = await Promise.all(skus.map((sku) => this.system.getInventory(sku)));
    return new Map(skus.map((sku, i) => [sku, positions[i]]));
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

/** Credit first (an order on hold is not released, whatever its stock), then stock. */
export function orderStatus(
  customer: CustomerDto,
  erpOrder: ErpSalesOrderDto,
  total: number,
  decisions: LineDecision[],
): { status: OrderStatus; reason?: string } {
  if (customer.credit.blocked || erpOrder.creditStatus === 'blocked') return { status: 'on_hold', reason: 'CREDIT_BLOCK' };
  if (customer.credit.exposure + total > customer.credit.limit) return { status: 'on_hold', reason: 'CREDIT_LIMIT_EXCEEDED' };
  if (decisions.every((d) => d.status === 'backordered')) return { status: 'backordered', reason: 'INSUFFICIENT_STOCK' };
  if (decisions.some((d) => d.status === 'backordered')) return { status: 'accepted', reason: 'PARTIALLY_BACKORDERED' };
  return { status: 'accepted' };
}
