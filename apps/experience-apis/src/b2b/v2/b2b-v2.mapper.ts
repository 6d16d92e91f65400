import { backorderedLinesOf, type CatalogPageDto, type InvoiceDto, type MoneyDto, type OrderDto } from '@contracts';
import { toB2bShipment } from '../b2b-order.mapper.js';
import type { OrderPresentation } from '../partner-orders.service.js';
import type { B2bV2InvoiceDto, B2bV2ItemPageDto, B2bV2LegDto, B2bV2MoneyDto, B2bV2OrderDto } from './b2b-v2.dto.js';

/**
 * A decimal string with two to four decimals. The amounts come from NUMERIC columns with at
 * most four decimals, so rounding to four and trimming zeros gives the stored value back.
 */
export function toV2Money(money: MoneyDto): B2bV2MoneyDto {
  const [whole, fraction] = money.amount.toFixed(4).split('.');
  return { amount: `${whole}.${fraction.replace(/0{1,2}$/, '').padEnd(2, '0')}`, currency: money.currency };
}

/** v2 of the order: money as decimal strings, lines grouped by the warehouse (leg) that ships them. */
export function toB2bV2Order(order: OrderDto): B2bV2OrderDto {
  const legStatus = new Map(order.legs?.map((leg) => [leg.warehouseId, leg.status]));
  const legs = new Map<string, B2bV2LegDto & { lines: B2bV2LegDto['lines'] }>();
  for (const line of order.lines) {
    for (const part of line.legs) {
      const leg = legs.get(part.warehouseId) ?? {
        warehouseId: part.warehouseId,
        status: legStatus.get(part.warehouseId) ?? 'planned',
        promisedShipDate: part.promisedShipDate,
        lines: [],
        ...(order.shipments ? { shipments: order.shipments.filter((s) => s.warehouseId === part.warehouseId).map(toB2bShipment) } : {}),
      };
      // a leg ships when its last line is ready
      const promisedShipDate = part.promisedShipDate > leg.promisedShipDate ? part.promisedShipDate : leg.promisedShipDate;
      legs.set(part.warehouseId, {
        ...leg,
        promisedShipDate,
        lines: [...leg.lines, { lineNumber: line.lineNumber, sku: line.sku, quantity: part.quantity, uom: line.uom }],
      });
    }
  }
  return {
    orderId: order.orderId,
    purchaseOrderNumber: order.purchaseOrderNumber,
    status: order.status,
    ...(order.statusReason ? { statusReason: order.statusReason } : {}),
    ...(order.erpOrderNumber ? { erpOrderNumber: order.erpOrderNumber } : {}),
    shipTo: order.shipTo,
    ...(order.requestedShipDate ? { requestedShipDate: order.requestedShipDate } : {}),
    allowPartialShipment: order.allowPartialShipment,
    total: toV2Money(order.totalAmount),
    lines: order.lines.map((line) => ({
      lineNumber: line.lineNumber,
      sku: line.sku,
      quantity: line.quantity,
      uom: line.uom,
      status: line.status,
      unitPrice: toV2Money(line.unitPrice),
      amount: toV2Money(line.lineAmount),
    })),
    legs: [...legs.values()].sort((a, b) => a.warehouseId.localeCompare(b.warehouseId)),
    backorders: backorderedLinesOf(order.lines),
    rejections: order.lines
      .filter((line) => line.rejected.quantity > 0)
      .map((line) => ({
        lineNumber: line.lineNumber,
        sku: line.sku,
        quantity: line.rejected.quantity,
        uom: line.uom,
        ...(line.rejected.reason ? { reason: line.rejected.reason } : {}),
      })),
    ...(order.invoices ? { invoices: order.invoices.map(toB2bV2Invoice) } : {}),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}

export function toB2bV2Invoice(invoice: InvoiceDto): B2bV2InvoiceDto {
  const money = (value: MoneyDto | undefined) => (value ? toV2Money(value) : undefined);
  return {
    invoiceId: invoice.invoiceId,
    status: invoice.status,
    ...(invoice.erpBillingDocument ? { erpBillingDocument: invoice.erpBillingDocument } : {}),
    ...(invoice.invoiceDate ? { invoiceDate: invoice.invoiceDate } : {}),
    billingPolicy: invoice.billingPolicy,
    orders: invoice.orders,
    shipmentIds: invoice.shipmentIds,
    lines: invoice.lines.map((line) => ({
      lineNumber: line.lineNumber,
      sku: line.sku,
      quantity: line.quantity,
      ...(line.orderId ? { orderId: line.orderId } : {}),
      ...(line.shipmentId ? { shipmentId: line.shipmentId } : {}),
      ...(line.netAmount ? { net: toV2Money(line.netAmount) } : {}),
      ...(line.taxAmount ? { tax: toV2Money(line.taxAmount) } : {}),
    })),
    ...(invoice.netAmount ? { net: money(invoice.netAmount) } : {}),
    ...(invoice.taxAmount ? { tax: money(invoice.taxAmount) } : {}),
    ...(invoice.totalAmount ? { total: money(invoice.totalAmount) } : {}),
  };
}

export function toB2bV2Items(page: CatalogPageDto): B2bV2ItemPageDto {
  return {
    items: page.items.map((item) => ({
      sku: item.sku,
      description: item.description,
      unitOfMeasure: item.unitOfMeasure,
      packSize: item.packSize,
      price: toV2Money(item.price),
    })),
    nextCursor: page.nextCursor,
  };
}

export const V2_ORDERS: OrderPresentation<B2bV2OrderDto> = { version: 'v2', present: toB2bV2Order };
