/**
 * Reconciliation's rules, pure: each function compares what the gateway recorded with what a
 * backend (the system of record) says, and lists the variances with what should happen to each:
 * a safe repair, an exception for a person, or nothing (within the threshold). No I/O, no Nest.
 */

export const RECONCILIATION_CHECKS = ['stock', 'orders', 'shipments', 'invoices'] as const;
export type ReconciliationCheck = (typeof RECONCILIATION_CHECKS)[number];

/** The repairs that are safe to make without a person: each brings the gateway to the system of record's figures. */
export type RepairKind = 'resync_projection' | 'resync_oms_status' | 'refetch_shipment' | 'reissue_invoice';

export type Disposition = { readonly kind: 'repair'; readonly repair: RepairKind } | { readonly kind: 'exception' } | { readonly kind: 'within_threshold' };

export interface Variance {
  readonly check: ReconciliationCheck;
  /** What differs, e.g. `stock_mismatch`, `missing_in_erp`, `billing_document_missing`. */
  readonly kind: string;
  /** Stable identity of the thing compared (an exception found again has the same key). */
  readonly key: string;
  readonly keys: Readonly<Record<string, string>>;
  /** The systems compared, the system of record first. */
  readonly systems: readonly string[];
  /** What the system of record says. */
  readonly expected: unknown;
  /** What the gateway (or the other system) says. */
  readonly actual: unknown;
  /** Units (stock, shipments, invoice quantities) or currency (amounts) apart. */
  readonly variance?: number;
  /** Money at stake, when there is any. */
  readonly amount?: number;
  readonly threshold?: number;
  readonly disposition: Disposition;
}

export interface ReconciliationThresholds {
  /** Stock and shipped units a figure may be off by before it counts (default 0: any). */
  readonly stockUnits: number;
  /** Currency an amount may be off by before it counts (default 0.01: rounding). */
  readonly amount: number;
}

const REPAIR = (repair: RepairKind): Disposition => ({ kind: 'repair', repair });
const EXCEPTION: Disposition = { kind: 'exception' };
const WITHIN: Disposition = { kind: 'within_threshold' };

const round2 = (value: number) => Math.round(value * 100) / 100;

// ------------------------------------------------------------------------------------------------
// (a) stock: WMS positions vs the ATP projection
// ------------------------------------------------------------------------------------------------

/** One (sku, warehouse) in base units: the WMS's figures, or the projection's copy of them. */
export interface StockFigures {
  readonly sku: string;
  readonly warehouseId: string;
  readonly onHand: number;
  readonly allocated: number;
  readonly safetyStock: number;
  readonly qualityHold: number;
}

const STOCK_FIELDS = ['onHand', 'allocated', 'safetyStock', 'qualityHold'] as const;
const ZERO = { onHand: 0, allocated: 0, safetyStock: 0, qualityHold: 0 };

/**
 * Every (sku, warehouse) whose projection differs from the WMS. A position one side does not
 * report counts as zeros there. Variance: the largest difference of one figure. Above the
 * threshold the projection row is re-synced from the WMS (the WMS owns on-hand); at or below,
 * it is only recorded.
 */
export function compareStock(wms: readonly StockFigures[], projection: readonly StockFigures[], thresholds: ReconciliationThresholds): Variance[] {
  const key = (p: Pick<StockFigures, 'sku' | 'warehouseId'>) => `${p.sku}@${p.warehouseId}`;
  const ours = new Map(projection.map((p) => [key(p), p]));
  const theirs = new Map(wms.map((p) => [key(p), p]));
  const variances: Variance[] = [];
  for (const k of [...new Set([...theirs.keys(), ...ours.keys()])].sort()) {
    const w = theirs.get(k);
    const p = ours.get(k);
    const { sku, warehouseId } = (w ?? p)!;
    const expected = pick(w ?? ZERO);
    const actual = pick(p ?? ZERO);
    const variance = Math.max(...STOCK_FIELDS.map((f) => Math.abs(expected[f] - actual[f])));
    if (variance === 0) continue;
    variances.push({
      check: 'stock',
      kind: 'stock_mismatch',
      key: k,
      keys: { sku, warehouseId },
      systems: ['wms', 'atp_projection'],
      expected,
      actual,
      variance,
      threshold: thresholds.stockUnits,
      disposition: variance > thresholds.stockUnits ? REPAIR('resync_projection') : WITHIN,
    });
  }
  return variances;
}

