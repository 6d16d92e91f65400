import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  AddressDto,
  InvoiceDto,
  InvoiceListFilterDto,
  CreateOrderPromiseDto,
  CursorPageQueryDto,
  LEG_STATUSES,
  MoneyDto,
  OrderLineDto,
  OrderListFilterDto,
  ORDER_STATUSES,
  PlannedLegDto,
  PROMISE_STATUSES,
  PromisedLineDto,
  ShipmentLineDto,
  STATUS_REASON_PROPERTY,
  UNITS_OF_MEASURE,
  type LegStatus,
  type OrderStatus,
  type PromiseStatus,
  type UnitOfMeasure,
} from '@contracts';

/** What an item is, the same in every B2B version; the price's shape is the version's. */
export class B2bItemFieldsDto {
  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 'Nitrile gloves, large, box of 100' })
  readonly description!: string;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE, description: 'Unit the price is quoted in.' })
  readonly unitOfMeasure!: UnitOfMeasure;

  @ApiProperty({ example: 12, description: 'Eaches per case (order with uom CS).' })
  readonly packSize!: number;
}

export class B2bItemDto extends B2bItemFieldsDto {
  @ApiProperty({ type: MoneyDto, description: 'Your contract price per unit of measure.' })
  readonly price!: MoneyDto;
}

export class B2bItemPageDto {
  @ApiProperty({ type: [B2bItemDto] })
  readonly items!: B2bItemDto[];

  @ApiProperty({ type: String, nullable: true, example: 'c2t1OlNLVS0xMDIw', description: 'Pass as `cursor` for the next page; null on the last page.' })
  readonly nextCursor!: string | null;
}

export class B2bItemsQueryDto extends CursorPageQueryDto {}

