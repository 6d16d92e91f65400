import type { AvailabilityDto, CatalogPageDto, OrderDto } from '@contracts';
import type { B2bAvailabilityDto, B2bItemPageDto, B2bOrderDto } from './b2b.dto.js';

/** The partner's shape: no internal ids (OMS, customer, base quantities). */
export function toB2bOrder(order: OrderDto): B2bOrderDto {
  return {
    orderId: order.orderId,
    purchaseOrderNumber: order.purchaseOrderNumber,
    status: order.status,
    statusReason: order.statusReason,
    erpOrderNumber: order.erpOrderNumber,
    shipTo: order.shipTo,
    requestedShipDate: order.requestedShipDate,
    allowPartialShipment: order.allowPartialShipment,
    lines: order.lines.map((line) => ({
      lineNumber: line.lineNumber,
      sku: line.sku,
      quantity: line.quantity,
      uom: line.uom,
      status: line.status,
      warehouseId: line.warehouseId,
      unitPrice: line.unitPrice,
      lineAmount: line.lineAmount,
    })),
    totalAmount: order.totalAmount,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}

export function toB2bItems(page: CatalogPageDto): B2bItemPageDto {
  return {
    items: page.items.map((item) => ({
      sku: item.sku,
      description: item.description,
      unitOfMeasure: item.unitOfMeasure,
      packSize: item.packSize,
      price: item.price,
    })),
    nextCursor: page.nextCursor,
  };
}

export function toB2bAvailability(availability: AvailabilityDto): B2bAvailabilityDto {
  return {
    sku: availability.sku,
    requestedQuantity: availability.requestedQuantity,
    uom: availability.uom,
    totalAvailable: availability.totalAvailable,
    warehouses: availability.warehouses.map((w) => ({ warehouseId: w.warehouseId, available: w.available })),
    asOf: availability.asOf,
  };
}