function pick(p: Pick<StockFigures, (typeof STOCK_FIELDS)[number]>) {
  return { onHand: p.onHand, allocated: p.allocated, safetyStock: p.safetyStock, qualityHold: p.qualityHold };
}

// ------------------------------------------------------------------------------------------------
// (b) orders: gateway vs ERP sales orders vs OMS
// ------------------------------------------------------------------------------------------------

export interface GatewayOrderFacts {
  readonly orderId: string;
  /** The gateway's order status (`released`, `shipped`, …). */
  readonly status: string;
  readonly erpOrderNumber: string;
  readonly omsOrderId: string | null;
  readonly cancelled: boolean;
  /** The order's total as the ERP priced it at entry; null when not known. */
  readonly totalAmount: number | null;
}

export interface OmsOrderFacts {
  /** Canonical OMS status (`created`, `released`, `shipped`, `cancelled`, …). */
  readonly status: string;
}

/**
 * The OMS status a gateway status must show: the changes the gateway always sends the OMS (release,
 * shipping progress, cancellation). Other statuses (accepted, on hold, backordered) are not compared.
 */
const OMS_STATUS_OF: Readonly<Record<string, string>> = {
  released: 'released',
  partially_shipped: 'partially_shipped',
  shipped: 'shipped',
  cancelled: 'cancelled',
  rejected: 'cancelled',
};
/** How far along an OMS status is; cancelled stands apart. */
const OMS_RANK: Readonly<Record<string, number>> = { created: 0, on_hold: 0, backordered: 0, released: 1, partially_shipped: 2, shipped: 3, invoiced: 4 };

/**
 * The OMS is told of each status change by the gateway. An OMS behind the gateway missed a change: sending
 * it the gateway's status is what the gateway would have done (safe). An OMS ahead, or cancelled while the
 * gateway is not, was changed by someone else: an exception.
 */
function omsStatusDisposition(expected: string, actual: string): Disposition {
  if (expected === 'cancelled') return actual === 'cancelled' ? WITHIN : REPAIR('resync_oms_status');
  if (actual === 'cancelled') return EXCEPTION;
  return (OMS_RANK[actual] ?? Number.POSITIVE_INFINITY) < OMS_RANK[expected] ? REPAIR('resync_oms_status') : EXCEPTION;
}

export interface ErpOrderFacts {
  readonly netAmount: number;
  readonly cancelled: boolean;
}

/**
 * Every placed order against its ERP sales order (`erp`: undefined = not asked, null = the ERP
 * has no such order) and its OMS order (`oms`: undefined = not asked, null = the OMS has none).
 * A missing or different commercial order is never repaired automatically (re-creating or
 * changing it is a business decision): an exception. An OMS status behind the gateway's is sent
 * again (see omsStatusDisposition).
 */
export function compareOrders(
  orders: readonly GatewayOrderFacts[],
  erp: ReadonlyMap<string, ErpOrderFacts | null>,
  oms: ReadonlyMap<string, OmsOrderFacts | null>,
  thresholds: ReconciliationThresholds,
): Variance[] {
  const variances: Variance[] = [];
  for (const order of orders) {
    const keys = { orderId: order.orderId, erpOrderNumber: order.erpOrderNumber };
    const base = { check: 'orders' as const, key: order.erpOrderNumber, keys };
    const inErp = erp.get(order.erpOrderNumber);
    if (inErp === null) {
      variances.push({
        ...base,
        kind: 'missing_in_erp',
        systems: ['erp', 'gateway'],
        expected: null,
        actual: { erpOrderNumber: order.erpOrderNumber, totalAmount: order.totalAmount },
        amount: order.totalAmount ?? undefined,
        disposition: EXCEPTION,
      });
    } else if (inErp) {
      if (inErp.cancelled !== order.cancelled) {
        variances.push({
          ...base,
          kind: 'cancellation_mismatch',
          systems: ['erp', 'gateway'],
          expected: { cancelled: inErp.cancelled },
          actual: { cancelled: order.cancelled },
          amount: inErp.netAmount,
          disposition: EXCEPTION,
        });
      } else if (!order.cancelled && order.totalAmount !== null) {
        const variance = round2(Math.abs(inErp.netAmount - order.totalAmount));
        if (variance > 0) {
          variances.push({
            ...base,
            kind: 'amount_mismatch',
            systems: ['erp', 'gateway'],
            expected: { netAmount: inErp.netAmount },
            actual: { totalAmount: order.totalAmount },
            variance,
            amount: variance,
            threshold: thresholds.amount,
            disposition: variance > thresholds.amount ? EXCEPTION : WITHIN,
          });
        }
      }
    }
    const inOms = order.omsOrderId ? oms.get(order.omsOrderId) : undefined;
    if (inOms === null) {
      variances.push({
        ...base,
        keys: { ...keys, omsOrderId: order.omsOrderId! },
        kind: 'missing_in_oms',
        systems: ['oms', 'gateway'],
        expected: null,
        actual: { omsOrderId: order.omsOrderId },
        disposition: EXCEPTION,
      });
    } else if (inOms) {
      const expected = OMS_STATUS_OF[order.status];
      if (expected && inOms.status !== expected) {
        variances.push({
          ...base,
          keys: { ...keys, omsOrderId: order.omsOrderId! },
          kind: 'oms_status_mismatch',
          systems: ['gateway', 'oms'],
          expected: { status: expected },
          actual: { status: inOms.status },
          disposition: omsStatusDisposition(expected, inOms.status),
        });
      }
    }
  }
  return variances;
}

