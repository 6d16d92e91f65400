import { Inject, Injectable } from '@nestjs/common';
import type { Channel, ReturnDisposition, ReturnReasonCode, ReturnRefusal, ReturnStatus, UnitOfMeasure } from '@contracts';
import { Database, isUuid, KEYSET_INSTANT_SQL, type KeysetPosition, type Queryable } from '@platform';

/** What the warehouse did with part of a line's goods (base units). */
export interface ReturnDispositionRecord {
  readonly disposition: ReturnDisposition;
  readonly quantity: number;
  readonly lot?: string;
}

export interface ReturnLineRecord {
  /** The request line's position, from 1. */
  readonly position: number;
  readonly lineNumber: number | null;
  readonly sku: string | null;
  readonly uom: UnitOfMeasure | null;
  /** Base units per unit of the order line. */
  readonly factor: number;
  /** The sales order item of the order line (ERP). */
  readonly erpItemNumber: string | null;
  readonly reasonCode: ReturnReasonCode;
  readonly requestedQuantity: number;
  readonly authorizedQuantity: number;
  readonly refusal: ReturnRefusal | null;
  readonly warehouseId: string | null;
  readonly lot: string | null;
  readonly serial: string | null;
  readonly erpReturnItemNumber: string | null;
  /** Base units. */
  readonly receivedQuantity: number;
  readonly dispositions: ReturnDispositionRecord[];
  /** Base units. */
  readonly creditedQuantity: number;
}

export interface ReturnReceiptRecord {
  readonly warehouseId: string;
  /** What the WMS knows the receipt by (the RMA number). */
  readonly reference: string;
  readonly wmsReceiptId: string | null;
  readonly status: 'expected' | 'received';
  readonly overReceived: boolean;
}

export interface ReturnCreditRecord {
  readonly creditMemoNumber: string;
  readonly currency: string;
  readonly netAmount: number;
  readonly taxAmount: number;
  readonly grossAmount: number;
  readonly invoiceNumbers: string[];
  readonly creditedAt: string;
}

export interface ReturnRecord {
  readonly returnId: string;
  readonly rmaNumber: string | null;
  readonly status: ReturnStatus;
  readonly orderId: string;
  readonly purchaseOrderNumber: string;
  readonly erpOrderNumber: string | null;
  readonly customerId: string;
  readonly partnerId: string;
  readonly channel: Channel;
  readonly requestHash: string;
  readonly notes: string | null;
  readonly erpReturnNumber: string | null;
  readonly registeredAt: string | null;
  readonly attempts: number;
  readonly credit: ReturnCreditRecord | null;
  readonly resolvedBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lines: ReturnLineRecord[];
  readonly receipts: ReturnReceiptRecord[];
}

/** What the return policy needs to know of the order, read under its lock. */
export interface OrderReturnFacts {
  readonly orderId: string;
  readonly erpOrderNumber: string | null;
  readonly lines: Array<{
    readonly lineNumber: number;
    readonly sku: string;
    readonly uom: UnitOfMeasure;
    readonly factor: number;
    readonly erpItemNumber: string | null;
    /** In the line's unit (whole units of it). */
    readonly shippedQuantity: number;
    readonly lastShippedAt?: string;
    /** The warehouse that shipped it last. */
    readonly warehouseId?: string;
    /** In the line's unit: what earlier returns that were not refused authorized. */
    readonly returnedQuantity: number;
  }>;
}

export interface NewReturn {
  readonly returnId: string;
  readonly status: ReturnStatus;
  readonly channel: Channel;
  readonly partnerId: string;
  readonly customerId: string;
  readonly requestKey: string;
  readonly requestHash: string;
  readonly orderId: string;
  readonly notes: string | null;
  readonly correlationId: string | undefined;
  /** The registration is the request's to try first; the job takes it after this lease. */
  readonly leaseMs: number;
  readonly lines: ReadonlyArray<Omit<ReturnLineRecord, 'erpReturnItemNumber' | 'receivedQuantity' | 'dispositions' | 'creditedQuantity' | 'erpItemNumber'>>;
}

export interface ReturnListQuery {
  readonly customerId: string;
  readonly partnerId?: string;
  readonly orderId?: string;
  readonly status?: ReturnStatus;
  readonly limit: number;
  readonly after?: KeysetPosition;
}

