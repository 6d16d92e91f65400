import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyDto } from '../model/common.dto.js';
import { INVOICE_STATUSES, InvoiceLineDto, type InvoiceStatus, ShipmentLineDto } from '../model/fulfillment.dto.js';
import { ORDER_STATUSES, type OrderStatus } from '../model/order.dto.js';
import { ReturnCreditDto, ReturnLineDto, RETURN_STATUSES, type ReturnStatus } from '../api/returns.dto.js';
import type { ChannelEventType } from './channel-events.js';
import { BackorderedLineDto } from './event-catalog.js';

/*
 * What partners receive on their webhook subscriptions: the body of each delivery and its headers.
 * The experience layer builds its deliveries with these types, and the event catalog
 * (openapi/asyncapi.json) is generated from these classes, so the two cannot drift apart.
 */

/** An order as a partner knows it: never the ERP customer, the channel or another partner's orders. */
export class WebhookOrderRefDto {
  @ApiProperty({ example: '5d0f6f1e-2f4e-4b6a-9c1d-3e2f1a0b9c8d' })
  readonly orderId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'PO-2026-0042' })
  readonly purchaseOrderNumber!: string | null;
}

export class OrderStatusChangedWebhookDataDto extends WebhookOrderRefDto {
  @ApiProperty({ enum: ORDER_STATUSES, example: 'shipped', description: 'As in the order resource.' })
  readonly status!: OrderStatus;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why, when the status says less than you need (e.g. a hold reason).' })
  readonly note!: string | null;
}

export class OrderShipmentConfirmedWebhookDataDto extends WebhookOrderRefDto {
  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  readonly shipmentId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'DC01' })
  readonly warehouseId!: string | null;

  // the details below are read from the process layer before the first attempt, then kept (see ShipmentWebhookDetails)
  @ApiPropertyOptional({ type: String, nullable: true, example: 'UPSN', description: 'SCAC of the carrier.' })
  readonly carrier?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '1Z999AA10123456784' })
  readonly trackingNumber?: string | null;

  @ApiPropertyOptional({ example: '2026-11-25T09:58:41.000Z' })
  readonly shippedAt?: string;

  @ApiPropertyOptional({ type: () => [ShipmentLineDto], description: 'As in GET /b2b/v1/orders/{orderId}/shipments.' })
  readonly lines?: ShipmentLineDto[];
}

export class OrderBackorderedWebhookDataDto extends WebhookOrderRefDto {
  @ApiProperty({ type: () => [BackorderedLineDto], description: "These quantities (in the line's unit) now wait for supply." })
  readonly lines!: BackorderedLineDto[];
}

export class InvoiceWebhookDataDto {
  @ApiProperty({ example: '9b2e1c4d-5f6a-4b7c-8d9e-0f1a2b3c4d5e' })
  readonly invoiceId!: string;

  @ApiProperty({ type: String, nullable: true, example: '90000001' })
  readonly invoiceNumber!: string | null;

  @ApiProperty({ type: () => [WebhookOrderRefDto], minItems: 1, description: 'Your orders on the invoice (it may bill orders of others too).' })
  readonly orders!: WebhookOrderRefDto[];

  // the details below are read from the process layer before the first attempt, then kept (see InvoiceWebhookDetails)
  @ApiPropertyOptional({ enum: INVOICE_STATUSES, example: 'open' })
  readonly status?: InvoiceStatus;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-11-24', description: 'Invoice date in the ERP.' })
  readonly invoiceDate?: string | null;

  @ApiPropertyOptional({ type: () => MoneyDto, nullable: true })
  readonly netAmount?: MoneyDto | null;

  @ApiPropertyOptional({ type: () => MoneyDto, nullable: true })
  readonly taxAmount?: MoneyDto | null;

  @ApiPropertyOptional({ type: () => MoneyDto, nullable: true })
  readonly totalAmount?: MoneyDto | null;

  @ApiPropertyOptional({ type: [String], example: ['1b2f43d7-ba37-4d94-a265-add22b3cc79a'] })
  readonly shipmentIds?: string[];

  @ApiPropertyOptional({ type: () => [InvoiceLineDto], description: 'As in GET /b2b/v1/invoices/{invoiceId}.' })
  readonly lines?: InvoiceLineDto[];
}

/** `return.authorized`, `return.received` and `return.credited`: one of your returns moved on. */
export class ReturnWebhookDataDto extends WebhookOrderRefDto {
  @ApiProperty({ example: '3b5c8f0e-7a1d-4c2b-9e6f-1a2b3c4d5e6f', description: 'As in GET /b2b/v2/returns/{returnId}.' })
  readonly returnId!: string;

  @ApiProperty({ example: 'RMA-2026-000123', description: 'The RMA number to write on the parcels.' })
  readonly rmaNumber!: string;

  @ApiProperty({
    enum: RETURN_STATUSES,
    example: 'authorized',
    description: 'The status the return reached with this event (received, or exception when more arrived than was authorized).',
  })
  readonly status!: ReturnStatus;

  // the details below are read from the process layer before the first attempt, then kept (see ReturnWebhookDetails)
  @ApiPropertyOptional({
    type: () => [ReturnLineDto],
    description: 'As in GET /b2b/v2/returns/{returnId}: the decision, what was received and credited per line.',
  })
  readonly lines?: ReturnLineDto[];

  @ApiPropertyOptional({ type: () => ReturnCreditDto, nullable: true, description: 'The credit memo, once posted (on return.credited).' })
  readonly credit?: ReturnCreditDto | null;
}

