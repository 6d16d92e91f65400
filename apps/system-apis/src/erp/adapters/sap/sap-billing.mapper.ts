import type { CreateErpInvoiceDto, ErpInvoiceDto, ErpInvoiceLineDto } from '@contracts';
import { unmappable } from '../../../vendor/vendor-error.js';
import { decimal, isoDay, parseODataDate } from './sap-odata.js';
import type { SapBillingDocument, SapBillingDocumentCreate, SapBillingDocumentItem } from './sap.types.js';

/** Canonical quantities are base units; the sandbox ERP's (and the gateway's) base unit is the each. */
const BASE_UNIT = 'EA';

export function toSapBillingDocumentCreate(invoice: CreateErpInvoiceDto): SapBillingDocumentCreate {
  return {
    BillingDocumentType: 'F2',
    SoldToParty: invoice.customerId,
    YY1_ExternalReference: invoice.externalReference,
    YY1_ShipToRegion: invoice.shipToRegion,
    to_Item: invoice.lines.map((line) => ({
      ReferenceSDDocument: line.erpOrderNumber ?? invoice.erpOrderNumber,
      ReferenceSDDocumentItem: line.erpItemNumber,
      Material: line.sku,
      BillingQuantity: String(line.quantity),
      BillingQuantityUnit: BASE_UNIT,
    })),
  };
}

/** A billing document read with its items; it may bill several sales orders of its sold-to party. */
export function toErpInvoice(native: SapBillingDocument): ErpInvoiceDto {
  const document = native.BillingDocument;
  const date = parseODataDate(native.BillingDocumentDate, 'BillingDocumentDate');
  if (!date) throw unmappable('erp', `Billing document ${document} has no BillingDocumentDate`);
  const items = [...(native.to_Item?.results ?? [])].sort((a, b) => Number(a.BillingDocumentItem) - Number(b.BillingDocumentItem));
  const orders = [...new Set(items.map((item) => item.ReferenceSDDocument))];
  if (!orders.length) throw unmappable('erp', `Billing document ${document} references no sales order`);
  return {
    erpInvoiceNumber: document,
    externalReference: native.YY1_ExternalReference ?? '',
    customerId: native.SoldToParty,
    erpOrderNumber: orders[0]!,
    erpOrderNumbers: orders,
    invoiceDate: isoDay(date),
    currency: native.TransactionCurrency ?? '',
    netAmount: decimal(native.TotalNetAmount, 'TotalNetAmount'),
    taxAmount: decimal(native.TaxAmount, 'TaxAmount'),
    grossAmount: decimal(native.TotalGrossAmount, 'TotalGrossAmount'),
    status: native.InvoiceClearingStatus === 'C' ? 'paid' : 'open',
    lines: items.map((item) => toLine(document, item)),
  };
}

function toLine(document: string, item: SapBillingDocumentItem): ErpInvoiceLineDto {
  return {
    erpOrderNumber: item.ReferenceSDDocument,
    erpItemNumber: String(Number(item.ReferenceSDDocumentItem)),
    sku: item.Material,
    quantity: baseQuantity(document, item),
    netAmount: decimal(item.NetAmount, 'NetAmount'),
    taxAmount: decimal(item.TaxAmount, 'TaxAmount'),
  };
}

/** The billed quantity in base units: the ERP's own conversion when it sends one, else the quantity billed in eaches. */
function baseQuantity(document: string, item: SapBillingDocumentItem): number {
  if (item.BillingQuantityInBaseUnit) return decimal(item.BillingQuantityInBaseUnit, 'BillingQuantityInBaseUnit');
  if (item.BillingQuantityUnit?.trim().toUpperCase() === BASE_UNIT) return decimal(item.BillingQuantity, 'BillingQuantity');
  throw unmappable('erp', `Billing document ${document} item ${item.BillingDocumentItem} is in unit ${item.BillingQuantityUnit} without a base quantity`);
}
