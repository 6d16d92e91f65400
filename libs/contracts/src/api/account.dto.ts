import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, IsDefined, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CHANNELS, OrderDto, type Channel } from '../model/order.dto.js';
import { PostalAddressDto } from './erp-customer.dto.js';
import {
  RETURN_REASON_CODES,
  RETURN_REFUSALS,
  RETURN_STATUSES,
  ReturnCreditDto,
  type ReturnReasonCode,
  type ReturnRefusal,
  type ReturnStatus,
} from './returns.dto.js';

/** CRM record ids (Salesforce, Dynamics, HubSpot ...): letters, digits, `.`, `_`, `-`, up to 64 characters. */
export const CRM_ACCOUNT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const MATCHED_BY = ['taxId', 'namePostalCode'] as const;
/** How a CRM account was linked to an ERP customer that already existed; null when the gateway created the customer. */
export type MatchedBy = (typeof MATCHED_BY)[number];

export const ACCOUNT_OUTCOMES = ['created', 'linked', 'updated'] as const;
export type AccountOutcome = (typeof ACCOUNT_OUTCOMES)[number];

export class AccountAddressDto extends PostalAddressDto {}

/** Documents a field that takes any JSON value, null too (OpenAPI 3.0 allows `nullable` only next to a `type`). */
const ANY_VALUE = { anyOf: [{ type: 'number', nullable: true }, { type: 'string' }, { type: 'boolean' }, { type: 'object' }, { type: 'array', items: {} }] };

/**
 * A CRM account as the CRM sends it. Name, address and tax id are written to the ERP; segment, owner and lead
 * source are the CRM's and kept by the gateway; credit limit, payment terms and tax exemption are the ERP's:
 * accepted (so a CRM that sends its whole record is not refused) but ignored, each with a warning.
 */
export class UpsertAccountDto {
  @ApiProperty({ example: 'Cascade Pumps LLC', maxLength: 40 })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(40)
  readonly name!: string;

  @ApiProperty({ type: () => AccountAddressDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => AccountAddressDto)
  readonly address!: AccountAddressDto;

  @ApiPropertyOptional({ example: '93-1234567', maxLength: 20, description: 'Tax id (US EIN); compared ignoring case and spaces.' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'taxId must not be blank' })
  @MaxLength(20)
  readonly taxId?: string;

  @ApiPropertyOptional({ example: 'industrial', maxLength: 40, description: "CRM-owned: the account's segment." })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  readonly segment?: string;

  @ApiPropertyOptional({ example: 'jane.doe@example.com', maxLength: 80, description: 'CRM-owned: the account owner.' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  readonly owner?: string;

  @ApiPropertyOptional({ example: 'trade-show', maxLength: 40, description: 'CRM-owned: where the lead came from.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  readonly leadSource?: string;

  @ApiPropertyOptional({ ...ANY_VALUE, example: 50000, description: 'ERP-owned: any value is accepted and ignored, with a warning.' })
  @Allow()
  readonly creditLimit?: unknown;

  @ApiPropertyOptional({ ...ANY_VALUE, example: 'NT30', description: 'ERP-owned: any value is accepted and ignored, with a warning.' })
  @Allow()
  readonly paymentTerms?: unknown;

  @ApiPropertyOptional({ ...ANY_VALUE, example: false, description: 'ERP-owned: any value is accepted and ignored, with a warning.' })
  @Allow()
  readonly taxExempt?: unknown;
}

export class AccountWarningDto {
  @ApiProperty({ example: 'creditLimit' })
  readonly field!: string;

  @ApiProperty({ example: 'FIELD_OWNED_BY_ERP' })
  readonly code!: 'FIELD_OWNED_BY_ERP';

  @ApiProperty({ example: 'creditLimit is owned by the ERP (credit management); the value sent was ignored.' })
  readonly detail!: string;
}

export class AccountCreditDto {
  @ApiProperty({ example: 10000 })
  readonly limit!: number;

  @ApiProperty({ example: 1250.5, description: 'Open orders and receivables counted against the limit.' })
  readonly exposure!: number;

  @ApiProperty({ example: 8749.5, description: 'limit - exposure, never below zero.' })
  readonly available!: number;

  @ApiProperty({ example: false })
  readonly blocked!: boolean;

  @ApiPropertyOptional({ example: 'Overdue receivables past 90 days' })
  readonly blockReason?: string;

  @ApiProperty({ example: 'USD' })
  readonly currency!: string;
}

export class CrmOwnedFieldsDto {
  @ApiProperty({ type: String, nullable: true, example: 'industrial' })
  readonly segment!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'jane.doe@example.com' })
  readonly owner!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'trade-show' })
  readonly leadSource!: string | null;
}

export class AccountErpAddressDto {
  @ApiProperty({ example: 'Portland' })
  readonly city!: string;