interface ReturnRow {
  return_id: string;
  rma_number: string | null;
  status: ReturnStatus;
  order_id: string;
  purchase_order_number: string;
  erp_order_number: string | null;
  customer_id: string;
  partner_id: string;
  channel: Channel;
  request_hash: string;
  notes: string | null;
  erp_return_number: string | null;
  registered_at: Date | string | null;
  attempts: number;
  credit: ReturnCreditRecord | string | null;
  resolved_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

interface LineRow {
  return_id: string;
  position: number;
  line_number: number | null;
  sku: string | null;
  uom: UnitOfMeasure | null;
  factor: number;
  erp_item_number: string | null;
  reason_code: ReturnReasonCode;
  requested_quantity: number;
  authorized_quantity: number;
  refusal: ReturnRefusal | null;
  warehouse_id: string | null;
  lot: string | null;
  serial: string | null;
  erp_return_item_number: string | null;
  received_quantity: number;
  dispositions: ReturnDispositionRecord[] | string;
  credited_quantity: number;
}

interface ReceiptRow {
  return_id: string;
  warehouse_id: string;
  reference: string;
  wms_receipt_id: string | null;
  status: 'expected' | 'received';
  over_received: boolean;
}

const RETURN_COLUMNS = `r.return_id, r.rma_number, r.status, r.order_id, o.purchase_order_number, o.erp_order_number, r.customer_id, r.partner_id,
  r.channel, r.request_hash, r.notes, r.erp_return_number, r.registered_at, r.attempts, r.credit, r.resolved_by, r.created_at, r.updated_at`;
const FROM_RETURNS = 'returns r JOIN orders o ON o.order_id = r.order_id';

const iso = (value: Date | string) => new Date(value).toISOString();
const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/**
 * The returns store: returns, their lines and warehouse receipts, and the RMA number sequence. The
 * only writer of those tables; it answers records, never wire DTOs (return.mapper.ts builds those).
 * It also reads what the return policy needs of an order (lines, shipments, earlier returns) with
 * its own SQL, under a lock on the order row, so the returns of one order are decided one at a time.
 */
@Injectable()
export class ReturnRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The return a channel request made, if any. */
  async findByRequestKey(tx: Queryable, channel: Channel, partnerId: string, requestKey: string): Promise<ReturnRecord | undefined> {
    const [row] = await tx.query<{ return_id: string }>('SELECT return_id FROM returns WHERE channel = $1 AND partner_id = $2 AND request_key = $3', [
      channel,
      partnerId,
      requestKey,
    ]);
    return row ? this.get(tx, row.return_id) : undefined;
  }

