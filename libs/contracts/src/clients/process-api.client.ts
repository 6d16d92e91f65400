import { ServiceClient } from '@platform';
import type { AvailabilityDto, AvailabilityQueryDto, CatalogPageDto, CreateOrderPromiseDto, OrderPromiseDto } from '../api/process-api.dto.js';
import type { InvoiceDto } from '../model/fulfillment.dto.js';
import type { CancelOrderDto, ListOrdersQueryDto, OrderPageDto } from '../api/order-queries.dto.js';
import type { OrderDto, PlaceOrderDto } from '../model/order.dto.js';

export interface PlacedOrder {
  readonly order: OrderDto;
  /** true when the process layer answered from an earlier request with the same key. */
  readonly replayed: boolean;
}

/** Typed client of the process layer, used by the experience layer. */
export class ProcessApiClient {
  constructor(private readonly http: ServiceClient) {}

  async getCatalog(customerId: string, cursor: string | undefined, limit: number): Promise<CatalogPageDto> {
    const query = { customerId, cursor, limit };
    return (await this.http.send<CatalogPageDto>({ method: 'GET', path: '/v1/catalog/items', query, breaker: 'catalog' })).body;
  }

  async getAvailability(query: AvailabilityQueryDto): Promise<AvailabilityDto> {
    return (await this.http.send<AvailabilityDto>({ method: 'GET', path: '/v1/availability', query: { ...query }, breaker: 'availability' })).body;
  }

  /** A quote: the promise for these lines now, optionally holding the stock. */
  async promise(request: CreateOrderPromiseDto): Promise<OrderPromiseDto> {
    return (await this.http.send<OrderPromiseDto>({ method: 'POST', path: '/v1/order-promises', body: request, breaker: 'promises' })).body;
  }

  async placeOrder(order: PlaceOrderDto, idempotencyKey: string): Promise<PlacedOrder> {
    const response = await this.http.send<OrderDto>({
      method: 'POST',
      path: '/v1/orders',
      body: order,
      headers: { 'idempotency-key': idempotencyKey },
      breaker: 'orders',
    });
    return { order: response.body, replayed: response.status === 200 };
  }

  async getInvoice(invoiceId: string, customerId: string): Promise<InvoiceDto> {
    const path = `/v1/invoices/${encodeURIComponent(invoiceId)}`;
    return (await this.http.send<InvoiceDto>({ method: 'GET', path, query: { customerId }, breaker: 'orders' })).body;
  }

  async getOrder(orderId: string, customerId: string): Promise<OrderDto> {
    const path = `/v1/orders/${encodeURIComponent(orderId)}`;
    return (await this.http.send<OrderDto>({ method: 'GET', path, query: { customerId }, breaker: 'orders' })).body;
  }

  /** The customer's orders (and the partner's, when given), newest first, a page at a time. */
  async listOrders(query: ListOrdersQueryDto): Promise<OrderPageDto> {
    const { status, ...rest } = query;
    const params = { ...rest, status: status?.length ? status.join(',') : undefined };
    return (await this.http.send<OrderPageDto>({ method: 'GET', path: '/v1/orders', query: params, breaker: 'orders' })).body;
  }

  /** Cancels an order not yet released to the warehouses; cancelling a cancelled order answers it again. */
  async cancelOrder(orderId: string, request: CancelOrderDto): Promise<OrderDto> {
    const path = `/v1/orders/${encodeURIComponent(orderId)}/cancel`;
    return (await this.http.send<OrderDto>({ method: 'POST', path, body: request, breaker: 'orders' })).body;
  }
}
