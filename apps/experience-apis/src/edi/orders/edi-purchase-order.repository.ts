import { Inject, Injectable } from '@nestjs/common';
import { Database, type Queryable } from '@platform';
import type { OrderedLine } from '../domain/outbound-documents.builder.js';

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/**
 * The buyer's lines of each order placed from an 850, as sent (PO101, unit, product ids, quantity,
 * price): the process layer keeps the canonical order, this keeps what the 855, 856 and 810 must
 * echo for the buyer's three-way match. Written once per order; a re-sent PO keeps the first.
 */
@Injectable()
export class EdiPurchaseOrderRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async save(tx: Queryable, tradingPartnerId: string, orderId: string, purchaseOrderNumber: string, lines: readonly OrderedLine[]): Promise<void> {
    await tx.query(
      `INSERT INTO edi_purchase_orders (trading_partner_id, order_id, purchase_order_number, lines) VALUES ($1, $2, $3, $4)
       ON CONFLICT (trading_partner_id, order_id) DO NOTHING`,
      [tradingPartnerId, orderId, purchaseOrderNumber, JSON.stringify(lines)],
    );
  }

  /** The ordered lines of these orders of the partner, by order id; an order not placed from an 850 is absent. */
  async linesOf(tradingPartnerId: string, orderIds: readonly string[]): Promise<Map<string, OrderedLine[]>> {
    if (!orderIds.length) return new Map();
    const rows = await this.db.query<{ order_id: string; lines: OrderedLine[] | string }>(
      'SELECT order_id, lines FROM edi_purchase_orders WHERE trading_partner_id = $1 AND order_id = ANY($2::uuid[])',
      [tradingPartnerId, [...orderIds]],
    );
    return new Map(rows.map((row) => [row.order_id, json(row.lines)]));
  }
}