export class B2bAvailabilityQueryDto {
  @ApiProperty({ minLength: 1, maxLength: 40, example: 'SKU-1001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly sku!: string;

  @ApiProperty({ type: 'integer', example: 24, minimum: 1, maximum: 1_000_000 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  readonly quantity!: number;

  @ApiPropertyOptional({ example: 'EA', enum: UNITS_OF_MEASURE, default: 'EA' })
  @IsOptional()
  @IsIn(UNITS_OF_MEASURE)
  readonly uom?: UnitOfMeasure;

  @ApiPropertyOptional({ maxLength: 10, example: '43004', description: 'Your ship-to ZIP code: adds transit days and delivery dates per warehouse.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  readonly shipToPostalCode?: string;

  @ApiPropertyOptional({ maxLength: 20, example: 'OH', description: 'Your ship-to US state or region (US-EAST, US-CENTRAL, US-WEST); wins over the ZIP code.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  readonly region?: string;
}

export class B2bWarehouseAvailabilityDto {
  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiProperty({ example: 470 })
  readonly available!: number;

  @ApiProperty({ example: '2026-11-25', description: 'When what is available now would ship.' })
  readonly promisedShipDate!: string;

  @ApiPropertyOptional({ example: 1, description: 'Transit days to your ship-to, when you gave one.' })
  readonly transitDays?: number;

  @ApiPropertyOptional({ example: '2026-11-26' })
  readonly estimatedDeliveryDate?: string;
}

export class B2bInboundDto {
  @ApiProperty({ example: '2026-12-09' })
  readonly date!: string;

  @ApiProperty({ example: 600, description: 'Arriving that day, not yet promised to anyone.' })
  readonly quantity!: number;
}

export class B2bAvailabilityDto {
  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 24 })
  readonly requestedQuantity!: number;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE })
  readonly uom!: UnitOfMeasure;

  @ApiProperty({ example: 1250 })
  readonly totalAvailable!: number;

  @ApiProperty({ type: [B2bWarehouseAvailabilityDto] })
  readonly warehouses!: B2bWarehouseAvailabilityDto[];

  @ApiProperty({ type: [B2bInboundDto], description: 'Future availability by date from inbound supply.' })
  readonly inbound!: B2bInboundDto[];

  @ApiProperty({
    example: '2026-11-23T10:00:00.000Z',
    description:
      'When the stock figures were last refreshed in full (stock events keep them current in between); the time of the figures, not of your request.',
  })
  readonly asOf!: string;

  @ApiProperty({
    example: false,
    description:
      'true: the figures could not be refreshed lately (e.g. the warehouse system is down) and may be out of date. ' +
      'As the projection said when this answer was read from it, at most B2B_AVAILABILITY_CACHE_MS (2 s unless configured) ago.',
  })
  readonly stale!: boolean;
}

/** The partner's line: the canonical one without internal fields (base quantity, ERP item). */
export class B2bOrderLineDto extends OmitType(OrderLineDto, ['baseQuantity', 'erpItemNumber'] as const) {}

export class B2bLegDto {
  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiProperty({ example: 'released', enum: LEG_STATUSES })
  readonly status!: LegStatus;

  @ApiPropertyOptional({ example: '2026-11-25' })
  readonly promisedShipDate?: string;
}

export class B2bShipmentDto {
  @ApiProperty({ example: '1b2f43d7-ba37-4d94-a265-add22b3cc79a' })
  readonly shipmentId!: string;

  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiPropertyOptional({ example: 'UPSN' })
  readonly carrier?: string;

  @ApiPropertyOptional({ example: '1Z999AA10123456784' })
  readonly trackingNumber?: string;

  @ApiProperty({ example: '2026-11-25T15:00:00.000Z' })
  readonly shippedAt!: string;

  @ApiProperty({ type: [ShipmentLineDto], description: 'What shipped, in eaches, with lots and serial numbers.' })
  readonly lines!: ShipmentLineDto[];
}

export class B2bShipmentListDto {
  @ApiProperty({ type: [B2bShipmentDto] })
  readonly shipments!: B2bShipmentDto[];
}

/**
 * An order's identity, state and delivery terms, the same in every B2B version (the fields come first
 * in each); its lines, legs and money are the version's.
 */
export class B2bOrderHeaderDto {
  @ApiProperty({ example: '7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d' })
  readonly orderId!: string;

  @ApiProperty({ example: 'PO-2026-0001' })
  readonly purchaseOrderNumber!: string;

  @ApiProperty({ example: 'accepted', enum: ORDER_STATUSES })
  readonly status!: OrderStatus;

  @ApiPropertyOptional(STATUS_REASON_PROPERTY)
  readonly statusReason?: string;

  @ApiPropertyOptional({ example: '4500000001', description: 'The ERP sales order number.' })
  readonly erpOrderNumber?: string;

  @ApiProperty({ type: AddressDto })
  readonly shipTo!: AddressDto;

  @ApiPropertyOptional({ example: '2026-12-01' })
  readonly requestedShipDate?: string;

  @ApiProperty({ example: true })
  readonly allowPartialShipment!: boolean;
}

export class B2bOrderDto extends B2bOrderHeaderDto {
  @ApiProperty({ type: [B2bOrderLineDto] })
  readonly lines!: B2bOrderLineDto[];

  @ApiProperty({ type: MoneyDto })
  readonly totalAmount!: MoneyDto;

  @ApiPropertyOptional({ type: [B2bLegDto], description: 'One shipment per warehouse and its progress (on the order read).' })
  readonly legs?: B2bLegDto[];

  @ApiPropertyOptional({ type: [B2bShipmentDto], description: 'Confirmed shipments with tracking (on the order read).' })
  readonly shipments?: B2bShipmentDto[];

  @ApiPropertyOptional({ type: [InvoiceDto], description: 'Invoices, one per shipment: what shipped, priced and taxed by the ERP (on the order read).' })
  readonly invoices?: InvoiceDto[];

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  readonly createdAt!: string;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  readonly updatedAt!: string;
}

/** A quote request: the process layer's, but the customer is you (from the token), never the body. */
export class B2bQuoteRequestDto extends OmitType(CreateOrderPromiseDto, ['customerId'] as const) {}

export class B2bQuoteDto {
  @ApiProperty({ example: 'quote-7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d' })
  readonly quoteId!: string;

  @ApiProperty({
    example: 'partial',
    enum: PROMISE_STATUSES,
    description: 'complete: all ships now; partial: some; backordered: none now, some later; rejected: nothing.',
  })
  readonly status!: PromiseStatus;

  @ApiProperty({ example: true })
  readonly allowPartialShipment!: boolean;

  @ApiProperty({ type: [PromisedLineDto], description: "Per line, in the line's unit: shipments now, backorder and rejection." })
  readonly lines!: PromisedLineDto[];

  @ApiProperty({ type: [PlannedLegDto], description: 'The shipments it would take: one per warehouse.' })
  readonly shipments!: PlannedLegDto[];

  @ApiPropertyOptional({ example: '2026-11-25T10:05:00.000Z', description: 'Until when the stock is held for you (holdSeconds).' })
  readonly holdExpiresAt?: string;

  @ApiProperty({ example: '2026-11-25T10:00:00.000Z' })
  readonly asOf!: string;

  @ApiProperty({ example: false })
  readonly stale!: boolean;
}

/** Filters and page of your order list: statuses, PO number, creation date range, cursor, limit. */
export class B2bOrderListQueryDto extends OrderListFilterDto {}

export class B2bOrderPageDto {
  @ApiProperty({ type: [B2bOrderDto], description: 'Your orders, newest first, with their lines and legs (read one order for shipments and invoices).' })
  readonly orders!: B2bOrderDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'MjAyNi0xMS0yNVQxMDowMDowMC4xMjM0NTZafDdkMGMzZjBl',
    description: 'Pass as `cursor` for the next page; null on the last page.',
  })
  readonly nextCursor!: string | null;
}

export class B2bCancelOrderRequestDto {
  @ApiPropertyOptional({ maxLength: 200, example: 'ordered twice by mistake', description: 'Why; kept in the order timeline.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly reason?: string;
}

/** Your invoices, a page at a time. */
export class B2bInvoiceListQueryDto extends InvoiceListFilterDto {}

export class B2bInvoicePageDto {
  @ApiProperty({ type: [InvoiceDto], description: 'Invoices billing your orders, newest first.' })
  readonly invoices!: InvoiceDto[];

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Pass as `cursor` for the next page; null on the last page.' })
  readonly nextCursor!: string | null;
}
