import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FulfillmentLegDto, LegStatus, PromisedLegDto, ShipmentDto, ShipmentLineDto } from '@contracts';
import { Database, HOUR_SQL, SINCE_HOURS_SQL, type Queryable } from '@platform';

export interface LegRef {
  readonly orderId: string;
  readonly warehouseId: string;
  readonly status: LegStatus;
  readonly wmsOrderId?: string;
}

/** A leg's lines as the warehouse gets them: base units. */
export interface LegLine {
  readonly lineNumber: number;
  readonly sku: string;
  readonly quantity: number;
  /** Base units per unit of the order line. */
  readonly factor: number;
}

export interface NewShipment {
  readonly sourceEventId: string;
  readonly orderId: string;
  readonly warehouseId: string;
  readonly wmsOrderId?: string;
  readonly carrier?: string;
  readonly trackingNumber?: string;
  readonly shippedAt: string;
  readonly lines: readonly ShipmentLineDto[];
  readonly correlationId?: string;
}

/** A leg's way through its warehouse, for operators. */
export interface LegProgress {
  readonly warehouseId: string;
  readonly status: LegStatus;
  readonly wmsOrderId: string | null;
  readonly releasedAt: string | null;
  readonly updatedAt: string;
}

interface LegRow {
  order_id: string;
  warehouse_id: string;
  status: LegStatus;
  wms_order_id: string | null;
  promised_ship_date: string;
}

const toRef = (row: LegRow): LegRef => ({
  orderId: row.order_id,
  warehouseId: row.warehouse_id,
  status: row.status,
  wmsOrderId: row.wms_order_id ?? undefined,
});

