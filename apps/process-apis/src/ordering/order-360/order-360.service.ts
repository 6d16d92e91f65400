import { Injectable } from '@nestjs/common';
import { backorderedLinesOf, type Order360Dto, type Order360PageDto, type Order360ReturnDto, type ReturnDto } from '@contracts';
import { decodeKeysetCursor, encodeKeysetCursor } from '@platform';
import { FulfillmentRepository } from '../../fulfillment/fulfillment.repository.js';
import { ReturnsReader } from '../../returns/returns.reader.js';
import { OrderDetailsReader } from '../get-order/order-details.reader.js';
import { CustomerOrdersQuery, type OrderPosition } from './customer-orders.query.js';

/** The order 360 view of a customer: every order from every channel, each with everything that happened to it. */
@Injectable()
export class Order360Service {
  constructor(
    private readonly customerOrders: CustomerOrdersQuery,
    private readonly details: OrderDetailsReader,
    private readonly fulfillment: FulfillmentRepository,
    private readonly returns: ReturnsReader,
  ) {}

  async page(customerId: string, limit: number, cursor?: string): Promise<Order360PageDto> {
    const positions = await this.customerOrders.page(customerId, limit + 1, cursor === undefined ? undefined : decodeCursor(cursor));
    const page = positions.slice(0, limit);
    const orders: Order360Dto[] = [];
    const returnsOf = new Map<string, ReturnDto[]>();
    for (const ret of await this.returns.ofOrders(page.map((p) => p.orderId))) returnsOf.set(ret.orderId, [...(returnsOf.get(ret.orderId) ?? []), ret]);
    for (const { orderId } of page) {
      const order = await this.details.read(orderId, customerId);
      if (!order) continue;
      orders.push({
        ...order,
        backorders: backorderedLinesOf(order.lines),
        exceptions: await this.fulfillment.exceptionsOf(orderId),
        returns: (returnsOf.get(orderId) ?? []).map(toOrder360Return),
      });
    }
    const last = page.at(-1);
    return { customerId, orders, nextCursor: positions.length > limit && last ? encodeCursor(last) : null };
  }
}

/** A return as the 360 view sums it up: quantities per line and the credit, no warehouse detail. */
function toOrder360Return(ret: ReturnDto): Order360ReturnDto {
  return {
    returnId: ret.returnId,
    rmaNumber: ret.rmaNumber,
    status: ret.status,
    channel: ret.channel,
    lines: ret.lines.map((l) => ({
      lineNumber: l.lineNumber,
      sku: l.sku,
      reasonCode: l.reasonCode,
      requestedQuantity: l.requestedQuantity,
      authorizedQuantity: l.authorizedQuantity,
      refusal: l.refusal,
      receivedQuantity: l.receivedQuantity,
      creditedQuantity: l.creditedQuantity,
    })),
    credit: ret.credit,
    createdAt: ret.createdAt,
    updatedAt: ret.updatedAt,
  };
}

export function encodeCursor(position: OrderPosition): string {
  return encodeKeysetCursor({ createdAt: position.createdAt, id: position.orderId });
}

export function decodeCursor(cursor: string): OrderPosition {
  const { createdAt, id } = decodeKeysetCursor(cursor, 'ORDERS.INVALID_CURSOR');
  return { createdAt, orderId: id };
}
