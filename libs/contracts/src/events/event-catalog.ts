import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES, type OrderStatus } from '../model/order.dto.js';
import { ShipmentLineDto } from '../model/fulfillment.dto.js';
import {
  type ChannelEventType,
  type InvoiceEventData,
  type OrderBackorderedData,
  OrderRefDto,
  ReturnEventDataDto,
  type OrderShipmentConfirmedData,
  type OrderStatusChangedData,
} from './channel-events.js';
import { ReturnGoodsReceivedData } from '../api/returns-system.dto.js';
import { InventoryChangedDataDto } from './inventory-changed.event.js';
import type { WarehouseEventType } from './warehouse-events.js';

/*
 * The `data` of each event type, as classes the event catalog (openapi/asyncapi.json) is generated
 * from. Each implements the interface its producer and consumers use, so the two cannot drift apart.
 */

export class OrderStatusChangedDataDto implements OrderStatusChangedData {
  @ApiProperty({ type: () => OrderRefDto })
  readonly order!: OrderRefDto;

  @ApiProperty({ enum: ORDER_STATUSES, example: 'shipped' })
  readonly status!: OrderStatus;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why, when the status says less than the partner needs (e.g. a hold reason).' })
  readonly note!: string | null;
}

export class OrderShipmentConfirmedDataDto implements OrderShipmentConfirmedData {
  @ApiProperty({ type: () => OrderRefDto })
  readonly order!: OrderRefDto;

  @ApiProperty({ format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  readonly shipmentId!: string;

  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;
}

export class BackorderedLineDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  readonly lineNumber!: number;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 20, description: "In the line's unit, greater than zero." })
  readonly quantity!: number;

  @ApiProperty({ example: 'EA' })
  readonly uom!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-12-15', description: 'When supply is expected; null when no supply is known.' })
  readonly promisedDate!: string | null;
}

export class OrderBackorderedDataDto implements OrderBackorderedData {
  @ApiProperty({ type: () => OrderRefDto })
  readonly order!: OrderRefDto;

  @ApiProperty({ type: () => [BackorderedLineDto], minItems: 1 })
  readonly lines!: BackorderedLineDto[];
}

export class InvoiceEventDataDto implements InvoiceEventData {
  @ApiProperty({ format: 'uuid', example: '9b2e1c4d-5f6a-4b7c-8d9e-0f1a2b3c4d5e' })
  readonly invoiceId!: string;

  @ApiProperty({ example: '90000001' })
  readonly invoiceNumber!: string;

  @ApiProperty({ example: '10100001' })
  readonly customerId!: string;

  @ApiProperty({ type: () => [OrderRefDto], minItems: 1 })
  readonly orders!: OrderRefDto[];
}

/** A line of a warehouse event, in eaches (the system layer converts the WMS's units). */
export class WarehouseEventLineDto implements Omit<ShipmentLineDto, 'lineNumber'> {
  @ApiPropertyOptional({ type: 'integer', example: 1 })
  readonly lineNumber?: number;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 500, description: 'Base units (eaches); signed for inventory.adjusted and inventory.counted.' })
  readonly quantity!: number;

  @ApiProperty({ enum: ['EA'], example: 'EA' })
  readonly uom!: 'EA';

  @ApiPropertyOptional({ example: 'LOT-2026-11-A' })
  readonly lot?: string;

  @ApiPropertyOptional({ type: [String], example: ['SN-0001'] })
  readonly serialNumbers?: string[];
}

/** The warehouse's fulfilment, shipment and stock events, as the system layer maps them from the WMS. */
export class WarehouseEventDataDto {
  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiPropertyOptional({ example: 'DAMAGED', description: "inventory.adjusted: the operator's reason." })
  readonly reason?: string;

  @ApiPropertyOptional({ example: 'OB-000001', description: 'The warehouse order, for fulfilment and shipment events.' })
  readonly wmsOrderId?: string;

  @ApiPropertyOptional({ example: '4500000001', description: 'The ERP sales order the warehouse order fulfils.' })
  readonly erpOrderNumber?: string;

  @ApiPropertyOptional({ example: 'UPSN', description: 'shipment.confirmed: SCAC of the carrier.' })
  readonly carrier?: string;

