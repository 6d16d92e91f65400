import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@platform';
import type { GatewayInvoiceFacts, GatewayLegFacts, GatewayOrderFacts, StockFigures } from './domain/reconciliation.js';

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

function sumBySku(lines: ReadonlyArray<{ sku: string; quantity: number }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of lines) out[line.sku] = (out[line.sku] ?? 0) + line.quantity;
  return out;
}

/**
 * What the gateway recorded, read for comparison. Read-only joins over other contexts' tables (the
 * architecture allows reads to join; each table keeps its one writer): the projection, orders, legs
 * with their shipments, and issued invoices, limited to what was created since `since`.
 */
@Injectable()
export class GatewayFactsReader {
  constructor(@Inject(Database) private readonly db: Database) {}

  async projection(skus?: readonly string[]): Promise<StockFigures[]> {
    const rows = await this.db.query<{ sku: string; warehouse_id: string; on_hand: number; allocated: number; safety_stock: number; quality_hold: number }>(
      `SELECT sku, warehouse_id, on_hand, allocated, safety_stock, quality_hold FROM atp_positions
        WHERE ($1::text[] IS NULL OR sku = ANY($1::text[])) ORDER BY sku, warehouse_id`,
      [skus ?? null],
    );
    return rows.map((r) => ({
      sku: r.sku,
      warehouseId: r.warehouse_id,
      onHand: Number(r.on_hand),
      allocated: Number(r.allocated),
      safetyStock: Number(r.safety_stock),
      qualityHold: Number(r.quality_hold),
    }));
  }

  /** Placed orders the ERP knows the number of (not attempts still running or failed); only `orderIds` when given. */
  async orders(since: Date, orderIds?: readonly string[]): Promise<GatewayOrderFacts[]> {
    const rows = await this.db.query<{ order_id: string; erp_order_number: string; oms_order_id: string | null; status: string; total_amount: string | null }>(
      `SELECT order_id, erp_order_number, oms_order_id, status, total_amount FROM orders
        WHERE erp_order_number IS NOT NULL AND status NOT IN ('pending', 'failed') AND created_at >= $1
          AND ($2::uuid[] IS NULL OR order_id = ANY($2::uuid[]))
        ORDER BY created_at, order_id`,
      [since.toISOString(), orderIds ?? null],
    );
    return rows.map((r) => ({
      orderId: r.order_id,
      status: r.status,
      erpOrderNumber: r.erp_order_number,
      omsOrderId: r.oms_order_id,
      cancelled: r.status === 'cancelled' || r.status === 'rejected',
      totalAmount: r.total_amount === null ? null : Number(r.total_amount),
    }));
  }

  /** Legs released to the WMS, with the shipments recorded for each (base units per sku). */
  async releasedLegs(since: Date): Promise<GatewayLegFacts[]> {
    const rows = await this.db.query<{
      order_id: string;
      erp_order_number: string;
      warehouse_id: string;
      wms_order_id: string;
      shipment_lines: Array<Array<{ sku: string; quantity: number }> | string> | string;
    }>(
      `SELECT l.order_id, o.erp_order_number, l.warehouse_id, l.wms_order_id,
              coalesce(jsonb_agg(s.lines) FILTER (WHERE s.shipment_id IS NOT NULL), '[]'::jsonb) AS shipment_lines
         FROM fulfillment_legs l
         JOIN orders o ON o.order_id = l.order_id
         LEFT JOIN shipments s ON s.order_id = l.order_id AND s.warehouse_id = l.warehouse_id
        WHERE l.wms_order_id IS NOT NULL AND o.erp_order_number IS NOT NULL AND o.created_at >= $1
        GROUP BY l.order_id, o.erp_order_number, l.warehouse_id, l.wms_order_id, o.created_at
        ORDER BY o.created_at, l.order_id, l.warehouse_id`,
      [since.toISOString()],
    );
    return rows.map((r) => {
      const shipments = json(r.shipment_lines).map((lines) => json(lines));
      return {
        orderId: r.order_id,
        erpOrderNumber: r.erp_order_number,
        warehouseId: r.warehouse_id,
        wmsOrderId: r.wms_order_id,
        shipments: shipments.length,
        shipped: sumBySku(shipments.flat()),
      };
    });
  }

  /** Invoices issued in the ERP (open or paid), with their quantities per sku (base units). */
  async issuedInvoices(since: Date): Promise<GatewayInvoiceFacts[]> {
    const rows = await this.db.query<{
      invoice_id: string;
      status: 'open' | 'paid';
      erp_invoice_number: string;
      gross_amount: string;
      lines: Array<{ sku: string; quantity: number }> | string;
    }>(
      `SELECT invoice_id, status, erp_invoice_number, gross_amount, lines FROM invoices
        WHERE status IN ('open', 'paid') AND erp_invoice_number IS NOT NULL AND created_at >= $1 ORDER BY created_at, invoice_id`,
      [since.toISOString()],
    );
    return rows.map((r) => ({
      invoiceId: r.invoice_id,
      status: r.status,
      erpInvoiceNumber: r.erp_invoice_number,
      grossAmount: Number(r.gross_amount),
      quantities: sumBySku(json(r.lines)),
    }));
  }
}