  @ApiProperty({ example: '97201' })
  readonly postalCode!: string;

  @ApiProperty({ example: 'OR' })
  readonly region!: string;

  @ApiProperty({ example: 'US' })
  readonly country!: string;
}

/** A CRM account and its ERP customer, as the ERP holds it after the write. */
export class AccountDto {
  @ApiProperty({ example: 'crm-0016800000X1a2b' })
  readonly crmAccountId!: string;

  @ApiProperty({ example: '10100007', description: 'ERP customer number (sold-to party) the account is linked to.' })
  readonly erpAccountNumber!: string;

  @ApiProperty({
    example: 'created',
    enum: ACCOUNT_OUTCOMES,
    description: 'What this request did: created an ERP customer, linked an existing one, or updated the linked one.',
  })
  readonly outcome!: AccountOutcome;

  @ApiProperty({ example: true, description: 'true when this request created the ERP customer.' })
  readonly created!: boolean;

  @ApiProperty({
    // null listed too: under OpenAPI 3.0 an enum restricts the value even where nullable is true
    enum: [...MATCHED_BY, null],
    nullable: true,
    example: 'taxId',
    description:
      'How the account was linked to an ERP customer that already existed (same tax id, or same name and postal code); null when the gateway created it.',
  })
  readonly matchedBy!: MatchedBy | null;

  @ApiProperty({ example: 'Cascade Pumps LLC' })
  readonly name!: string;

  @ApiProperty({ type: () => AccountErpAddressDto })
  readonly address!: AccountErpAddressDto;

  @ApiPropertyOptional({ example: '93-1234567' })
  readonly taxId?: string;

  @ApiProperty({ type: () => CrmOwnedFieldsDto, description: 'Owned by the CRM; kept by the gateway.' })
  readonly crm!: CrmOwnedFieldsDto;

  @ApiProperty({ type: () => AccountCreditDto, description: 'Owned by the ERP (credit management).' })
  readonly credit!: AccountCreditDto;

  @ApiProperty({ type: String, nullable: true, example: '01', description: 'Owned by the ERP: customer price group, which selects the price list.' })
  readonly pricingGroup!: string | null;

  @ApiProperty({ example: 'NT30', description: 'Owned by the ERP.' })
  readonly paymentTerms!: string;

  @ApiProperty({ type: [AccountWarningDto], description: 'Fields sent but not applied (owned by the ERP).' })
  readonly warnings!: AccountWarningDto[];
}

/** The cross-reference kept by the gateway (no ERP read). */
export class AccountLinkDto {
  @ApiProperty({ example: 'crm-0016800000X1a2b' })
  readonly crmAccountId!: string;

  @ApiProperty({ example: '10100007' })
  readonly erpAccountNumber!: string;

  @ApiProperty({
    // null listed too: under OpenAPI 3.0 an enum restricts the value even where nullable is true
    enum: [...MATCHED_BY, null],
    nullable: true,
    example: 'taxId',
    description: 'How the account was linked to an existing ERP customer; null when the gateway created it.',
  })
  readonly matchedBy!: MatchedBy | null;

  @ApiProperty({ type: () => CrmOwnedFieldsDto })
  readonly crm!: CrmOwnedFieldsDto;

  @ApiProperty({ example: '2026-11-25T19:30:00.000Z' })
  readonly linkedAt!: string;

  @ApiProperty({ example: '2026-11-25T19:30:00.000Z' })
  readonly updatedAt!: string;
}

export class Order360BackorderDto {
  @ApiProperty({ example: 1 })
  readonly lineNumber!: number;

  @ApiProperty({ example: 'SKU-1001' })
  readonly sku!: string;

  @ApiProperty({ example: 40, description: 'In the line unit.' })
  readonly quantity!: number;

  @ApiProperty({ example: 'EA' })
  readonly uom!: string;

  @ApiProperty({ type: String, nullable: true, example: '2026-12-09', description: 'When the supply is due; null without a date.' })
  readonly promisedDate!: string | null;
}

/** A warehouse event that could not be applied to an order (an invalid transition, an unknown leg), for operations. */
export class OrderExceptionDto {
  @ApiProperty({ example: 'shipment.delivered' })
  readonly eventType!: string;