  @ApiPropertyOptional({ example: '1Z999AA10123456784' })
  readonly trackingNumber?: string;

  @ApiProperty({ type: () => [WarehouseEventLineDto] })
  readonly lines!: WarehouseEventLineDto[];
}

export interface EventContract {
  readonly version: number;
  /** The class of the envelope's `data`. */
  readonly data: abstract new (...args: never[]) => object;
  /** Who publishes it, and what the envelope's subject names. */
  readonly producer: 'system-apis' | 'process-apis';
  readonly subject: string;
  readonly summary: string;
}

const warehouse = (summary: string, subject = 'order/<erpOrderNumber>, fulfillment/<wmsOrderId> or warehouse/<warehouseId>'): EventContract => ({
  version: 1,
  data: WarehouseEventDataDto,
  producer: 'system-apis',
  subject,
  summary,
});
const order = (data: EventContract['data'], summary: string): EventContract => ({
  version: 1,
  data,
  producer: 'process-apis',
  subject: 'order/<orderId>',
  summary,
});
const invoice = (summary: string): EventContract => ({
  version: 1,
  data: InvoiceEventDataDto,
  producer: 'process-apis',
  subject: 'invoice/<invoiceId>',
  summary,
});
const returned = (summary: string): EventContract => ({
  version: 1,
  data: ReturnEventDataDto,
  producer: 'process-apis',
  subject: 'return/<returnId>',
  summary,
});

/**
 * Every event type on the bus, with its current version and its data: typed by the lists the
 * producers and consumers register, so a new type does not compile until it is catalogued here.
 */
export const EVENT_CATALOG: Readonly<Record<WarehouseEventType | ChannelEventType, EventContract>> = {
  'fulfillment.released': warehouse('The warehouse released a warehouse order for picking.'),
  'fulfillment.picked': warehouse('A warehouse order was picked in full.'),
  'fulfillment.short_picked': warehouse('A warehouse order was picked short; the lines say what was picked.'),
  'fulfillment.packed': warehouse('A warehouse order was packed.'),
  'shipment.confirmed': warehouse('A warehouse order shipped: carrier, tracking number, lines with lots and serial numbers.'),
  'shipment.delivered': warehouse('The carrier delivered a shipment.'),
  'inventory.changed': {
    version: InventoryChangedDataDto.version,
    data: InventoryChangedDataDto,
    producer: 'system-apis',
    subject: 'inventory/<sku>/<warehouseId>',
    summary: "The WMS's figures for one item in one warehouse after a change, to replace a consumer's copy.",
  },
  'inventory.adjusted': warehouse('Stock adjusted by an operator, with the reason.', 'warehouse/<warehouseId>'),
  'inventory.received': warehouse('Stock received into a warehouse.', 'warehouse/<warehouseId>'),
  'inventory.counted': warehouse('A cycle count corrected the stock.', 'warehouse/<warehouseId>'),
  'return.goods_received': {
    version: ReturnGoodsReceivedData.version,
    data: ReturnGoodsReceivedData,
    producer: 'system-apis',
    subject: 'rma/<rmaNumber>',
    summary: 'The warehouse received an announced return: quantities per line, disposition (restock, refurbish, scrap) and lot.',
  },
  'order.status_changed': order(OrderStatusChangedDataDto, "An order's status changed (for the channels: webhooks, EDI 855)."),
  'order.shipment_confirmed': order(OrderShipmentConfirmedDataDto, 'A shipment of an order was confirmed (webhooks, EDI 856).'),
  'order.backordered': order(OrderBackorderedDataDto, 'Quantities of an order now wait for supply.'),
  'invoice.issued': invoice('An invoice was issued (webhooks, EDI 810).'),
  'invoice.paid': invoice('An invoice was paid.'),
  'return.authorized': returned('A return was authorized, in full or in part: it has an RMA number (webhooks, EDI 180).'),
  'return.received': returned('The goods of a return arrived at the warehouse (status received, or exception when more arrived than was authorized).'),
  'return.credited': returned('The credit memo of a return was posted in the ERP.'),
};
