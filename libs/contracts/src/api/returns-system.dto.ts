import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { UNITS_OF_MEASURE, type UnitOfMeasure } from '../model/common.dto.js';
import {
  CallerReferenceField,
  DocumentLinesField,
  ErpCustomerIdField,
  PositiveIntField,
  PurchaseOrderNumberField,
  SkuField,
} from './request-fields.decorators.js';

/*
 * The system layer's canonical view of returns: the ERP's customer return and credit memo, the WMS's
 * expected inbound return (return receipt), and the data of the `return.goods_received` event.
 */

export const ERP_RETURN_CREDIT_STATUSES = ['none', 'partial', 'full'] as const;
export type ErpReturnCreditStatus = (typeof ERP_RETURN_CREDIT_STATUSES)[number];

export const RETURN_RECEIPT_STATUSES = ['expected', 'received'] as const;
export type ReturnReceiptStatus = (typeof RETURN_RECEIPT_STATUSES)[number];

/** What the warehouse did with returned goods: only `restock` becomes available stock again. */
export const RETURN_DISPOSITIONS = ['restock', 'refurbish', 'scrap'] as const;
export type ReturnDisposition = (typeof RETURN_DISPOSITIONS)[number];

const ERP_DOCUMENT = /^\d{1,10}$/;
const ERP_ITEM = /^\d{1,6}$/;
const REASON_CODE = /^[A-Z0-9]{1,3}$/;

/** One sales order item coming back. */
export class ErpCustomerReturnLineRequestDto {
  @ApiProperty({ maxLength: 6, example: '10', description: 'ERP item number of the sales order item returned.' })
  @IsString()
  @Matches(ERP_ITEM, { message: 'erpItemNumber must be an item number of up to 6 digits' })
  @MaxLength(6)
  readonly erpItemNumber!: string;

  @SkuField('Must be the sku of that sales order item.')
  readonly sku!: string;

  @PositiveIntField(20, 'In `uom`.')
  readonly quantity!: number;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE })
  @IsIn(UNITS_OF_MEASURE)
  readonly uom!: UnitOfMeasure;

  @ApiProperty({ maxLength: 3, example: '101', description: "The ERP's return reason of this line (up to three letters or digits, e.g. 101 damaged)." })
  @IsString()
  @Matches(REASON_CODE, { message: 'reasonCode must be up to three upper-case letters or digits' })
  readonly reasonCode!: string;
}

/**
 * A customer return in the ERP with reference to one billed sales order. The ERP checks quantities
 * only (at most what was billed less what earlier returns requested); the return policy is the caller's.
 */
export class CreateErpCustomerReturnDto {
  @ErpCustomerIdField()
  readonly customerId!: string;

  @ApiProperty({ maxLength: 10, example: '4500000001', description: 'The sales order the goods were sold on.' })
  @IsString()
  @Matches(ERP_DOCUMENT, { message: 'erpOrderNumber must be an ERP sales order number of up to 10 digits' })
  @MaxLength(10)
  readonly erpOrderNumber!: string;

  @PurchaseOrderNumberField("The customer's purchase order of the sales order.")
  readonly purchaseOrderNumber!: string;

  @CallerReferenceField('return', 'ret-6f1c2a', 35)
  readonly externalReference!: string;

  @ApiProperty({ maxLength: 3, example: '101', description: "The return's order reason (up to three letters or digits)." })
  @IsString()
  @Matches(REASON_CODE, { message: 'reasonCode must be up to three upper-case letters or digits' })
  readonly reasonCode!: string;

  @DocumentLinesField(ErpCustomerReturnLineRequestDto)
  readonly lines!: ErpCustomerReturnLineRequestDto[];
}

export class ErpCustomerReturnLineDto {
  @ApiProperty({ example: '10', description: 'The ERP return item.' })
  readonly erpReturnItemNumber!: string;

  @ApiProperty({ example: '10', description: 'The sales order item returned.' })
  readonly erpItemNumber!: string;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 20, description: 'Base units requested back (a return requested in cases reads back in eaches).' })
  readonly quantity!: number;

  @ApiProperty({ example: 'EA', enum: UNITS_OF_MEASURE, description: "The item's base unit, so quantity and creditedQuantity compare." })
  readonly uom!: UnitOfMeasure;

  @ApiProperty({ example: 178, description: "At the sales order item's net price." })
  readonly netAmount!: number;

  @ApiProperty({ example: 0, description: 'Base units credited so far by credit memos.' })
  readonly creditedQuantity!: number;
}

