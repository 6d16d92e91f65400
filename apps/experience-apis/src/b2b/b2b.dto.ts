import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AddressDto, LINE_STATUSES, MoneyDto, ORDER_STATUSES, UNITS_OF_MEASURE, type LineStatus, type OrderStatus, type UnitOfMeasure } from '@contracts';

export class B2bItemDto {
  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 'Nitrile gloves, large, box of 100' })
  readonly description!: string;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE, description: 'Unit the price is quoted in.' })
  readonly unitOfMeasure!: UnitOfMeasure;

  @ApiProperty({ example: 12, description: 'Eaches per case (order with uom CS).' })
  readonly packSize!: number;

  @ApiProperty({ type: MoneyDto, description: 'Your contract price per unit of measure.' })
  readonly price!: MoneyDto;
}

export class B2bItemPageDto {
  @ApiProperty({ type: [B2bItemDto] })
  readonly items!: B2bItemDto[];

  @ApiProperty({ type: String, nullable: true, example: 'c2t1OlNLVS0xMDIw', description: 'Pass as `cursor` for the next page; null on the last page.' })
  readonly nextCursor!: string | null;
}

export class B2bItemsQueryDto {
  @ApiPropertyOptional({ description: 'Cursor from the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly cursor?: string;

  @ApiPropertyOptional({ example: 50, default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  readonly limit?: number;
}

export class B2bAvailabilityQueryDto {
  @ApiProperty({ example: 'SKU-1001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly sku!: string;

  @ApiProperty({ example: 24 })
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

export class B2bWarehouseAvailabilityDto {
  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiProperty({ example: 470 })
  readonly available!: number;
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

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  readonly asOf!: string;
}

export class B2bOrderLineDto {
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

  @ApiPropertyOptional({ example: 'DC01' })
  readonly warehouseId?: string;

  @ApiProperty({ type: MoneyDto })
  readonly unitPrice!: MoneyDto;

  @ApiProperty({ type: MoneyDto })
  readonly lineAmount!: MoneyDto;
}

export class B2bOrderDto {
  @ApiProperty({ example: '7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d' })
  readonly orderId!: string;

  @ApiProperty({ example: 'PO-2026-0001' })
  readonly purchaseOrderNumber!: string;

  @ApiProperty({ example: 'accepted', enum: ORDER_STATUSES })
  readonly status!: OrderStatus;

  @ApiPropertyOptional({ example: 'CREDIT_BLOCK', description: 'Why the order is on hold, backordered or rejected.' })
  readonly statusReason?: string;

  @ApiPropertyOptional({ example: '4500000001', description: 'The ERP sales order number.' })
  readonly erpOrderNumber?: string;

  @ApiProperty({ type: AddressDto })
  readonly shipTo!: AddressDto;

  @ApiPropertyOptional({ example: '2026-12-01' })
  readonly requestedShipDate?: string;

  @ApiProperty({ example: true })
  readonly allowPartialShipment!: boolean;

  @ApiProperty({ type: [B2bOrderLineDto] })
  readonly lines!: B2bOrderLineDto[];

  @ApiProperty({ type: MoneyDto })
  readonly totalAmount!: MoneyDto;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  readonly createdAt!: string;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  readonly updatedAt!: string;
}
