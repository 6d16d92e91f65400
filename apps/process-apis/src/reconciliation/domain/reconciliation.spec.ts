import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  compareInvoices,
  compareOrders,
  compareShipments,
  compareStock,
  type GatewayInvoiceFacts,
  type GatewayLegFacts,
  type GatewayOrderFacts,
  type ReconciliationThresholds,
  type StockFigures,
} from './reconciliation.js';

const exact: ReconciliationThresholds = { stockUnits: 0, amount: 0.01 };
const position = (sku: string, warehouseId: string, onHand: number, allocated = 0): StockFigures => ({
  sku,
  warehouseId,
  onHand,
  allocated,
  safetyStock: 0,
  qualityHold: 0,
});

describe('compareStock', () => {
  it('re-syncs a position whose figures differ from the WMS, keyed by sku and warehouse', () => {
    const [variance, ...rest] = compareStock(
      [position('SKU-1', 'DC01', 93), position('SKU-2', 'DC01', 5)],
      [position('SKU-1', 'DC01', 100), position('SKU-2', 'DC01', 5)],
      exact,
    );
    expect(rest).toEqual([]);
    expect(variance).toMatchObject({
      check: 'stock',
      kind: 'stock_mismatch',
      key: 'SKU-1@DC01',
      keys: { sku: 'SKU-1', warehouseId: 'DC01' },
      systems: ['wms', 'atp_projection'],
      expected: { onHand: 93 },
      actual: { onHand: 100 },
      variance: 7,
      disposition: { kind: 'repair', repair: 'resync_projection' },
    });
  });

  it('counts a position one side does not report as zeros there', () => {
    const variances = compareStock([position('SKU-1', 'DC02', 4)], [position('SKU-3', 'DC03', 2)], exact);
    expect(variances.map((v) => [v.key, (v.expected as StockFigures).onHand, (v.actual as StockFigures).onHand])).toEqual([
      ['SKU-1@DC02', 4, 0],
      ['SKU-3@DC03', 0, 2],
    ]);
  });

  it('records a variance within the threshold without repairing it', () => {
    const [variance] = compareStock([position('SKU-1', 'DC01', 98)], [position('SKU-1', 'DC01', 100)], { stockUnits: 2, amount: 0 });
    expect(variance.disposition).toEqual({ kind: 'within_threshold' });
  });

  it('finds nothing when the projection equals the WMS, and every differing position otherwise (property)', () => {
    const figures = fc.record({ onHand: fc.nat(1000), allocated: fc.nat(1000) });
    const positions = fc.uniqueArray(fc.tuple(fc.constantFrom('SKU-1', 'SKU-2', 'SKU-3'), fc.constantFrom('DC01', 'DC02'), figures), {
      selector: ([sku, wh]) => `${sku}@${wh}`,
    });
    fc.assert(
      fc.property(positions, positions, (a, b) => {
        const wms = a.map(([sku, wh, f]) => position(sku, wh, f.onHand, f.allocated));
        const ours = b.map(([sku, wh, f]) => position(sku, wh, f.onHand, f.allocated));
        expect(compareStock(wms, wms, exact)).toEqual([]);
        const found = new Set(compareStock(wms, ours, exact).map((v) => v.key));
        const at = (list: StockFigures[], key: string) => list.find((p) => `${p.sku}@${p.warehouseId}` === key);
        for (const key of new Set([...wms, ...ours].map((p) => `${p.sku}@${p.warehouseId}`))) {
          const w = at(wms, key);
          const o = at(ours, key);
          const differs = (w?.onHand ?? 0) !== (o?.onHand ?? 0) || (w?.allocated ?? 0) !== (o?.allocated ?? 0);
          expect(found.has(key)).toBe(differs);
        }
      }),
    );
  });
});

