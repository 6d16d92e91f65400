import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ErpInvoiceDto, InvoiceDto, InvoiceLineDto, InvoiceStatus } from '@contracts';
import { Database, type Queryable } from '@platform';

/** What issuing an invoice in the ERP needs. */
export interface PendingInvoice {
  readonly invoiceId: string;
  /** Issue attempts so far, this one included. */
  readonly attempts: number;
  readonly customerId: string;
  readonly erpOrderNumber: string;
  readonly shipToRegion: string;
  readonly lines: Array<{ lineNumber: number; sku: string; quantity: number; erpItemNumber: string }>;
}

interface InvoiceRow {
  invoice_id: string;
  shipment_id: string;
  order_id: string;
  status: InvoiceStatus;
  erp_invoice_number: string | null;
  invoice_date: string | null;
  currency: string | null;
  net_amount: string | null;
  tax_amount: string | null;
  gross_amount: string | null;
  lines: InvoiceLineDto[] | string;
  erp_order_number: string | null;
  purchase_order_number: string;
}

const money = (amount: string | null, currency: string | null) => (amount === null ? undefined : { amount: Number(amount), currency: currency ?? 'USD' });

/**
 * Invoices made from confirmed shipments. The invoice is written in the shipment's own
 * transaction (so a shipment is invoiced once, and never lost); the ERP issues it later.
 */
@Injectable()
export class InvoiceRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** One pending invoice for a newly recorded shipment, with its lines in base units. */
  async addForShipment(
    tx: Queryable,
    shipment: { shipmentId: string; orderId: string; lines: Array<{ lineNumber: number; sku: string; quantity: number }> },
    correlationId?: string,
  ): Promise<string> {
    const [order] = await tx.query<{ customer_id: string }>('SELECT customer_id FROM orders WHERE order_id = $1', [shipment.orderId]);
    const invoiceId = randomUUID();
    const lines = shipment.lines.filter((l) => l.quantity > 0).map((l) => ({ lineNumber: l.lineNumber, sku: l.sku, quantity: l.quantity }));
    await tx.query(
      `INSERT INTO invoices (invoice_id, shipment_id, order_id, customer_id, status, lines, correlation_id) VALUES ($1, $2, $3, $4, 'pending', $5, $6)
       ON CONFLICT (shipment_id) DO NOTHING`,
      [invoiceId, shipment.shipmentId, shipment.orderId, order.customer_id, JSON.stringify(lines), correlationId ?? null],
    );
    return invoiceId;
  }

  /**
   * Claims up to `limit` pending invoices that are due, leasing them for `leaseMs` so another
   * instance does not issue the same one meanwhile (the ERP lookup makes a second issue harmless anyway).
   */
  async claimDue(limit: number, leaseMs: number): Promise<PendingInvoice[]> {
    const rows = await this.db.query<{
      invoice_id: string;
      attempts: number;
      customer_id: string;
      erp_order_number: string;
      ship_to: { region: string };
      lines: PendingInvoice['lines'] | string;
      order_id: string;
    }>(
      `UPDATE invoices i SET next_attempt_at = now() + ($2::integer * interval '1 millisecond'), attempts = i.attempts + 1
       FROM orders o
       WHERE o.order_id = i.order_id AND i.invoice_id IN (
         SELECT invoice_id FROM invoices WHERE status = 'pending' AND next_attempt_at <= now() ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING i.invoice_id, i.attempts, i.customer_id, o.erp_order_number, o.ship_to, i.lines, i.order_id`,
      [limit, leaseMs],
    );
    const result: PendingInvoice[] = [];
    for (const row of rows) {
      const items = await this.db.query<{ line_number: number; erp_item_number: string | null }>(
        'SELECT line_number, erp_item_number FROM order_lines WHERE order_id = $1',
        [row.order_id],
      );
      const itemOf = new Map(items.map((i) => [i.line_number, i.erp_item_number ?? '']));
      const lines = (typeof row.lines === 'string' ? JSON.parse(row.lines) : row.lines) as Array<{ lineNumber: number; sku: string; quantity: number }>;
      result.push({
        invoiceId: row.invoice_id,
        attempts: row.attempts,
        customerId: row.customer_id,
        erpOrderNumber: row.erp_order_number,
        shipToRegion: row.ship_to.region,
        lines: lines.map((l) => ({ ...l, erpItemNumber: itemOf.get(l.lineNumber) ?? '' })),
      });
    }
    return result;
  }

  async markIssued(invoiceId: string, erp: ErpInvoiceDto): Promise<void> {
    const lines = erp.lines;
    await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ lines: InvoiceLineDto[] | string }>('SELECT lines FROM invoices WHERE invoice_id = $1 FOR UPDATE', [invoiceId]);
      const ours = (typeof row.lines === 'string' ? JSON.parse(row.lines) : row.lines) as InvoiceLineDto[];
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

  async markPaid(invoiceId: string): Promise<void> {
    await this.db.query(`UPDATE invoices SET status = 'paid', updated_at = now() WHERE invoice_id = $1 AND status = 'open'`, [invoiceId]);
  }

  async ofOrder(orderId: string): Promise<InvoiceDto[]> {
    return (await this.select('i.order_id = $1', [orderId])).map(toDto);
  }

  async findForCustomer(invoiceId: string, customerId: string): Promise<InvoiceDto | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(invoiceId)) return undefined;
    const [row] = await this.select('i.invoice_id = $1 AND i.customer_id = $2', [invoiceId, customerId]);
    return row && toDto(row);
  }

  private select(where: string, params: unknown[]): Promise<InvoiceRow[]> {
    return this.db.query<InvoiceRow>(
      `SELECT i.*, o.erp_order_number, o.purchase_order_number FROM invoices i JOIN orders o ON o.order_id = i.order_id WHERE ${where} ORDER BY i.created_at, i.invoice_id`,
      params,
    );
  }
}

function toDto(row: InvoiceRow): InvoiceDto {
  return {
    invoiceId: row.invoice_id,
    status: row.status,
    erpBillingDocument: row.erp_invoice_number ?? undefined,
    orderId: row.order_id,
    erpOrderNumber: row.erp_order_number ?? undefined,
    purchaseOrderNumber: row.purchase_order_number,
    shipmentIds: [row.shipment_id],
    lines: typeof row.lines === 'string' ? (JSON.parse(row.lines) as InvoiceLineDto[]) : row.lines,
    netAmount: money(row.net_amount, row.currency),
    taxAmount: money(row.tax_amount, row.currency),
    totalAmount: money(row.gross_amount, row.currency),
    invoiceDate: row.invoice_date ?? undefined,
  };
}