/** Legs, shipments and fulfilment exceptions of the process database. */
@Injectable()
export class FulfillmentRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /**
   * The order's legs (one per warehouse) and each line's part of them, planned with the order in its
   * transaction (after its lines). The only writer of fulfillment_legs and order_line_legs.
   */
  async planLegs(
    tx: Queryable,
    orderId: string,
    legs: readonly { warehouseId: string; promisedShipDate: string }[],
    lines: readonly { lineNumber: number; legs: readonly PromisedLegDto[] }[],
  ): Promise<void> {
    for (const line of lines) {
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
    for (const leg of legs) {
      await tx.query(
        `INSERT INTO fulfillment_legs (order_id, warehouse_id, status, promised_ship_date) VALUES ($1, $2, 'planned', $3)
         ON CONFLICT (order_id, warehouse_id) DO NOTHING`,
        [orderId, leg.warehouseId, leg.promisedShipDate],
      );
    }
  }

  /** Planned legs with their lines in base units, locked for the caller's transaction. */
  async plannedLegs(tx: Queryable, orderId: string): Promise<Array<{ warehouseId: string; lines: LegLine[] }>> {
    const legs = await tx.query<{ warehouse_id: string }>(
      `SELECT warehouse_id FROM fulfillment_legs WHERE order_id = $1 AND status = 'planned' ORDER BY warehouse_id FOR UPDATE`,
      [orderId],
    );
    const result = [];
    for (const leg of legs) {
      const lines = await tx.query<{ line_number: number; sku: string; quantity: number; factor: number }>(
        `SELECT g.line_number, l.sku, g.quantity, (l.base_quantity / l.quantity) AS factor
         FROM order_line_legs g JOIN order_lines l ON l.order_id = g.order_id AND l.line_number = g.line_number
         WHERE g.order_id = $1 AND g.warehouse_id = $2 ORDER BY g.line_number`,
        [orderId, leg.warehouse_id],
      );
      result.push({
        warehouseId: leg.warehouse_id,
        lines: lines.map((l) => ({ lineNumber: l.line_number, sku: l.sku, quantity: l.quantity * Number(l.factor), factor: Number(l.factor) })),
      });
    }
    return result;
  }

  async markReleased(tx: Queryable, orderId: string, warehouseId: string, wmsOrderId: string): Promise<void> {
    await tx.query(
      `UPDATE fulfillment_legs SET status = 'released', wms_order_id = $3, released_at = clock_timestamp(), updated_at = now() WHERE order_id = $1 AND warehouse_id = $2`,
      [orderId, warehouseId, wmsOrderId],
    );
  }

  /** The leg a warehouse event is about: by WMS order id, else by ERP order number and warehouse. Locked. */
  async findLeg(tx: Queryable, by: { wmsOrderId?: string; erpOrderNumber?: string; warehouseId?: string }): Promise<LegRef | undefined> {
    if (by.wmsOrderId) {
      const [row] = await tx.query<LegRow>(`SELECT * FROM fulfillment_legs WHERE wms_order_id = $1 FOR UPDATE`, [by.wmsOrderId]);
      if (row) return toRef(row);
    }
    if (by.erpOrderNumber && by.warehouseId) {
      const [row] = await tx.query<LegRow>(
        `SELECT g.* FROM fulfillment_legs g JOIN orders o ON o.order_id = g.order_id WHERE o.erp_order_number = $1 AND g.warehouse_id = $2 FOR UPDATE`,
        [by.erpOrderNumber, by.warehouseId],
      );
      if (row) return toRef(row);
    }
    return undefined;
  }

  /** The WMS allocated a leg whose release has not committed yet: the hold ends when it does. */
  async addPendingAllocation(tx: Queryable, leg: LegRef, sku: string): Promise<void> {
    await tx.query('INSERT INTO pending_allocations (order_id, warehouse_id, sku) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      leg.orderId,
      leg.warehouseId,
      sku,
    ]);
  }

  async takePendingAllocations(tx: Queryable, orderId: string, warehouseId: string): Promise<string[]> {
    const rows = await tx.query<{ sku: string }>('DELETE FROM pending_allocations WHERE order_id = $1 AND warehouse_id = $2 RETURNING sku', [
      orderId,
      warehouseId,
    ]);
    return rows.map((r) => r.sku);
  }

  async setStatus(tx: Queryable, leg: LegRef, status: LegStatus): Promise<void> {
    await tx.query(`UPDATE fulfillment_legs SET status = $3, updated_at = now() WHERE order_id = $1 AND warehouse_id = $2`, [
      leg.orderId,
      leg.warehouseId,
      status,
    ]);
  }

  async legStatuses(tx: Queryable, orderId: string): Promise<LegStatus[]> {
    return (await tx.query<{ status: LegStatus }>('SELECT status FROM fulfillment_legs WHERE order_id = $1', [orderId])).map((r) => r.status);
  }

  /** A leg's lines in the order lines' units, with the base factor. */
  async legLines(tx: Queryable, leg: LegRef): Promise<Array<{ lineNumber: number; sku: string; uom: string; quantity: number; factor: number }>> {
    const rows = await tx.query<{ line_number: number; sku: string; uom: string; quantity: number; factor: number }>(
      `SELECT g.line_number, l.sku, l.uom, g.quantity, (l.base_quantity / l.quantity) AS factor
       FROM order_line_legs g JOIN order_lines l ON l.order_id = g.order_id AND l.line_number = g.line_number
       WHERE g.order_id = $1 AND g.warehouse_id = $2 ORDER BY g.line_number`,
      [leg.orderId, leg.warehouseId],
    );
    return rows.map((r) => ({ lineNumber: r.line_number, sku: r.sku, uom: r.uom, quantity: r.quantity, factor: Number(r.factor) }));
  }

  async recordPicked(tx: Queryable, leg: LegRef, lineNumber: number, picked: number): Promise<void> {
    await tx.query('UPDATE order_line_legs SET picked_quantity = $4 WHERE order_id = $1 AND warehouse_id = $2 AND line_number = $3', [
      leg.orderId,
      leg.warehouseId,
      lineNumber,
      picked,
    ]);
  }

  /** When the order was placed (the start of its order-to-ship time). */
  async orderPlacedAt(tx: Queryable, orderId: string): Promise<Date | undefined> {
    const [row] = await tx.query<{ created_at: Date | string }>(`SELECT created_at FROM orders WHERE order_id = $1`, [orderId]);
    return row ? new Date(row.created_at) : undefined;
  }

  /** Records the shipment once per warehouse event: its id, or undefined when this event was recorded before. */
  async recordShipment(tx: Queryable, shipment: NewShipment): Promise<string | undefined> {
    const inserted = await tx.query<{ shipment_id: string }>(
      `INSERT INTO shipments (shipment_id, source_event_id, order_id, warehouse_id, wms_order_id, carrier, tracking_number, lines, shipped_at, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (source_event_id) DO NOTHING RETURNING shipment_id`,
      [
        randomUUID(),
        shipment.sourceEventId,
        shipment.orderId,
        shipment.warehouseId,
        shipment.wmsOrderId ?? null,
        shipment.carrier ?? null,
        shipment.trackingNumber ?? null,
        JSON.stringify(shipment.lines),
        shipment.shippedAt,
        shipment.correlationId ?? null,
      ],
    );
    if (!inserted.length) return undefined;
    for (const line of shipment.lines) {
      await tx.query(
        `UPDATE order_line_legs g SET shipped_quantity = g.shipped_quantity + ($4 / (l.base_quantity / l.quantity))
         FROM order_lines l WHERE l.order_id = g.order_id AND l.line_number = g.line_number
           AND g.order_id = $1 AND g.warehouse_id = $2 AND g.line_number = $3`,
        [shipment.orderId, shipment.warehouseId, line.lineNumber, line.quantity],
      );
    }
    return inserted[0].shipment_id;
  }

  /** The events the shipments of a WMS outbound order were recorded from. */
  async shipmentEventsOf(tx: Queryable, wmsOrderId: string): Promise<string[]> {
    const rows = await tx.query<{ source_event_id: string }>('SELECT source_event_id FROM shipments WHERE wms_order_id = $1', [wmsOrderId]);
    return rows.map((r) => r.source_event_id);
  }

  async recordException(
    tx: Queryable,
    exception: { orderId?: string; warehouseId?: string; eventId?: string; eventType: string; reason: string; correlationId?: string },
  ): Promise<void> {
    await tx.query('INSERT INTO order_exceptions (order_id, warehouse_id, event_id, event_type, reason, correlation_id) VALUES ($1, $2, $3, $4, $5, $6)', [
      exception.orderId ?? null,
      exception.warehouseId ?? null,
      exception.eventId ?? null,
      exception.eventType,
      exception.reason,
      exception.correlationId ?? null,
    ]);
  }

  /** Each leg of an order with when it was released to its warehouse and last changed, for operators. */
  async legProgressOf(orderId: string): Promise<LegProgress[]> {
    const rows = await this.db.query<{
      warehouse_id: string;
      status: LegStatus;
      wms_order_id: string | null;
      released_at: Date | string | null;
      updated_at: Date | string;
    }>('SELECT warehouse_id, status, wms_order_id, released_at, updated_at FROM fulfillment_legs WHERE order_id = $1 ORDER BY warehouse_id', [orderId]);
    return rows.map((r) => ({
      warehouseId: r.warehouse_id,
      status: r.status,
      wmsOrderId: r.wms_order_id,
      releasedAt: r.released_at === null ? null : new Date(r.released_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }

  /** Exceptions opened per hour over the last `hours` hours (hours without any are left out). */
  async exceptionsPerHour(hours: number): Promise<Array<{ hour: string; count: number }>> {
    const rows = await this.db.query<{ hour: string; n: number }>(
      `SELECT ${HOUR_SQL('created_at')} AS hour, count(*)::int AS n FROM order_exceptions WHERE ${SINCE_HOURS_SQL('created_at', '$1')} GROUP BY 1`,
      [hours],
    );
    return rows.map((r) => ({ hour: r.hour, count: r.n }));
  }

  async legsOf(orderId: string): Promise<FulfillmentLegDto[]> {
    return (await this.legsOfOrders([orderId])).get(orderId) ?? [];
  }

  /** The legs of several orders (an order list page) in two queries. */
  async legsOfOrders(orderIds: readonly string[]): Promise<Map<string, FulfillmentLegDto[]>> {
    const result = new Map<string, FulfillmentLegDto[]>();
    if (!orderIds.length) return result;
    const legs = await this.db.query<LegRow>('SELECT * FROM fulfillment_legs WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, warehouse_id', [orderIds]);
    const lines = await this.db.query<{ order_id: string; warehouse_id: string; line_number: number; sku: string; quantity: number; factor: number }>(
      `SELECT g.order_id, g.warehouse_id, g.line_number, l.sku, g.quantity, (l.base_quantity / l.quantity) AS factor
       FROM order_line_legs g JOIN order_lines l ON l.order_id = g.order_id AND l.line_number = g.line_number WHERE g.order_id = ANY($1::uuid[])`,
      [orderIds],
    );
    for (const leg of legs) {
      const list = result.get(leg.order_id) ?? [];
      list.push({
        legId: `${leg.order_id}:${leg.warehouse_id}`,
        warehouseId: leg.warehouse_id,
        status: leg.status,
        wmsOrderId: leg.wms_order_id ?? undefined,
        promisedShipDate: leg.promised_ship_date,
        lines: lines
          .filter((l) => l.order_id === leg.order_id && l.warehouse_id === leg.warehouse_id)
          .map((l) => ({ lineNumber: l.line_number, sku: l.sku, quantity: l.quantity * Number(l.factor) })),
      });
      result.set(leg.order_id, list);
    }
    return result;
  }

  /** An order cancelled before release: its planned legs will never go to a warehouse. */
  async cancelPlannedLegs(tx: Queryable, orderId: string): Promise<void> {
    await tx.query(`UPDATE fulfillment_legs SET status = 'cancelled', updated_at = now() WHERE order_id = $1 AND status = 'planned'`, [orderId]);
  }

  async shipmentsOf(orderId: string): Promise<ShipmentDto[]> {
    const rows = await this.db.query<{
      shipment_id: string;
      warehouse_id: string;
      wms_order_id: string | null;
      carrier: string | null;
      tracking_number: string | null;
      shipped_at: Date | string;
      lines: ShipmentLineDto[] | string;
    }>('SELECT * FROM shipments WHERE order_id = $1 ORDER BY shipped_at, shipment_id', [orderId]);
    return rows.map((r) => ({
      shipmentId: r.shipment_id,
      warehouseId: r.warehouse_id,
      wmsOrderId: r.wms_order_id ?? undefined,
      carrier: r.carrier ?? undefined,
      trackingNumber: r.tracking_number ?? undefined,
      shippedAt: new Date(r.shipped_at).toISOString(),
      lines: typeof r.lines === 'string' ? (JSON.parse(r.lines) as ShipmentLineDto[]) : r.lines,
    }));
  }

  async exceptionsOf(orderId: string): Promise<Array<{ eventType: string; reason: string; warehouseId?: string; at: string; resolvedAt?: string }>> {
    const rows = await this.db.query<{
      event_type: string;
      reason: string;
      warehouse_id: string | null;
      created_at: Date | string;
      resolved_at: Date | string | null;
    }>('SELECT event_type, reason, warehouse_id, created_at, resolved_at FROM order_exceptions WHERE order_id = $1 ORDER BY id', [orderId]);
    return rows.map((r) => ({
      eventType: r.event_type,
      reason: r.reason,
      warehouseId: r.warehouse_id ?? undefined,
      at: new Date(r.created_at).toISOString(),
      ...(r.resolved_at === null ? {} : { resolvedAt: new Date(r.resolved_at).toISOString() }),
    }));
  }

  /** Exceptions oldest first, keyset-paged on id, optionally of one order and open or resolved only. */
  async listExceptions(filter: { orderId?: string; status?: OrderExceptionStatus }, limit: number, afterId?: string): Promise<OrderExceptionPage> {
    const rows = await this.db.query<ExceptionRow>(
      `SELECT * FROM order_exceptions
        WHERE ($1::uuid IS NULL OR order_id = $1)
          AND ($2::text IS NULL OR (resolved_at IS NULL) = ($2 = 'open'))
          AND ($3::bigint IS NULL OR id > $3)
        ORDER BY id LIMIT $4`,
      [filter.orderId ?? null, filter.status ?? null, afterId ?? null, limit + 1],
    );
    const page = rows.slice(0, limit).map(toException);
    return { exceptions: page, nextAfterId: rows.length > limit ? page.at(-1)?.id : undefined };
  }

  /** The exception, locked for the transaction. */
  async lockException(tx: Queryable, id: string): Promise<OrderException | undefined> {
    const rows = await tx.query<ExceptionRow>('SELECT * FROM order_exceptions WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] && toException(rows[0]);
  }

  /** Marks an open exception resolved; undefined when it was not open (resolved meanwhile). */
  async resolveException(tx: Queryable, id: string, by: string, resolution: string): Promise<OrderException | undefined> {
    const rows = await tx.query<ExceptionRow>(
      'UPDATE order_exceptions SET resolved_at = clock_timestamp(), resolved_by = $2, resolution = $3 WHERE id = $1 AND resolved_at IS NULL RETURNING *',
      [id, by, resolution],
    );
    return rows[0] && toException(rows[0]);
  }
}

export const ORDER_EXCEPTION_STATUSES = ['open', 'resolved'] as const;
export type OrderExceptionStatus = (typeof ORDER_EXCEPTION_STATUSES)[number];

/** A warehouse event that could not be applied to an order, and whether an operator resolved it. */
export interface OrderException {
  /** The bigserial key, as a string (it may outgrow a JS number). */
  readonly id: string;
  readonly orderId?: string;
  readonly warehouseId?: string;
  readonly eventId?: string;
  readonly eventType: string;
  readonly reason: string;
  readonly correlationId?: string;
  readonly at: string;
  readonly status: OrderExceptionStatus;
  readonly resolvedAt?: string;
  readonly resolvedBy?: string;
  readonly resolution?: string;
}

export interface OrderExceptionPage {
  readonly exceptions: OrderException[];
  /** The id to continue after; undefined on the last page. */
  readonly nextAfterId?: string;
}

interface ExceptionRow {
  id: string | number;
  order_id: string | null;
  warehouse_id: string | null;
  event_id: string | null;
  event_type: string;
  reason: string;
  correlation_id: string | null;
  created_at: Date | string;
  resolved_at: Date | string | null;
  resolved_by: string | null;
  resolution: string | null;
}

const toException = (r: ExceptionRow): OrderException => ({
  id: String(r.id),
  orderId: r.order_id ?? undefined,
  warehouseId: r.warehouse_id ?? undefined,
  eventId: r.event_id ?? undefined,
  eventType: r.event_type,
  reason: r.reason,
  correlationId: r.correlation_id ?? undefined,
  at: new Date(r.created_at).toISOString(),
  status: r.resolved_at === null ? 'open' : 'resolved',
  resolvedAt: r.resolved_at === null ? undefined : new Date(r.resolved_at).toISOString(),
  resolvedBy: r.resolved_by ?? undefined,
  resolution: r.resolution ?? undefined,
});