  @ApiProperty({ example: 'delivered before it was shipped (status released)' })
  readonly reason!: string;

  @ApiPropertyOptional({ example: 'DC01' })
  readonly warehouseId?: string;

  @ApiProperty({ example: '2026-11-25T15:00:00.000Z' })
  readonly at!: string;

  @ApiPropertyOptional({ example: '2026-11-25T16:00:00.000Z', description: 'When an operator resolved it; absent while open.' })
  readonly resolvedAt?: string;
}

/** A line of a return as the order 360 view sums it up: asked, authorized, received, credited. */
export class Order360ReturnLineDto {
  @ApiProperty({ type: 'integer', nullable: true, example: 1, description: 'The order line; null when the request named none the order has.' })
  readonly lineNumber!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'SKU-1001' })
  readonly sku!: string | null;

  @ApiProperty({ enum: RETURN_REASON_CODES, example: 'DAMAGED' })
  readonly reasonCode!: ReturnReasonCode;

  @ApiProperty({ example: 20, description: "In the order line's unit." })
  readonly requestedQuantity!: number;

  @ApiProperty({ example: 20, description: "In the order line's unit; 0 for a refused line." })
  readonly authorizedQuantity!: number;

  @ApiProperty({ enum: RETURN_REFUSALS, nullable: true, example: 'EXCEEDS_RETURNABLE', description: 'Why not all of it was authorized; null when it was.' })
  readonly refusal!: ReturnRefusal | null;

  @ApiProperty({ example: 20, description: 'Received at the warehouse (base units).' })
  readonly receivedQuantity!: number;

  @ApiProperty({ example: 20, description: 'Credited by the credit memo (base units).' })
  readonly creditedQuantity!: number;
}

/** A return (RMA) of the order and its credit, as the order 360 view shows it. */
export class Order360ReturnDto {
  @ApiProperty({ format: 'uuid', example: '3b5c8f0e-7a1d-4c2b-9e6f-1a2b3c4d5e6f' })
  readonly returnId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'RMA-2026-000123', description: 'Null when refused.' })
  readonly rmaNumber!: string | null;

  @ApiProperty({ enum: RETURN_STATUSES, example: 'credited' })
  readonly status!: ReturnStatus;

  @ApiProperty({ enum: CHANNELS, example: 'edi', description: 'Where the return was asked for.' })
  readonly channel!: Channel;

  @ApiProperty({ type: [Order360ReturnLineDto] })
  readonly lines!: Order360ReturnLineDto[];

  @ApiProperty({ type: () => ReturnCreditDto, nullable: true, description: 'The credit memo, once posted.' })
  readonly credit!: ReturnCreditDto | null;

  @ApiProperty({ example: '2026-12-07T10:00:00.000Z' })
  readonly createdAt!: string;

  @ApiProperty({ example: '2026-12-07T10:15:00.000Z' })
  readonly updatedAt!: string;
}

/** A page of a customer's order 360 view. */
export class Order360QueryDto {
  @ApiPropertyOptional({ type: 'integer', example: 20, default: 20, minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  readonly limit: number = 20;

  @ApiPropertyOptional({ maxLength: 200, description: 'Opaque cursor from the previous page (nextCursor).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly cursor?: string;
}

/** One order with everything that happened to it: legs, shipments, invoices, backorders, open exceptions and returns. */
export class Order360Dto extends OrderDto {
  @ApiProperty({ type: [Order360BackorderDto] })
  readonly backorders!: Order360BackorderDto[];

  @ApiProperty({
    type: [OrderExceptionDto],
    description: 'Warehouse events that could not be applied to the order; open ones have no `resolvedAt`.',
  })
  readonly exceptions!: OrderExceptionDto[];

  @ApiProperty({ type: [Order360ReturnDto], description: 'Its returns (RMAs), oldest first, with their credit memos.' })
  readonly returns!: Order360ReturnDto[];
}

export class Order360PageDto {
  @ApiProperty({ example: '10100001' })
  readonly customerId!: string;

  @ApiProperty({ type: [Order360Dto], description: 'Newest first, from every channel.' })
  readonly orders!: Order360Dto[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'eyJjIjoiMjAyNi0xMS0yNVQxOTozMDowMC4wMDBaIiwiaSI6Ii4uLiJ9',
    description: 'Cursor of the next page; null on the last page.',
  })
  readonly nextCursor!: string | null;
}
