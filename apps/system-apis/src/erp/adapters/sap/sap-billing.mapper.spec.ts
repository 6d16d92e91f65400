import { describe, expect, it } from '@jest/globals';
import { toErpInvoice, toSapBillingDocumentCreate } from './sap-billing.mapper.js';
import type { SapBillingDocument } from './sap.types.js';

const native: SapBillingDocument = {
  BillingDocument: '90000001',
  BillingDocumentType: 'F2',
  BillingDocumentDate: '/Date(1763856000000)/',
  SoldToParty: '10100001',
  TotalNetAmount: '178.05',
  TaxAmount: '10.24',
  TotalGrossAmount: '188.29',
  TransactionCurrency: 'USD',
  InvoiceClearingStatus: 'A',
  YY1_ExternalReference: 'inv-1',
  YY1_ShipToRegion: 'OH',
  to_Item: {
    results: [
      {
        BillingDocumentItem: '20',
        Material: 'SKU-1003',
        BillingQuantity: '5.000',
        BillingQuantityUnit: 'EA',
        NetAmount: '71.25',
        TaxAmount: '4.10',
        ReferenceSDDocument: '4500000001',
        ReferenceSDDocumentItem: '000020',
      },
      {
        BillingDocumentItem: '10',
        Material: 'SKU-1001',
        BillingQuantity: '1.000',
        BillingQuantityUnit: 'CS',
        BillingQuantityInBaseUnit: '12.000',
        BaseUnit: 'EA',
        NetAmount: '106.80',
        TaxAmount: '6.14',
        ReferenceSDDocument: '4500000001',
        ReferenceSDDocumentItem: '10',
      },
    ],
  },
};

describe('toSapBillingDocumentCreate', () => {
  it("builds the F2 deep insert: one item per line referencing the order item (the line's own order, else the invoice's), quantities in eaches as strings", () => {
    const body = toSapBillingDocumentCreate({
      customerId: '10100001',
      erpOrderNumber: '4500000001',
      externalReference: 'inv-1',
      shipToRegion: 'OH',
      lines: [
        { erpItemNumber: '10', sku: 'SKU-1001', quantity: 12 },
        { erpOrderNumber: '4500000002', erpItemNumber: '20', sku: 'SKU-1003', quantity: 5 },
      ],
    });
    expect(body).toEqual({
      BillingDocumentType: 'F2',
      SoldToParty: '10100001',
      YY1_ExternalReference: 'inv-1',
      YY1_ShipToRegion: 'OH',
      to_Item: [
        { ReferenceSDDocument: '4500000001', ReferenceSDDocumentItem: '10', Material: 'SKU-1001', BillingQuantity: '12', BillingQuantityUnit: 'EA' },
        { ReferenceSDDocument: '4500000002', ReferenceSDDocumentItem: '20', Material: 'SKU-1003', BillingQuantity: '5', BillingQuantityUnit: 'EA' },
      ],
    });
  });
});

describe('toErpInvoice', () => {
  it('maps header and items: decimals, the date, item numbers without padding, quantities in base units', () => {
    expect(toErpInvoice(native)).toEqual({
      erpInvoiceNumber: '90000001',
      externalReference: 'inv-1',
      customerId: '10100001',
      erpOrderNumber: '4500000001',
      erpOrderNumbers: ['4500000001'],
      invoiceDate: '2025-11-23',
      currency: 'USD',
      netAmount: 178.05,
      taxAmount: 10.24,
      grossAmount: 188.29,
      status: 'open',
      lines: [
        { erpOrderNumber: '4500000001', erpItemNumber: '10', sku: 'SKU-1001', quantity: 12, netAmount: 106.8, taxAmount: 6.14 },
        { erpOrderNumber: '4500000001', erpItemNumber: '20', sku: 'SKU-1003', quantity: 5, netAmount: 71.25, taxAmount: 4.1 },
      ],
    });
  });

  it('maps a document billing several sales orders: each line keeps its own, the header lists them in item order', () => {
    const items = native.to_Item!.results.map((item) => (item.BillingDocumentItem === '20' ? { ...item, ReferenceSDDocument: '4500000002' } : item));
    const invoice = toErpInvoice({ ...native, to_Item: { results: items } });
    expect(invoice.erpOrderNumbers).toEqual(['4500000001', '4500000002']);
    expect(invoice.erpOrderNumber).toBe('4500000001');
    expect(invoice.lines.map((l) => l.erpOrderNumber)).toEqual(['4500000001', '4500000002']);
  });

  it.each([
    ['C', 'paid'],
    ['A', 'open'],
    ['B', 'open'],
    [undefined, 'open'],
  ])("maps clearing status %s to '%s'", (status, expected) => {
    expect(toErpInvoice({ ...native, InvoiceClearingStatus: status }).status).toBe(expected);
  });

  it('refuses what it cannot map faithfully', () => {
    expect(() => toErpInvoice({ ...native, BillingDocumentDate: undefined })).toThrow(/no BillingDocumentDate/);
    expect(() => toErpInvoice({ ...native, to_Item: undefined })).toThrow(/references no sales order/);
    const [, second] = native.to_Item!.results;
    const cases = { ...second!, BillingQuantityInBaseUnit: undefined };
    expect(() => toErpInvoice({ ...native, to_Item: { results: [cases] } })).toThrow(/unit CS without a base quantity/);
    expect(() => toErpInvoice({ ...native, TaxAmount: 'n/a' })).toThrow(/TaxAmount/);
  });
});
