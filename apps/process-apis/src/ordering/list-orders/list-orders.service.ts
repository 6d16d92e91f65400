import { Injectable } from '@nestjs/common';
import type { ListOrdersQueryDto, OrderPageDto } from '@contracts';
import { decodeKeysetCursor, encodeKeysetCursor } from '@platform';
import { FulfillmentRepository } from '../../fulfillment/fulfillment.repository.js';
import { toOrderDto } from '../order.mapper.js';
import { OrderRepository, type OrderListPosition } from '../order.repository.js';

/** A customer's (and partner's) orders a page at a time, with their lines and legs. */
@Injectable()
export class ListOrdersService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly fulfillment: FulfillmentRepository,
  ) {}

  async execute(query: ListOrdersQueryDto): Promise<OrderPageDto> {
    const limit = query.limit ?? 50;
    const rows = await this.orders.list({
      customerId: query.customerId,
      partnerId: query.partnerId,
      statuses: query.status,
      purchaseOrderNumber: query.purchaseOrderNumber,
      createdFrom: query.createdFrom && startOf(query.createdFrom),
      createdBefore: query.createdTo && endOf(query.createdTo),
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit,
    });
    const page = rows.slice(0, limit);
    const legs = await this.fulfillment.legsOfOrders(page.map((r) => r.order.orderId));
    return {
      orders: page.map(({ order }) => ({ ...toOrderDto(order), legs: legs.get(order.orderId) ?? [] })),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].position) : null,
    };
  }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date means its first instant (UTC). */
function startOf(value: string): string {
  return DATE_ONLY.test(value) ? `${value}T00:00:00.000Z` : new Date(value).toISOString();
}

/** The exclusive end: a date includes its whole day (UTC). */
function endOf(value: string): string {
  if (!DATE_ONLY.test(value)) return new Date(value).toISOString();
  const next = new Date(`${value}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

export function encodeCursor(position: OrderListPosition): string {
  return encodeKeysetCursor({ createdAt: position.createdAt, id: position.orderId });
}

export function decodeCursor(cursor: string): OrderListPosition {
  const { createdAt, id } = decodeKeysetCursor(cursor, 'ORDERS.INVALID_CURSOR');
  return { createdAt, orderId: id };
}
