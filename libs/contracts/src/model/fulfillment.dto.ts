import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyDto, UNITS_OF_MEASURE, type UnitOfMeasure } from './common.dto.js';
import { BILLING_POLICIES, type BillingPolicy } from './master-data.dto.js';

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

export const INVOICE_STATUSES = ['draft', 'pending', 'open', 'paid'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** An order an invoice bills, with the numbers the partner and the ERP know it by. */
export class InvoiceOrderRefDto {
  @ApiProperty({ example: '7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d' })
  readonly orderId!: string;

  @ApiPropertyOptional({ example: '4500000001' })
  readonly erpOrderNumber?: string;

  @ApiProperty({ example: 'PO-2026-0001' })
  readonly purchaseOrderNumber!: string;
}

export class InvoiceLineDto {
  @ApiProperty({ example: 1 })
  readonly lineNumber!: number;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 500, description: 'Base units invoiced: what the shipment shipped.' })
  readonly quantity!: number;

  @ApiPropertyOptional({ example: '7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d', description: 'The order of this line (a daily invoice bills several).' })
  readonly orderId?: string;

  @ApiPropertyOptional({ example: '1b2f43d7-ba37-4d94-a265-add22b3cc79a', description: 'The shipment that shipped it.' })
  readonly shipmentId?: string;

  @ApiPropertyOptional({ type: MoneyDto, description: 'From the ERP, once issued.' })
  readonly netAmount?: MoneyDto;

  @ApiPropertyOptional({ type: MoneyDto, description: 'From the ERP, once issued.' })
  readonly taxAmount?: MoneyDto;
}

/**
 * An invoice made from confirmed shipments: one shipment, or a customer's day of shipments
 * (billing policy `daily`). `draft` while a daily invoice still collects, `pending` until the ERP has issued it.
 */
export class InvoiceDto {
  @ApiProperty({ example: '3c1f6a0e-7d1b-4a36-9d5e-2b8f0a1c9e77' })
  readonly invoiceId!: string;

  @ApiProperty({
    example: 'open',
    enum: INVOICE_STATUSES,
    description: "draft: a daily invoice still collecting the day's shipments; pending: not yet issued in the ERP (e.g. while it is down); open; paid.",
  })
  readonly status!: InvoiceStatus;

  @ApiProperty({ example: 'per_shipment', enum: BILLING_POLICIES })
  readonly billingPolicy!: BillingPolicy;

  @ApiPropertyOptional({ example: '90000001', description: 'ERP billing document number, once issued.' })
  readonly erpBillingDocument?: string;

  @ApiProperty({ example: '7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d', description: 'The (first) order it bills; see `orders` for all.' })
  readonly orderId!: string;

  @ApiPropertyOptional({ example: '4500000001' })
  readonly erpOrderNumber?: string;

  @ApiProperty({ example: 'PO-2026-0001' })
  readonly purchaseOrderNumber!: string;

  @ApiProperty({ type: [InvoiceOrderRefDto], description: 'Every order it bills, oldest first.' })
  readonly orders!: InvoiceOrderRefDto[];

  @ApiProperty({ example: ['1b2f43d7-ba37-4d94-a265-add22b3cc79a'], description: 'The shipments it bills.' })
  readonly shipmentIds!: string[];

  @ApiProperty({ type: [InvoiceLineDto] })
  readonly lines!: InvoiceLineDto[];

  @ApiPropertyOptional({ type: MoneyDto })
  readonly netAmount?: MoneyDto;

  @ApiPropertyOptional({ type: MoneyDto })
  readonly taxAmount?: MoneyDto;

  @ApiPropertyOptional({ type: MoneyDto })
  readonly totalAmount?: MoneyDto;

  @ApiPropertyOptional({ example: '2026-11-24', description: 'Invoice date in the ERP.' })
  readonly invoiceDate?: string;
}
