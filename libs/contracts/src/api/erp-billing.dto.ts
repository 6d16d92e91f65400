import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CallerReferenceField, DocumentLinesField, ErpCustomerIdField, PositiveIntField, SkuField } from './request-fields.decorators.js';

export const ERP_INVOICE_STATUSES = ['open', 'paid'] as const;
export type ErpInvoiceStatus = (typeof ERP_INVOICE_STATUSES)[number];

/** One shipped quantity of a sales order item to bill; the ERP prices it from the order. */
export class ErpInvoiceLineRequestDto {
  @ApiPropertyOptional({
    maxLength: 10,
    example: '4500000002',
    description: "The line's sales order, when the invoice bills several; the invoice's erpOrderNumber otherwise.",
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,10}$/, { message: 'erpOrderNumber must be an ERP sales order number of up to 10 digits' })
  @MaxLength(10)
  readonly erpOrderNumber?: string;

  @ApiProperty({ maxLength: 6, example: '10', description: 'ERP item number of the sales order item billed (line × 10).' })
  @IsString()
  @Matches(/^\d{1,6}$/, { message: 'erpItemNumber must be an item number of up to 6 digits' })
  @MaxLength(6)
  readonly erpItemNumber!: string;

  @SkuField('Must be the sku of that sales order item.')
  readonly sku!: string;

  @PositiveIntField(12, 'Base units (eaches) shipped.')
  readonly quantity!: number;
}

/**
 * An invoice for shipped quantities of one ERP sales order, or of several of one customer (lines
 * naming their own order). Prices come from the orders, tax from the ERP.
 */
export class CreateErpInvoiceDto {
  @ErpCustomerIdField()
  readonly customerId!: string;

  @ApiProperty({ maxLength: 10, example: '4500000001', description: 'The sales order billed; for lines that name none.' })
  @IsString()
  @Matches(/^\d{1,10}$/, { message: 'erpOrderNumber must be an ERP sales order number of up to 10 digits' })
  @MaxLength(10)
  readonly erpOrderNumber!: string;

  @CallerReferenceField('invoice', 'inv-6f1c2a', 40)
  readonly externalReference!: string;

  @ApiProperty({ maxLength: 3, example: 'OH', description: 'US state of the ship-to address; the ERP derives the tax rate from it.' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'shipToRegion must be a two-letter upper-case state code' })
  @MaxLength(3)
  readonly shipToRegion!: string;

  @DocumentLinesField(ErpInvoiceLineRequestDto)
  readonly lines!: ErpInvoiceLineRequestDto[];
}

export class ErpInvoiceLineDto {
  @ApiProperty({ example: '4500000001', description: 'The sales order of this line.' })
  readonly erpOrderNumber!: string;

  @ApiProperty({ example: '10' })
  readonly erpItemNumber!: string;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 12, description: 'Base units billed.' })
  readonly quantity!: number;

  @ApiProperty({ example: 106.8 })
  readonly netAmount!: number;

  @ApiProperty({ example: 6.14 })
  readonly taxAmount!: number;
}

/** An ERP billing document in canonical terms. */
export class ErpInvoiceDto {
  @ApiProperty({ example: '90000001', description: 'ERP billing document number.' })
  readonly erpInvoiceNumber!: string;

  @ApiProperty({ example: 'inv-6f1c2a' })
  readonly externalReference!: string;

  @ApiProperty({ example: '10100001' })
  readonly customerId!: string;

  @ApiProperty({ example: '4500000001', description: 'The (first) sales order billed; see erpOrderNumbers for all.' })
  readonly erpOrderNumber!: string;

  @ApiProperty({ example: ['4500000001', '4500000002'], description: 'Every sales order the document bills, in item order.' })
  readonly erpOrderNumbers!: string[];

  @ApiProperty({ example: '2026-11-24' })
  readonly invoiceDate!: string;

  @ApiProperty({ example: 'USD' })
  readonly currency!: string;

  @ApiProperty({ example: 106.8 })
  readonly netAmount!: number;

  @ApiProperty({ example: 6.14 })
  readonly taxAmount!: number;

  @ApiProperty({ example: 112.94 })
  readonly grossAmount!: number;

  @ApiProperty({ example: 'open', enum: ERP_INVOICE_STATUSES, description: "'paid' once the ERP cleared it against a payment." })
  readonly status!: ErpInvoiceStatus;

  @ApiProperty({ type: [ErpInvoiceLineDto] })
  readonly lines!: ErpInvoiceLineDto[];
}
