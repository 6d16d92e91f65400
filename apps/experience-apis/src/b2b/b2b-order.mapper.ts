import type { AvailabilityDto, CatalogPageDto, OrderDto, OrderPromiseDto, ShipmentDto } from '@contracts';
import type { B2bAvailabilityDto, B2bItemPageDto, B2bOrderDto, B2bQuoteDto, B2bShipmentDto } from './b2b.dto.js';

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
      legs: line.legs,
      backordered: line.backordered,
      rejected: line.rejected,
      unitPrice: line.unitPrice,
      lineAmount: line.lineAmount,
    })),
    totalAmount: order.totalAmount,
    ...(order.legs ? { legs: order.legs.map((leg) => ({ warehouseId: leg.warehouseId, status: leg.status, promisedShipDate: leg.promisedShipDate })) } : {}),
    ...(order.shipments ? { shipments: order.shipments.map(toB2bShipment) } : {}),
    ...(order.invoices ? { invoices: order.invoices } : {}),
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
    warehouses: availability.warehouses.map((w) => ({
      warehouseId: w.warehouseId,
      available: w.available,
      promisedShipDate: w.promisedShipDate,
      transitDays: w.transitDays,
      estimatedDeliveryDate: w.estimatedDeliveryDate,
    })),
    inbound: availability.inbound,
    asOf: availability.asOf,
    stale: availability.stale,
  };
}

export function toB2bQuote(promise: OrderPromiseDto): B2bQuoteDto {
  return {
    quoteId: promise.promiseId,
    status: promise.status,
    allowPartialShipment: promise.allowPartialShipment,
    lines: promise.lines,
    shipments: promise.legs,
    holdExpiresAt: promise.holdExpiresAt,
    asOf: promise.asOf,
    stale: promise.stale,
  };
}

export function toB2bShipment(shipment: ShipmentDto): B2bShipmentDto {
  return {
    shipmentId: shipment.shipmentId,
    warehouseId: shipment.warehouseId,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    shippedAt: shipment.shippedAt,
    lines: shipment.lines,
  };
}
