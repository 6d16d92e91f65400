import { Inject, Injectable } from '@nestjs/common';
import type {
  BillingPolicy,
  AddressDto,
  BackorderDto,
  Channel,
  LineStatus,
  OrderDto,
  OrderStatus,
  PromisedLegDto,
  RejectionDto,
  RejectionReason,
  UnitOfMeasure,
} from '@contracts';
import { ConflictError, Database, KEYSET_INSTANT_SQL, UnprocessableError, type Queryable } from '@platform';
import { backorderedLinesOf } from '@contracts';
import { ChannelEventsWriter } from '../channel-events/channel-events.writer.js';

/** Statuses an attempt passes through before the order has a business status. */
type AttemptStatus = 'pending' | 'failed';

interface OrderRow {
  order_id: string;
  channel: Channel;
  partner_id: string;
  customer_id: string;
  request_hash: string;
  purchase_order_number: string;
  status: OrderStatus | AttemptStatus;
  status_reason: string | null;
  erp_order_number: string | null;
  oms_order_id: string | null;
  ship_to: AddressDto;
  requested_ship_date: string | null;
  allow_partial_shipment: boolean;
  currency: string | null;
  total_amount: string | null;
  stale: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

interface LineRow {
  order_id: string;
  line_number: number;
  sku: string;
  quantity: number;
  uom: UnitOfMeasure;
  base_quantity: number;
  status: LineStatus;
  warehouse_id: string | null;
  unit_price: string;
  line_amount: string;
  erp_item_number: string | null;
  backordered_quantity: number;
  backorder_date: string | null;
  rejected_quantity: number;
  rejection_reason: RejectionReason | null;
  legs: PromisedLegDto[] | string | null;
}

export interface NewOrder {
  readonly orderId: string;
  readonly channel: Channel;
  readonly partnerId: string;
  readonly customerId: string;
  readonly requestKey: string;
  readonly requestHash: string;
  readonly purchaseOrderNumber: string;
  readonly shipTo: AddressDto;
  readonly requestedShipDate?: string;
  readonly allowPartialShipment: boolean;
  readonly correlationId?: string;
}

export interface OrderListQuery {
  readonly customerId: string;
  readonly partnerId?: string;
  readonly statuses?: readonly OrderStatus[];
  readonly purchaseOrderNumber?: string;
  /** Inclusive instant. */
  readonly createdFrom?: string;
  /** Exclusive instant. */
  readonly createdBefore?: string;
  /** The last order of the previous page. */
  readonly after?: OrderListPosition;
  readonly limit: number;
}

/** Where a page ends: created_at to the microsecond (a JS Date would lose them) and the order id breaking ties. */
export interface OrderListPosition {
  readonly createdAt: string;
  readonly orderId: string;
}

/** What a cancellation needs, locked like releaseInfo locks it, so a cancel and a release never both win. */
export interface LockedOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly partnerId: string;
  readonly status: OrderStatus | AttemptStatus;
  readonly erpOrderNumber?: string;
  readonly omsOrderId?: string;
}

export type Claim =
  | { readonly kind: 'new'; readonly orderId: string }
  | { readonly kind: 'retry'; readonly orderId: string; readonly erpOrderNumber?: string }
  | { readonly kind: 'done'; readonly order: OrderDto };

export interface FinalOrder {
  readonly status: OrderStatus;
  readonly statusReason?: string;
  readonly omsOrderId?: string;
  readonly currency: string;
  readonly totalAmount: number;
  readonly allowPartialShipment: boolean;
  /** The customer's, at order entry: how this order's shipments are invoiced. */
  readonly billingPolicy: BillingPolicy;
  readonly lines: {
    lineNumber: number;
    sku: string;
    quantity: number;
    uom: UnitOfMeasure;
    baseQuantity: number;
    status: LineStatus;
    warehouseId?: string;
    legs: readonly PromisedLegDto[];
    backordered: BackorderDto;
    rejected: RejectionDto;
    unitPrice: number;
    lineAmount: number;
    erpItemNumber?: string;
  }[];
}

const ORDER_COLUMNS = `order_id, channel, partner_id, customer_id, request_hash, purchase_order_number, status, status_reason,
  erp_order_number, oms_order_id, ship_to, requested_ship_date, allow_partial_shipment, currency, total_amount, created_at, updated_at`;