/** An ERP customer return in canonical terms. */
export class ErpCustomerReturnDto {
  @ApiProperty({ example: '60000001', description: 'ERP customer return number.' })
  readonly erpReturnNumber!: string;

  @ApiProperty({ example: 'ret-6f1c2a' })
  readonly externalReference!: string;

  @ApiProperty({ example: '10100001' })
  readonly customerId!: string;

  @ApiProperty({ example: '4500000001' })
  readonly erpOrderNumber!: string;

  @ApiProperty({ example: 'USD' })
  readonly currency!: string;

  @ApiProperty({ example: 178 })
  readonly netAmount!: number;

  @ApiProperty({ example: 'none', enum: ERP_RETURN_CREDIT_STATUSES, description: 'How much of the return credit memos have credited.' })
  readonly creditStatus!: ErpReturnCreditStatus;

  @ApiProperty({ example: '2026-12-07' })
  readonly createdOn!: string;

  @ApiProperty({ type: [ErpCustomerReturnLineDto] })
  readonly lines!: ErpCustomerReturnLineDto[];
}

/** One customer return item to credit. */
export class ErpCreditMemoLineRequestDto {
  @ApiProperty({ maxLength: 6, example: '10', description: 'The ERP return item credited.' })
  @IsString()
  @Matches(ERP_ITEM, { message: 'erpReturnItemNumber must be an item number of up to 6 digits' })
  @MaxLength(6)
  readonly erpReturnItemNumber!: string;

  @SkuField('Must be the sku of that return item.')
  readonly sku!: string;

  @PositiveIntField(20, 'Base units (eaches) credited.')
  readonly quantity!: number;

  @ApiPropertyOptional({
    maxLength: 10,
    example: '90000001',
    description: 'The invoice credited; when absent the ERP takes the latest invoice of the sales order item with that much left to credit.',
  })
  @IsOptional()
  @IsString()
  @Matches(ERP_DOCUMENT, { message: 'erpInvoiceNumber must be an ERP billing document number of up to 10 digits' })
  @MaxLength(10)
  readonly erpInvoiceNumber?: string;
}

/** A credit memo for returned quantities of one customer return: the ERP credits them at the invoice's price and tax rate. */
export class CreateErpCreditMemoDto {
  @ErpCustomerIdField()
  readonly customerId!: string;

  @ApiProperty({ maxLength: 10, example: '60000001', description: 'The customer return credited; for every line.' })
  @IsString()
  @Matches(ERP_DOCUMENT, { message: 'erpReturnNumber must be an ERP customer return number of up to 10 digits' })
  @MaxLength(10)
  readonly erpReturnNumber!: string;

  @CallerReferenceField('credit', 'cm-6f1c2a', 40)
  readonly externalReference!: string;

  @DocumentLinesField(ErpCreditMemoLineRequestDto)
  readonly lines!: ErpCreditMemoLineRequestDto[];
}

export class ErpCreditMemoLineDto {
  @ApiProperty({ example: '10' })
  readonly erpReturnItemNumber!: string;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 20, description: 'Base units credited.' })
  readonly quantity!: number;

  @ApiProperty({ example: 178, description: 'Credited net amount, positive.' })
  readonly netAmount!: number;

  @ApiProperty({ example: 10.24, description: 'Credited tax, positive.' })
  readonly taxAmount!: number;

  @ApiProperty({ example: '90000001', description: 'The invoice whose price and tax rate were credited.' })
  readonly erpInvoiceNumber!: string;
}

/** An ERP credit memo (billing document type G2) in canonical terms; amounts are positive, as the ERP keeps them. */
export class ErpCreditMemoDto {
  @ApiProperty({ example: '90000002', description: 'ERP billing document number (invoices and credit memos share one range).' })
  readonly erpCreditMemoNumber!: string;

  @ApiProperty({ example: 'cm-6f1c2a' })
  readonly externalReference!: string;

  @ApiProperty({ example: '10100001' })
  readonly customerId!: string;

  @ApiProperty({ example: '60000001' })
  readonly erpReturnNumber!: string;

  @ApiProperty({ example: 'USD' })
  readonly currency!: string;

  @ApiProperty({ example: 178 })
  readonly netAmount!: number;

  @ApiProperty({ example: 10.24 })
  readonly taxAmount!: number;

  @ApiProperty({ example: 188.24 })
  readonly grossAmount!: number;

