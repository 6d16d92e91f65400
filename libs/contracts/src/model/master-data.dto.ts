import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UNITS_OF_MEASURE, UomConversionDto, type UnitOfMeasure } from './common.dto.js';

/** per_shipment: one invoice per shipment (the default); daily: one invoice per customer, day and ship-to region, made by the billing run. */
export const BILLING_POLICIES = ['per_shipment', 'daily'] as const;
export type BillingPolicy = (typeof BILLING_POLICIES)[number];

export const SHIP_COMPLETE_FALLBACKS = ['backorder', 'reject'] as const;
export type ShipCompleteFallback = (typeof SHIP_COMPLETE_FALLBACKS)[number];

/** How the customer wants orders that cannot ship now handled (ERP customer master). */
export class FulfillmentPolicyDto {
  @ApiProperty({ example: false, description: 'Ship complete by default: one shipment or none (SAP CompleteDeliveryIsDefined).' })
  readonly shipComplete!: boolean;

  @ApiProperty({
    example: 'backorder',
    enum: SHIP_COMPLETE_FALLBACKS,
    description: 'A ship-complete order that cannot ship now is backordered whole or rejected.',
  })
  readonly whenShipCompleteImpossible!: ShipCompleteFallback;

  @ApiProperty({ example: false, description: 'Quantity no inbound supply covers is backordered without a date instead of rejected.' })
  readonly backorderWithoutDate!: boolean;
}

export class CreditProfileDto {
  @ApiProperty({ example: 50000 })
  readonly limit!: number;

  @ApiProperty({ example: 12000, description: 'Open orders and receivables counted against the limit.' })
  readonly exposure!: number;

  @ApiProperty({ example: false })
  readonly blocked!: boolean;

  @ApiPropertyOptional({ example: 'Overdue receivables' })
  readonly blockReason?: string;
}

export class CustomerDto {
  @ApiProperty({ example: '10100001', description: 'ERP customer number (the sold-to party).' })
  readonly customerId!: string;

  @ApiProperty({ example: 'ACME Industrial Supply' })
  readonly name!: string;

  @ApiProperty({ example: 'US' })
  readonly country!: string;

  @ApiProperty({ example: 'OH' })
  readonly region!: string;

  @ApiPropertyOptional({ example: 'Columbus' })
  readonly city?: string;

  @ApiProperty({ example: '43004' })
  readonly postalCode!: string;

  @ApiPropertyOptional({ example: '34-1827745', description: 'Tax id (SAP TaxNumber1).' })
  readonly taxNumber?: string;

  @ApiProperty({ example: 'USD' })
  readonly currency!: string;

  @ApiPropertyOptional({ example: '01', description: 'ERP price group.' })
  readonly priceGroup?: string;

  @ApiProperty({ example: 'NT30' })
  readonly paymentTerms!: string;

  @ApiProperty({ type: () => CreditProfileDto })
  readonly credit!: CreditProfileDto;

  @ApiProperty({ type: () => FulfillmentPolicyDto })
  readonly fulfillmentPolicy!: FulfillmentPolicyDto;

  @ApiProperty({ example: 'per_shipment', enum: BILLING_POLICIES, description: 'How shipments are invoiced (ERP custom field YY1_BillingPolicy).' })
  readonly billingPolicy!: BillingPolicy;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    example: 30,
    description: "Days after a line's last shipment within which the customer may return it (ERP custom field YY1_ReturnWindowDays); null: no window agreed.",
  })
  readonly returnWindowDays?: number | null;
}

export class ItemDto {
  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 'Nitrile gloves, large, box of 100' })
  readonly description!: string;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE, description: 'Base unit; stock and reservations are kept in it.' })
  readonly baseUom!: UnitOfMeasure;

  @ApiProperty({ type: [UomConversionDto], description: 'Alternative units and their size in base units.' })
  readonly conversions!: UomConversionDto[];

  @ApiPropertyOptional({ example: 'GLOVES' })
  readonly productGroup?: string;

  @ApiPropertyOptional({ example: true, default: true, description: 'False for items that may not be returned (ERP custom field YY1_NotReturnable).' })
  readonly returnable?: boolean;
}

export class PriceDto {
  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 8.75, description: 'Price per base unit.' })
  readonly unitPrice!: number;

  @ApiProperty({ example: 'USD' })
  readonly currency!: string;

  @ApiProperty({ example: 'customer', enum: ['customer', 'list'], description: 'Contract price of the customer, or the list price.' })
  readonly source!: 'customer' | 'list';
}

export class WarehouseDto {
  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiProperty({ example: 'Newark DC' })
  readonly name!: string;

  @ApiProperty({ example: 'US-EAST' })
  readonly region!: string;

  @ApiProperty({ example: { 'US-EAST': 1, 'US-CENTRAL': 3, 'US-WEST': 5 }, description: 'Transit days to each ship-to region.' })
  readonly transitDays!: Record<string, number>;
}

/** Inbound supply for an item and warehouse: how much, and when it is expected. */
export class InTransitDto {
  @ApiProperty({ example: 200, description: 'Base units expected.' })
  readonly quantity!: number;

  @ApiProperty({ example: '2026-12-01', description: 'Expected arrival.' })
  readonly eta!: string;
}

export class InventoryPositionDto {
  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiProperty({ example: 500, description: 'Base units on hand (all lots, all statuses).' })
  readonly onHand!: number;

  @ApiProperty({ example: 20, description: 'Base units allocated to warehouse orders.' })
  readonly allocated!: number;

  @ApiProperty({ example: 0, description: 'Base units reserved by the gateway, not yet allocated.' })
  readonly reserved!: number;

  @ApiProperty({ example: 0, description: 'Base units kept back as safety stock.' })
  readonly safetyStock!: number;

  @ApiProperty({ example: 10, description: 'Base units on quality hold or damaged.' })
  readonly qualityHold!: number;

  @ApiProperty({ type: () => [InTransitDto], example: [{ quantity: 200, eta: '2026-12-01' }], description: 'Inbound supply with ETA.' })
  readonly inTransit!: InTransitDto[];

  @ApiProperty({ example: 470, description: 'onHand - allocated - reserved - safetyStock - qualityHold, never below zero.' })
  readonly available!: number;
}

export const INBOUND_SOURCES = ['purchase_order', 'transfer'] as const;
export type InboundSource = (typeof INBOUND_SOURCES)[number];

/** Supply on its way to a warehouse: an open purchase order schedule line (ERP) or a transfer in transit (WMS). */
export class InboundSupplyDto {
  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 'DC02' })
  readonly warehouseId!: string;

  @ApiProperty({ example: 600, description: 'Base units still to arrive.' })
  readonly quantity!: number;

  @ApiProperty({ example: '2026-12-09', description: 'Expected arrival (ISO date).' })
  readonly eta!: string;

  @ApiProperty({ example: 'purchase_order', enum: INBOUND_SOURCES })
  readonly source!: InboundSource;

  @ApiProperty({ example: '4500001234/10', description: 'The purchase order and item, or the transfer.' })
  readonly reference!: string;
}
