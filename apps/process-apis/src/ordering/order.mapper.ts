import type { OrderDto } from '@contracts';
import type { OrderRecord } from './order.repository.js';

/** The wire shape of a stored order (without its legs, shipments and invoices, which the readers add). */
export function toOrderDto(order: OrderRecord): OrderDto {
  const currency = order.currency ?? 'USD';
  return {
    orderId: order.orderId,
    purchaseOrderNumber: order.purchaseOrderNumber,
    status: order.status,
    statusReason: order.statusReason ?? undefined,
    erpOrderNumber: order.erpOrderNumber ?? undefined,
    omsOrderId: order.omsOrderId ?? undefined,
    customerId: order.customerId,
    channel: order.channel,
    partnerId: order.partnerId,
    shipTo: order.shipTo,
    requestedShipDate: order.requestedShipDate ?? undefined,
    allowPartialShipment: order.allowPartialShipment,
    lines: order.lines.map((line) => ({
      lineNumber: line.lineNumber,
      sku: line.sku,
      quantity: line.quantity,
      uom: line.uom,
      baseQuantity: line.baseQuantity,
      status: line.status,
      warehouseId: line.warehouseId ?? undefined,
      legs: [...line.legs],
      backordered: { quantity: line.backorderedQuantity, promisedDate: line.backorderDate },
      rejected: { quantity: line.rejectedQuantity, ...(line.rejectionReason ? { reason: line.rejectionReason } : {}) },
      unitPrice: { amount: Number(line.unitPrice), currency },
      lineAmount: { amount: Number(line.lineAmount), currency },
      erpItemNumber: line.erpItemNumber ?? undefined,
    })),
    totalAmount: { amount: Number(order.totalAmount ?? 0), currency },
    createdAt: new Date(order.createdAt).toISOString(),
    updatedAt: new Date(order.updatedAt).toISOString(),
  };
}
