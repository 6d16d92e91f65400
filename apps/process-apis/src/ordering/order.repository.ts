import { Inject, Injectable } from '@nestjs/common';
import type {
  BillingPolicy,
  AddressDto,
  BackorderDto,
  Channel,
  LineStatus,
  OrderStatus,
  PromisedLegDto,
  RejectionDto,
  RejectionReason,
  UnitOfMeasure,
} from '@contracts';
import { AppError, Database, HOUR_SQL, isUuid, KEYSET_INSTANT_SQL, SINCE_HOURS_SQL, type Queryable } from '@platform';
import { StaleOrderAttempts } from '../promising/ports/stale-order-attempts.port.js';
import { StockChanges } from '../promising/atp/stock-changes.js';
import { ReservationRepository } from '../promising/reservations/reservation.repository.js';
import { orderTransition, type OrderCause, type OrderTransition } from './domain/order-status.js';

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

/** An order as stored: owned by ordering, shaped like its row; order.mapper.ts builds the wire OrderDto from it. */
export interface OrderRecord {
  readonly orderId: string;
  readonly channel: Channel;
  readonly partnerId: string;
  readonly customerId: string;
  readonly purchaseOrderNumber: string;
  readonly status: OrderStatus;
  readonly statusReason: string | null;
  readonly erpOrderNumber: string | null;
  readonly omsOrderId: string | null;
  readonly shipTo: AddressDto;
  readonly requestedShipDate: string | null;
  readonly allowPartialShipment: boolean;
  readonly currency: string | null;
  /** numeric, as the database returns it */
  readonly totalAmount: string | null;
  readonly createdAt: Date | string;
  readonly updatedAt: Date | string;
  readonly lines: readonly OrderLineRecord[];
}

export interface OrderLineRecord {
  readonly lineNumber: number;
  readonly sku: string;
  readonly quantity: number;
  readonly uom: UnitOfMeasure;
  readonly baseQuantity: number;
  readonly status: LineStatus;
  readonly warehouseId: string | null;
  readonly unitPrice: string;
  readonly lineAmount: string;
  readonly erpItemNumber: string | null;
  readonly backorderedQuantity: number;
  readonly backorderDate: string | null;
  readonly rejectedQuantity: number;
  readonly rejectionReason: RejectionReason | null;
  /** This line's part of each leg (order_line_legs, fulfilment's), in promised order. */
  readonly legs: readonly PromisedLegDto[];
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

/** An order that did not go through: a failed placement attempt or an order promising rejected. */
export interface UnsuccessfulOrder {
  readonly orderId: string;
  readonly channel: Channel;
  readonly partnerId: string;
  readonly customerId: string;
  /** The channel's request key (the partner's Idempotency-Key, or the EDI interchange's reference). */
  readonly requestKey: string;
  readonly purchaseOrderNumber: string;
  readonly status: 'failed' | 'rejected';
  readonly reason?: string;
  readonly correlationId?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
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

/**
 * `attempt` fences the attempt: the order's writes only land while it still owns the order.
 * `retry`: an earlier attempt of this request or PO ran, so the ERP may hold its sales order
 * (`erpOrderNumber` when it was recorded; else look it up by PO).
 */
export type Claim =
  | { readonly kind: 'new'; readonly orderId: string; readonly attempt: string }
  | { readonly kind: 'retry'; readonly orderId: string; readonly attempt: string; readonly erpOrderNumber?: string }
  | { readonly kind: 'done'; readonly order: OrderRecord }
  | { readonly kind: 'refused'; readonly refusal: ClaimRefusal };

/** Why a claim did not start an attempt (nothing was written); PlaceOrderService turns it into the caller's error. */
export type ClaimRefusal =
  /** The key was used for another body. */
  | { readonly reason: 'KEY_REUSED' }
  /** An attempt of this key is live. */
  | { readonly reason: 'IN_FLIGHT' }
  /** A live attempt of this PO runs under another key. */
  | { readonly reason: 'PURCHASE_ORDER_IN_FLIGHT' }
  /** The PO was placed (and not rejected or cancelled) as another order. */
  | { readonly reason: 'DUPLICATE_PURCHASE_ORDER'; readonly existingOrderId: string };

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
    backordered: BackorderDto;
    rejected: RejectionDto;
    unitPrice: number;
    lineAmount: number;
    erpItemNumber?: string;
  }[];
}

