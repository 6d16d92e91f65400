import { ServiceClient } from '@platform';
import type { AccountDto, AccountLinkDto, Order360PageDto, UpsertAccountDto } from '../api/account.dto.js';
import type { AvailabilityDto, AvailabilityQueryDto, CatalogPageDto, CreateOrderPromiseDto, OrderPromiseDto } from '../api/process-api.dto.js';
import type { InvoiceDto } from '../model/fulfillment.dto.js';
import type { CustomerDto } from '../model/master-data.dto.js';
import type { CancelOrderDto, InvoicePageDto, ListInvoicesQueryDto, ListOrdersQueryDto, OrderPageDto } from '../api/order-queries.dto.js';
import type { OrderDto, PlaceOrderDto } from '../model/order.dto.js';
import type { LayerBreakersDto, OrderTimelineDto } from '../api/ops-console.dto.js';
import type { CreateReturnDto, ListReturnsQueryDto, ReturnDto, ReturnOwnerQueryDto, ReturnPageDto } from '../api/returns.dto.js';

export interface PlacedOrder {
  readonly order: OrderDto;
  /** true when the process layer answered from an earlier request with the same key. */
  readonly replayed: boolean;
}

export interface RequestedReturn {
  readonly return: ReturnDto;
  /** true when the process layer answered from an earlier request with the same key. */
  readonly replayed: boolean;
}

export interface UpsertedAccount {
  readonly account: AccountDto;
  /** true when the process layer created the ERP customer (201). */
  readonly created: boolean;
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
    const { body, replayed } = await this.createOnce<OrderDto>('/v1/orders', order, idempotencyKey, 'orders');
    return { order: body, replayed };
  }

  /** The customer's invoices (and only those billing the partner's orders, when given), newest first, a page at a time. */
  async listInvoices(query: ListInvoicesQueryDto): Promise<InvoicePageDto> {
    const { status, ...rest } = query;
    const params = { ...rest, status: status?.length ? status.join(',') : undefined };
    return (await this.http.send<InvoicePageDto>({ method: 'GET', path: '/v1/invoices', query: params, breaker: 'orders' })).body;
  }

  /** With `partnerId`, only an invoice that bills at least one of that partner's orders is found. */
  async getInvoice(invoiceId: string, customerId: string, partnerId?: string): Promise<InvoiceDto> {
    const path = `/v1/invoices/${encodeURIComponent(invoiceId)}`;
    return (await this.http.send<InvoiceDto>({ method: 'GET', path, query: { customerId, partnerId }, breaker: 'orders' })).body;
  }

  async getOrder(orderId: string, customerId: string): Promise<OrderDto> {
    const path = `/v1/orders/${encodeURIComponent(orderId)}`;
    return (await this.http.send<OrderDto>({ method: 'GET', path, query: { customerId }, breaker: 'orders' })).body;
  }

  /**
   * An operator's call to the process layer's ops API (`/v1/ops/…`), sent with the operator's own
   * `authorization` so that layer checks the operator and audits who did it, not the experience layer.
   */
  async ops<T>(
    operatorAuthorization: string,
    method: 'GET' | 'POST',
    path: string,
    options: { query?: Record<string, string>; body?: unknown } = {},
  ): Promise<{ status: number; body: T }> {
    const response = await this.http.send<T>({
      method,
      path: `/v1/ops/${path}`,
      query: options.query,
      body: options.body,
      headers: { authorization: operatorAuthorization },
      breaker: 'ops',
    });
    return { status: response.status, body: response.body };
  }

  async orderTimeline(operatorAuthorization: string, orderId: string): Promise<OrderTimelineDto> {
    return (await this.ops<OrderTimelineDto>(operatorAuthorization, 'GET', `orders/${encodeURIComponent(orderId)}/timeline`)).body;
  }

  async breakers(operatorAuthorization: string): Promise<{ layers: LayerBreakersDto[] }> {
    return (await this.ops<{ layers: LayerBreakersDto[] }>(operatorAuthorization, 'GET', 'breakers')).body;
  }

  /** Creates, links or updates the ERP customer of a CRM account. */
  async upsertAccount(crmAccountId: string, account: UpsertAccountDto): Promise<UpsertedAccount> {
    const path = `/v1/accounts/${encodeURIComponent(crmAccountId)}`;
    const response = await this.http.send<AccountDto>({ method: 'PUT', path, body: account, breaker: 'accounts' });
    return { account: response.body, created: response.status === 201 };
  }

  /** An ERP customer; 404 (`CUSTOMER.NOT_FOUND`) when the ERP has none of that number. */
  async getCustomer(customerId: string): Promise<CustomerDto> {
    return (await this.http.send<CustomerDto>({ method: 'GET', path: `/v1/customers/${encodeURIComponent(customerId)}`, breaker: 'accounts' })).body;
  }

  /** The cross-reference of a CRM account (no ERP call). */
  async getAccount(crmAccountId: string): Promise<AccountLinkDto> {
    return (await this.http.send<AccountLinkDto>({ method: 'GET', path: `/v1/accounts/${encodeURIComponent(crmAccountId)}`, breaker: 'accounts' })).body;
  }

  /** A customer's orders from every channel with legs, shipments, invoices, backorders and exceptions. */
  async getOrder360(customerId: string, limit: number, cursor?: string): Promise<Order360PageDto> {
    const path = `/v1/customers/${encodeURIComponent(customerId)}/order-360`;
    return (await this.http.send<Order360PageDto>({ method: 'GET', path, query: { limit, cursor }, breaker: 'orders' })).body;
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

  /** Decides a return request (201: authorized, partially authorized or refused, with reasons); the same key again answers the same return (200). */
  async requestReturn(request: CreateReturnDto, idempotencyKey: string): Promise<RequestedReturn> {
    const { body, replayed } = await this.createOnce<ReturnDto>('/v1/returns', request, idempotencyKey, 'returns');
    return { return: body, replayed };
  }

  /** A POST the process layer answers once per key: 201 when it created, 200 when it answers an earlier request again. */
  private async createOnce<T>(path: string, body: unknown, idempotencyKey: string, breaker: string): Promise<{ body: T; replayed: boolean }> {
    const response = await this.http.send<T>({ method: 'POST', path, body, headers: { 'idempotency-key': idempotencyKey }, breaker });
    return { body: response.body, replayed: response.status === 200 };
  }

  /** The customer's returns (the partner's, when given), newest first, a page at a time. */
  async listReturns(query: ListReturnsQueryDto): Promise<ReturnPageDto> {
    return (await this.http.send<ReturnPageDto>({ method: 'GET', path: '/v1/returns', query: { ...query }, breaker: 'returns' })).body;
  }

  /** 404 (`RETURN.NOT_FOUND`) for another customer's or partner's return. */
  async getReturn(returnId: string, owner: ReturnOwnerQueryDto): Promise<ReturnDto> {
    const path = `/v1/returns/${encodeURIComponent(returnId)}`;
    return (await this.http.send<ReturnDto>({ method: 'GET', path, query: { ...owner }, breaker: 'returns' })).body;
  }
}
