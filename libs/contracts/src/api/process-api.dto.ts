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
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto, MoneyDto, UNITS_OF_MEASURE, UomConversionDto, type UnitOfMeasure } from '../model/common.dto.js';
import { OrderLineRequestDto, PromisedLineDto } from '../model/order.dto.js';

export class AvailabilityQueryDto {
  @ApiProperty({ maxLength: 40, example: 'SKU-1001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly sku!: string;

  @ApiProperty({ example: 24, description: 'Quantity wanted, in `uom`.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  readonly quantity!: number;

  @ApiPropertyOptional({ example: 'EA', enum: UNITS_OF_MEASURE, default: 'EA' })
  @IsOptional()
  @IsIn(UNITS_OF_MEASURE)
  readonly uom?: UnitOfMeasure;

  @ApiPropertyOptional({ maxLength: 10, example: '43004', description: 'Ship-to ZIP code: adds transit days and delivery dates per warehouse.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  readonly shipToPostalCode?: string;

  @ApiPropertyOptional({
    maxLength: 20,
    example: 'OH',
    description: 'Ship-to US state or transit region (US-EAST, US-CENTRAL, US-WEST); wins over the ZIP code.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  readonly region?: string;
}

export class WarehouseAvailabilityDto {
  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiProperty({ example: 470, description: 'Available now, in the unit asked for (whole units).' })
  readonly available!: number;

  @ApiProperty({ example: '2026-11-25', description: 'When what is available now would ship.' })
  readonly promisedShipDate!: string;

  @ApiPropertyOptional({ example: 1, description: 'Transit days to the ship-to region, when one was given.' })
  readonly transitDays?: number;

  @ApiPropertyOptional({ example: '2026-11-26', description: 'promisedShipDate + transitDays.' })
  readonly estimatedDeliveryDate?: string;
}

export class FutureAvailabilityDto {
  @ApiProperty({ example: '2026-12-09', description: 'Date inbound supply arrives.' })
  readonly date!: string;

  @ApiProperty({ example: 600, description: 'Arriving that day and not yet promised, in the unit asked for.' })
  readonly quantity!: number;
}

export class AvailabilityDto {
  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 24 })
  readonly requestedQuantity!: number;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE })
  readonly uom!: UnitOfMeasure;

  @ApiProperty({ example: 1250, description: 'Sum over warehouses, in `uom`.' })
  readonly totalAvailable!: number;

  @ApiProperty({ example: true, description: 'totalAvailable >= requestedQuantity.' })
  readonly canFulfill!: boolean;

  @ApiProperty({ type: [WarehouseAvailabilityDto] })
  readonly warehouses!: WarehouseAvailabilityDto[];

  @ApiProperty({ type: [FutureAvailabilityDto], description: 'Inbound supply by date, not yet promised to backorders.' })
  readonly inbound!: FutureAvailabilityDto[];

  @ApiProperty({
    example: '2026-11-23T10:00:00.000Z',
    description: 'Last full refresh of the stock figures from the WMS (events may have updated them since).',
  })
  readonly asOf!: string;

  @ApiProperty({ example: false, description: 'True when the last refresh failed (e.g. the WMS is down) or is overdue: the figures may be out of date.' })
  readonly stale!: boolean;

  @ApiProperty({ example: 12, description: 'Seconds since asOf.' })
  readonly ageSeconds!: number;
}

export class CatalogQueryDto extends CursorPageQueryDto {}

export class CatalogItemDto {
  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 'Nitrile gloves, large, box of 100' })
  readonly description!: string;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE })
  readonly unitOfMeasure!: UnitOfMeasure;

  @ApiProperty({ example: 12, description: 'Eaches per case.' })
  readonly packSize!: number;

  @ApiProperty({ type: [UomConversionDto] })
  readonly conversions!: UomConversionDto[];

  @ApiProperty({ type: MoneyDto, description: "The customer's contract price per base unit." })
  readonly price!: MoneyDto;

  @ApiProperty({ example: 'customer', enum: ['customer', 'list'] })
  readonly priceSource!: 'customer' | 'list';
}

export class CatalogPageDto {
  @ApiProperty({ type: [CatalogItemDto] })
  readonly items!: CatalogItemDto[];

  @ApiProperty({ example: 'U0tVLTEwMjA', nullable: true, type: String, description: 'Cursor of the next page; null on the last page.' })
  readonly nextCursor!: string | null;
}

export class PromiseShipToDto {
  @ApiPropertyOptional({ maxLength: 20, example: 'OH', description: 'US state or transit region.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  readonly region?: string;

  @ApiPropertyOptional({ maxLength: 10, example: '43004' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  readonly postalCode?: string;

  @ApiPropertyOptional({ maxLength: 2, example: 'US' })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  readonly country?: string;
}

/** A quote: what could be promised for these lines now, optionally holding the stock for a while. */
export class CreateOrderPromiseDto {
  @ApiProperty({ maxLength: 10, example: '10100001', description: 'ERP sold-to party.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly customerId!: string;

  @ApiProperty({ type: [OrderLineRequestDto], minItems: 1, maxItems: 500 })
  @IsArray()
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Type(() => OrderLineRequestDto)
  readonly lines!: OrderLineRequestDto[];

  @ApiPropertyOptional({ type: PromiseShipToDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PromiseShipToDto)
  readonly shipTo?: PromiseShipToDto;

  @ApiPropertyOptional({ example: true, description: "false = ship complete; default: the customer's setting." })
  @IsOptional()
  @IsBoolean()
  readonly allowPartialShipment?: boolean;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly requestedShipDate?: string;

  @ApiPropertyOptional({ type: 'integer', example: 300, minimum: 1, maximum: 900, description: 'Hold the promised stock this many seconds.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(900)
  readonly holdSeconds?: number;
}

export class LegLineDto {
  @ApiProperty({ example: 1 })
  readonly lineNumber!: number;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 500 })
  readonly quantity!: number;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE })
  readonly uom!: UnitOfMeasure;
}

export class PlannedLegDto {
  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiProperty({ example: '2026-11-25' })
  readonly promisedShipDate!: string;

  @ApiProperty({ type: [LegLineDto] })
  readonly lines!: LegLineDto[];
}

export const PROMISE_STATUSES = ['complete', 'partial', 'backordered', 'rejected'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

export class OrderPromiseDto {
  @ApiProperty({ example: 'quote-7d0c3f0e', description: 'Identifies the quote (and its hold).' })
  readonly promiseId!: string;

  @ApiProperty({ example: 'partial', enum: PROMISE_STATUSES })
  readonly status!: PromiseStatus;

  @ApiPropertyOptional({ example: 'US-EAST', description: 'Transit region the ship-to falls in, when known.' })
  readonly shipToRegion?: string;

  @ApiProperty({ example: true })
  readonly allowPartialShipment!: boolean;

  @ApiProperty({ type: [PromisedLineDto] })
  readonly lines!: PromisedLineDto[];

  @ApiProperty({ type: [PlannedLegDto], description: 'One fulfillment leg per warehouse.' })
  readonly legs!: PlannedLegDto[];

  @ApiPropertyOptional({ example: '2026-11-25T10:05:00.000Z', description: 'Until when the promised stock is held (holdSeconds).' })
  readonly holdExpiresAt?: string;

  @ApiProperty({ example: '2026-11-25T10:00:00.000Z', description: 'Last full refresh of the stock figures.' })
  readonly asOf!: string;

  @ApiProperty({ example: false })
  readonly stale!: boolean;
}
