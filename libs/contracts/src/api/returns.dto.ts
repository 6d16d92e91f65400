import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { RequireOneOf } from '@platform';
import { CursorPageQueryDto, UNITS_OF_MEASURE, type UnitOfMeasure } from '../model/common.dto.js';
import { CHANNELS, type Channel } from '../model/order.dto.js';
import { RETURN_DISPOSITIONS } from './returns-system.dto.js';

/*
 * Returns (RMA) as the process layer answers them to the channels: a partner's request, the decision
 * of the return policy (per line), and what became of the goods and the credit.
 */

/** Why the partner sends the goods back; the process layer maps each to the ERP's order reason. */
export const RETURN_REASON_CODES = ['DAMAGED', 'DEFECTIVE', 'WRONG_ITEM', 'NOT_NEEDED', 'ORDERED_IN_ERROR'] as const;
export type ReturnReasonCode = (typeof RETURN_REASON_CODES)[number];

/**
 * refused and credited are final; authorized / partially_authorized wait for the goods; received
 * waits for the credit memo; exception waits for an operator (more arrived than was authorized).
 */
export const RETURN_STATUSES = ['refused', 'authorized', 'partially_authorized', 'received', 'exception', 'credited'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/** Why a requested quantity is not authorized. */
export const RETURN_REFUSALS = [
  /** No such line on the order, or no line of that sku. */
  'UNKNOWN_LINE',
  /** The sku is on several lines: the request must name the line. */
  'AMBIGUOUS_SKU',
  /** The reason code is not one the distributor accepts. */
  'UNKNOWN_REASON_CODE',
  /** The item cannot be returned (item master). */
  'ITEM_NOT_RETURNABLE',
  /** Nothing of the line was shipped. */
  'NOT_SHIPPED',
  /** The customer's return window since the line's last shipment has passed. */
  'OUTSIDE_RETURN_WINDOW',
  /** More than was shipped, less what earlier returns (and earlier lines of this request) took. */
  'EXCEEDS_RETURNABLE',
] as const;
export type ReturnRefusal = (typeof RETURN_REFUSALS)[number];

const LOT = /^[A-Za-z0-9._-]{1,20}$/;
const SERIAL = /^[A-Za-z0-9._-]{1,40}$/;

@RequireOneOf('lineNumber', 'sku')
export class ReturnRequestLineDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 99999, example: 1, description: 'The order line; required unless `sku` is given.' })
  @IsInt()
  @Min(1)
  @Max(99999)
  readonly lineNumber?: number;

  @ApiPropertyOptional({
    maxLength: 40,
    example: 'SKU-1001',
    description: 'The sku, when it is on one line of the order only; required unless `lineNumber` is given.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly sku?: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100000, example: 20, description: "In the order line's unit." })
  @IsInt()
  @Min(1)
  @Max(100000)
  readonly quantity!: number;

  @ApiProperty({ enum: RETURN_REASON_CODES, example: 'DAMAGED' })
  @IsIn(RETURN_REASON_CODES)
  readonly reasonCode!: ReturnReasonCode;

  @ApiPropertyOptional({ maxLength: 20, pattern: LOT.source, example: 'L2409-01', description: 'The lot coming back, when the goods are lot-tracked.' })
  @IsOptional()
  @IsString()
  @Matches(LOT, { message: 'lot must be 1 to 20 letters, digits, dots, dashes or underscores' })
  readonly lot?: string;

  @ApiPropertyOptional({ maxLength: 40, pattern: SERIAL.source, example: 'SN-000123', description: 'The serial number, for a serialized item.' })
  @IsOptional()
  @IsString()
  @Matches(SERIAL, { message: 'serial must be 1 to 40 letters, digits, dots, dashes or underscores' })
  readonly serial?: string;
}

/** A partner's return request: one order, the lines coming back. */
@RequireOneOf('orderId', 'purchaseOrderNumber')
export class ReturnRequestDto {
  @ApiPropertyOptional({
    format: 'uuid',
    example: '5d0f6f1e-2f4e-4b6a-9c1d-3e2f1a0b9c8d',
    description: 'The order; required unless `purchaseOrderNumber` is given.',
  })
  @IsUUID()
  readonly orderId?: string;

  @ApiPropertyOptional({ maxLength: 35, example: 'PO-2026-0042', description: "The order's purchase order number; required unless `orderId` is given." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(35)
  readonly purchaseOrderNumber?: string;

  @ApiProperty({ type: [ReturnRequestLineDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReturnRequestLineDto)
  readonly lines!: ReturnRequestLineDto[];

  @ApiPropertyOptional({ maxLength: 500, example: 'Pallet arrived crushed on one side.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  readonly notes?: string;
}

/** The process layer's request: the partner's, with who asks (from the caller's identity at the edge). */
export class CreateReturnDto extends ReturnRequestDto {
  @ApiProperty({ maxLength: 10, example: '10100001', description: "The customer the caller acts for; another customer's order is not found." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly customerId!: string;

  @ApiProperty({ maxLength: 64, example: 'acme', description: "The partner or trading partner that asks; another partner's order is not found." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly partnerId!: string;

  @ApiProperty({ enum: CHANNELS, example: 'b2b' })
  @IsIn(CHANNELS)
  readonly channel!: Channel;
}

/** What the warehouse did with a line's goods; base units. */
export class ReturnDispositionDto {
  @ApiProperty({ enum: RETURN_DISPOSITIONS, example: 'restock' })
  readonly disposition!: (typeof RETURN_DISPOSITIONS)[number];

  @ApiProperty({ example: 15 })
  readonly quantity!: number;

  @ApiPropertyOptional({ example: 'L2409-01' })
  readonly lot?: string;
}

export class ReturnLineDto {
  @ApiProperty({ type: 'integer', nullable: true, example: 1, description: 'The order line; null when the request named none the order has.' })
  readonly lineNumber!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'SKU-1001' })
  readonly sku!: string | null;

  @ApiProperty({ enum: UNITS_OF_MEASURE, nullable: true, example: 'EA', description: "The order line's unit; null when no line was found." })
  readonly uom!: UnitOfMeasure | null;

  @ApiProperty({ enum: RETURN_REASON_CODES, example: 'DAMAGED' })
  readonly reasonCode!: ReturnReasonCode;

  @ApiProperty({ example: 20 })
  readonly requestedQuantity!: number;

  @ApiProperty({ example: 20, description: 'What may be sent back; 0 for a refused line.' })
  readonly authorizedQuantity!: number;

  @ApiProperty({
    enum: RETURN_REFUSALS,
    nullable: true,
    example: 'EXCEEDS_RETURNABLE',
    description: 'Why requested - authorized was not authorized; null when all of it was.',
  })
  readonly refusal!: ReturnRefusal | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'DC01',
    description: 'Where the goods go back to: the warehouse that shipped the line (the last one, if several did); null for a refused line.',
  })
  readonly warehouseId!: string | null;

  @ApiPropertyOptional({ example: 'L2409-01' })
  readonly lot?: string;

  @ApiPropertyOptional({ example: 'SN-000123' })
  readonly serial?: string;

  @ApiProperty({ example: 20, description: 'Received at the warehouse so far (base units).' })
  readonly receivedQuantity!: number;

  @ApiProperty({ type: [ReturnDispositionDto], description: 'What the warehouse did with what arrived.' })
  readonly dispositions!: ReturnDispositionDto[];

  @ApiProperty({ example: 20, description: 'Credited by the credit memo (base units).' })
  readonly creditedQuantity!: number;
}

export class ReturnCreditDto {
  @ApiProperty({ example: '90000002', description: 'The ERP credit memo (billing document).' })
  readonly creditMemoNumber!: string;

  @ApiProperty({ example: 'USD' })
  readonly currency!: string;

  @ApiProperty({ example: 178, description: 'Net amount credited, positive.' })
  readonly netAmount!: number;

  @ApiProperty({ example: 10.24, description: 'Tax credited, positive.' })
  readonly taxAmount!: number;

  @ApiProperty({ example: 188.24 })
  readonly grossAmount!: number;

  @ApiProperty({ type: [String], example: ['90000001'], description: 'The invoices whose price and tax were credited.' })
  readonly invoiceNumbers!: string[];

  @ApiProperty({ example: '2026-12-07T10:15:00.000Z' })
  readonly creditedAt!: string;
}

/** A return (RMA) and what became of it. */
export class ReturnDto {
  @ApiProperty({ format: 'uuid', example: '3b5c8f0e-7a1d-4c2b-9e6f-1a2b3c4d5e6f' })
  readonly returnId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'RMA-2026-000123', description: 'The RMA number to write on the parcels; null when refused.' })
  readonly rmaNumber!: string | null;

  @ApiProperty({ enum: RETURN_STATUSES, example: 'authorized' })
  readonly status!: ReturnStatus;

  @ApiProperty({ format: 'uuid', example: '5d0f6f1e-2f4e-4b6a-9c1d-3e2f1a0b9c8d' })
  readonly orderId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'PO-2026-0042' })
  readonly purchaseOrderNumber!: string | null;

  @ApiProperty({ example: '10100001' })
  readonly customerId!: string;

  @ApiProperty({ example: 'acme' })
  readonly partnerId!: string;

  @ApiProperty({ enum: CHANNELS, example: 'b2b' })
  readonly channel!: Channel;

  @ApiProperty({ type: [ReturnLineDto], description: "One per request line, in the request's order." })
  readonly lines!: ReturnLineDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: '60000001',
    description: 'The ERP customer return; null until it is created (or for a refused return).',
  })
  readonly erpReturnNumber!: string | null;

  @ApiProperty({ type: () => ReturnCreditDto, nullable: true, description: 'The credit memo, once posted.' })
  readonly credit!: ReturnCreditDto | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  readonly notes!: string | null;

  @ApiProperty({ example: '2026-12-07T10:00:00.000Z' })
  readonly createdAt!: string;

  @ApiProperty({ example: '2026-12-07T10:15:00.000Z' })
  readonly updatedAt!: string;
}

/** The filters of a return list, as a channel asks for it (the owner comes from the caller's identity). */
export class ReturnListFilterDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this order's returns." })
  @IsOptional()
  @IsUUID()
  readonly orderId?: string;

  @ApiPropertyOptional({ enum: RETURN_STATUSES, description: 'Only returns in this status.' })
  @IsOptional()
  @IsIn(RETURN_STATUSES)
  readonly status?: ReturnStatus;
}

export class ListReturnsQueryDto extends ReturnListFilterDto {
  @ApiProperty({ maxLength: 10, example: '10100001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly customerId!: string;

  @ApiPropertyOptional({ maxLength: 64, example: 'acme', description: "Only the partner's returns." })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly partnerId?: string;
}

/** Who reads a return: another customer's (or partner's) return is not found. */
export class ReturnOwnerQueryDto {
  @ApiProperty({ maxLength: 10, example: '10100001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly customerId!: string;

  @ApiPropertyOptional({ maxLength: 64, example: 'acme' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly partnerId?: string;
}

export class ReturnPageDto {
  @ApiProperty({ type: [ReturnDto], description: 'Newest first.' })
  readonly returns!: ReturnDto[];

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Cursor of the next page; null on the last.' })
  readonly nextCursor!: string | null;
}
