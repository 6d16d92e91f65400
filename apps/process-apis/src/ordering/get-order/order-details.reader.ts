import { Injectable } from '@nestjs/common';
import type { OrderDto } from '@contracts';
import { InvoiceRepository } from '../../billing/invoice.repository.js';
import { FulfillmentRepository } from '../../fulfillment/fulfillment.repository.js';
import { toInvoiceDto } from '../../billing/invoice.mapper.js';
import { toOrderDto } from '../order.mapper.js';
import { OrderRepository } from '../order.repository.js';

/** One order of a customer with its legs, shipments and invoices: the read behind GET /v1/orders/{id} and the order 360 view. */
@Injectable()
export class OrderDetailsReader {
  constructor(
    private readonly orders: OrderRepository,
    private readonly fulfillment: FulfillmentRepository,
    private readonly invoices: InvoiceRepository,
  ) {}

  /** Undefined when there is no such order of this customer. */
  async read(orderId: string, customerId: string): Promise<OrderDto | undefined> {
    const order = await this.orders.findForCustomer(orderId, customerId);
    if (!order) return undefined;
    const [legs, shipments, invoices] = await Promise.all([
      this.fulfillment.legsOf(orderId),
      this.fulfillment.shipmentsOf(orderId),
      this.invoices.ofOrder(orderId),
    ]);
    return { ...toOrderDto(order), legs, shipments, invoices: invoices.map(toInvoiceDto) };
  }
}
