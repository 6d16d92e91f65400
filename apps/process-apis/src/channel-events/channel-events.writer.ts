import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  ChannelEventType,
  EventEnvelopeDto,
  InvoiceEventData,
  OrderBackorderedData,
  OrderRefDto,
  OrderShipmentConfirmedData,
  OrderStatus,
  OrderStatusChangedData,
  ReturnEventDataDto,
  ReturnStatus,
} from '@contracts';
import { currentCorrelationId, type Queryable } from '@platform';
import { OutboxRepository } from '../messaging/outbox/outbox.repository.js';

/**
 * Writes the events the channels tell their partners about into the outbox, in the caller's
 * transaction: a status change, shipment or invoice and its event commit together or not at all.
 */
@Injectable()
export class ChannelEventsWriter {
  constructor(private readonly outbox: OutboxRepository) {}

  async statusChanged(tx: Queryable, orderId: string, status: OrderStatus, note: string | null): Promise<void> {
    const order = await this.orderRef(tx, orderId);
    await this.add<OrderStatusChangedData>(tx, 'order.status_changed', `order/${orderId}`, { order, status, note });
  }

  async shipmentConfirmed(tx: Queryable, orderId: string, shipmentId: string, warehouseId: string): Promise<void> {
    const order = await this.orderRef(tx, orderId);
    await this.add<OrderShipmentConfirmedData>(tx, 'order.shipment_confirmed', `order/${orderId}`, { order, shipmentId, warehouseId });
  }

  async backordered(tx: Queryable, orderId: string, lines: OrderBackorderedData['lines']): Promise<void> {
    if (!lines.length) return;
    const order = await this.orderRef(tx, orderId);
    await this.add<OrderBackorderedData>(tx, 'order.backordered', `order/${orderId}`, { order, lines });
  }

  async invoice(tx: Queryable, type: 'invoice.issued' | 'invoice.paid', invoiceId: string): Promise<void> {
    const [invoice] = await tx.query<{ erp_invoice_number: string; customer_id: string }>(
      'SELECT erp_invoice_number, customer_id FROM invoices WHERE invoice_id = $1',
      [invoiceId],
    );
    const rows = await tx.query<OrderRefRow>(
      `SELECT ${REF_COLUMNS} FROM orders WHERE order_id IN (SELECT order_id FROM invoice_shipments WHERE invoice_id = $1) ORDER BY created_at`,
      [invoiceId],
    );
    await this.add<InvoiceEventData>(tx, type, `invoice/${invoiceId}`, {
      invoiceId,
      invoiceNumber: invoice.erp_invoice_number,
      customerId: invoice.customer_id,
      orders: rows.map(toRef),
    });
  }

  /** A return's event (`return/<returnId>`); the return carries the RMA number and status it reached. */
  async returnEvent(
    tx: Queryable,
    type: 'return.authorized' | 'return.received' | 'return.credited',
    ret: { returnId: string; rmaNumber: string; status: ReturnStatus; orderId: string },
  ): Promise<void> {
    const order = await this.orderRef(tx, ret.orderId);
    await this.add<ReturnEventDataDto>(tx, type, `return/${ret.returnId}`, { returnId: ret.returnId, rmaNumber: ret.rmaNumber, status: ret.status, order });
  }

  private async orderRef(tx: Queryable, orderId: string): Promise<OrderRefDto> {
    const [row] = await tx.query<OrderRefRow>(`SELECT ${REF_COLUMNS} FROM orders WHERE order_id = $1`, [orderId]);
    return toRef(row);
  }

  private async add<T extends object>(tx: Queryable, type: ChannelEventType, subject: string, data: T): Promise<void> {
    const event: EventEnvelopeDto<T> = {
      id: randomUUID(),
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      correlationId: currentCorrelationId() ?? randomUUID(),
      source: 'process-apis',
      subject,
      data,
    };
    await this.outbox.add(tx, event as EventEnvelopeDto);
  }
}

const REF_COLUMNS = 'order_id, partner_id, customer_id, channel, purchase_order_number';

interface OrderRefRow {
  order_id: string;
  partner_id: string;
  customer_id: string;
  channel: OrderRefDto['channel'];
  purchase_order_number: string;
}

function toRef(row: OrderRefRow): OrderRefDto {
  return {
    orderId: row.order_id,
    partnerId: row.partner_id,
    customerId: row.customer_id,
    channel: row.channel,
    purchaseOrderNumber: row.purchase_order_number,
  };
}