// ------------------------------------------------------------------------------------------------
// (c) shipments: WMS shipped vs gateway shipments
// ------------------------------------------------------------------------------------------------

/** A leg released to the WMS, with what the gateway recorded as shipped from it (base units per sku). */
export interface GatewayLegFacts {
  readonly orderId: string;
  readonly erpOrderNumber: string;
  readonly warehouseId: string;
  readonly wmsOrderId: string;
  readonly shipments: number;
  readonly shipped: Readonly<Record<string, number>>;
}

/** A WMS outbound order: what it shipped per sku (base units), undefined while not shipped. */
export interface WmsOutboundFacts {
  readonly wmsOrderId: string;
  readonly shipped?: Readonly<Record<string, number>>;
}

/**
 * Per WMS outbound order of a released leg. A shipment the WMS made and the gateway never heard of
 * (its event was lost) is re-fetched: applied as the event would have been, so the leg, the order,
 * the invoice and the partners follow. Any other difference (quantities, a shipment the WMS does not
 * know) is an exception: the WMS's event history, not reconciliation, can tell which side is wrong.
 */
export function compareShipments(
  legs: readonly GatewayLegFacts[],
  wms: ReadonlyMap<string, WmsOutboundFacts>,
  thresholds: ReconciliationThresholds,
): Variance[] {
  const variances: Variance[] = [];
  for (const leg of legs) {
    const outbound = wms.get(leg.wmsOrderId);
    if (!outbound) continue; // not asked (the WMS could not be read for it)
    const keys = { orderId: leg.orderId, erpOrderNumber: leg.erpOrderNumber, warehouseId: leg.warehouseId, wmsOrderId: leg.wmsOrderId };
    const base = { check: 'shipments' as const, key: leg.wmsOrderId, keys, systems: ['wms', 'gateway'] };
    const theirs = outbound.shipped;
    if (theirs && leg.shipments === 0) {
      variances.push({
        ...base,
        kind: 'shipment_missing_in_gateway',
        expected: theirs,
        actual: null,
        variance: total(theirs),
        disposition: REPAIR('refetch_shipment'),
      });
      continue;
    }
    if (!theirs && leg.shipments > 0) {
      variances.push({ ...base, kind: 'shipment_missing_in_wms', expected: null, actual: leg.shipped, variance: total(leg.shipped), disposition: EXCEPTION });
      continue;
    }
    if (!theirs) continue;
    const variance = Math.max(
      ...[...new Set([...Object.keys(theirs), ...Object.keys(leg.shipped)])].map((sku) => Math.abs((theirs[sku] ?? 0) - (leg.shipped[sku] ?? 0))),
    );
    if (variance === 0) continue;
    variances.push({
      ...base,
      kind: 'shipped_quantity_mismatch',
      expected: theirs,
      actual: leg.shipped,
      variance,
      threshold: thresholds.stockUnits,
      disposition: variance > thresholds.stockUnits ? EXCEPTION : WITHIN,
    });
  }
  return variances;
}

const total = (quantities: Readonly<Record<string, number>>) => Object.values(quantities).reduce((sum, q) => sum + q, 0);

// ------------------------------------------------------------------------------------------------
// (d) invoices: gateway invoices vs ERP billing documents
// ------------------------------------------------------------------------------------------------

