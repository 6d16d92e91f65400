import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS, type Channel, type OrderStatus } from '../model/order.dto.js';
import { RETURN_STATUSES, type ReturnStatus } from '../api/returns.dto.js';

/**
 * Events the process layer forwards to the experience layer, for the channels to tell their
 * partners (webhooks, EDI 856/810). Thin on purpose: a channel reads the details it needs
 * (shipment lines, tracking, invoice amounts) from the process layer when it builds its document.
 */
export const CHANNEL_EVENT_TYPES = [
  'order.status_changed',
  'order.shipment_confirmed',
  'order.backordered',
  'invoice.issued',
  'invoice.paid',
  'return.authorized',
  'return.received',
  'return.credited',
] as const;
export type ChannelEventType = (typeof CHANNEL_EVENT_TYPES)[number];

/**
 * `availability.changed` v1, subject `availability`: the available stock of these skus may have
 * changed (a reservation, a release, an inventory event); `skus` null: of every sku (a rebuild).
 * A cache signal, not a business event: posted by the process layer as the change happens, past
 * the outbox, and not recorded in the experience layer's inbox. Dropping one is harmless by
 * design: a cached answer is refetched after its max age anyway (B2B_AVAILABILITY_CACHE_MS).
 */
export class AvailabilityChangedData {
  static readonly type = 'availability.changed';
  static readonly version = 1;

  readonly skus!: string[] | null;
}

/** Who an order belongs to and how it came in. */
export class OrderRefDto {
  @ApiProperty({ example: '5d0f6f1e-2f4e-4b6a-9c1d-3e2f1a0b9c8d' })
  readonly orderId!: string;

  @ApiProperty({ example: 'acme' })
  readonly partnerId!: string;

  @ApiProperty({ example: '10100001' })
  readonly customerId!: string;

  @ApiProperty({ enum: CHANNELS, example: 'b2b' })
  readonly channel!: Channel;

  @ApiProperty({ example: 'PO-2026-0042' })
  readonly purchaseOrderNumber!: string;
}

/** `order.status_changed` v1; subject `order/<orderId>`. */
export interface OrderStatusChangedData {
  readonly order: OrderRefDto;
  readonly status: OrderStatus;
  readonly note: string | null;
}

/** `order.shipment_confirmed` v1; subject `order/<orderId>`. */
export interface OrderShipmentConfirmedData {
  readonly order: OrderRefDto;
  readonly shipmentId: string;
  readonly warehouseId: string;
}

/** `order.backordered` v1: these quantities (in the line's unit) now wait for supply; subject `order/<orderId>`. */
export interface OrderBackorderedData {
  readonly order: OrderRefDto;
  readonly lines: ReadonlyArray<{ lineNumber: number; sku: string; quantity: number; uom: string; promisedDate: string | null }>;
}

/** `invoice.issued` / `invoice.paid` v1; subject `invoice/<invoiceId>`. An invoice may bill several orders. */
export interface InvoiceEventData {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly customerId: string;
  readonly orders: readonly OrderRefDto[];
}

/** The channel events of returns; a channel reads the return (lines, dispositions, credit) from the process layer. */
export const RETURN_CHANNEL_EVENT_TYPES = ['return.authorized', 'return.received', 'return.credited'] as const;
export type ReturnChannelEventType = (typeof RETURN_CHANNEL_EVENT_TYPES)[number];

/**
 * `return.authorized` (decided: authorized or partially authorized), `return.received` (the goods
 * arrived; status `received`, or `exception` when more arrived than was authorized) and
 * `return.credited` (the credit memo is posted) v1; subject `return/<returnId>`.
 */
export class ReturnEventDataDto {
  @ApiProperty({ format: 'uuid', example: '3b5c8f0e-7a1d-4c2b-9e6f-1a2b3c4d5e6f' })
  readonly returnId!: string;

  @ApiProperty({ example: 'RMA-2026-000123' })
  readonly rmaNumber!: string;

  @ApiProperty({ enum: RETURN_STATUSES, example: 'authorized', description: 'The status the return reached with this event.' })
  readonly status!: ReturnStatus;

  @ApiProperty({ type: () => OrderRefDto, description: 'The order the goods were sold on.' })
  readonly order!: OrderRefDto;
}
