import { describe, expect, it } from '@jest/globals';
import { toErpCreditMemo, toSapCreditMemoCreate } from './sap-credit-memo.mapper.js';
import { toErpCustomerReturn, toSapCustomerReturnCreate } from './sap-customer-return.mapper.js';
import type { SapBillingDocument, SapCustomerReturn } from './sap.types.js';

const customerReturn: SapCustomerReturn = {
  CustomerReturn: '60000001',
  SoldToParty: '10100001',
  ReferenceSDDocument: '4500000001',
  CreationDate: '/Date(1765065600000)/',
  TransactionCurrency: 'USD',
  TotalNetAmount: '178.00',
  OverallSDProcessStatus: 'B',
  YY1_ExternalReference: 'ret-1',
  to_Item: {
    results: [
      {
        CustomerReturnItem: '20',
        Material: 'SKU-1001',
        RequestedQuantity: '1',
        RequestedQuantityUnit: 'CS',
        RequestedQuantityInBaseUnit: '12.000',
        NetAmount: '106.80',
        ReferenceSDDocumentItem: '000010',
        YY1_CreditedQuantityInBaseUnit: '12.000',
      },
      {
        CustomerReturnItem: '10',
        Material: 'SKU-1003',
        RequestedQuantity: '2.000',
        RequestedQuantityUnit: 'EA',
        NetAmount: '28.50',
        ReferenceSDDocumentItem: '20',
      },
    ],
  },
};

describe('customer returns', () => {
  it('builds the deep insert with reference to the sales order, the reasons per header and item, quantities in the unit requested', () => {
    expect(
      toSapCustomerReturnCreate({
        customerId: '10100001',
        erpOrderNumber: '4500000001',
        purchaseOrderNumber: 'PO-1',
        externalReference: 'ret-1',
        reasonCode: '101',
        lines: [{ erpItemNumber: '10', sku: 'SKU-1001', quantity: 1, uom: 'CS', reasonCode: '102' }],
      }),
    ).toEqual({
      CustomerReturnType: 'CBAR',
      SoldToParty: '10100001',
      ReferenceSDDocument: '4500000001',
      PurchaseOrderByCustomer: 'PO-1',
      SDDocumentReason: '101',
      YY1_ExternalReference: 'ret-1',
      to_Item: [
        {
          ReferenceSDDocument: '4500000001',
          ReferenceSDDocumentItem: '10',
          Material: 'SKU-1001',
          RequestedQuantity: '1',
          RequestedQuantityUnit: 'CS',
          ReturnReason: '102',
        },
      ],
    });
  });

  it('maps header and items: base quantities, item numbers without padding, the credit progress', () => {
    expect(toErpCustomerReturn(customerReturn)).toEqual({
      erpReturnNumber: '60000001',
      externalReference: 'ret-1',
      customerId: '10100001',
      erpOrderNumber: '4500000001',
      currency: 'USD',
      netAmount: 178,
      creditStatus: 'partial',
      createdOn: '2025-12-07',
      lines: [
        { erpReturnItemNumber: '10', erpItemNumber: '20', sku: 'SKU-1003', quantity: 2, uom: 'EA', netAmount: 28.5, creditedQuantity: 0 },
        { erpReturnItemNumber: '20', erpItemNumber: '10', sku: 'SKU-1001', quantity: 12, uom: 'EA', netAmount: 106.8, creditedQuantity: 12 },
      ],
    });
    expect(toErpCustomerReturn({ ...customerReturn, OverallSDProcessStatus: 'A' }).creditStatus).toBe('none');
    expect(toErpCustomerReturn({ ...customerReturn, OverallSDProcessStatus: 'C' }).creditStatus).toBe('full');
  });

  it('refuses what it cannot map faithfully', () => {
    expect(() => toErpCustomerReturn({ ...customerReturn, OverallSDProcessStatus: 'X' })).toThrow(/OverallSDProcessStatus "X"/);
    expect(() => toErpCustomerReturn({ ...customerReturn, CreationDate: undefined })).toThrow(/no CreationDate/);
    expect(() => toErpCustomerReturn({ ...customerReturn, to_Item: { results: [] } })).toThrow(/no items/);
    const [cases] = customerReturn.to_Item!.results;
    expect(() => toErpCustomerReturn({ ...customerReturn, to_Item: { results: [{ ...cases!, RequestedQuantityInBaseUnit: undefined }] } })).toThrow(
      expect.objectContaining({ status: 502, code: 'ERP.UNMAPPABLE_RESPONSE' }),
    );
  });
});

const memo: SapBillingDocument = {
  BillingDocument: '90000003',
  BillingDocumentType: 'G2',
  SoldToParty: '10100001',
  TotalNetAmount: '178.00',
  TaxAmount: '10.24',
  TotalGrossAmount: '188.24',
  TransactionCurrency: 'USD',
  YY1_ExternalReference: 'cm-1',
  to_Item: {
    results: [
      {
        BillingDocumentItem: '10',
        Material: 'SKU-1001',
        BillingQuantity: '20.000',
        BillingQuantityUnit: 'EA',
        NetAmount: '178.00',
        TaxAmount: '10.24',
        ReferenceSDDocument: '60000001',
        ReferenceSDDocumentItem: '000010',
        YY1_ReferenceInvoice: '90000001',
      },
    ],
  },
};

describe('credit memos', () => {
  it('builds a G2 deep insert on the return items, naming the invoice only when given', () => {
    const body = toSapCreditMemoCreate({
      customerId: '10100001',
      erpReturnNumber: '60000001',
      externalReference: 'cm-1',
      lines: [
        { erpReturnItemNumber: '10', sku: 'SKU-1001', quantity: 20 },
        { erpReturnItemNumber: '20', sku: 'SKU-1003', quantity: 1, erpInvoiceNumber: '90000002' },
      ],
    });
    expect(body).toEqual({
      BillingDocumentType: 'G2',
      SoldToParty: '10100001',
      YY1_ExternalReference: 'cm-1',
      to_Item: [
        { ReferenceSDDocument: '60000001', ReferenceSDDocumentItem: '10', Material: 'SKU-1001', BillingQuantity: '20', BillingQuantityUnit: 'EA' },
        {
          ReferenceSDDocument: '60000001',
          ReferenceSDDocumentItem: '20',
          Material: 'SKU-1003',
          BillingQuantity: '1',
          BillingQuantityUnit: 'EA',
          YY1_ReferenceInvoice: '90000002',
        },
      ],
    });
  });

  it('maps a G2 document with positive amounts and the invoice each item credits', () => {
    expect(toErpCreditMemo(memo)).toEqual({
      erpCreditMemoNumber: '90000003',
      externalReference: 'cm-1',
      customerId: '10100001',
      erpReturnNumber: '60000001',
      currency: 'USD',
      netAmount: 178,
      taxAmount: 10.24,
      grossAmount: 188.24,
      lines: [{ erpReturnItemNumber: '10', sku: 'SKU-1001', quantity: 20, netAmount: 178, taxAmount: 10.24, erpInvoiceNumber: '90000001' }],
    });
  });

  it('never reads an invoice as a credit memo, and refuses items without the invoice credited', () => {
    expect(() => toErpCreditMemo({ ...memo, BillingDocumentType: 'F2' })).toThrow(/not a G2 credit memo/);
    const [item] = memo.to_Item!.results;
    expect(() => toErpCreditMemo({ ...memo, to_Item: { results: [{ ...item!, YY1_ReferenceInvoice: '' }] } })).toThrow(/names no invoice/);
  });
});