  @ApiProperty({ type: [ErpCreditMemoLineDto] })
  readonly lines!: ErpCreditMemoLineDto[];
}

export class WmsReturnReceiptLineRequestDto {
  @PositiveIntField(1, "The caller's line number (unique in the receipt).")
  readonly lineNumber!: number;

  @SkuField('One line per sku.')
  readonly sku!: string;

  @PositiveIntField(20, 'Base units (eaches) expected back.')
  readonly quantity!: number;

  @ApiPropertyOptional({ maxLength: 20, example: 'L2409-01', description: 'The lot expected back (e.g. the one shipped).' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  readonly lot?: string;
}

/** Announces an inbound return to the warehouse the goods go back to; idempotent on `rmaNumber`. */
export class CreateWmsReturnReceiptDto {
  @ApiProperty({ maxLength: 35, example: 'RMA-2026-000123', description: 'The RMA number; a second create with it answers the first receipt.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(35)
  readonly rmaNumber!: string;

  @ApiProperty({ maxLength: 10, example: 'DC01' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly warehouseId!: string;

  @DocumentLinesField(WmsReturnReceiptLineRequestDto)
  readonly lines!: WmsReturnReceiptLineRequestDto[];
}

export class WmsReturnReceiptPartDto {
  @ApiProperty({ example: 'restock', enum: RETURN_DISPOSITIONS })
  readonly disposition!: ReturnDisposition;

  @ApiProperty({ example: 15, description: 'Base units.' })
  readonly quantity!: number;

  @ApiPropertyOptional({ example: 'L2409-01' })
  readonly lot?: string;
}

export class WmsReturnReceiptLineDto {
  @ApiProperty({ example: 1 })
  readonly lineNumber!: number;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 20, description: 'Base units announced (0 on a line the warehouse added for an item not expected).' })
  readonly expectedQuantity!: number;

  @ApiProperty({ example: 20, description: 'Base units that arrived.' })
  readonly receivedQuantity!: number;

  @ApiProperty({ type: [WmsReturnReceiptPartDto], description: 'What arrived, by disposition and lot.' })
  readonly receipts!: WmsReturnReceiptPartDto[];
}

/** An expected inbound return at a warehouse, and once received what arrived. */
export class WmsReturnReceiptDto {
  @ApiProperty({ example: 'RMA-000001', description: "The WMS's id of the receipt." })
  readonly receiptId!: string;

  @ApiProperty({ example: 'RMA-2026-000123' })
  readonly rmaNumber!: string;

  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiProperty({ example: 'expected', enum: RETURN_RECEIPT_STATUSES, description: 'One receipt closes it, even short.' })
  readonly status!: ReturnReceiptStatus;

  @ApiProperty({ example: false, description: 'More arrived than expected on some line, or an item not expected.' })
  readonly overReceived!: boolean;

  @ApiProperty({ type: [WmsReturnReceiptLineDto] })
  readonly lines!: WmsReturnReceiptLineDto[];
}

export class ReturnGoodsReceivedLineDto {
  @ApiProperty({ type: 'integer', example: 1, description: 'The receipt line (as announced, or added by the warehouse).' })
  readonly lineNumber!: number;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 15, description: 'Base units (eaches).' })
  readonly quantity!: number;

  @ApiProperty({ example: 'restock', enum: RETURN_DISPOSITIONS })
  readonly disposition!: ReturnDisposition;

  @ApiPropertyOptional({ example: 'L2409-01' })
  readonly lot?: string;
}

/**
 * `return.goods_received` v1: the warehouse received an announced return; one line per receipt line,
 * disposition and lot (a line that received nothing has none). Subject: `rma/<rmaNumber>`. Restocked
 * quantities are followed by `inventory.received` and `inventory.changed` as any goods receipt.
 */
export class ReturnGoodsReceivedData {
  static readonly type = 'return.goods_received';
  static readonly version = 1;

  @ApiProperty({ example: 'RMA-2026-000123', description: 'The RMA number the receipt was announced with.' })
  readonly rmaNumber!: string;

  @ApiProperty({ example: 'DC01' })
  readonly warehouseId!: string;

  @ApiProperty({ example: 'RMA-000001', description: "The WMS's id of the receipt." })
  readonly receiptId!: string;

  @ApiProperty({ example: false, description: 'More arrived than expected on some line, or an item not expected.' })
  readonly overReceived!: boolean;

  @ApiProperty({ type: () => [ReturnGoodsReceivedLineDto] })
  readonly lines!: ReturnGoodsReceivedLineDto[];
}