/** An invoice the gateway holds as issued in the ERP. */
export interface GatewayInvoiceFacts {
  readonly invoiceId: string;
  readonly status: 'open' | 'paid';
  readonly erpInvoiceNumber: string;
  readonly grossAmount: number;
  /** Base units per sku. */
  readonly quantities: Readonly<Record<string, number>>;
}

/** A billing document as the ERP holds it. */
export interface ErpBillingFacts {
  readonly erpInvoiceNumber: string;
  readonly grossAmount: number;
  readonly quantities: Readonly<Record<string, number>>;
}

/**
 * Per issued invoice, its billing documents in the ERP (found by the gateway's invoice id as
 * external reference; undefined = not asked). An open invoice with no billing document is issued
 * again (the customer owes it, and the gateway holds its shipments); a paid one is an exception, as
 * are quantity and amount differences and a second document for the same invoice.
 */
export function compareInvoices(
  invoices: readonly GatewayInvoiceFacts[],
  erp: ReadonlyMap<string, readonly ErpBillingFacts[]>,
  thresholds: ReconciliationThresholds,
): Variance[] {
  const variances: Variance[] = [];
  for (const invoice of invoices) {
    const documents = erp.get(invoice.invoiceId);
    if (!documents) continue;
    const keys = { invoiceId: invoice.invoiceId, erpInvoiceNumber: invoice.erpInvoiceNumber };
    const base = { check: 'invoices' as const, key: invoice.invoiceId, keys, systems: ['erp', 'gateway'] };
    const ours = { erpInvoiceNumber: invoice.erpInvoiceNumber, grossAmount: invoice.grossAmount, quantities: invoice.quantities };
    if (documents.length === 0) {
      variances.push({
        ...base,
        kind: 'billing_document_missing',
        expected: null,
        actual: ours,
        amount: invoice.grossAmount,
        disposition: invoice.status === 'open' ? REPAIR('reissue_invoice') : EXCEPTION,
      });
      continue;
    }
    if (documents.length > 1) {
      variances.push({
        ...base,
        kind: 'duplicate_billing_documents',
        expected: documents.map((d) => d.erpInvoiceNumber),
        actual: ours,
        amount: round2(documents.reduce((sum, d) => sum + d.grossAmount, 0) - invoice.grossAmount),
        disposition: EXCEPTION,
      });
      continue;
    }
    const [document] = documents;
    const quantityVariance = Math.max(
      ...[...new Set([...Object.keys(document.quantities), ...Object.keys(invoice.quantities)])].map((sku) =>
        Math.abs((document.quantities[sku] ?? 0) - (invoice.quantities[sku] ?? 0)),
      ),
    );
    if (quantityVariance > 0) {
      variances.push({
        ...base,
        kind: 'invoice_quantity_mismatch',
        expected: { erpInvoiceNumber: document.erpInvoiceNumber, quantities: document.quantities },
        actual: { erpInvoiceNumber: invoice.erpInvoiceNumber, quantities: invoice.quantities },
        variance: quantityVariance,
        amount: round2(Math.abs(document.grossAmount - invoice.grossAmount)),
        threshold: thresholds.stockUnits,
        disposition: quantityVariance > thresholds.stockUnits ? EXCEPTION : WITHIN,
      });
    }
    const amountVariance = round2(Math.abs(document.grossAmount - invoice.grossAmount));
    if (amountVariance > 0) {
      variances.push({
        ...base,
        kind: 'invoice_amount_mismatch',
        expected: { erpInvoiceNumber: document.erpInvoiceNumber, grossAmount: document.grossAmount },
        actual: { erpInvoiceNumber: invoice.erpInvoiceNumber, grossAmount: invoice.grossAmount },
        variance: amountVariance,
        amount: amountVariance,
        threshold: thresholds.amount,
        disposition: amountVariance > thresholds.amount ? EXCEPTION : WITHIN,
      });
    }
    if (document.erpInvoiceNumber !== invoice.erpInvoiceNumber) {
      variances.push({
        ...base,
        kind: 'billing_document_number_mismatch',
        expected: { erpInvoiceNumber: document.erpInvoiceNumber },
        actual: { erpInvoiceNumber: invoice.erpInvoiceNumber },
        amount: invoice.grossAmount,
        disposition: EXCEPTION,
      });
    }
  }
  return variances;
}
