import { Injectable } from '@nestjs/common';
import { backorderedLinesOf, type Order360Dto, type Order360PageDto } from '@contracts';
import { decodeKeysetCursor, encodeKeysetCursor } from '@platform';
import { FulfillmentRepository } from '../../fulfillment/fulfillment.repository.js';
import { OrderDetailsReader } from '../get-order/order-details.reader.js';
import { CustomerOrdersQuery, type OrderPosition } from './customer-orders.query.js';

/** The order 360 view of a customer: every order from every channel, each with everything that happened to it. */
@Injectable()
export class Order360Service {
  constructor(
    private readonly customerOrders: CustomerOrdersQuery,
    private readonly details: OrderDetailsReader,
    private readonly fulfillment: FulfillmentRepository,
  ) {}

  async page(customerId: string, limit: number, cursor?: string): Promise<Order360PageDto> {
    const positions = await this.customerOrders.page(customerId, limit + 1, cursor === undefined ? undefined : decodeCursor(cursor));
    const page = positions.slice(0, limit);
    const orders: Order360Dto[] = [];
    for (const { orderId } of page) {
      const order = await this.details.read(orderId, customerId);
      if (order) orders.push({ ...order, backorders: backorderedLinesOf(order.lines), exceptions: await this.fulfillment.exceptionsOf(orderId) });
    }
    const last = page.at(-1);
    return { customerId, orders, nextCursor: positions.length > limit && last ? encodeCursor(last) : null };
  }
}

export function encodeCursor(position: OrderPosition): string {
  return encodeKeysetCursor({ createdAt: position.createdAt, id: position.orderId });
}

export function decodeCursor(cursor: string): OrderPosition {
  const { createdAt, id } = decodeKeysetCursor(cursor, 'ORDERS.INVALID_CURSOR');
  return { createdAt, orderId: id };
}