describe('compareOrders', () => {
  const order = (n: string, extra: Partial<GatewayOrderFacts> = {}): GatewayOrderFacts => ({
    orderId: `order-${n}`,
    status: 'released',
    erpOrderNumber: n,
    omsOrderId: `OMS-${n}`,
    cancelled: false,
    totalAmount: 100,
    ...extra,
  });

  it('makes an exception of an order the ERP or the OMS does not have, and reports nothing for one both have', () => {
    const variances = compareOrders(
      [order('1'), order('2'), order('3')],
      new Map([
        ['1', { netAmount: 100, cancelled: false }],
        ['2', null],
        ['3', { netAmount: 100, cancelled: false }],
      ]),
      new Map([
        ['OMS-1', { status: 'released' }],
        ['OMS-2', { status: 'released' }],
        ['OMS-3', null],
      ]),
      exact,
    );
    expect(variances.map((v) => [v.kind, v.key, v.disposition.kind])).toEqual([
      ['missing_in_erp', '2', 'exception'],
      ['missing_in_oms', '3', 'exception'],
    ]);
    expect(variances[1].keys).toEqual({ orderId: 'order-3', erpOrderNumber: '3', omsOrderId: 'OMS-3' });
  });

  it('holds an amount difference against the threshold and flags a cancellation only one side knows of', () => {
    const variances = compareOrders(
      [order('1', { totalAmount: 100 }), order('2', { totalAmount: 100 }), order('3', { cancelled: true, status: 'cancelled', omsOrderId: null })],
      new Map([
        ['1', { netAmount: 100.005, cancelled: false }],
        ['2', { netAmount: 90, cancelled: false }],
        ['3', { netAmount: 100, cancelled: false }],
      ]),
      new Map(),
      exact,
    );
    expect(variances.map((v) => [v.kind, v.key, v.variance, v.disposition.kind])).toEqual([
      ['amount_mismatch', '2', 10, 'exception'],
      ['cancellation_mismatch', '3', undefined, 'exception'],
    ]);
  });

  it('sends the OMS a status it is behind on; an OMS ahead or cancelled on its own is an exception; other statuses are not compared', () => {
    const cases: Array<[string, string, string]> = [
      // gateway status, OMS status, what happens
      ['shipped', 'released', 'repair'],
      ['released', 'created', 'repair'],
      ['cancelled', 'released', 'repair'],
      ['rejected', 'cancelled', 'none'],
      ['released', 'shipped', 'exception'],
      ['shipped', 'cancelled', 'exception'],
      ['partially_shipped', 'partially_shipped', 'none'],
      ['accepted', 'released', 'none'],
      ['on_hold', 'created', 'none'],
    ];
    for (const [ours, theirs, outcome] of cases) {
      const variances = compareOrders(
        [order('1', { status: ours, cancelled: ours === 'cancelled' || ours === 'rejected' })],
        new Map([['1', { netAmount: 100, cancelled: ours === 'cancelled' || ours === 'rejected' }]]),
        new Map([['OMS-1', { status: theirs }]]),
        exact,
      );
      const found = variances.map((v) => (v.disposition.kind === 'repair' ? v.disposition.repair : v.disposition.kind));
      expect([ours, theirs, found]).toEqual([ours, theirs, outcome === 'none' ? [] : [outcome === 'repair' ? 'resync_oms_status' : 'exception']]);
    }
  });

  it('does not compare what was not asked (a backend that could not be read for it)', () => {
    expect(compareOrders([order('1')], new Map(), new Map(), exact)).toEqual([]);
  });
});

