import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BILLING_POLICIES,
  InvoiceOrderRefDto,
  INVOICE_STATUSES,
  LEG_STATUSES,
  LINE_STATUSES,
  REJECTION_REASONS,
  UNITS_OF_MEASURE,
  type BillingPolicy,
  type InvoiceStatus,
  type LegStatus,
  type LineStatus,
  type RejectionReason,
  type UnitOfMeasure,
} from '@contracts';
import { B2bItemFieldsDto, B2bOrderHeaderDto, B2bShipmentDto } from '../b2b.dto.js';

/** v2 money: the amount is a decimal string, exact to the cent (no binary floating point on the way). */
export class B2bV2MoneyDto {
  @ApiProperty({ example: '1234.50', pattern: '^-?\\d+\\.\\d{2,4}$', description: 'Decimal string: two decimals, up to four for unit prices.' })
  readonly amount!: string;

  @ApiProperty({ example: 'USD', description: 'ISO 4217 currency code.' })
  readonly currency!: string;
}

export class B2bV2ItemDto extends B2bItemFieldsDto {
  @ApiProperty({ type: B2bV2MoneyDto, description: 'Your contract price per unit of measure.' })
  readonly price!: B2bV2MoneyDto;
}

export class B2bV2ItemPageDto {
  @ApiProperty({ type: [B2bV2ItemDto] })
  readonly items!: B2bV2ItemDto[];

  @ApiProperty({ type: String, nullable: true, example: 'c2t1OlNLVS0xMDIw' })
  readonly nextCursor!: string | null;
}

/** A line as ordered: what and at what price; where it ships is under `legs`. */
export class B2bV2OrderLineDto {
  @ApiProperty({ example: 1 })
  readonly lineNumber!: number;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 24 })
  readonly quantity!: number;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE })
  readonly uom!: UnitOfMeasure;

  @ApiProperty({ example: 'accepted', enum: LINE_STATUSES })
  readonly status!: LineStatus;

  @ApiProperty({ type: B2bV2MoneyDto, description: 'Contract price per `uom`.' })
  readonly unitPrice!: B2bV2MoneyDto;

  @ApiProperty({ type: B2bV2MoneyDto, description: "Net amount of the line (the ERP's)." })
  readonly amount!: B2bV2MoneyDto;
}

export class B2bV2LegLineDto {
  @ApiProperty({ example: 1 })
  readonly lineNumber!: number;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 500, description: "What this warehouse ships of the line, in the line's unit." })
  readonly quantity!: number;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE })
  readonly uom!: UnitOfMeasure;
}

/** One warehouse's part of the order: its lines, its progress and its shipments. */
export class B2bV2LegDto {
  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiProperty({ example: 'released', enum: LEG_STATUSES, description: '`planned` until released to the warehouse; `cancelled` with the order.' })
  readonly status!: LegStatus;

  @ApiProperty({ example: '2026-11-25' })
  readonly promisedShipDate!: string;

  @ApiProperty({ type: [B2bV2LegLineDto] })
  readonly lines!: B2bV2LegLineDto[];

  @ApiPropertyOptional({ type: [B2bShipmentDto], description: 'Confirmed shipments from this warehouse (on the order read).' })
  readonly shipments?: B2bShipmentDto[];
}

export class B2bV2BackorderDto {
  @ApiProperty({ example: 2 })
  readonly lineNumber!: number;

  @ApiProperty({ example: 'SKU-1003' })
  readonly sku!: string;

  @ApiProperty({ example: 100, description: "Waiting for supply, in the line's unit." })
  readonly quantity!: number;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE })
  readonly uom!: UnitOfMeasure;

  @ApiProperty({ type: String, nullable: true, example: '2026-12-09', description: 'When inbound supply covers it; null when no date can be promised.' })
  readonly promisedDate!: string | null;
}

export class B2bV2RejectionDto {
  @ApiProperty({ example: 3 })
  readonly lineNumber!: number;

  @ApiProperty({ example: 'SKU-1009' })
  readonly sku!: string;

  @ApiProperty({ example: 10, description: "Refused, in the line's unit." })
  readonly quantity!: number;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE })
  readonly uom!: UnitOfMeasure;

  @ApiPropertyOptional({ example: 'NO_SUPPLY', enum: REJECTION_REASONS })
  readonly reason?: RejectionReason;
}

