import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MoneyDto, UNITS_OF_MEASURE, UomConversionDto, type UnitOfMeasure } from '../model/common.dto.js';

export class AvailabilityQueryDto {
  @ApiProperty({ example: 'SKU-1001' })
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
}

export class WarehouseAvailabilityDto {
  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiProperty({ example: 470, description: 'Available now, in the unit asked for (whole units).' })
  readonly available!: number;
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

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z', description: 'When the stock figures were read.' })
  readonly asOf!: string;
}

export class CatalogQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly cursor?: string;

  @ApiPropertyOptional({ example: 50, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  readonly limit?: number;
}

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
