import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AddressDto, MoneyDto, UNITS_OF_MEASURE, type UnitOfMeasure } from './common.dto.js';
import { FulfillmentLegDto, InvoiceDto, ShipmentDto } from './fulfillment.dto.js';

export const ORDER_STATUSES = ['accepted', 'on_hold', 'backordered', 'rejected', 'released', 'partially_shipped', 'shipped', 'invoiced', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const LINE_STATUSES = ['accepted', 'backordered', 'rejected'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

/** `statusReason`, documented once for every order shape (process layer, B2B v1 and v2). */
export const STATUS_REASON_PROPERTY = {
  example: 'CREDIT_BLOCK',
  description:
    'Why the order has its status: on hold (`CREDIT_BLOCK`, `CREDIT_LIMIT_EXCEEDED`), accepted with part backordered or rejected (`PARTIALLY_BACKORDERED`, `PARTIALLY_REJECTED`), rejected (`NO_SUPPLY`) or cancelled (`CUSTOMER_REQUEST`).',
} as const;

export const CHANNELS = ['b2b', 'edi', 'crm'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What one order may hold; channels that cannot be refused by a 4xx (EDI) check the same figures first. */
export const ORDER_LIMITS = { maxLines: 500, maxLineNumber: 999_999, maxQuantity: 1_000_000 } as const;

export class OrderLineRequestDto {
  @ApiProperty({ example: 1, description: "The partner's line number, unique within the order." })
  @IsInt()
  @Min(1)
  @Max(ORDER_LIMITS.maxLineNumber)
  readonly lineNumber!: number;

  @ApiProperty({ maxLength: 40, example: 'SKU-1001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly sku!: string;

  @ApiProperty({ example: 24, description: 'Quantity in `uom`; a whole positive number.' })
  @IsInt()
  @Min(1)
  @Max(ORDER_LIMITS.maxQuantity)
  readonly quantity!: number;

  @ApiPropertyOptional({ example: 'EA', enum: UNITS_OF_MEASURE, default: 'EA' })
  @IsOptional()
  @IsIn(UNITS_OF_MEASURE)
  readonly uom?: UnitOfMeasure;
}

/** The order as a channel submits it; shared by the partner edge and the process layer. */
export class OrderRequestDto {
  @ApiProperty({ maxLength: 35, example: 'PO-2026-0001', description: "The buyer's purchase order number." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(35)
  @Matches(/^[\x20-\x7E]+$/, { message: 'purchaseOrderNumber must be printable ASCII' })
  readonly purchaseOrderNumber!: string;

  @ApiProperty({ type: AddressDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  readonly shipTo!: AddressDto;

  @ApiProperty({ type: [OrderLineRequestDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(ORDER_LIMITS.maxLines)
  @Type(() => OrderLineRequestDto)
  readonly lines!: OrderLineRequestDto[];

  @ApiPropertyOptional({ format: 'date', example: '2026-12-01', description: 'Requested ship date (ISO 8601 date).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly requestedShipDate?: string;

  @ApiPropertyOptional({ example: true, default: true, description: 'false = ship complete.' })
  @IsOptional()
  @IsBoolean()
  readonly allowPartialShipment?: boolean;
}

/** What the process layer receives: the channel's order plus who it is for. */
export class PlaceOrderDto extends OrderRequestDto {
  @ApiProperty({ maxLength: 10, example: '10100001', description: 'ERP sold-to party.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly customerId!: string;

  @ApiProperty({ example: 'b2b', enum: CHANNELS })
  @IsIn(CHANNELS)
  readonly channel!: Channel;

  @ApiProperty({ maxLength: 64, example: 'acme', description: 'The partner or trading partner that placed it.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly partnerId!: string;
}

export const REJECTION_REASONS = ['NO_SUPPLY', 'SHIP_COMPLETE_IMPOSSIBLE'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** One warehouse's part of a line: how much it ships (in the line's unit) and when. */
export class PromisedLegDto {
  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiProperty({ example: 500, description: "In the line's unit." })
  readonly quantity!: number;

  @ApiProperty({ example: '2026-11-25', description: 'Promised ship date (ISO date).' })
  readonly promisedShipDate!: string;
}

export class BackorderDto {
  @ApiProperty({ example: 0, description: "In the line's unit; 0 when nothing is backordered." })
  readonly quantity!: number;

  @ApiProperty({ type: String, nullable: true, example: '2026-12-09', description: 'When inbound supply covers it; null when no date can be promised.' })
  readonly promisedDate!: string | null;
}

export class RejectionDto {
  @ApiProperty({ example: 0, description: "In the line's unit; 0 when nothing is rejected." })
  readonly quantity!: number;

  @ApiPropertyOptional({ example: 'NO_SUPPLY', enum: REJECTION_REASONS })
  readonly reason?: RejectionReason;
}

/** A line as promised: what ships now from where, what waits for supply, what is refused; in the line's unit. */
export class PromisedLineDto {
  @ApiProperty({ example: 1 })
  readonly lineNumber!: number;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 1200 })
  readonly quantity!: number;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE })
  readonly uom!: UnitOfMeasure;

  @ApiProperty({ type: [PromisedLegDto] })
  readonly legs!: PromisedLegDto[];

  @ApiProperty({ type: BackorderDto })
  readonly backordered!: BackorderDto;

  @ApiProperty({ type: RejectionDto })
  readonly rejected!: RejectionDto;
}

/** An order line: its promise plus status, prices and the ERP's item. */
export class OrderLineDto extends PromisedLineDto {
  @ApiProperty({ example: 24, description: 'Quantity in the base unit (eaches).' })
  readonly baseQuantity!: number;

  @ApiProperty({ example: 'accepted', enum: LINE_STATUSES })
  readonly status!: LineStatus;

  @ApiPropertyOptional({ example: 'DC01', description: 'The warehouse that ships the line, when one ships all of it.' })
  readonly warehouseId?: string;

  @ApiProperty({ type: MoneyDto, description: 'Contract price per `uom`.' })
  readonly unitPrice!: MoneyDto;

  @ApiProperty({ type: MoneyDto })
  readonly lineAmount!: MoneyDto;

  @ApiPropertyOptional({ example: '10', description: 'ERP sales order item number.' })
  readonly erpItemNumber?: string;
}

export class OrderDto {
  @ApiProperty({ example: '7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d' })
  readonly orderId!: string;

  @ApiProperty({ example: 'PO-2026-0001' })
  readonly purchaseOrderNumber!: string;

  @ApiProperty({ example: 'accepted', enum: ORDER_STATUSES })
  readonly status!: OrderStatus;

  @ApiPropertyOptional(STATUS_REASON_PROPERTY)
  readonly statusReason?: string;

  @ApiPropertyOptional({ example: '4500000001', description: 'ERP sales order number.' })
  readonly erpOrderNumber?: string;

  @ApiPropertyOptional({ example: 'OMS-000001' })
  readonly omsOrderId?: string;

  @ApiProperty({ example: '10100001' })
  readonly customerId!: string;

  @ApiProperty({ example: 'b2b', enum: CHANNELS })
  readonly channel!: Channel;

  @ApiProperty({ example: 'acme', description: 'The partner or trading partner that placed it.' })
  readonly partnerId!: string;

  @ApiProperty({ type: AddressDto })
  readonly shipTo!: AddressDto;

  @ApiPropertyOptional({ example: '2026-12-01' })
  readonly requestedShipDate?: string;

  @ApiProperty({ example: true })
  readonly allowPartialShipment!: boolean;

  @ApiProperty({ type: [OrderLineDto] })
  readonly lines!: OrderLineDto[];

  @ApiProperty({ type: MoneyDto })
  readonly totalAmount!: MoneyDto;

  @ApiPropertyOptional({ type: () => [FulfillmentLegDto], description: 'One fulfilment order per warehouse, with its status (on the order read).' })
  readonly legs?: FulfillmentLegDto[];

  @ApiPropertyOptional({ type: () => [ShipmentDto], description: 'Confirmed shipments with carrier and tracking (on the order read).' })
  readonly shipments?: ShipmentDto[];

  @ApiPropertyOptional({ type: () => [InvoiceDto], description: 'Invoices, one per shipment (on the order read).' })
  readonly invoices?: InvoiceDto[];

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  readonly createdAt!: string;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  readonly updatedAt!: string;
}

/** What of each line waits for supply (in the line's unit): the lines with a backorder, as a flat list. */
export function backorderedLinesOf<U extends string>(
  lines: ReadonlyArray<{ lineNumber: number; sku: string; uom: U; backordered: { quantity: number; promisedDate: string | null } }>,
): Array<{ lineNumber: number; sku: string; quantity: number; uom: U; promisedDate: string | null }> {
  return lines
    .filter((line) => line.backordered.quantity > 0)
    .map((line) => ({
      lineNumber: line.lineNumber,
      sku: line.sku,
      quantity: line.backordered.quantity,
      uom: line.uom,
      promisedDate: line.backordered.promisedDate,
    }));
}
