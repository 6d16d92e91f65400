import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsISO8601, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { AddressDto, UNITS_OF_MEASURE, type UnitOfMeasure } from '../model/common.dto.js';
import { ShipmentLineDto } from '../model/fulfillment.dto.js';
import { CHANNELS, type Channel } from '../model/order.dto.js';
import { ErpCustomerIdField, PositiveIntField, PurchaseOrderNumberField, SkuField } from './request-fields.decorators.js';

export class ErpSalesOrderLineRequestDto {
  @PositiveIntField(1, 'Gateway line number; the ERP numbers its items 10, 20, …')
  readonly lineNumber!: number;

  @SkuField()
  readonly sku!: string;

  @ApiProperty({ example: 24 })
  @IsInt()
  @Min(1)
  readonly quantity!: number;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE })
  @IsIn(UNITS_OF_MEASURE)
  readonly uom!: UnitOfMeasure;
}

export class CreateErpSalesOrderDto {
  @ErpCustomerIdField()
  readonly customerId!: string;

  @PurchaseOrderNumberField()
  readonly purchaseOrderNumber!: string;

  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional()
  @IsISO8601()
  readonly requestedDeliveryDate?: string;

  @ApiProperty({ type: [ErpSalesOrderLineRequestDto] })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @Type(() => ErpSalesOrderLineRequestDto)
  readonly lines!: ErpSalesOrderLineRequestDto[];
}

export class ErpSalesOrderLineDto {
  @ApiProperty({ example: '10' })
  readonly erpItemNumber!: string;

  @ApiProperty({ example: 1 })
  readonly lineNumber!: number;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 24 })
  readonly quantity!: number;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE })
  readonly uom!: UnitOfMeasure;

  @ApiProperty({ example: 210, description: 'Net amount of the line.' })
  readonly netAmount!: number;

  @ApiProperty({ example: 8.75, description: 'Net price per base unit.' })
  readonly unitPrice!: number;
}

export class ErpSalesOrderDto {
  @ApiProperty({ example: '4500000001' })
  readonly erpOrderNumber!: string;

  @ApiProperty({ example: '10100001' })
  readonly customerId!: string;

  @ApiProperty({ example: 'PO-2026-0001' })
  readonly purchaseOrderNumber!: string;

  @ApiProperty({ example: 'USD' })
  readonly currency!: string;

  @ApiProperty({ example: 210 })
  readonly netAmount!: number;

  @ApiProperty({ example: 'passed', enum: ['passed', 'blocked'], description: 'ERP credit check result.' })
  readonly creditStatus!: 'passed' | 'blocked';

  @ApiProperty({ example: false })
  readonly deliveryBlocked!: boolean;

  @ApiProperty({ example: false, description: 'Every item rejected in the ERP: the order will be neither delivered nor billed.' })
  readonly cancelled!: boolean;

  @ApiProperty({ example: '2026-11-23' })
  readonly createdOn!: string;

  @ApiProperty({ type: [ErpSalesOrderLineDto] })
  readonly lines!: ErpSalesOrderLineDto[];
}

export const OMS_STATUSES = ['created', 'on_hold', 'released', 'backordered', 'partially_shipped', 'shipped', 'invoiced', 'cancelled'] as const;
export type OmsStatus = (typeof OMS_STATUSES)[number];

export class RegisterOmsOrderDto {
  @ApiProperty({ maxLength: 100, example: 'b2b:acme:7d0c3f0e', description: 'The channel order reference, unique in the OMS.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  readonly channelOrderRef!: string;

  @ApiProperty({ example: 'b2b', enum: CHANNELS })
  @IsIn(CHANNELS)
  readonly channel!: Channel;

  @ErpCustomerIdField()
  readonly customerId!: string;

  @ApiProperty({ maxLength: 10, example: '4500000001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly erpOrderNumber!: string;

  @ApiProperty({ example: 'created', enum: OMS_STATUSES })
  @IsIn(OMS_STATUSES)
  readonly status!: OmsStatus;
}

export class OmsTransitionDto {
  @ApiProperty({ example: 'released', enum: OMS_STATUSES })
  @IsIn(OMS_STATUSES)
  readonly status!: OmsStatus;

  @ApiPropertyOptional({ maxLength: 255, example: 'Released to DC01' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  readonly note?: string;
}

export class OmsTimelineEntryDto {
  @ApiProperty({ example: 'created', enum: OMS_STATUSES })
  readonly status!: OmsStatus;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  readonly at!: string;

  @ApiPropertyOptional({ example: 'Order received from b2b' })
  readonly note?: string;
}

export class OmsOrderDto {
  @ApiProperty({ example: 'OMS-000001' })
  readonly omsOrderId!: string;

  @ApiProperty({ example: 'b2b:acme:7d0c3f0e' })
  readonly channelOrderRef!: string;

  @ApiProperty({ example: 'created', enum: OMS_STATUSES })
  readonly status!: OmsStatus;

  @ApiProperty({ type: [OmsTimelineEntryDto] })
  readonly timeline!: OmsTimelineEntryDto[];
}

export class CreateFulfillmentOrderLineDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  readonly lineNumber!: number;

  @SkuField()
  readonly sku!: string;

  @PositiveIntField(500, 'Base units.')
  readonly quantity!: number;
}

export class CreateFulfillmentOrderDto {
  @ApiProperty({ maxLength: 10, example: '4500000001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly erpOrderNumber!: string;

  @ApiProperty({ maxLength: 10, example: 'DC01' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly warehouseId!: string;

  @ApiProperty({ type: AddressDto })
  @ValidateNested()
  @Type(() => AddressDto)
  readonly shipTo!: AddressDto;

  @ApiProperty({ type: [CreateFulfillmentOrderLineDto] })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @Type(() => CreateFulfillmentOrderLineDto)
  readonly lines!: CreateFulfillmentOrderLineDto[];
}

/** What the warehouse shipped for one outbound order, as its shipment event reports it (base units, per lot). */
export class FulfillmentShipmentDto {
  @ApiPropertyOptional({ example: 'UPSN' })
  readonly carrier?: string;

  @ApiPropertyOptional({ example: '1Z999AA10123456784' })
  readonly trackingNumber?: string;

  @ApiProperty({ example: '2026-11-24T15:00:00.000Z' })
  readonly shippedAt!: string;

  @ApiProperty({ type: [ShipmentLineDto] })
  readonly lines!: ShipmentLineDto[];
}

export class FulfillmentOrderDto {
  @ApiProperty({ example: 'OB-000001' })
  readonly wmsOrderId!: string;

  @ApiProperty({ example: '4500000001' })
  readonly erpOrderNumber!: string;

  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiProperty({ example: 'released' })
  readonly status!: string;

  @ApiProperty({ type: [CreateFulfillmentOrderLineDto] })
  readonly lines!: CreateFulfillmentOrderLineDto[];

  @ApiPropertyOptional({ type: FulfillmentShipmentDto, description: 'Once the warehouse shipped (status shipped or delivered): what left, per lot.' })
  readonly shipment?: FulfillmentShipmentDto;
}