export class B2bV2InvoiceLineDto {
  @ApiProperty({ example: 1 })
  readonly lineNumber!: number;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 500, description: 'Eaches invoiced: what the shipment shipped.' })
  readonly quantity!: number;

  @ApiPropertyOptional({ example: '7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d', description: 'The order it bills.' })
  readonly orderId?: string;

  @ApiPropertyOptional({ example: '1b2f43d7-ba37-4d94-a265-add22b3cc79a', description: 'The shipment it bills.' })
  readonly shipmentId?: string;

  @ApiPropertyOptional({ type: B2bV2MoneyDto, description: 'From the ERP, once issued.' })
  readonly net?: B2bV2MoneyDto;

  @ApiPropertyOptional({ type: B2bV2MoneyDto, description: 'From the ERP, once issued.' })
  readonly tax?: B2bV2MoneyDto;
}

export class B2bV2InvoiceDto {
  @ApiProperty({ example: '3c1f6a0e-7d1b-4a36-9d5e-2b8f0a1c9e77' })
  readonly invoiceId!: string;

  @ApiProperty({ example: 'open', enum: INVOICE_STATUSES })
  readonly status!: InvoiceStatus;

  @ApiPropertyOptional({ example: '90000001' })
  readonly erpBillingDocument?: string;

  @ApiPropertyOptional({ example: '2026-11-24' })
  readonly invoiceDate?: string;

  @ApiProperty({
    example: 'per_shipment',
    enum: BILLING_POLICIES,
    description: 'per_shipment: one invoice per shipment; daily: one per day over all its shipments.',
  })
  readonly billingPolicy!: BillingPolicy;

  @ApiProperty({ type: [InvoiceOrderRefDto], description: 'Every order it bills, with your PO number and the ERP order number.' })
  readonly orders!: InvoiceOrderRefDto[];

  @ApiProperty({ example: ['1b2f43d7-ba37-4d94-a265-add22b3cc79a'] })
  readonly shipmentIds!: string[];

  @ApiProperty({ type: [B2bV2InvoiceLineDto] })
  readonly lines!: B2bV2InvoiceLineDto[];

  @ApiPropertyOptional({ type: B2bV2MoneyDto })
  readonly net?: B2bV2MoneyDto;

  @ApiPropertyOptional({ type: B2bV2MoneyDto })
  readonly tax?: B2bV2MoneyDto;

  @ApiPropertyOptional({ type: B2bV2MoneyDto })
  readonly total?: B2bV2MoneyDto;
}

export class B2bV2OrderDto extends B2bOrderHeaderDto {
  @ApiProperty({ type: B2bV2MoneyDto, description: "Net order total (the ERP's)." })
  readonly total!: B2bV2MoneyDto;

  @ApiProperty({ type: [B2bV2OrderLineDto], description: 'The lines as ordered, with prices.' })
  readonly lines!: B2bV2OrderLineDto[];

  @ApiProperty({ type: [B2bV2LegDto], description: 'The lines grouped by the warehouse that ships them, one leg per warehouse.' })
  readonly legs!: B2bV2LegDto[];

  @ApiProperty({ type: [B2bV2BackorderDto], description: 'What waits for supply, per line.' })
  readonly backorders!: B2bV2BackorderDto[];

  @ApiProperty({ type: [B2bV2RejectionDto], description: 'What was refused, per line.' })
  readonly rejections!: B2bV2RejectionDto[];

  @ApiPropertyOptional({ type: [B2bV2InvoiceDto], description: 'Invoices, one per shipment (on the order read).' })
  readonly invoices?: B2bV2InvoiceDto[];

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  readonly createdAt!: string;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  readonly updatedAt!: string;
}

export class B2bV2OrderPageDto {
  @ApiProperty({ type: [B2bV2OrderDto], description: 'Your orders, newest first (read one order for shipments and invoices).' })
  readonly orders!: B2bV2OrderDto[];

  @ApiProperty({ type: String, nullable: true, example: 'MjAyNi0xMS0yNVQxMDowMDowMC4xMjM0NTZafDdkMGMzZjBl' })
  readonly nextCursor!: string | null;
}

export class B2bV2InvoicePageDto {
  @ApiProperty({ type: [B2bV2InvoiceDto], description: 'Invoices billing your orders, newest first.' })
  readonly invoices!: B2bV2InvoiceDto[];

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Pass as `cursor` for the next page; null on the last page.' })
  readonly nextCursor!: string | null;
}
