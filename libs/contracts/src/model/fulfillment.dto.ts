import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyDto, UNITS_OF_MEASURE, type UnitOfMeasure } from './common.dto.js';

export const LEG_STATUSES = ['planned', 'released', 'picked', 'short_picked', 'packed', 'shipped', 'delivered', 'cancelled'] as const;
export type LegStatus = (typeof LEG_STATUSES)[number];

export class FulfillmentLegLineDto {
  @ApiProperty({ example: 1 })
  readonly lineNumber!: number;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 500, description: 'Base units.' })
  readonly quantity!: number;
}

/** The part of an order one warehouse ships. */
export class FulfillmentLegDto {
  @ApiProperty({ example: 'leg-1' })
  readonly legId!: string;

  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiProperty({ example: 'released', enum: LEG_STATUSES })
  readonly status!: LegStatus;

  @ApiPropertyOptional({ example: 'OB-000001', description: 'WMS outbound order id.' })
  readonly wmsOrderId?: string;

  @ApiPropertyOptional({ example: '2026-11-24' })
  readonly promisedShipDate?: string;

  @ApiProperty({ type: [FulfillmentLegLineDto] })
  readonly lines!: FulfillmentLegLineDto[];
}

export class ShipmentLineDto {
  @ApiProperty({ example: 1 })
  readonly lineNumber!: number;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 500, description: 'Base units shipped.' })
  readonly quantity!: number;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE })
  readonly uom!: UnitOfMeasure;

  @ApiPropertyOptional({ example: 'LOT-2026-11-A' })
  readonly lot?: string;

  @ApiPropertyOptional({ example: ['SN-0001'] })
  readonly serialNumbers?: string[];
}

export class ShipmentDto {
  @ApiProperty({ example: 'shp-1' })
  readonly shipmentId!: string;

  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiPropertyOptional({ example: 'OB-000001' })
  readonly wmsOrderId?: string;

  @ApiPropertyOptional({ example: 'UPSN' })
  readonly carrier?: string;

  @ApiPropertyOptional({ example: '1Z999AA10123456784' })
  readonly trackingNumber?: string;

  @ApiProperty({ example: '2026-11-24T15:00:00.000Z' })
  readonly shippedAt!: string;

  @ApiProperty({ type: [ShipmentLineDto] })
  readonly lines!: ShipmentLineDto[];
}

export class InvoiceLineDto {
  @ApiProperty({ example: 1 })
  readonly lineNumber!: number;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 500 })
  readonly quantity!: number;

  @ApiProperty({ type: MoneyDto })
  readonly unitPrice!: MoneyDto;

  @ApiProperty({ type: MoneyDto })
  readonly netAmount!: MoneyDto;

  @ApiProperty({ type: MoneyDto })
  readonly taxAmount!: MoneyDto;
}

export class InvoiceDto {
  @ApiProperty({ example: 'inv-1' })
  readonly invoiceId!: string;

  @ApiProperty({ example: '90000001', description: 'ERP billing document number.' })
  readonly erpBillingDocument!: string;

  @ApiProperty({ example: 'open', enum: ['open', 'paid'] })
  readonly status!: 'open' | 'paid';

  @ApiProperty({ example: ['shp-1'] })
  readonly shipmentIds!: string[];

  @ApiProperty({ type: [InvoiceLineDto] })
  readonly lines!: InvoiceLineDto[];

  @ApiProperty({ type: MoneyDto })
  readonly netAmount!: MoneyDto;

  @ApiProperty({ type: MoneyDto })
  readonly taxAmount!: MoneyDto;

  @ApiProperty({ type: MoneyDto })
  readonly totalAmount!: MoneyDto;

  @ApiProperty({ example: '2026-11-24T16:00:00.000Z' })
  readonly issuedAt!: string;
}