  /**
   * Locks the order (by id or PO, within its customer and partner) for the caller's transaction and
   * reads the facts of its lines; undefined when the caller has no such order.
   */
  async lockOrderFacts(
    tx: Queryable,
    order: { orderId?: string; purchaseOrderNumber?: string; customerId: string; partnerId: string },
  ): Promise<OrderReturnFacts | undefined> {
    const [row] = await tx.query<{ order_id: string; erp_order_number: string | null }>(
      `SELECT order_id, erp_order_number FROM orders
        WHERE customer_id = $1 AND partner_id = $2 AND ($3::uuid IS NULL OR order_id = $3::uuid) AND ($4::text IS NULL OR purchase_order_number = $4)
          AND status NOT IN ('failed', 'pending')
        ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
      [order.customerId, order.partnerId, order.orderId ?? null, order.purchaseOrderNumber ?? null],
    );
    if (!row) return undefined;
    const orderId = row.order_id;
    const lines = await tx.query<{
      line_number: number;
      sku: string;
      uom: UnitOfMeasure;
      quantity: number;
      base_quantity: number;
      erp_item_number: string | null;
    }>('SELECT line_number, sku, uom, quantity, base_quantity, erp_item_number FROM order_lines WHERE order_id = $1 ORDER BY line_number', [orderId]);
    const shipments = await tx.query<{ warehouse_id: string; lines: Array<{ lineNumber: number; quantity: number }> | string; shipped_at: Date | string }>(
      'SELECT warehouse_id, lines, shipped_at FROM shipments WHERE order_id = $1 ORDER BY shipped_at, shipment_id',
      [orderId],
    );
    const returned = await tx.query<{ line_number: number; quantity: string | number }>(
      `SELECT l.line_number, SUM(l.authorized_quantity) AS quantity FROM return_lines l JOIN returns r ON r.return_id = l.return_id
        WHERE r.order_id = $1 AND r.status <> 'refused' AND l.line_number IS NOT NULL GROUP BY l.line_number`,
      [orderId],
    );
    const shipped = new Map<number, { base: number; at: string; warehouseId: string }>();
    for (const shipment of shipments) {
      for (const line of json(shipment.lines)) {
        const earlier = shipped.get(line.lineNumber);
        shipped.set(line.lineNumber, { base: (earlier?.base ?? 0) + line.quantity, at: iso(shipment.shipped_at), warehouseId: shipment.warehouse_id });
      }
    }
    const returnedOf = new Map(returned.map((r) => [r.line_number, Number(r.quantity)]));
    return {
      orderId,
      erpOrderNumber: row.erp_order_number,
      lines: lines.map((line) => {
        const factor = Math.max(1, Math.round(line.base_quantity / line.quantity));
        const s = shipped.get(line.line_number);
        return {
          lineNumber: line.line_number,
          sku: line.sku,
          uom: line.uom,
          factor,
          erpItemNumber: line.erp_item_number,
          shippedQuantity: s ? Math.floor(s.base / factor) : 0,
          ...(s ? { lastShippedAt: s.at, warehouseId: s.warehouseId } : {}),
          returnedQuantity: returnedOf.get(line.line_number) ?? 0,
        };
      }),
    };
  }

  /**
   * The ERP invoice that billed the goods a return line sends back: of the order's shipments from the
   * line's warehouse that carried the line, the latest one whose invoice is issued. Absent when none
   * is issued yet (the ERP then credits the latest invoice of the item).
   */
  async invoiceOfReturnedGoods(tx: Queryable, orderId: string, warehouseId: string, lineNumber: number): Promise<string | undefined> {
    const [row] = await tx.query<{ erp_invoice_number: string }>(
      `SELECT i.erp_invoice_number FROM shipments s
         JOIN invoice_shipments l ON l.shipment_id = s.shipment_id
         JOIN invoices i ON i.invoice_id = l.invoice_id
        WHERE s.order_id = $1 AND s.warehouse_id = $2 AND i.erp_invoice_number IS NOT NULL
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(s.lines::jsonb) x WHERE (x ->> 'lineNumber')::int = $3)
        ORDER BY s.shipped_at DESC, s.shipment_id DESC LIMIT 1`,
      [orderId, warehouseId, lineNumber],
    );
    return row?.erp_invoice_number;
  }

  /** Stores a decided return; an authorized one gets its RMA number and one receipt per warehouse. */
  async insert(tx: Queryable, ret: NewReturn): Promise<ReturnRecord> {
    let rmaNumber: string | null = null;
    if (ret.status !== 'refused') {
      const [seq] = await tx.query<{ n: string | number; year: number }>(
        "SELECT nextval('rma_number_seq') AS n, EXTRACT(YEAR FROM now() AT TIME ZONE 'UTC')::int AS year",
      );
      rmaNumber = `RMA-${seq.year}-${String(seq.n).padStart(6, '0')}`;
    }
    await tx.query(
      `INSERT INTO returns (return_id, rma_number, channel, partner_id, customer_id, request_key, request_hash, order_id, status, notes, correlation_id,
         registered_at, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now() + make_interval(secs => $13::double precision / 1000))`,
      [
        ret.returnId,
        rmaNumber,
        ret.channel,
        ret.partnerId,
        ret.customerId,
        ret.requestKey,
        ret.requestHash,
        ret.orderId,
        ret.status,
        ret.notes,
        ret.correlationId ?? null,
        // nothing to register for a refused return
        ret.status === 'refused' ? new Date().toISOString() : null,
        ret.leaseMs,
      ],
    );
    for (const line of ret.lines) {
      await tx.query(
        `INSERT INTO return_lines (return_id, position, line_number, sku, uom, factor, reason_code, requested_quantity, authorized_quantity, refusal,
           warehouse_id, lot, serial)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          ret.returnId,
          line.position,
          line.lineNumber,
          line.sku,
          line.uom,
          line.factor,
          line.reasonCode,
          line.requestedQuantity,
          line.authorizedQuantity,
          line.refusal,
          line.warehouseId,
          line.lot,
          line.serial,
        ],
      );
    }
    if (rmaNumber) {
      const warehouses = [...new Set(ret.lines.filter((l) => l.authorizedQuantity > 0 && l.warehouseId).map((l) => l.warehouseId!))].sort();
      for (const warehouseId of warehouses) {
        await tx.query('INSERT INTO return_receipts (return_id, warehouse_id, reference) VALUES ($1, $2, $3)', [
          ret.returnId,
          warehouseId,
          receiptReference(rmaNumber, warehouseId, warehouses.length),
        ]);
      }
    }
    return (await this.get(tx, ret.returnId))!;
  }

  async get(tx: Queryable, returnId: string, lock = false): Promise<ReturnRecord | undefined> {
    if (!isUuid(returnId)) return undefined; // not an id we hand out: not found, before SQL
    const [row] = await tx.query<ReturnRow>(`SELECT ${RETURN_COLUMNS} FROM ${FROM_RETURNS} WHERE r.return_id = $1${lock ? ' FOR UPDATE OF r' : ''}`, [
      returnId,
    ]);
    if (!row) return undefined;
    return (await this.withDetails(tx, [row]))[0];
  }

  /** The return as its owner reads it: another customer's, or another partner's when one is named, is not found. */
  async findForOwner(returnId: string, customerId: string, partnerId?: string): Promise<ReturnRecord | undefined> {
    if (!isUuid(returnId)) return undefined;
    const rows = await this.db.query<ReturnRow>(
      `SELECT ${RETURN_COLUMNS} FROM ${FROM_RETURNS} WHERE r.return_id = $1 AND r.customer_id = $2 AND ($3::text IS NULL OR r.partner_id = $3)`,
      [returnId, customerId, partnerId ?? null],
    );
    return (await this.withDetails(this.db, rows))[0];
  }

  /** Newest first (keyset on creation time and id); one more than asked tells the caller there is a next page. */
  async list(query: ReturnListQuery): Promise<Array<{ record: ReturnRecord; position: KeysetPosition }>> {
    const rows = await this.db.query<ReturnRow & { created_key: string }>(
      `SELECT ${RETURN_COLUMNS}, ${KEYSET_INSTANT_SQL('r.created_at')} AS created_key FROM ${FROM_RETURNS}
        WHERE r.customer_id = $1 AND ($2::text IS NULL OR r.partner_id = $2) AND ($3::uuid IS NULL OR r.order_id = $3::uuid)
          AND ($4::text IS NULL OR r.status = $4)
          AND ($5::timestamptz IS NULL OR (r.created_at, r.return_id) < ($5::timestamptz, $6::uuid))
        ORDER BY r.created_at DESC, r.return_id DESC LIMIT $7`,
      [
        query.customerId,
        query.partnerId ?? null,
        query.orderId ?? null,
        query.status ?? null,
        query.after?.createdAt ?? null,
        query.after?.id ?? null,
        query.limit,
      ],
    );
    const records = await this.withDetails(this.db, rows);
    return records.map((record, i) => ({ record, position: { createdAt: rows[i].created_key, id: record.returnId } }));
  }

  /** The returns of these orders, oldest first. */
  async ofOrders(orderIds: readonly string[]): Promise<ReturnRecord[]> {
    if (!orderIds.length) return [];
    const rows = await this.db.query<ReturnRow>(
      `SELECT ${RETURN_COLUMNS} FROM ${FROM_RETURNS} WHERE r.order_id = ANY($1::uuid[]) ORDER BY r.created_at, r.return_id`,
      [[...orderIds]],
    );
    return this.withDetails(this.db, rows);
  }

  /**
   * Claims returns whose registration or credit is due (not refused, not yet registered; or received
   * and not yet credited), pushing their next attempt out by the lease so no one else takes them meanwhile.
   */
  async claimDue(limit: number, leaseMs: number): Promise<string[]> {
    const rows = await this.db.query<{ return_id: string }>(
      `UPDATE returns SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
        WHERE return_id IN (
          SELECT return_id FROM returns
           WHERE next_attempt_at <= now()
             AND ((status IN ('authorized', 'partially_authorized', 'received', 'exception') AND registered_at IS NULL)
                  OR (status = 'received' AND credit IS NULL))
           ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING return_id`,
      [limit, leaseMs],
    );
    return rows.map((r) => r.return_id);
  }

  /** Makes a return due now (work just arrived for it, e.g. its goods were received). */
  async dueNow(tx: Queryable, returnId: string): Promise<void> {
    await tx.query('UPDATE returns SET next_attempt_at = now() WHERE return_id = $1', [returnId]);
  }

  async markAttemptFailed(returnId: string, error: string, retryInMs: number): Promise<void> {
    await this.db.query(
      `UPDATE returns SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(secs => $3::double precision / 1000)
        WHERE return_id = $1`,
      [returnId, error.slice(0, 500), retryInMs],
    );
  }

  /** The ERP customer return, with its item per return line (by position). */
  async recordErpReturn(returnId: string, erpReturnNumber: string, items: ReadonlyArray<{ position: number; erpReturnItemNumber: string }>): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE returns SET erp_return_number = $2, updated_at = now() WHERE return_id = $1', [returnId, erpReturnNumber]);
      for (const item of items) {
        await tx.query('UPDATE return_lines SET erp_return_item_number = $3 WHERE return_id = $1 AND position = $2', [
          returnId,
          item.position,
          item.erpReturnItemNumber,
        ]);
      }
    });
  }

  async recordWmsReceipt(returnId: string, warehouseId: string, wmsReceiptId: string): Promise<void> {
    await this.db.query('UPDATE return_receipts SET wms_receipt_id = $3 WHERE return_id = $1 AND warehouse_id = $2 AND wms_receipt_id IS NULL', [
      returnId,
      warehouseId,
      wmsReceiptId,
    ]);
  }

  /** Registration done: the ERP return and every warehouse receipt exist. */
  async markRegistered(returnId: string): Promise<void> {
    await this.db.query('UPDATE returns SET registered_at = now(), last_error = NULL, attempts = 0, next_attempt_at = now() WHERE return_id = $1', [returnId]);
  }

  /** The receipt a WMS reference names, locked with its return; undefined when it is none of ours. */
  async lockReceipt(tx: Queryable, reference: string, warehouseId: string): Promise<(ReturnReceiptRecord & { returnId: string }) | undefined> {
    const [row] = await tx.query<ReceiptRow>('SELECT * FROM return_receipts WHERE reference = $1 AND warehouse_id = $2 FOR UPDATE', [reference, warehouseId]);
    if (!row) return undefined;
    await tx.query('SELECT return_id FROM returns WHERE return_id = $1 FOR UPDATE', [row.return_id]);
    return { returnId: row.return_id, ...toReceipt(row) };
  }

  /** What a warehouse received of a return: the receipt closes, each line gets its quantities and dispositions. */
  async recordReceipt(
    tx: Queryable,
    returnId: string,
    receipt: { warehouseId: string; wmsReceiptId: string; overReceived: boolean },
    lines: ReadonlyArray<{ position: number; receivedQuantity: number; dispositions: ReturnDispositionRecord[] }>,
  ): Promise<void> {
    await tx.query(
      `UPDATE return_receipts SET status = 'received', wms_receipt_id = $3, over_received = $4, received_at = now() WHERE return_id = $1 AND warehouse_id = $2`,
      [returnId, receipt.warehouseId, receipt.wmsReceiptId, receipt.overReceived],
    );
    for (const line of lines) {
      await tx.query('UPDATE return_lines SET received_quantity = $3, dispositions = $4 WHERE return_id = $1 AND position = $2', [
        returnId,
        line.position,
        line.receivedQuantity,
        JSON.stringify(line.dispositions),
      ]);
    }
  }

  async setStatus(tx: Queryable, returnId: string, status: ReturnStatus): Promise<void> {
    await tx.query('UPDATE returns SET status = $2, updated_at = now() WHERE return_id = $1', [returnId, status]);
  }

  /** An operator's resolution of an over-receipt: the return is credited for its authorized quantities. */
  async recordResolution(tx: Queryable, returnId: string, by: string, resolution: string): Promise<void> {
    await tx.query('UPDATE returns SET resolved_by = $2, resolution = $3, updated_at = now(), next_attempt_at = now() WHERE return_id = $1', [
      returnId,
      by,
      resolution,
    ]);
  }

  async recordCredit(
    tx: Queryable,
    returnId: string,
    credit: ReturnCreditRecord,
    credited: ReadonlyArray<{ position: number; quantity: number }>,
  ): Promise<void> {
    await tx.query("UPDATE returns SET credit = $2, status = 'credited', last_error = NULL, updated_at = now() WHERE return_id = $1", [
      returnId,
      JSON.stringify(credit),
    ]);
    for (const line of credited) {
      await tx.query('UPDATE return_lines SET credited_quantity = $3 WHERE return_id = $1 AND position = $2', [returnId, line.position, line.quantity]);
    }
  }

  /** The customer's return window as the ERP last said it (undefined: never read). */
  async knownReturnWindow(customerId: string): Promise<number | null | undefined> {
    const [row] = await this.db.query<{ return_window_days: number | null }>('SELECT return_window_days FROM return_customer_terms WHERE customer_id = $1', [
      customerId,
    ]);
    return row ? row.return_window_days : undefined;
  }

  async rememberReturnWindow(customerId: string, days: number | null): Promise<void> {
    await this.db.query(
      `INSERT INTO return_customer_terms (customer_id, return_window_days) VALUES ($1, $2)
       ON CONFLICT (customer_id) DO UPDATE SET return_window_days = EXCLUDED.return_window_days, read_at = now()`,
      [customerId, days],
    );
  }

  private async withDetails(tx: Queryable, rows: ReturnRow[]): Promise<ReturnRecord[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.return_id);
    const lines = await tx.query<LineRow>(
      `SELECT l.*, ol.erp_item_number FROM return_lines l
         JOIN returns r ON r.return_id = l.return_id
         LEFT JOIN order_lines ol ON ol.order_id = r.order_id AND ol.line_number = l.line_number
        WHERE l.return_id = ANY($1::uuid[]) ORDER BY l.return_id, l.position`,
      [ids],
    );
    const receipts = await tx.query<ReceiptRow>('SELECT * FROM return_receipts WHERE return_id = ANY($1::uuid[]) ORDER BY return_id, warehouse_id', [ids]);
    return rows.map((row) => ({
      returnId: row.return_id,
      rmaNumber: row.rma_number,
      status: row.status,
      orderId: row.order_id,
      purchaseOrderNumber: row.purchase_order_number,
      erpOrderNumber: row.erp_order_number,
      customerId: row.customer_id,
      partnerId: row.partner_id,
      channel: row.channel,
      requestHash: row.request_hash,
      notes: row.notes,
      erpReturnNumber: row.erp_return_number,
      registeredAt: row.registered_at ? iso(row.registered_at) : null,
      attempts: row.attempts,
      credit: row.credit ? json(row.credit) : null,
      resolvedBy: row.resolved_by,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
      lines: lines.filter((l) => l.return_id === row.return_id).map(toLine),
      receipts: receipts.filter((r) => r.return_id === row.return_id).map(toReceipt),
    }));
  }
}