describe('compareShipments', () => {
  const leg = (wmsOrderId: string, shipped: Record<string, number>): GatewayLegFacts => ({
    orderId: 'order-1',
    erpOrderNumber: '4500000001',
    warehouseId: 'DC01',
    wmsOrderId,
    shipments: Object.keys(shipped).length ? 1 : 0,
    shipped,
  });

  it('re-fetches a shipment the WMS made and the gateway never recorded', () => {
    const [variance] = compareShipments([leg('OB-1', {})], new Map([['OB-1', { wmsOrderId: 'OB-1', shipped: { 'SKU-1': 3 } }]]), exact);
    expect(variance).toMatchObject({
      kind: 'shipment_missing_in_gateway',
      key: 'OB-1',
      keys: { orderId: 'order-1', wmsOrderId: 'OB-1', warehouseId: 'DC01' },
      expected: { 'SKU-1': 3 },
      variance: 3,
      disposition: { kind: 'repair', repair: 'refetch_shipment' },
    });
  });

  it('makes exceptions of quantity differences and of a shipment the WMS does not know; nothing for matching or unshipped legs', () => {
    const variances = compareShipments(
      [leg('OB-1', { 'SKU-1': 3 }), leg('OB-2', { 'SKU-1': 3 }), leg('OB-3', { 'SKU-1': 2 }), leg('OB-4', {}), leg('OB-5', { 'SKU-1': 1 })],
      new Map([
        ['OB-1', { wmsOrderId: 'OB-1', shipped: { 'SKU-1': 3 } }],
        ['OB-2', { wmsOrderId: 'OB-2' }],
        ['OB-3', { wmsOrderId: 'OB-3', shipped: { 'SKU-1': 3 } }],
        ['OB-4', { wmsOrderId: 'OB-4' }],
      ]),
      exact,
    );
    expect(variances.map((v) => [v.kind, v.key, v.disposition.kind])).toEqual([
      ['shipment_missing_in_wms', 'OB-2', 'exception'],
      ['shipped_quantity_mismatch', 'OB-3', 'exception'],
    ]);
  });
});

describe('compareInvoices', () => {
  const invoice = (invoiceId: string, extra: Partial<GatewayInvoiceFacts> = {}): GatewayInvoiceFacts => ({
    invoiceId,
    status: 'open',
    erpInvoiceNumber: `9${invoiceId}`,
    grossAmount: 105.75,
    quantities: { 'SKU-1': 4 },
    ...extra,
  });
  const document = (invoiceId: string, extra: Partial<{ grossAmount: number; quantities: Record<string, number>; erpInvoiceNumber: string }> = {}) => ({
    erpInvoiceNumber: `9${invoiceId}`,
    grossAmount: 105.75,
    quantities: { 'SKU-1': 4 },
    ...extra,
  });

  it('issues an open invoice again when its billing document is gone; a paid one is an exception', () => {
    const variances = compareInvoices(
      [invoice('1'), invoice('2', { status: 'paid' }), invoice('3')],
      new Map([
        ['1', []],
        ['2', []],
        ['3', [document('3')]],
      ]),
      exact,
    );
    expect(variances.map((v) => [v.kind, v.key, v.amount, v.disposition])).toEqual([
      ['billing_document_missing', '1', 105.75, { kind: 'repair', repair: 'reissue_invoice' }],
      ['billing_document_missing', '2', 105.75, { kind: 'exception' }],
    ]);
  });

  it('makes exceptions of quantity and amount differences, a second document and another document number', () => {
    const variances = compareInvoices(
      [invoice('1'), invoice('2'), invoice('3'), invoice('4')],
      new Map([
        ['1', [document('1', { quantities: { 'SKU-1': 3 }, grossAmount: 79.31 })]],
        ['2', [document('2', { grossAmount: 110 })]],
        ['3', [document('3'), document('3', { erpInvoiceNumber: '99' })]],
        ['4', [document('4', { erpInvoiceNumber: '77' })]],
      ]),
      exact,
    );
    expect(variances.map((v) => [v.kind, v.key, v.variance])).toEqual([
      ['invoice_quantity_mismatch', '1', 1],
      ['invoice_amount_mismatch', '1', 26.44],
      ['invoice_amount_mismatch', '2', 4.25],
      ['duplicate_billing_documents', '3', undefined],
      ['billing_document_number_mismatch', '4', undefined],
    ]);
    expect(variances.every((v) => v.disposition.kind === 'exception')).toBe(true);
  });

  it('keeps a rounding difference within the amount threshold', () => {
    const [variance] = compareInvoices([invoice('1')], new Map([['1', [document('1', { grossAmount: 105.76 })]]]), { stockUnits: 0, amount: 0.05 });
    expect(variance).toMatchObject({ kind: 'invoice_amount_mismatch', disposition: { kind: 'within_threshold' } });
  });
});
