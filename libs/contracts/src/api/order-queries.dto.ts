import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CursorPageQueryDto } from '../model/common.dto.js';
import { InvoiceDto, INVOICE_STATUSES, type InvoiceStatus } from '../model/fulfillment.dto.js';
import { OrderDto, ORDER_STATUSES, type OrderStatus } from '../model/order.dto.js';

/** `a,b` or a repeated parameter both become a list. */
const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/** A comma-separated list of up to as many values as there are, as the catalog documents it. */
const listPattern = (values: readonly string[]) => `^(${values.join('|')})(,(${values.join('|')})){0,${values.length - 1}}$`;

/** An instant or a whole day (UTC): what `IsISO8601` accepts, as the catalog documents it. */
const DATE_OR_DATE_TIME = {
  anyOf: [
    { type: 'string', format: 'date' },
    { type: 'string', format: 'date-time' },
  ],
};

/** The filters and page of an order list, as a channel asks for it (the owner comes from the caller's identity). */
export class OrderListFilterDto {
  @ApiPropertyOptional({
    example: 'accepted,on_hold',
    description: `Only orders in these statuses (comma-separated): ${ORDER_STATUSES.join(', ')}.`,
    type: String,
    pattern: listPattern(ORDER_STATUSES),
  })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(ORDER_STATUSES.length)
  @IsIn(ORDER_STATUSES, { each: true })
  readonly status?: OrderStatus[];

  @ApiPropertyOptional({ maxLength: 35, example: 'PO-2026-0001', description: 'Only the orders with this purchase order number (exact match).' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(35)
  readonly purchaseOrderNumber?: string;

  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'Only orders created at or after this instant (ISO 8601 date-time, or a date meaning its start, UTC).',
    ...DATE_OR_DATE_TIME,
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly createdFrom?: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'Only orders created before this instant (ISO 8601 date-time); a date includes that whole day (UTC).',
    ...DATE_OR_DATE_TIME,
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly createdTo?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Opaque cursor from the previous page (`nextCursor`).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a cursor returned by a previous page' })
  readonly cursor?: string;

  @ApiPropertyOptional({ type: 'integer', example: 50, default: 50, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  readonly limit?: number;
}

/** The process layer's order list query: always scoped to one customer, and to one partner when given. */
export class ListOrdersQueryDto extends OrderListFilterDto {
  @ApiProperty({ maxLength: 10, example: '10100001', description: 'The customer the caller acts for; only its orders are listed.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly customerId!: string;

  @ApiPropertyOptional({ maxLength: 64, example: 'acme', description: 'Only the orders this partner placed.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly partnerId?: string;
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto], description: 'Newest first; each with its lines and legs (no shipments or invoices: read the order for those).' })
  readonly orders!: OrderDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'MjAyNi0xMS0yNVQxMDowMDowMC4xMjM0NTZafDdkMGMzZjBl',
    description: 'Cursor of the next page; null on the last.',
  })
  readonly nextCursor!: string | null;
}

export class CancelOrderDto {
  @ApiProperty({ maxLength: 10, example: '10100001', description: "The customer the caller acts for; another customer's order is not found." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly customerId!: string;

  @ApiPropertyOptional({ maxLength: 64, example: 'acme', description: "The partner the caller acts for; another partner's order is not found." })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly partnerId?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'ordered twice by mistake', description: 'Why, for the order timeline.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly reason?: string;
}

/** The filters and page of an invoice list, as a channel asks for it. */
export class InvoiceListFilterDto extends CursorPageQueryDto {
  @ApiPropertyOptional({
    example: 'open,pending',
    description: `Only invoices in these statuses (comma-separated): ${INVOICE_STATUSES.join(', ')}.`,
    type: String,
    pattern: listPattern(INVOICE_STATUSES),
  })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(INVOICE_STATUSES.length)
  @IsIn(INVOICE_STATUSES, { each: true })
  readonly status?: InvoiceStatus[];
}

export class ListInvoicesQueryDto extends InvoiceListFilterDto {
  @ApiProperty({ maxLength: 10, example: '10100001', description: 'The customer the caller acts for; only its invoices are listed.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly customerId!: string;

  @ApiPropertyOptional({ maxLength: 64, example: 'acme', description: "Only invoices that bill one of this partner's orders." })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly partnerId?: string;
}

export class InvoicePageDto {
  @ApiProperty({ type: [InvoiceDto], description: 'Newest first.' })
  readonly invoices!: InvoiceDto[];

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Cursor of the next page; null on the last.' })
  readonly nextCursor!: string | null;
}
