import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { BillingPolicy, ErpInvoiceDto, InvoiceLineDto, InvoiceStatus } from '@contracts';
import { Database, isUuid, KEYSET_INSTANT_SQL, type KeysetPosition, type Queryable } from '@platform';

/** What issuing an invoice in the ERP needs. */
export interface PendingInvoice {
  readonly invoiceId: string;
  /** Issue attempts so far, this one included. */
  readonly attempts: number;
  readonly customerId: string;
  readonly shipToRegion: string;
  /** The orders billed, in line order. */
  readonly orderIds: readonly string[];
  /** Each with its own sales order: a daily invoice bills several. */
  readonly lines: Array<{ lineNumber: number; sku: string; quantity: number; erpOrderNumber: string; erpItemNumber: string }>;
}

/** A line as stored: what a shipment shipped of an order line, in base units, with the ERP's amounts once issued. */
export type StoredInvoiceLine = InvoiceLineDto & { readonly orderId: string; readonly shipmentId: string };
type StoredLine = StoredInvoiceLine;

/** An invoice as stored: owned by billing, shaped like its row; invoice.mapper.ts builds the wire InvoiceDto from it. */
export interface InvoiceRecord {
  readonly invoiceId: string;
  readonly status: InvoiceStatus;
  readonly billingPolicy: BillingPolicy;
  readonly erpInvoiceNumber: string | null;
  readonly invoiceDate: string | null;
  readonly currency: string | null;
  /** numeric, as the database returns it */
  readonly netAmount: string | null;
  readonly taxAmount: string | null;
  readonly grossAmount: string | null;
  readonly lines: readonly StoredInvoiceLine[];
  /** In shipping order. */
  readonly shipmentIds: readonly string[];
  /** The orders it bills, oldest first. */
  readonly orders: ReadonlyArray<{ readonly orderId: string; readonly erpOrderNumber: string | null; readonly purchaseOrderNumber: string }>;
}

/** An invoice's way to the ERP, for operators. */
export interface InvoiceProgress {
  readonly invoiceId: string;
  readonly status: InvoiceStatus;
  readonly erpInvoiceNumber: string | null;
  readonly currency: string | null;
  readonly grossAmount: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  /** When it was issued or last tried. */
  readonly updatedAt: string;
}

interface InvoiceRow {
  invoice_id: string;
  status: InvoiceStatus;
  billing_policy: BillingPolicy;
  erp_invoice_number: string | null;
  invoice_date: string | null;
  currency: string | null;
  net_amount: string | null;
  tax_amount: string | null;
  gross_amount: string | null;
  lines: StoredLine[] | string;
  shipment_ids: string[];
  created_key: string;
  orders: Array<{ orderId: string; erpOrderNumber: string | null; purchaseOrderNumber: string }> | string;
}

/** The invoice `i` bills one of the orders of the partner in parameter `partner` (e.g. `$3`). */
const billsPartner = (partner: string) =>
  `EXISTS (SELECT 1 FROM invoice_shipments s JOIN orders o ON o.order_id = s.order_id WHERE s.invoice_id = i.invoice_id AND o.partner_id = ${partner})`;

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/**
 * Invoices made from confirmed shipments, linked to them through invoice_shipments. A
 * shipment's lines are invoiced in the shipment's own transaction (so a shipment is invoiced
 * once, and never lost): on an invoice of its own (billing policy per_shipment), or on the
 * customer's draft invoice of that day (policy daily), which the billing run makes pending.
 * The ERP issues pending invoices later.
 */
