import type { CreateErpCreditMemoDto, ErpCreditMemoDto, ErpCreditMemoLineDto } from '@contracts';
import { unmappable } from '../../../vendor/vendor-error.js';
import { decimal } from './sap-odata.js';
import type { SapBillingDocument, SapBillingDocumentItem, SapCreditMemoCreate } from './sap.types.js';

/** Credit memo quantities are base units, like invoices'. */
const BASE_UNIT = 'EA';

/** A `G2` billing document crediting items of one customer return (at the credited invoice's price and tax rate). */
export function toSapCreditMemoCreate(request: CreateErpCreditMemoDto): SapCreditMemoCreate {
  return {
    BillingDocumentType: 'G2',
    SoldToParty: request.customerId,
    YY1_ExternalReference: request.externalReference,
    to_Item: request.lines.map((line) => ({
      ReferenceSDDocument: request.erpReturnNumber,
      ReferenceSDDocumentItem: line.erpReturnItemNumber,
      Material: line.sku,
      BillingQuantity: String(line.quantity),
      BillingQuantityUnit: BASE_UNIT,
      ...(line.erpInvoiceNumber === undefined ? {} : { YY1_ReferenceInvoice: line.erpInvoiceNumber }),
    })),
  };
}

/** A credit memo read with its items. Amounts stay positive, as the ERP keeps them: the document type says they are a credit. */
export function toErpCreditMemo(native: SapBillingDocument): ErpCreditMemoDto {
  const document = native.BillingDocument;
  if (native.BillingDocumentType !== 'G2')
    throw unmappable('erp', `Billing document ${document} is of type ${native.BillingDocumentType}, not a G2 credit memo`);
  const items = [...(native.to_Item?.results ?? [])].sort((a, b) => Number(a.BillingDocumentItem) - Number(b.BillingDocumentItem));
  const returns = [...new Set(items.map((item) => item.ReferenceSDDocument))];
  if (returns.length !== 1) throw unmappable('erp', `Credit memo ${document} references ${returns.length} customer returns, not one`);
  return {
    erpCreditMemoNumber: document,
    externalReference: native.YY1_ExternalReference ?? '',
    customerId: native.SoldToParty,
    erpReturnNumber: returns[0]!,
    currency: native.TransactionCurrency ?? '',
    netAmount: decimal(native.TotalNetAmount, 'TotalNetAmount'),
    taxAmount: decimal(native.TaxAmount, 'TaxAmount'),
    grossAmount: decimal(native.TotalGrossAmount, 'TotalGrossAmount'),
    lines: items.map((item) => toLine(document, item)),
  };
}

function toLine(document: string, item: SapBillingDocumentItem): ErpCreditMemoLineDto {
  const invoice = item.YY1_ReferenceInvoice?.trim();
  if (!invoice) throw unmappable('erp', `Credit memo ${document} item ${item.BillingDocumentItem} names no invoice (YY1_ReferenceInvoice)`);
  return {
    erpReturnItemNumber: String(Number(item.ReferenceSDDocumentItem)),
    sku: item.Material,
    quantity: baseQuantity(document, item),
    netAmount: decimal(item.NetAmount, 'NetAmount'),
    taxAmount: decimal(item.TaxAmount, 'TaxAmount'),
    erpInvoiceNumber: invoice,
  };
}

function baseQuantity(document: string, item: SapBillingDocumentItem): number {
  if (item.BillingQuantityInBaseUnit) return decimal(item.BillingQuantityInBaseUnit, 'BillingQuantityInBaseUnit');
  if (item.BillingQuantityUnit?.trim().toUpperCase() === BASE_UNIT) return decimal(item.BillingQuantity, 'BillingQuantity');
  throw unmappable('erp', `Credit memo ${document} item ${item.BillingDocumentItem} is in unit ${item.BillingQuantityUnit} without a base quantity`);
}
