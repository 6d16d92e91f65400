import type { CreateErpSalesOrderDto, ErpSalesOrderDto, ErpSalesOrderLineDto } from '@contracts';
import { unmappable } from '../../../vendor/vendor-error.js';
import { canonicalUom } from '../../../vendor/units.js';
import { decimal, isoDay, parseODataDate, toODataDate } from './sap-odata.js';
import type { SapSalesOrder, SapSalesOrderCreate, SapSalesOrderItem } from './sap.types.js';

/** The sales area every gateway order is booked in (standard order type OR). */
const SALES_AREA = { SalesOrderType: 'OR', SalesOrganization: '1000', DistributionChannel: '10', OrganizationDivision: '00' } as const;

/**
 * SAP numbers items by position (10, 20, …: six digits at most, whatever the partner's line numbers are); the
 * partner's line number travels in `UnderlyingPurchaseOrderItem` (the customer's PO item, six characters), so any
 * line number 1..999999 maps both ways, also 10/20 as an SAP-numbered buyer sends them.
 */
const itemNumberOf = (index: number) => String((index + 1) * 10);

export function toSapSalesOrderCreate(order: CreateErpSalesOrderDto): SapSalesOrderCreate {
  return {
    ...SALES_AREA,
    SoldToParty: order.customerId,
    PurchaseOrderByCustomer: order.purchaseOrderNumber,
    ...(order.requestedDeliveryDate ? { RequestedDeliveryDate: toODataDate(order.requestedDeliveryDate) } : {}),
    to_Item: {
      results: order.lines.map((line, index) => ({
        SalesOrderItem: itemNumberOf(index),
        UnderlyingPurchaseOrderItem: String(line.lineNumber),
        Material: line.sku,
        RequestedQuantity: String(line.quantity),
        RequestedQuantityUnit: line.uom,
      })),
    },
  };
}

export function toErpSalesOrder(native: SapSalesOrder): ErpSalesOrderDto {
  const createdOn = parseODataDate(native.CreationDate, 'CreationDate');
  if (!createdOn) throw unmappable('erp', `Sales order ${native.SalesOrder} has no CreationDate`);
  const items = [...(native.to_Item?.results ?? [])].sort((a, b) => Number(a.SalesOrderItem) - Number(b.SalesOrderItem));
  return {
    erpOrderNumber: native.SalesOrder,
    customerId: native.SoldToParty,
    purchaseOrderNumber: native.PurchaseOrderByCustomer ?? '',
    currency: native.TransactionCurrency ?? '',
    netAmount: decimal(native.TotalNetAmount, 'TotalNetAmount'),
    creditStatus: native.TotalCreditCheckStatus === 'B' ? 'blocked' : 'passed',
    deliveryBlocked: Boolean(native.DeliveryBlockReason?.trim()),
    cancelled: native.OverallSDDocumentRejectionSts === 'C',
    createdOn: isoDay(createdOn),
    lines: items.map((item) => toLine(native.SalesOrder, item)),
  };
}

function toLine(order: string, item: SapSalesOrderItem): ErpSalesOrderLineDto {
  // orders created before the PO item was sent carry none: their items were line × 10
  const lineNumber = item.UnderlyingPurchaseOrderItem?.trim() ? Number(item.UnderlyingPurchaseOrderItem) : Number(item.SalesOrderItem) / 10;
  if (!Number.isInteger(lineNumber) || lineNumber < 1) {
    throw unmappable(
      'erp',
      `Sales order ${order} item ${item.SalesOrderItem} has no line number of the gateway (PO item '${item.UnderlyingPurchaseOrderItem ?? ''}')`,
    );
  }
  const uom = canonicalUom(item.RequestedQuantityUnit);
  if (!uom) throw unmappable('erp', `Sales order ${order} item ${item.SalesOrderItem} is in unit ${item.RequestedQuantityUnit}`);
  const priceUnit = decimal(item.NetPriceQuantity, 'NetPriceQuantity') || 1;
  return {
    erpItemNumber: String(Number(item.SalesOrderItem)),
    lineNumber,
    sku: item.Material,
    quantity: decimal(item.RequestedQuantity, 'RequestedQuantity'),
    uom,
    netAmount: decimal(item.NetAmount, 'NetAmount'),
    unitPrice: Math.round((decimal(item.NetPriceAmount, 'NetPriceAmount') / priceUnit) * 10_000) / 10_000,
  };
}