/** An order as operators see it (any status). */
export interface OpsOrderSummary {
  readonly orderId: string;
  readonly channel: string;
  readonly partnerId: string;
  readonly customerId: string;
  readonly purchaseOrderNumber: string;
  readonly status: string;
  readonly statusReason?: string;
  readonly erpOrderNumber?: string;
  readonly omsOrderId?: string;
  readonly correlationId?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface OpsSummaryRow {
  order_id: string;
  channel: string;
  partner_id: string;
  customer_id: string;
  purchase_order_number: string;
  status: string;
  status_reason: string | null;
  erp_order_number: string | null;
  oms_order_id: string | null;
  correlation_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const OPS_SUMMARY_COLUMNS = `order_id, channel, partner_id, customer_id, purchase_order_number, status, status_reason, erp_order_number, oms_order_id,
  correlation_id, created_at, updated_at`;

function toOpsSummary(r: OpsSummaryRow): OpsOrderSummary {
  return {
    orderId: r.order_id,
    channel: r.channel,
    partnerId: r.partner_id,
    customerId: r.customer_id,
    purchaseOrderNumber: r.purchase_order_number,
    status: r.status,
    ...(r.status_reason === null ? {} : { statusReason: r.status_reason }),
    ...(r.erp_order_number === null ? {} : { erpOrderNumber: r.erp_order_number }),
    ...(r.oms_order_id === null ? {} : { omsOrderId: r.oms_order_id }),
    ...(r.correlation_id === null ? {} : { correlationId: r.correlation_id }),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** An attempt still pending after the in-flight timeout was abandoned (its process died): another may take over. Parameter $4. */
const STALE_SQL = `(attempt_started_at < now() - ($4::integer * interval '1 millisecond'))`;

const isAttempt = (status: string): status is AttemptStatus => status === 'pending' || status === 'failed';

/** The attempt outlived the in-flight timeout and another took the order over: this one must not write. */
export function attemptSuperseded(): AppError {
  return new AppError('ORDER.ATTEMPT_SUPERSEDED', 503, 'Service unavailable', {
    detail: 'This attempt took too long and was taken over by a retry; send the request again with the same key.',
    retryAfterSeconds: 1,
  });
}

const ORDER_COLUMNS = `order_id, channel, partner_id, customer_id, request_hash, purchase_order_number, status, status_reason,
  erp_order_number, oms_order_id, ship_to, requested_ship_date, allow_partial_shipment, currency, total_amount, created_at, updated_at`;

/**
 * The only code that writes the orders, their lines and their timeline. An order's business status
 * changes only through `transition` (the status machine, domain/order-status.ts); the attempt
 * statuses before it (`pending`, `failed`) are the claim's, and `finalize` writes the first one.
 */
@Injectable()
export class OrderRepository implements StaleOrderAttempts {
  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly reservations: ReservationRepository,
    private readonly stockChanges: StockChanges,
  ) {}

  /**
   * Claims the channel request atomically. The unique (channel, partner, key) row decides which
   * attempt runs: a finished order is replayed, one in flight is refused, a failed or abandoned
   * one runs again. One order per customer PO, whatever the key: under a lock on the PO, a placed
   * order of that PO (not rejected or cancelled) refuses the claim (naming it), a live attempt
   * under another key refuses it, and failed or abandoned attempts under other keys hand this one their ERP order
   * number and give their stock back, so the ERP order they may have made is adopted, not doubled.
   */
  async claim(order: NewOrder, inFlightTimeoutMs: number): Promise<Claim> {
    const released: string[] = [];
    const claim = await this.db.transaction(async (tx): Promise<Claim> => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`orders:po:${order.customerId}:${order.purchaseOrderNumber}`]);
      const [mine] = await tx.query<OrderRow>(
        `SELECT ${ORDER_COLUMNS}, ${STALE_SQL} AS stale FROM orders WHERE channel = $1 AND partner_id = $2 AND request_key = $3 FOR UPDATE`,
        [order.channel, order.partnerId, order.requestKey, inFlightTimeoutMs],
      );
      if (mine) {
        if (mine.request_hash !== order.requestHash) return { kind: 'refused', refusal: { reason: 'KEY_REUSED' } };
        if (mine.status === 'pending' && !mine.stale) return { kind: 'refused', refusal: { reason: 'IN_FLIGHT' } };
        if (!isAttempt(mine.status)) return { kind: 'done', order: toRecord(mine, await this.lines(tx, mine.order_id)) };
      }
      // every other attempt or order of this customer PO (the request's own PO: a key's body never changes)
      const others = await tx.query<OrderRow>(
        `SELECT ${ORDER_COLUMNS}, ${STALE_SQL} AS stale FROM orders
          WHERE customer_id = $1 AND purchase_order_number = $2 AND order_id <> $3 ORDER BY created_at FOR UPDATE`,
        [order.customerId, order.purchaseOrderNumber, mine?.order_id ?? order.orderId, inFlightTimeoutMs],
      );
      // a rejected or cancelled order leaves its PO free to be placed again
      const placed = others.find((o) => !isAttempt(o.status) && o.status !== 'rejected' && o.status !== 'cancelled');
      if (placed) return { kind: 'refused', refusal: { reason: 'DUPLICATE_PURCHASE_ORDER', existingOrderId: placed.order_id } };
      const attempts = others.filter((o) => isAttempt(o.status));
      if (attempts.some((o) => o.status === 'pending' && !o.stale)) return { kind: 'refused', refusal: { reason: 'PURCHASE_ORDER_IN_FLIGHT' } };
      const erpOrderNumber = mine?.erp_order_number ?? attempts.find((o) => o.erp_order_number)?.erp_order_number ?? null;
      for (const other of attempts) {
        await tx.query(
          `UPDATE orders SET status = 'failed', status_reason = 'SUPERSEDED', erp_order_number = NULL, attempt_started_at = now(), updated_at = now()
            WHERE order_id = $1`,
          [other.order_id],
        );
        released.push(...(await this.reservations.releaseIn(tx, other.order_id)).map((r) => r.sku));
      }
      const earlier = Boolean(mine) || attempts.length > 0;
      const orderId = mine?.order_id ?? order.orderId;
      let started: { attempt: string }[];
      if (mine) {
        started = await tx.query<{ attempt: string }>(
          `UPDATE orders SET status = 'pending', status_reason = NULL, erp_order_number = $2, attempt_started_at = clock_timestamp(), updated_at = now()
            WHERE order_id = $1 RETURNING attempt_started_at::text AS attempt`,
          [orderId, erpOrderNumber],
        );
      } else {
        started = await tx.query<{ attempt: string }>(
          `INSERT INTO orders (order_id, channel, partner_id, customer_id, request_key, request_hash, purchase_order_number, status,
             ship_to, requested_ship_date, allow_partial_shipment, correlation_id, erp_order_number, attempt_started_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10, $11, $12, clock_timestamp()) RETURNING attempt_started_at::text AS attempt`,
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
            erpOrderNumber,
          ],
        );
      }
      const [{ attempt }] = started;
      return earlier ? { kind: 'retry', orderId, attempt, erpOrderNumber: erpOrderNumber ?? undefined } : { kind: 'new', orderId, attempt };
    });
    if (released.length) this.stockChanges.changed(released);
    return claim;
  }

  /**
   * Ends the attempts still pending after the in-flight timeout (their process died mid-way) and
   * gives their stock back, so it is not held for an order that may never be retried. A retry of
   * such an attempt runs as after any failure (and adopts its ERP order); if the attempt was in
   * fact alive, its fence stops its writes.
   */
  async abandonStale(inFlightTimeoutMs: number): Promise<number> {
    const released: string[] = [];
    const abandoned = await this.db.transaction(async (tx) => {
      const rows = await tx.query<{ order_id: string }>(
        `UPDATE orders SET status = 'failed', status_reason = 'ABANDONED', attempt_started_at = now(), updated_at = now()
          WHERE status = 'pending' AND attempt_started_at < now() - ($1::integer * interval '1 millisecond') RETURNING order_id`,
        [inFlightTimeoutMs],
      );
      for (const row of rows) released.push(...(await this.reservations.releaseIn(tx, row.order_id)).map((r) => r.sku));
      return rows.length;
    });
    if (released.length) this.stockChanges.changed(released);
    return abandoned;
  }

  /**
   * Records the ERP order of an attempt while the attempt still owns the order; false once another
   * attempt took it over (this one outlived the in-flight timeout), so the caller stops.
   */
  async recordErpOrder(orderId: string, attempt: string, erpOrderNumber: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE orders SET erp_order_number = $3, updated_at = now() WHERE order_id = $1 AND status = 'pending' AND attempt_started_at::text = $2 RETURNING order_id`,
      [orderId, attempt, erpOrderNumber],
    );
    return rows.length > 0;
  }

  /**
   * Starts the attempt's in-flight time again while it still owns the order, just before the ERP
   * create: a retry may take over only an in-flight timeout after it, when the create has ended.
   * The new token (the fence of the attempt's writes from here on), or undefined once another attempt took over.
   */
  async renewAttempt(orderId: string, attempt: string): Promise<string | undefined> {
    const [renewed] = await this.db.query<{ attempt: string }>(
      `UPDATE orders SET attempt_started_at = clock_timestamp(), updated_at = now()
        WHERE order_id = $1 AND status = 'pending' AND attempt_started_at::text = $2 RETURNING attempt_started_at::text AS attempt`,
      [orderId, attempt],
    );
    return renewed?.attempt;
  }

  async markFailed(orderId: string, attempt: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE orders SET status = 'failed', status_reason = $3, updated_at = now() WHERE order_id = $1 AND status = 'pending' AND attempt_started_at::text = $2`,
      [orderId, attempt, reason],
    );
  }

  /** Writes the placed order; `alongside` runs in the same transaction (its legs, fulfilment's to write, and the events it causes). */
  async finalize(
    orderId: string,
    attempt: string,
    final: FinalOrder,
    correlationId: string | undefined,
    alongside?: (tx: Queryable) => Promise<void>,
  ): Promise<OrderRecord> {
    return this.db.transaction(async (tx) => {
      const updated = await tx.query(
        `UPDATE orders SET status = $2, status_reason = $3, oms_order_id = $4, currency = $5, total_amount = $6, allow_partial_shipment = $7,
           billing_policy = $8, updated_at = now()
          WHERE order_id = $1 AND status = 'pending' AND attempt_started_at::text = $9 RETURNING order_id`,
        [
          orderId,
          final.status,
          final.statusReason ?? null,
          final.omsOrderId ?? null,
          final.currency,
          final.totalAmount,
          final.allowPartialShipment,
          final.billingPolicy,
          attempt,
        ],
      );
      if (!updated.length) throw attemptSuperseded();
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
      }
      await this.appendTimeline(tx, orderId, final.status, final.statusReason ?? null, correlationId);
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
    if (!isUuid(orderId)) return undefined;
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

  /**
   * A page of a customer's orders, newest first, keyset-paginated on (created_at, order_id), so
   * orders placed while a partner pages never shift a page: nothing is skipped or repeated.
   * Returns one more order than asked when there is a next page.
   */
  async list(query: OrderListQuery): Promise<Array<{ order: OrderRecord; position: OrderListPosition }>> {
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
      order: toRecord(
        row,
        lines.filter((l) => l.order_id === row.order_id),
      ),
      position: { createdAt: row.created_key, orderId: row.order_id },
    }));
  }

  /**
   * Orders that did not go through, for operators, across customers and partners: placement attempts that
   * failed (`failed`, with the reason) and orders refused by promising (`rejected`). Newest first, keyset-paged
   * on (updated_at, order_id): an attempt retried under its key later moves to the top.
   */
  async listUnsuccessful(query: {
    statuses: readonly ('failed' | 'rejected')[];
    partnerId?: string;
    after?: OrderListPosition;
    limit: number;
  }): Promise<{ attempts: UnsuccessfulOrder[]; next?: OrderListPosition }> {
    const rows = await this.db.query<{
      order_id: string;
      channel: Channel;
      partner_id: string;
      customer_id: string;
      request_key: string;
      purchase_order_number: string;
      status: 'failed' | 'rejected';
      status_reason: string | null;
      correlation_id: string | null;
      created_at: Date | string;
      updated_key: string;
    }>(
      `SELECT order_id, channel, partner_id, customer_id, request_key, purchase_order_number, status, status_reason, correlation_id, created_at,
              ${KEYSET_INSTANT_SQL('updated_at')} AS updated_key
         FROM orders
        WHERE status = ANY($1::text[]) AND ($2::text IS NULL OR partner_id = $2)
          AND ($3::timestamptz IS NULL OR (updated_at, order_id) < ($3::timestamptz, $4::uuid))
        ORDER BY updated_at DESC, order_id DESC LIMIT $5`,
      [query.statuses, query.partnerId ?? null, query.after?.createdAt ?? null, query.after?.orderId ?? null, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      attempts: page.map((r) => ({
        orderId: r.order_id,
        channel: r.channel,
        partnerId: r.partner_id,
        customerId: r.customer_id,
        requestKey: r.request_key,
        purchaseOrderNumber: r.purchase_order_number,
        status: r.status,
        ...(r.status_reason === null ? {} : { reason: r.status_reason }),
        ...(r.correlation_id === null ? {} : { correlationId: r.correlation_id }),
        createdAt: new Date(r.created_at).toISOString(),
        updatedAt: `${r.updated_key.slice(0, 23)}Z`,
      })),
      ...(rows.length > query.limit && last ? { next: { createdAt: last.updated_key, orderId: last.order_id } } : {}),
    };
  }

  /**
   * Moves the order by its status machine, in the caller's transaction (the row is locked), and notes
   * the change on its timeline. Nothing is written unless the machine applies the cause; the caller
   * raises the events the transition lists.
   */
  async transition(tx: Queryable, orderId: string, cause: OrderCause, note: string | null, correlationId: string | undefined): Promise<OrderTransition> {
    const [row] = await tx.query<{ status: OrderStatus | AttemptStatus }>('SELECT status FROM orders WHERE order_id = $1 FOR UPDATE', [orderId]);
    if (!row) return { kind: 'invalid', code: 'NOT_APPLICABLE', reason: `no order ${orderId}` };
    const next = orderTransition(row.status, cause);
    if (next.kind !== 'apply') return next;
    if (next.statusReason === undefined) {
      await tx.query('UPDATE orders SET status = $2, updated_at = now() WHERE order_id = $1', [orderId, next.to]);
    } else {
      await tx.query('UPDATE orders SET status = $2, status_reason = $3, updated_at = now() WHERE order_id = $1', [orderId, next.to, next.statusReason]);
    }
    await this.appendTimeline(tx, orderId, next.to, note, correlationId);
    return next;
  }

  /** Customers with orders on credit hold (their credit block is to be rechecked). */
  async creditHeldCustomers(): Promise<string[]> {
    const rows = await this.db.query<{ customer_id: string }>(
      `SELECT DISTINCT customer_id FROM orders WHERE status = 'on_hold' AND status_reason = 'CREDIT_BLOCK'`,
    );
    return rows.map((r) => r.customer_id);
  }

  /** The customer's orders on credit hold, locked for the caller's transaction. */
  async lockCreditHolds(tx: Queryable, customerId: string): Promise<string[]> {
    const rows = await tx.query<{ order_id: string }>(
      `SELECT order_id FROM orders WHERE customer_id = $1 AND status = 'on_hold' AND status_reason = 'CREDIT_BLOCK' ORDER BY order_id FOR UPDATE`,
      [customerId],
    );
    return rows.map((r) => r.order_id);
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

  /**
   * Orders for an operator's search, newest first: by order id, purchase order number, correlation id, ERP
   * sales order number or OMS order id (exact). Every status, attempts that failed or still run too.
   */
  async searchForOps(q: string, limit: number): Promise<OpsOrderSummary[]> {
    const rows = await this.db.query<OpsSummaryRow>(
      `SELECT ${OPS_SUMMARY_COLUMNS} FROM orders
        WHERE ($1::uuid IS NOT NULL AND order_id = $1::uuid) OR purchase_order_number = $2 OR correlation_id = $2 OR erp_order_number = $2 OR oms_order_id = $2
        ORDER BY created_at DESC, order_id DESC LIMIT $3`,
      [isUuid(q) ? q : null, q, limit],
    );
    return rows.map(toOpsSummary);
  }

  /** One order for operators, whatever its status; undefined when there is none. */
  async opsSummary(orderId: string): Promise<OpsOrderSummary | undefined> {
    if (!isUuid(orderId)) return undefined;
    const [row] = await this.db.query<OpsSummaryRow>(`SELECT ${OPS_SUMMARY_COLUMNS} FROM orders WHERE order_id = $1`, [orderId]);
    return row && toOpsSummary(row);
  }

  /** The order's status changes as `transition` and placement noted them, oldest first. */
  async timelineOf(orderId: string): Promise<Array<{ status: string; note: string | null; correlationId: string | null; at: string }>> {
    const rows = await this.db.query<{ status: string; note: string | null; correlation_id: string | null; at: Date | string }>(
      'SELECT status, note, correlation_id, at FROM order_timeline WHERE order_id = $1 ORDER BY id',
      [orderId],
    );
    return rows.map((r) => ({ status: r.status, note: r.note, correlationId: r.correlation_id, at: new Date(r.at).toISOString() }));
  }

  /** Orders created per hour over the last `hours` hours, by status (`pending` and `failed` are attempts), hours without any left out. */
  async createdPerHour(hours: number): Promise<Array<{ hour: string; status: string; count: number }>> {
    const rows = await this.db.query<{ hour: string; status: string; n: number }>(
      `SELECT ${HOUR_SQL('created_at')} AS hour, status, count(*)::int AS n FROM orders WHERE ${SINCE_HOURS_SQL('created_at', '$1')} GROUP BY 1, 2`,
      [hours],
    );
    return rows.map((r) => ({ hour: r.hour, status: r.status, count: r.n }));
  }

  async findForCustomer(orderId: string, customerId: string): Promise<OrderRecord | undefined> {
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

  private async find(tx: Queryable, orderId: string): Promise<OrderRecord | undefined> {
    if (!isUuid(orderId)) return undefined;
    const [row] = await tx.query<OrderRow>(`SELECT ${ORDER_COLUMNS}, false AS stale FROM orders WHERE order_id = $1`, [orderId]);
    // an order still being placed, or whose placement failed, doesn't exist for its readers yet
    if (!row || row.status === 'pending' || row.status === 'failed') return undefined;
    return toRecord(row, await this.lines(tx, orderId));
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

function toRecord(row: OrderRow, lines: LineRow[]): OrderRecord {
  return {
    orderId: row.order_id,
    channel: row.channel,
    partnerId: row.partner_id,
    customerId: row.customer_id,
    purchaseOrderNumber: row.purchase_order_number,
    status: row.status as OrderStatus,
    statusReason: row.status_reason,
    erpOrderNumber: row.erp_order_number,
    omsOrderId: row.oms_order_id,
    shipTo: row.ship_to,
    requestedShipDate: row.requested_ship_date,
    allowPartialShipment: row.allow_partial_shipment,
    currency: row.currency,
    totalAmount: row.total_amount,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lines: lines.map((line) => ({
      lineNumber: line.line_number,
      sku: line.sku,
      quantity: line.quantity,
      uom: line.uom,
      baseQuantity: line.base_quantity,
      status: line.status,
      warehouseId: line.warehouse_id,
      unitPrice: line.unit_price,
      lineAmount: line.line_amount,
      erpItemNumber: line.erp_item_number,
      backorderedQuantity: line.backordered_quantity,
      backorderDate: line.backorder_date,
      rejectedQuantity: line.rejected_quantity,
      rejectionReason: line.rejection_reason,
      legs: (typeof line.legs === 'string' ? (JSON.parse(line.legs) as PromisedLegDto[]) : line.legs) ?? [],
    })),
  };
}
