import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@platform';
import { ProcessApiClient, type CatalogPageDto, type InvoiceDto, type OrderDto, type OrderRequestDto } from '@contracts';
import type { Partner } from '../auth/partner.repository.js';
import { IdempotencyService, type StoredResponse } from '../idempotency/idempotency.service.js';
import { AvailabilityEdgeCache, type Tagged } from './availability/availability-edge.cache.js';
import { toB2bAvailability, toB2bItems, toB2bOrder, toB2bQuote, toB2bShipment } from './b2b-order.mapper.js';
import type {
  B2bAvailabilityDto,
  B2bAvailabilityQueryDto,
  B2bCancelOrderRequestDto,
  B2bItemPageDto,
  B2bOrderDto,
  B2bInvoiceListQueryDto,
  B2bOrderListQueryDto,
  B2bQuoteDto,
  B2bQuoteRequestDto,
  B2bShipmentListDto,
} from './b2b.dto.js';

/**
 * How one API version shows an order. Each version keeps its own idempotency operations, so a
 * replay answers in the shape the key was first answered in.
 */
export interface OrderPresentation<T> {
  readonly version: 'v1' | 'v2';
  present(order: OrderDto): T;
}

export const V1_ORDERS: OrderPresentation<B2bOrderDto> = { version: 'v1', present: toB2bOrder };

/** The partner channel's use cases; every call is scoped to the partner's own ERP customer and to the partner. */
@Injectable()
export class PartnerOrdersService {
  constructor(
    private readonly process: ProcessApiClient,
    private readonly idempotency: IdempotencyService,
    private readonly availabilityCache: AvailabilityEdgeCache,
  ) {}

  async items<T = B2bItemPageDto>(
    partner: Partner,
    cursor: string | undefined,
    limit: number,
    present: (page: CatalogPageDto) => T = toB2bItems as (page: CatalogPageDto) => T,
  ): Promise<T> {
    return present(await this.process.getCatalog(partner.customerId, cursor, limit));
  }

  /** From the edge cache when it holds a fresh answer (AvailabilityEdgeCache), else from the process layer's projection. */
  availability(query: B2bAvailabilityQueryDto): Promise<Tagged<B2bAvailabilityDto>> {
    return this.availabilityCache.read(query, async () => toB2bAvailability(await this.process.getAvailability(query)));
  }

  /** A quote may hold stock, so it is idempotent like an order (the same shape in every version). */
  quote(partner: Partner, idempotencyKey: string | undefined, request: B2bQuoteRequestDto): Promise<StoredResponse<B2bQuoteDto>> {
    return this.idempotency.run(partner.partnerId, idempotencyKey, 'b2b.quotes.create', request, async () => {
      const quote = await this.process.promise({ ...request, customerId: partner.customerId });
      if (request.holdSeconds) this.stockChanged(request.lines);
      return { status: 200, body: toB2bQuote(quote) };
    });
  }

  place<T>(partner: Partner, idempotencyKey: string | undefined, order: OrderRequestDto, shape: OrderPresentation<T>): Promise<StoredResponse<T>> {
    return this.idempotency.run(partner.partnerId, idempotencyKey, operation('create', shape), order, async () => {
      const placed = await this.process.placeOrder({ ...order, customerId: partner.customerId, partnerId: partner.partnerId, channel: 'b2b' }, idempotencyKey!);
      this.stockChanged(order.lines);
      return { status: 201, body: shape.present(placed.order) };
    });
  }

  async list<T>(partner: Partner, query: B2bOrderListQueryDto, shape: OrderPresentation<T>): Promise<{ orders: T[]; nextCursor: string | null }> {
    const page = await this.process.listOrders({ ...query, customerId: partner.customerId, partnerId: partner.partnerId });
    return { orders: page.orders.map((order) => shape.present(order)), nextCursor: page.nextCursor };
  }

  async get<T>(partner: Partner, orderId: string, shape: OrderPresentation<T>): Promise<T> {
    return shape.present(await this.order(partner, orderId));
  }

  /** Cancelling is idempotent by nature (a cancelled order is answered again); a key adds exact replays. */
  cancel<T>(
    partner: Partner,
    orderId: string,
    idempotencyKey: string | undefined,
    request: B2bCancelOrderRequestDto,
    shape: OrderPresentation<T>,
  ): Promise<StoredResponse<T>> {
    return this.idempotency.runIfKeyed(partner.partnerId, idempotencyKey, operation('cancel', shape), { orderId, ...request }, async () => {
      const cancelled = await this.process.cancelOrder(orderId, { customerId: partner.customerId, partnerId: partner.partnerId, reason: request.reason });
      this.stockChanged(cancelled.lines);
      return { status: 200, body: shape.present(cancelled) };
    });
  }

  async invoices<T = InvoiceDto>(
    partner: Partner,
    query: B2bInvoiceListQueryDto,
    present: (invoice: InvoiceDto) => T = (invoice) => invoice as T,
  ): Promise<{ invoices: T[]; nextCursor: string | null }> {
    const page = await this.process.listInvoices({ ...query, customerId: partner.customerId, partnerId: partner.partnerId });
    return { invoices: page.invoices.map(present), nextCursor: page.nextCursor };
  }

  async invoice<T = InvoiceDto>(partner: Partner, invoiceId: string, present: (invoice: InvoiceDto) => T = (invoice) => invoice as T): Promise<T> {
    return present(await this.process.getInvoice(invoiceId, partner.customerId, partner.partnerId));
  }

  async shipments(partner: Partner, orderId: string): Promise<B2bShipmentListDto> {
    const order = await this.order(partner, orderId);
    return { shipments: (order.shipments ?? []).map(toB2bShipment) };
  }

  /**
   * The partner reads its own change back: the process layer's signal is on its way too, but may
   * arrive after this answer.
   */
  private stockChanged(lines: readonly { sku: string }[]): void {
    this.availabilityCache.changed(lines.map((line) => line.sku));
  }

  /** The order if it is this partner's: another partner of the same customer gets the same 404 as a stranger. */
  private async order(partner: Partner, orderId: string): Promise<OrderDto> {
    const order = await this.process.getOrder(orderId, partner.customerId);
    if (order.partnerId !== partner.partnerId) throw new NotFoundError('ORDER.NOT_FOUND', 'No such order.');
    return order;
  }
}

/** v1 keeps the operation names its keys were stored under. */
function operation(action: 'create' | 'cancel', shape: OrderPresentation<unknown>): string {
  return shape.version === 'v1' ? `b2b.orders.${action}` : `b2b.${shape.version}.orders.${action}`;
}
