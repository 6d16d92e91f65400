import { describe, expect, it } from '@jest/globals';
import { toErpSalesOrder, toSapSalesOrderCreate } from './sap-sales-order.mapper.js';
import type { SapSalesOrder } from './sap.types.js';

const native: SapSalesOrder = {
  SalesOrder: '4500000001',
  SalesOrderType: 'OR',
  SoldToParty: '10100001',
  PurchaseOrderByCustomer: 'PO-1',
  RequestedDeliveryDate: '/Date(1796083200000)/',
  TransactionCurrency: 'USD',
  TotalNetAmount: '315.00',
  OverallSDProcessStatus: 'A',
  TotalCreditCheckStatus: 'A',
  DeliveryBlockReason: '',
  CreationDate: '/Date(1763856000000)/',
  to_Item: {
    results: [
      {
        SalesOrderItem: '20',
        Material: 'SKU-1002',
        RequestedQuantity: '2.000',
        RequestedQuantityUnit: 'CS',
        NetAmount: '105.00',
        NetPriceAmount: '4.375',
        NetPriceQuantity: '1',
        TransactionCurrency: 'USD',
      },
      {
        SalesOrderItem: '000010',
        Material: 'SKU-1001',
        RequestedQuantity: '24.000',
        RequestedQuantityUnit: 'EA',
        NetAmount: '210.00',
        NetPriceAmount: '8.75',
        NetPriceQuantity: '1',
        TransactionCurrency: 'USD',
      },
    ],
  },
};

describe('toSapSalesOrderCreate', () => {
  it("builds the deep insert: sales area, items numbered 10, 20 by position with the partner's line as PO item, decimals as strings, /Date()/", () => {
    const body = toSapSalesOrderCreate({
      customerId: '10100001',
      purchaseOrderNumber: 'PO-1',
      requestedDeliveryDate: '2026-12-01',
      lines: [
        { lineNumber: 1, sku: 'SKU-1001', quantity: 24, uom: 'EA' },
        { lineNumber: 2, sku: 'SKU-1002', quantity: 2, uom: 'CS' },
      ],
    });
    expect(body).toEqual({
      SalesOrderType: 'OR',
      SalesOrganization: '1000',
      DistributionChannel: '10',
      OrganizationDivision: '00',
      SoldToParty: '10100001',
      PurchaseOrderByCustomer: 'PO-1',
      RequestedDeliveryDate: '/Date(1796083200000)/',
      to_Item: {
        results: [
          { SalesOrderItem: '10', UnderlyingPurchaseOrderItem: '1', Material: 'SKU-1001', RequestedQuantity: '24', RequestedQuantityUnit: 'EA' },
          { SalesOrderItem: '20', UnderlyingPurchaseOrderItem: '2', Material: 'SKU-1002', RequestedQuantity: '2', RequestedQuantityUnit: 'CS' },
        ],
      },
    });
  });

  it('maps any line number both ways (SAP-style 10/20 and six digits), however the items are numbered', () => {
    const body = toSapSalesOrderCreate({
      customerId: '1',
      purchaseOrderNumber: 'P',
      lines: [
        { lineNumber: 10, sku: 'SKU-1001', quantity: 1, uom: 'EA' },
        { lineNumber: 20, sku: 'SKU-1002', quantity: 1, uom: 'EA' },
        { lineNumber: 999_999, sku: 'SKU-1003', quantity: 1, uom: 'EA' },
      ],
    });
    expect(body.to_Item.results.map((i) => [i.SalesOrderItem, i.UnderlyingPurchaseOrderItem])).toEqual([
      ['10', '10'],
      ['20', '20'],
      ['30', '999999'],
    ]);
    const [first] = native.to_Item!.results;
    const read = toErpSalesOrder({
      ...native,
      to_Item: { results: body.to_Item.results.map((item) => ({ ...first, ...item })) },
    });
    expect(read.lines.map((l) => [l.erpItemNumber, l.lineNumber])).toEqual([
      ['10', 10],
      ['20', 20],
      ['30', 999_999],
    ]);
  });

  it('leaves out an absent delivery date', () => {
    const body = toSapSalesOrderCreate({ customerId: '1', purchaseOrderNumber: 'P', lines: [{ lineNumber: 1, sku: 'S', quantity: 1, uom: 'EA' }] });
    expect(body).not.toHaveProperty('RequestedDeliveryDate');
  });
});

describe('toErpSalesOrder', () => {
  it('maps header and items: decimals, dates, item numbers, units kept as ordered', () => {
    expect(toErpSalesOrder(native)).toEqual({
      erpOrderNumber: '4500000001',
      customerId: '10100001',
      purchaseOrderNumber: 'PO-1',
      currency: 'USD',
      netAmount: 315,
      creditStatus: 'passed',
      deliveryBlocked: false,
      cancelled: false,
      createdOn: '2025-11-23',
      lines: [
        { erpItemNumber: '10', lineNumber: 1, sku: 'SKU-1001', quantity: 24, uom: 'EA', netAmount: 210, unitPrice: 8.75 },
        { erpItemNumber: '20', lineNumber: 2, sku: 'SKU-1002', quantity: 2, uom: 'CS', netAmount: 105, unitPrice: 4.375 },
      ],
    });
  });

  it("maps credit status B to 'blocked' and a delivery block reason to deliveryBlocked", () => {
    const order = toErpSalesOrder({ ...native, TotalCreditCheckStatus: 'B', DeliveryBlockReason: '01' });
    expect(order.creditStatus).toBe('blocked');
    expect(order.deliveryBlocked).toBe(true);
  });

  it('reads the net price per price unit', () => {
    const item = { ...native.to_Item!.results[1], NetPriceAmount: '87.50', NetPriceQuantity: '10' };
    expect(toErpSalesOrder({ ...native, to_Item: { results: [item] } }).lines[0].unitPrice).toBe(8.75);
  });

  it('maps an order read without items', () => {
    expect(toErpSalesOrder({ ...native, to_Item: undefined }).lines).toEqual([]);
  });

  it('refuses what it cannot map faithfully', () => {
    expect(() => toErpSalesOrder({ ...native, CreationDate: undefined })).toThrow(/no CreationDate/);
    const odd = { ...native.to_Item!.results[1], SalesOrderItem: '15' };
    expect(() => toErpSalesOrder({ ...native, to_Item: { results: [odd] } })).toThrow(/item 15/);
    const notOurs = { ...native.to_Item!.results[1], UnderlyingPurchaseOrderItem: 'A-1' };
    expect(() => toErpSalesOrder({ ...native, to_Item: { results: [notOurs] } })).toThrow(/PO item 'A-1'/);
    const kg = { ...native.to_Item!.results[1], RequestedQuantityUnit: 'KG' };
    expect(() => toErpSalesOrder({ ...native, to_Item: { results: [kg] } })).toThrow(/unit KG/);
  });
});