/**
 * The WMS knows a receipt by its reference (ext_ref), one receipt per reference: the RMA number
 * itself when the goods go back to one warehouse (the usual case), the RMA number and the
 * warehouse when they go back to several.
 */
export function receiptReference(rmaNumber: string, warehouseId: string, warehouses: number): string {
  return warehouses > 1 ? `${rmaNumber}-${warehouseId}` : rmaNumber;
}

function toLine(row: LineRow): ReturnLineRecord {
  return {
    position: row.position,
    lineNumber: row.line_number,
    sku: row.sku,
    uom: row.uom,
    factor: row.factor,
    erpItemNumber: row.erp_item_number,
    reasonCode: row.reason_code,
    requestedQuantity: row.requested_quantity,
    authorizedQuantity: row.authorized_quantity,
    refusal: row.refusal,
    warehouseId: row.warehouse_id,
    lot: row.lot,
    serial: row.serial,
    erpReturnItemNumber: row.erp_return_item_number,
    receivedQuantity: row.received_quantity,
    dispositions: json(row.dispositions),
    creditedQuantity: row.credited_quantity,
  };
}

function toReceipt(row: ReceiptRow): ReturnReceiptRecord {
  return {
    warehouseId: row.warehouse_id,
    reference: row.reference,
    wmsReceiptId: row.wms_receipt_id,
    status: row.status,
    overReceived: row.over_received,
  };
}