@Injectable()
export class InvoiceRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** Invoices a newly recorded shipment's lines (base units); returns the invoice that now holds them (none when nothing shipped). */
  async addForShipment(
    tx: Queryable,
    shipment: { shipmentId: string; orderId: string; shippedAt: string; lines: Array<{ lineNumber: number; sku: string; quantity: number }> },
    correlationId?: string,
  ): Promise<string | undefined> {
    const [order] = await tx.query<{ customer_id: string; billing_policy: BillingPolicy; ship_to: { region: string } }>(
      'SELECT customer_id, billing_policy, ship_to FROM orders WHERE order_id = $1',
      [shipment.orderId],
    );
    const lines: StoredLine[] = shipment.lines
      .filter((l) => l.quantity > 0)
      .map((l) => ({ lineNumber: l.lineNumber, sku: l.sku, quantity: l.quantity, orderId: shipment.orderId, shipmentId: shipment.shipmentId }));
    if (!lines.length) return undefined;
    let invoiceId: string;
    if (order.billing_policy === 'daily') {
      invoiceId = await this.draftOf(tx, order.customer_id, billingDay(shipment.shippedAt), order.ship_to.region, correlationId);
      await tx.query(`UPDATE invoices SET lines = lines || $2::jsonb, updated_at = now() WHERE invoice_id = $1`, [invoiceId, JSON.stringify(lines)]);
    } else {
      invoiceId = randomUUID();
      await tx.query(
        `INSERT INTO invoices (invoice_id, customer_id, status, billing_policy, ship_to_region, lines, correlation_id) VALUES ($1, $2, 'pending', 'per_shipment', $3, $4, $5)`,
        [invoiceId, order.customer_id, order.ship_to.region, JSON.stringify(lines), correlationId ?? null],
      );
    }
    await tx.query('INSERT INTO invoice_shipments (invoice_id, shipment_id, order_id) VALUES ($1, $2, $3)', [invoiceId, shipment.shipmentId, shipment.orderId]);
    return invoiceId;
  }

  /**
   * The billing run: every daily invoice of a day up to `throughDay` stops collecting and becomes
   * pending, to be issued as one billing document. Returns the invoices it closed.
   */
  async closeDrafts(throughDay: string): Promise<string[]> {
    const rows = await this.db.query<{ invoice_id: string }>(
      `UPDATE invoices SET status = 'pending', next_attempt_at = now(), updated_at = now() WHERE status = 'draft' AND billing_date <= $1 RETURNING invoice_id`,
      [throughDay],
    );
    return rows.map((r) => r.invoice_id);
  }

  /**
   * Claims up to `limit` pending invoices that are due, leasing them for `leaseMs` so another
   * instance does not issue the same one meanwhile (the ERP lookup makes a second issue harmless anyway).
   */
  async claimDue(limit: number, leaseMs: number): Promise<PendingInvoice[]> {
    const rows = await this.db.query<{ invoice_id: string; attempts: number; customer_id: string; ship_to_region: string; lines: StoredLine[] | string }>(
      `UPDATE invoices SET next_attempt_at = now() + ($2::integer * interval '1 millisecond'), attempts = attempts + 1
       WHERE invoice_id IN (
         SELECT invoice_id FROM invoices WHERE status = 'pending' AND next_attempt_at <= now() ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING invoice_id, attempts, customer_id, ship_to_region, lines`,
      [limit, leaseMs],
    );
    return this.withErpNumbers(rows);
  }

  /** An issued (open) invoice as issuing needs it, to issue it again when its billing document vanished from the ERP. */
  async issuedForReissue(invoiceId: string): Promise<PendingInvoice | undefined> {
    const rows = await this.db.query<{ invoice_id: string; attempts: number; customer_id: string; ship_to_region: string; lines: StoredLine[] | string }>(
      `SELECT invoice_id, attempts, customer_id, ship_to_region, lines FROM invoices WHERE invoice_id = $1 AND status = 'open'`,
      [invoiceId],
    );
    return (await this.withErpNumbers(rows))[0];
  }

  private async withErpNumbers(
    rows: ReadonlyArray<{ invoice_id: string; attempts: number; customer_id: string; ship_to_region: string; lines: StoredLine[] | string }>,
  ): Promise<PendingInvoice[]> {
    if (!rows.length) return [];
    const lines = new Map(rows.map((r) => [r.invoice_id, json(r.lines)]));
    const orderIds = [...new Set([...lines.values()].flat().map((l) => l.orderId))];
    // the ERP's numbers of every order line billed, in one read for the whole batch
    const items = await this.db.query<{ order_id: string; line_number: number; erp_item_number: string | null; erp_order_number: string | null }>(
      `SELECT l.order_id, l.line_number, l.erp_item_number, o.erp_order_number FROM order_lines l JOIN orders o ON o.order_id = l.order_id
       WHERE l.order_id = ANY($1::uuid[])`,
      [orderIds],
    );
    const itemOf = new Map(items.map((i) => [`${i.order_id}/${i.line_number}`, i]));
    return rows.map((row) => ({
      invoiceId: row.invoice_id,
      attempts: row.attempts,
      customerId: row.customer_id,
      shipToRegion: row.ship_to_region,
      orderIds: [...new Set(lines.get(row.invoice_id)!.map((l) => l.orderId))],
      lines: lines.get(row.invoice_id)!.map((l) => {
        const item = itemOf.get(`${l.orderId}/${l.lineNumber}`);
        return {
          lineNumber: l.lineNumber,
          sku: l.sku,
          quantity: l.quantity,
          erpOrderNumber: item?.erp_order_number ?? '',
          erpItemNumber: item?.erp_item_number ?? '',
        };
      }),
    }));
  }

  /** Invoices not issued in the ERP yet: drafts (daily, before the billing run) and pending ones. */
  async unissuedCounts(): Promise<{ draft: number; pending: number }> {
    const rows = await this.db.query<{ status: 'draft' | 'pending'; n: number }>(
      `SELECT status, count(*)::int AS n FROM invoices WHERE status IN ('draft', 'pending') GROUP BY status`,
    );
    const count = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
    return { draft: count('draft'), pending: count('pending') };
  }

  /** When each shipment an invoice bills shipped. */
  async shippedAt(invoiceId: string): Promise<Date[]> {
    const rows = await this.db.query<{ shipped_at: Date | string }>(
      `SELECT sh.shipped_at FROM invoice_shipments s JOIN shipments sh ON sh.shipment_id = s.shipment_id WHERE s.invoice_id = $1`,
      [invoiceId],
    );
    return rows.map((r) => new Date(r.shipped_at));
  }

  /** Records the ERP's billing document; `alongside` runs in the same transaction (the events it causes). */
  async markIssued(invoiceId: string, erp: ErpInvoiceDto, alongside?: (tx: Queryable) => Promise<void>): Promise<void> {
    const lines = erp.lines;
    await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ lines: StoredLine[] | string }>('SELECT lines FROM invoices WHERE invoice_id = $1 FOR UPDATE', [invoiceId]);
      const ours = json(row.lines);
      // the ERP's amounts per line, matched by sku and quantity in the order the lines were sent
      const withAmounts = ours.map((line, index) => {
        const erpLine = lines[index];
        return erpLine
          ? { ...line, netAmount: { amount: erpLine.netAmount, currency: erp.currency }, taxAmount: { amount: erpLine.taxAmount, currency: erp.currency } }
          : line;
      });
      await tx.query(
        `UPDATE invoices SET status = $2, erp_invoice_number = $3, invoice_date = $4, currency = $5, net_amount = $6, tax_amount = $7, gross_amount = $8,
           lines = $9, last_error = NULL, updated_at = now() WHERE invoice_id = $1`,
        [
          invoiceId,
          erp.status,
          erp.erpInvoiceNumber,
          erp.invoiceDate,
          erp.currency,
          erp.netAmount,
          erp.taxAmount,
          erp.grossAmount,
          JSON.stringify(withAmounts),
        ],
      );
      await alongside?.(tx);
    });
  }

  /** The ERP could not be reached or refused: try again after `retryInMs`. */
  async markFailed(invoiceId: string, error: string, retryInMs: number): Promise<void> {
    await this.db.query(
      `UPDATE invoices SET last_error = $2, next_attempt_at = now() + ($3::integer * interval '1 millisecond'), updated_at = now() WHERE invoice_id = $1`,
      [invoiceId, error.slice(0, 500), retryInMs],
    );
  }

  async openInvoices(limit: number): Promise<Array<{ invoiceId: string; erpInvoiceNumber: string }>> {
    const rows = await this.db.query<{ invoice_id: string; erp_invoice_number: string }>(
      `SELECT invoice_id, erp_invoice_number FROM invoices WHERE status = 'open' ORDER BY updated_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ invoiceId: r.invoice_id, erpInvoiceNumber: r.erp_invoice_number }));
  }

  /** An open invoice was paid; `alongside` runs in the same transaction when it was open (the events it causes). */
  async markPaid(invoiceId: string, alongside?: (tx: Queryable) => Promise<void>): Promise<void> {
    await this.db.transaction(async (tx) => {
      const paid = await tx.query(`UPDATE invoices SET status = 'paid', updated_at = now() WHERE invoice_id = $1 AND status = 'open' RETURNING invoice_id`, [
        invoiceId,
      ]);
      if (paid.length) await alongside?.(tx);
    });
  }

  /** What operations see of the invoices billing an order: their progress towards the ERP, oldest first. */
  async progressOfOrder(orderId: string): Promise<InvoiceProgress[]> {
    const rows = await this.db.query<{
      invoice_id: string;
      status: InvoiceStatus;
      erp_invoice_number: string | null;
      currency: string | null;
      gross_amount: string | null;
      attempts: number;
      last_error: string | null;
      created_at: Date | string;
      updated_at: Date | string;
    }>(
      `SELECT invoice_id, status, erp_invoice_number, currency, gross_amount, attempts, last_error, created_at, updated_at FROM invoices
        WHERE invoice_id IN (SELECT invoice_id FROM invoice_shipments WHERE order_id = $1) ORDER BY created_at, invoice_id`,
      [orderId],
    );
    return rows.map((r) => ({
      invoiceId: r.invoice_id,
      status: r.status,
      erpInvoiceNumber: r.erp_invoice_number,
      currency: r.currency,
      grossAmount: r.gross_amount,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }

  async ofOrder(orderId: string): Promise<InvoiceRecord[]> {
    return (await this.select('i.invoice_id IN (SELECT invoice_id FROM invoice_shipments WHERE order_id = $1)', [orderId])).map(toRecord);
  }

  /** The customer's invoice; with `partnerId`, only if it bills one of that partner's orders (a customer may order through several). */
  async findForCustomer(invoiceId: string, customerId: string, partnerId?: string): Promise<InvoiceRecord | undefined> {
    if (!isUuid(invoiceId)) return undefined;
    const [row] = await this.select(`i.invoice_id = $1 AND i.customer_id = $2 AND ($3::text IS NULL OR ${billsPartner('$3')})`, [
      invoiceId,
      customerId,
      partnerId ?? null,
    ]);
    return row && toRecord(row);
  }

  /**
   * The customer's draft invoice of `day` for `region`, locked for the caller's transaction, made
   * when there is none. A billing run that closes it first leaves none in draft: the next loop makes another.
   */
  private async draftOf(tx: Queryable, customerId: string, day: string, region: string, correlationId?: string): Promise<string> {
    for (;;) {
      const [draft] = await tx.query<{ invoice_id: string }>(
        `SELECT invoice_id FROM invoices WHERE customer_id = $1 AND billing_date = $2 AND ship_to_region = $3 AND status = 'draft' FOR UPDATE`,
        [customerId, day, region],
      );
      if (draft) return draft.invoice_id;
      const [created] = await tx.query<{ invoice_id: string }>(
        `INSERT INTO invoices (invoice_id, customer_id, status, billing_policy, billing_date, ship_to_region, lines, correlation_id)
         VALUES ($1, $2, 'draft', 'daily', $3, $4, '[]', $5)
         ON CONFLICT (customer_id, billing_date, ship_to_region) WHERE status = 'draft' DO NOTHING RETURNING invoice_id`,
        [randomUUID(), customerId, day, region, correlationId ?? null],
      );
      if (created) return created.invoice_id;
    }
  }

  /** A customer's invoices (with `partnerId`, those billing one of its orders), newest first, from after `after`. */
  async list(query: {
    customerId: string;
    partnerId?: string;
    statuses?: readonly InvoiceStatus[];
    after?: KeysetPosition;
    limit: number;
  }): Promise<Array<{ invoice: InvoiceRecord; position: KeysetPosition }>> {
    const params: unknown[] = [query.customerId];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = ['i.customer_id = $1'];
    if (query.partnerId) where.push(billsPartner(param(query.partnerId)));
    if (query.statuses?.length) where.push(`i.status = ANY(${param(query.statuses)}::text[])`);
    if (query.after) where.push(`(i.created_at, i.invoice_id) < (${param(query.after.createdAt)}::timestamptz, ${param(query.after.id)}::uuid)`);
    const rows = await this.select(where.join(' AND '), params, `ORDER BY i.created_at DESC, i.invoice_id DESC LIMIT ${param(query.limit)}`);
    return rows.map((row) => ({ invoice: toRecord(row), position: { createdAt: row.created_key, id: row.invoice_id } }));
  }

  private select(where: string, params: unknown[], orderAndLimit = 'ORDER BY i.created_at, i.invoice_id'): Promise<InvoiceRow[]> {
    return this.db.query<InvoiceRow>(
      `SELECT i.*, ${KEYSET_INSTANT_SQL('i.created_at')} AS created_key,
         ARRAY(SELECT s.shipment_id::text FROM invoice_shipments s JOIN shipments sh ON sh.shipment_id = s.shipment_id
               WHERE s.invoice_id = i.invoice_id ORDER BY sh.shipped_at, s.shipment_id) AS shipment_ids,
         (SELECT COALESCE(json_agg(json_build_object('orderId', o.order_id, 'erpOrderNumber', o.erp_order_number, 'purchaseOrderNumber', o.purchase_order_number)
                   ORDER BY o.created_at, o.order_id), '[]'::json)
            FROM orders o WHERE o.order_id IN (SELECT order_id FROM invoice_shipments WHERE invoice_id = i.invoice_id)) AS orders
       FROM invoices i WHERE ${where} ${orderAndLimit}`,
      params,
    );
  }
}

/** The UTC day a shipment shipped on: a daily invoice collects one day's shipments. */
export function billingDay(shippedAt: string): string {
  return new Date(shippedAt).toISOString().slice(0, 10);
}

function toRecord(row: InvoiceRow): InvoiceRecord {
  return {
    invoiceId: row.invoice_id,
    status: row.status,
    billingPolicy: row.billing_policy,
    erpInvoiceNumber: row.erp_invoice_number,
    invoiceDate: row.invoice_date,
    currency: row.currency,
    netAmount: row.net_amount,
    taxAmount: row.tax_amount,
    grossAmount: row.gross_amount,
    lines: json(row.lines),
    shipmentIds: row.shipment_ids,
    orders: json(row.orders),
  };
}
