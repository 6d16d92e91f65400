import type { CreateErpCustomerReturnDto, ErpCustomerReturnDto, ErpCustomerReturnLineDto, ErpReturnCreditStatus } from '@contracts';
import { unmappable } from '../../../vendor/vendor-error.js';
import { decimal, isoDay, parseODataDate } from './sap-odata.js';
import type { SapCustomerReturn, SapCustomerReturnCreate, SapCustomerReturnItem } from './sap.types.js';

/** Canonical return quantities are base units; the sandbox ERP's (and the gateway's) base unit is the each. */
const BASE_UNIT = 'EA';

/** A customer return with reference to one sales order; the ERP numbers the items 10, 20, … by position. */
export function toSapCustomerReturnCreate(request: CreateErpCustomerReturnDto): SapCustomerReturnCreate {
  return {
    CustomerReturnType: 'CBAR',
    SoldToParty: request.customerId,
    ReferenceSDDocument: request.erpOrderNumber,
    PurchaseOrderByCustomer: request.purchaseOrderNumber,
    SDDocumentReason: request.reasonCode,
    YY1_ExternalReference: request.externalReference,
    to_Item: request.lines.map((line) => ({
      ReferenceSDDocument: request.erpOrderNumber,
      ReferenceSDDocumentItem: line.erpItemNumber,
      Material: line.sku,
      RequestedQuantity: String(line.quantity),
      RequestedQuantityUnit: line.uom,
      ReturnReason: line.reasonCode,
    })),
  };
}

/** `OverallSDProcessStatus` of a return: how far credit memos credited it. */
const creditStatuses: ReadonlyMap<string, ErpReturnCreditStatus> = new Map<string, ErpReturnCreditStatus>([
  ['', 'none'],
  ['A', 'none'],
  ['B', 'partial'],
  ['C', 'full'],
]);

/** A customer return read with its items. */
export function toErpCustomerReturn(native: SapCustomerReturn): ErpCustomerReturnDto {
  const document = native.CustomerReturn;
  const created = parseODataDate(native.CreationDate ?? native.CustomerReturnDate, 'CreationDate');
  if (!created) throw unmappable('erp', `Customer return ${document} has no CreationDate`);
  const code = native.OverallSDProcessStatus?.trim() ?? '';
  const creditStatus = creditStatuses.get(code);
  if (!creditStatus) throw unmappable('erp', `Customer return ${document} has OverallSDProcessStatus ${JSON.stringify(code)}, which is not A, B or C`);
  const items = [...(native.to_Item?.results ?? [])].sort((a, b) => Number(a.CustomerReturnItem) - Number(b.CustomerReturnItem));
  if (!items.length) throw unmappable('erp', `Customer return ${document} has no items`);
  return {
    erpReturnNumber: document,
    externalReference: native.YY1_ExternalReference ?? '',
    customerId: native.SoldToParty,
    erpOrderNumber: native.ReferenceSDDocument,
    currency: native.TransactionCurrency ?? '',
    netAmount: decimal(native.TotalNetAmount, 'TotalNetAmount'),
    creditStatus,
    createdOn: isoDay(created),
    lines: items.map((item) => toLine(document, item)),
  };
}

function toLine(document: string, item: SapCustomerReturnItem): ErpCustomerReturnLineDto {
  return {
    erpReturnItemNumber: String(Number(item.CustomerReturnItem)),
    erpItemNumber: String(Number(item.ReferenceSDDocumentItem)),
    sku: item.Material,
    quantity: baseQuantity(document, item),
    uom: BASE_UNIT,
    netAmount: decimal(item.NetAmount, 'NetAmount'),
    creditedQuantity: decimal(item.YY1_CreditedQuantityInBaseUnit, 'YY1_CreditedQuantityInBaseUnit'),
  };
}

/** The requested quantity in base units: the ERP's own conversion when it sends one, else the quantity requested in eaches. */
function baseQuantity(document: string, item: SapCustomerReturnItem): number {
  if (item.RequestedQuantityInBaseUnit) return decimal(item.RequestedQuantityInBaseUnit, 'RequestedQuantityInBaseUnit');
  if (item.RequestedQuantityUnit?.trim().toUpperCase() === BASE_UNIT) return decimal(item.RequestedQuantity, 'RequestedQuantity');
  throw unmappable('erp', `Customer return ${document} item ${item.CustomerReturnItem} is in unit ${item.RequestedQuantityUnit} without a base quantity`);
}