@Injectable()
export class OrderRepository {
  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly channelEvents: ChannelEventsWriter,
  ) {}

  /**
   * Claims the channel request atomically: the unique (channel, partner, key) row decides
   * which attempt runs; a finished order is replayed, one in flight is a conflict, a failed
   * or abandoned one may be retried.
   */
  async claim(order: NewOrder, inFlightTimeoutMs: number): Promise<Claim> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query<{ order_id: string }>(
        `INSERT INTO orders (order_id, channel, partner_id, customer_id, request_key, request_hash, purchase_order_number, status,
           ship_to, requested_ship_date, allow_partial_shipment, correlation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10, $11)
         ON CONFLICT (channel, partner_id, request_key) DO NOTHING RETURNING order_id`,
        [
          order.orderId,
          order.channel,
          order.partnerId,
          order.customerId,
          order.requestKey,
          order.requestHash,
          order.purchaseOrderNumber,
          JSON.stringify(order.shipTo),
          order.requestedShipDate ?? null,
          order.allowPartialShipment,
          order.correlationId ?? null,
        ],
      );
      if (inserted.length) return { kind: 'new', orderId: order.orderId };

      const [existing] = await tx.query<OrderRow>(
        `SELECT ${ORDER_COLUMNS}, attempt_started_at < now() - ($4::integer * interval '1 millisecond') AS stale
           FROM orders WHERE channel = $1 AND partner_id = $2 AND request_key = $3 FOR UPDATE`,
        [order.channel, order.partnerId, order.requestKey, inFlightTimeoutMs],
      );
      if (existing.request_hash !== order.requestHash) {
        throw new UnprocessableError('IDEMPOTENCY.KEY_REUSED', 'This idempotency key was already used for a different order.');
      }
      if (existing.status === 'pending' && !existing.stale) {
        throw new ConflictError('IDEMPOTENCY.IN_FLIGHT', 'An order with this idempotency key is being processed; retry shortly.');
      }
      if (existing.status === 'pending' || existing.status === 'failed') {
        await tx.query(`UPDATE orders SET status = 'pending', attempt_started_at = now(), updated_at = now() WHERE order_id = $1`, [existing.order_id]);
        return { kind: 'retry', orderId: existing.order_id, erpOrderNumber: existing.erp_order_number ?? undefined };
      }
      return { kind: 'done', order: toDto(existing, await this.lines(tx, existing.order_id)) };
    });
  }

  async recordErpOrder(orderId: string, erpOrderNumber: string): Promise<void> {
    await this.db.query('UPDATE orders SET erp_order_number = $2, updated_at = now() WHERE order_id = $1', [orderId, erpOrderNumber]);
  }

  async markFailed(orderId: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE orders SET status = 'failed', status_reason = $2, updated_at = now() WHERE order_id = $1 AND status = 'pending'`, [
      orderId,
      reason,
    ]);
  }

  /** Writes the placed order; `alongside` runs in the same transaction (its legs and the events it causes). */
  async finalize(orderId: string, final: FinalOrder, correlationId: string | undefined, alongside?: (tx: Queryable) => Promise<void>): Promise<OrderDto> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE orders SET status = $2, status_reason = $3, oms_order_id = $4, currency = $5, total_amount = $6, allow_partial_shipment = $7,
           billing_policy = $8, updated_at = now()
          WHERE order_id = $1`,
        [
          orderId,
          final.status,
          final.statusReason ?? null,
          final.omsOrderId ?? null,
          final.currency,
          final.totalAmount,
          final.allowPartialShipment,
          final.billingPolicy,
        ],
      );
      await tx.query('DELETE FROM order_lines WHERE order_id = $1', [orderId]);
      for (const line of final.lines) {
        await tx.query(
          `INSERT INTO order_lines (order_id, line_number, sku, quantity, uom, base_quantity, status, warehouse_id, unit_price, line_amount, erp_item_number,
             backordered_quantity, backorder_date, rejected_quantity, rejection_reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
          [
            orderId,
            line.lineNumber,
            line.sku,
            line.quantity,
            line.uom,
            line.baseQuantity,
            line.status,
            line.warehouseId ?? null,
            line.unitPrice,
            line.lineAmount,
            line.erpItemNumber ?? null,
            line.backordered.quantity,
            line.backordered.promisedDate,
            line.rejected.quantity,
            line.rejected.reason ?? null,
          ],
        );
        for (const leg of line.legs) {
          await tx.query('INSERT INTO order_line_legs (order_id, line_number, warehouse_id, quantity, promised_ship_date) VALUES ($1, $2, $3, $4, $5)', [
            orderId,
            line.lineNumber,
            leg.warehouseId,
            leg.quantity,
            leg.promisedShipDate,
          ]);
        }
      }
      await this.appendTimeline(tx, orderId, final.status, final.statusReason ?? null, correlationId);
      await this.channelEvents.statusChanged(tx, orderId, final.status, final.statusReason ?? null);
      await this.channelEvents.backordered(tx, orderId, backorderedLinesOf(final.lines));
      await alongside?.(tx);
      return (await this.find(tx, orderId))!;
    });
  }

  /** What releasing the order's legs needs, locked for the caller's transaction. */
  async releaseInfo(tx: Queryable, orderId: string): Promise<{ status: string; erpOrderNumber?: string; omsOrderId?: string; shipTo: AddressDto } | undefined> {
    const [row] = await tx.query<{ status: string; erp_order_number: string | null; oms_order_id: string | null; ship_to: AddressDto }>(
      'SELECT status, erp_order_number, oms_order_id, ship_to FROM orders WHERE order_id = $1 FOR UPDATE',
      [orderId],
    );
    return row && { status: row.status, erpOrderNumber: row.erp_order_number ?? undefined, omsOrderId: row.oms_order_id ?? undefined, shipTo: row.ship_to };
  }

  async lockForChange(tx: Queryable, orderId: string): Promise<LockedOrder | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(orderId)) return undefined;
    const [row] = await tx.query<{
      order_id: string;
      customer_id: string;
      partner_id: string;
      status: OrderStatus | AttemptStatus;
      erp_order_number: string | null;
      oms_order_id: string | null;
    }>('SELECT order_id, customer_id, partner_id, status, erp_order_number, oms_order_id FROM orders WHERE order_id = $1 FOR UPDATE', [orderId]);
    return (
      row && {
        orderId: row.order_id,
        customerId: row.customer_id,
        partnerId: row.partner_id,
        status: row.status,
        erpOrderNumber: row.erp_order_number ?? undefined,
        omsOrderId: row.oms_order_id ?? undefined,
      }
    );
  }

  async setStatusReason(tx: Queryable, orderId: string, reason: string | null): Promise<void> {
    await tx.query('UPDATE orders SET status_reason = $2, updated_at = now() WHERE order_id = $1', [orderId, reason]);
  }

  /**
   * A page of a customer's orders, newest first, keyset-paginated on (created_at, order_id), so
   * orders placed while a partner pages never shift a page: nothing is skipped or repeated.
   * Returns one more order than asked when there is a next page.
   */
  async list(query: OrderListQuery): Promise<Array<{ order: OrderDto; position: OrderListPosition }>> {
    const params: unknown[] = [query.customerId];
    const where = ['customer_id = $1', "status NOT IN ('pending', 'failed')"];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (query.partnerId) where.push(`partner_id = ${param(query.partnerId)}`);
    if (query.statuses?.length) where.push(`status = ANY(${param(query.statuses)}::text[])`);
    if (query.purchaseOrderNumber) where.push(`purchase_order_number = ${param(query.purchaseOrderNumber)}`);
    if (query.createdFrom) where.push(`created_at >= ${param(query.createdFrom)}::timestamptz`);
    if (query.createdBefore) where.push(`created_at < ${param(query.createdBefore)}::timestamptz`);
    if (query.after) where.push(`(created_at, order_id) < (${param(query.after.createdAt)}::timestamptz, ${param(query.after.orderId)}::uuid)`);
    const rows = await this.db.query<OrderRow & { created_key: string }>(
      `SELECT ${ORDER_COLUMNS}, false AS stale, ${KEYSET_INSTANT_SQL('created_at')} AS created_key
         FROM orders WHERE ${where.join(' AND ')}
        ORDER BY created_at DESC, order_id DESC LIMIT ${param(query.limit + 1)}`,
      params,
    );
    const lines = await this.lineRows(
      this.db,
      rows.map((r) => r.order_id),
    );
    return rows.map((row) => ({
      order: toDto(
        row,
        lines.filter((l) => l.order_id === row.order_id),
      ),
      position: { createdAt: row.created_key, orderId: row.order_id },
    }));
  }

  async setStatus(tx: Queryable, orderId: string, status: OrderStatus, note: string | null, correlationId: string | undefined): Promise<void> {
    await tx.query('UPDATE orders SET status = $2, updated_at = now() WHERE order_id = $1', [orderId, status]);
    await this.appendTimeline(tx, orderId, status, note, correlationId);
    await this.channelEvents.statusChanged(tx, orderId, status, note);
  }

  /** A short pick: `quantity` more of the line (in its unit) waits for supply, promised for `promisedDate` (null: no date). */
  async addBackorder(tx: Queryable, orderId: string, lineNumber: number, quantity: number, promisedDate: string | null): Promise<void> {
    await tx.query(
      `UPDATE order_lines SET backordered_quantity = backordered_quantity + $3, status = 'backordered',
         backorder_date = CASE WHEN $4::text IS NULL THEN backorder_date WHEN backorder_date IS NULL OR backorder_date < $4::text THEN $4::text ELSE backorder_date END
       WHERE order_id = $1 AND line_number = $2`,
      [orderId, lineNumber, quantity, promisedDate],
    );
  }

  async findForCustomer(orderId: string, customerId: string): Promise<OrderDto | undefined> {
    const order = await this.find(this.db, orderId);
    return order && order.customerId === customerId ? order : undefined;
  }

  async findIdByErpOrderNumber(tx: Queryable, erpOrderNumber: string): Promise<string | undefined> {
    const [row] = await tx.query<{ order_id: string }>('SELECT order_id FROM orders WHERE erp_order_number = $1', [erpOrderNumber]);
    return row?.order_id;
  }

  async appendTimeline(tx: Queryable, orderId: string, status: string, note: string | null, correlationId: string | undefined): Promise<void> {
    await tx.query('INSERT INTO order_timeline (order_id, status, note, correlation_id) VALUES ($1, $2, $3, $4)', [
      orderId,
      status,
      note,
      correlationId ?? null,
    ]);
  }

  private async find(tx: Queryable, orderId: string): Promise<OrderDto | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(orderId)) return undefined;
    const [row] = await tx.query<OrderRow>(`SELECT ${ORDER_COLUMNS}, false AS stale FROM orders WHERE order_id = $1`, [orderId]);
    // an order still being placed, or whose placement failed, doesn't exist for its readers yet
    if (!row || row.status === 'pending' || row.status === 'failed') return undefined;
    return toDto(row, await this.lines(tx, orderId));
  }

  private lines(tx: Queryable, orderId: string): Promise<LineRow[]> {
    return this.lineRows(tx, [orderId]);
  }

  private lineRows(tx: Queryable, orderIds: readonly string[]): Promise<LineRow[]> {
    if (!orderIds.length) return Promise.resolve([]);
    return tx.query<LineRow>(
      `SELECT l.order_id, l.line_number, l.sku, l.quantity, l.uom, l.base_quantity, l.status, l.warehouse_id, l.unit_price, l.line_amount, l.erp_item_number,
              l.backordered_quantity, l.backorder_date, l.rejected_quantity, l.rejection_reason,
              (SELECT json_agg(json_build_object('warehouseId', g.warehouse_id, 'quantity', g.quantity, 'promisedShipDate', g.promised_ship_date)
                               ORDER BY g.promised_ship_date, g.warehouse_id)
                 FROM order_line_legs g WHERE g.order_id = l.order_id AND g.line_number = l.line_number) AS legs
         FROM order_lines l WHERE l.order_id = ANY($1::uuid[]) ORDER BY l.order_id, l.line_number`,
      [orderIds],
    );
  }
}

function toDto(row: OrderRow, lines: LineRow[]): OrderDto {
  const currency = row.currency ?? 'USD';
  return {
    orderId: row.order_id,
    purchaseOrderNumber: row.purchase_order_number,
    status: row.status as OrderStatus,
    statusReason: row.status_reason ?? undefined,
    erpOrderNumber: row.erp_order_number ?? undefined,
    omsOrderId: row.oms_order_id ?? undefined,
    customerId: row.customer_id,
    channel: row.channel,
    partnerId: row.partner_id,
    shipTo: row.ship_to,
    requestedShipDate: row.requested_ship_date ?? undefined,
    allowPartialShipment: row.allow_partial_shipment,
    lines: lines.map((line) => ({
      lineNumber: line.line_number,
      sku: line.sku,
      quantity: line.quantity,
      uom: line.uom,
      baseQuantity: line.base_quantity,
      status: line.status,
      warehouseId: line.warehouse_id ?? undefined,
      legs: (typeof line.legs === 'string' ? (JSON.parse(line.legs) as PromisedLegDto[]) : line.legs) ?? [],
      backordered: { quantity: line.backordered_quantity, promisedDate: line.backorder_date },
      rejected: { quantity: line.rejected_quantity, ...(line.rejection_reason ? { reason: line.rejection_reason } : {}) },
      unitPrice: { amount: Number(line.unit_price), currency },
      lineAmount: { amount: Number(line.line_amount), currency },
      erpItemNumber: line.erp_item_number ?? undefined,
    })),
    totalAmount: { amount: Number(row.total_amount ?? 0), currency },
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