/**
 * What the experience layer adds to a shipment, invoice or return event before its first attempt (read
 * from the process layer, then kept, so every retry sends the same body). Absent when the process
 * layer had none for the partner's customer: the details are optional in the bodies.
 */
export type ShipmentWebhookDetails = Required<Pick<OrderShipmentConfirmedWebhookDataDto, 'carrier' | 'trackingNumber' | 'shippedAt' | 'lines'>>;
export type InvoiceWebhookDetails = Required<
  Pick<InvoiceWebhookDataDto, 'status' | 'invoiceDate' | 'netAmount' | 'taxAmount' | 'totalAmount' | 'shipmentIds' | 'lines'>
>;
export type ReturnWebhookDetails = Required<Pick<ReturnWebhookDataDto, 'lines' | 'credit'>>;

/** The body of every delivery. */
export class WebhookEventDto {
  @ApiProperty({
    format: 'uuid',
    example: '6f1c2a4e-8b3d-4e5f-9a0b-1c2d3e4f5a6b',
    description: 'The event id, as in the Webhook-Id header: de-duplicate on it.',
  })
  readonly id!: string;

  @ApiProperty({ example: 'order.shipment_confirmed' })
  readonly type!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-25T10:00:00.000Z', description: 'Compare it to order events that arrive out of order after a retry.' })
  readonly occurredAt!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event itself: its schema depends on type.' })
  readonly data!: object;
}

/** The signature header's shape: a timestamp and one or more HMAC-SHA256 values (more during a secret rotation). */
export const WEBHOOK_SIGNATURE_PATTERN = /^t=\d+(,v1=[0-9a-f]{64})+$/;

/** The headers of every delivery, named as sent (HTTP header names are case-insensitive). */
export class WebhookHeadersDto {
  @ApiProperty({ enum: ['application/json'] })
  readonly 'Content-Type'!: 'application/json';

  @ApiProperty({ enum: ['distribution-gateway-webhooks/1'] })
  readonly 'User-Agent'!: 'distribution-gateway-webhooks/1';

  @ApiProperty({ format: 'uuid', description: 'The event id (as `id` in the body): de-duplicate on it.' })
  readonly 'Webhook-Id'!: string;

  @ApiProperty({ example: 'order.shipment_confirmed', description: 'The event type.' })
  readonly 'Webhook-Event'!: string;

  @ApiProperty({ format: 'uuid', description: 'The delivery, as in the delivery log (a redelivery has the same one).' })
  readonly 'Webhook-Delivery'!: string;

  @ApiProperty({
    pattern: WEBHOOK_SIGNATURE_PATTERN.source,
    example: 't=1764000000,v1=dcc6cbdc18ffff9c5fca61121c1cea8ea02c5b6add0c7b8589e309bc68e4657b',
    description:
      'HMAC-SHA256, keyed with your whole subscription secret (`whsec_…`), over `<t>.<raw body>`, hex; refuse a `t` more than 5 minutes from your clock (docs/webhooks.md, Verify a delivery).',
  })
  readonly 'Webhook-Signature'!: string;
}

/** What a partner subscribes to; each category covers one or more event types. */
export const WEBHOOK_CATEGORIES = ['order', 'shipment', 'backorder', 'invoice', 'return'] as const;
export type WebhookCategory = (typeof WEBHOOK_CATEGORIES)[number];

export interface WebhookContract {
  readonly version: number;
  readonly category: WebhookCategory;
  /** The class of the body's `data`. */
  readonly data: abstract new (...args: never[]) => object;
  readonly summary: string;
}

/**
 * Every event partners receive by webhook, with its version and data. A channel event missing here
 * never reaches a partner, so a new process event is not sent before it is catalogued.
 */
export const WEBHOOK_CATALOG = {
  'order.status_changed': {
    version: 1,
    category: 'order',
    data: OrderStatusChangedWebhookDataDto,
    summary: 'One of your orders changed status.',
  },
  'order.shipment_confirmed': {
    version: 1,
    category: 'shipment',
    data: OrderShipmentConfirmedWebhookDataDto,
    summary: 'A shipment of one of your orders left the warehouse: carrier, tracking number and lines.',
  },
  'order.backordered': {
    version: 1,
    category: 'backorder',
    data: OrderBackorderedWebhookDataDto,
    summary: 'Quantities of one of your orders now wait for supply, with the date it is expected (when known).',
  },
  'invoice.issued': { version: 1, category: 'invoice', data: InvoiceWebhookDataDto, summary: 'An invoice billing your orders was issued.' },
  'invoice.paid': { version: 1, category: 'invoice', data: InvoiceWebhookDataDto, summary: 'An invoice billing your orders was paid.' },
  'return.authorized': {
    version: 1,
    category: 'return',
    data: ReturnWebhookDataDto,
    summary: 'One of your returns was authorized, in full or in part: send the authorized quantities with its RMA number.',
  },
  'return.received': {
    version: 1,
    category: 'return',
    data: ReturnWebhookDataDto,
    summary: 'The warehouse received the goods of one of your returns: quantities and disposition per line; the credit follows.',
  },
  'return.credited': {
    version: 1,
    category: 'return',
    data: ReturnWebhookDataDto,
    summary: 'The credit memo of one of your returns was posted: number, amounts and the invoices it credits.',
  },
} as const satisfies Partial<Record<ChannelEventType, WebhookContract>>;

export type WebhookEventType = keyof typeof WEBHOOK_CATALOG;
