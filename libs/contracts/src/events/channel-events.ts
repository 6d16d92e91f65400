import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS, type Channel, type OrderStatus } from '../model/order.dto.js';

/**
 * Events the process layer forwards to the experience layer, for the channels to tell their
 * partners (webhooks, EDI 856/810). Thin on purpose: a channel reads the details it needs
 * (shipment lines, tracking, invoice amounts) from the process layer when it builds its document.
 */
export const CHANNEL_EVENT_TYPES = ['order.status_changed', 'order.shipment_confirmed', 'order.backordered', 'invoice.issued', 'invoice.paid'] as const;
export type ChannelEventType = (typeof CHANNEL_EVENT_TYPES)[number];

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
