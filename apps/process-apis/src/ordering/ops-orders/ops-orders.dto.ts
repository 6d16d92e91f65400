import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { UnsuccessfulOrder } from '../order.repository.js';
import { CursorPageQueryDto } from '@contracts';

export const UNSUCCESSFUL_STATUSES = ['failed', 'rejected'] as const;
type UnsuccessfulStatus = (typeof UNSUCCESSFUL_STATUSES)[number];

export class OpsOrdersQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({
    type: String,
    example: 'failed,rejected',
    default: 'failed,rejected',
    description:
      'Comma-separated: `failed` (a placement attempt that failed, e.g. the ERP refused or was down) and/or `rejected` (promising could not supply it).',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value))
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(UNSUCCESSFUL_STATUSES, { each: true })
  readonly status?: UnsuccessfulStatus[];

  @ApiPropertyOptional({ example: 'acme', maxLength: 100, description: "Only this partner's (client id or EDI trading partner id)." })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  readonly partnerId?: string;
}

export class UnsuccessfulOrderDto {
  @ApiProperty({ example: '7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d' })
  readonly orderId!: string;

  @ApiProperty({ example: 'b2b', description: 'b2b, edi or crm.' })
  readonly channel!: string;

  @ApiProperty({ example: 'acme' })
  readonly partnerId!: string;

  @ApiProperty({ example: '10100001' })
  readonly customerId!: string;

  @ApiProperty({ example: 'po-4711-1', description: "The channel's request key (the partner's Idempotency-Key)." })
  readonly requestKey!: string;

  @ApiProperty({ example: 'PO-4711' })
  readonly purchaseOrderNumber!: string;

  @ApiProperty({ enum: UNSUCCESSFUL_STATUSES, example: 'failed' })
  readonly status!: UnsuccessfulStatus;

  @ApiPropertyOptional({ example: 'UPSTREAM.UNAVAILABLE', description: 'The error code of a failed attempt, or why it was rejected.' })
  readonly reason?: string;

  @ApiPropertyOptional({ example: 'c0ffee00-0000-4000-8000-000000000001', description: 'Find its log lines and events by it.' })
  readonly correlationId?: string;

  @ApiProperty({ example: '2026-12-06T02:30:00.000Z' })
  readonly createdAt!: string;

  @ApiProperty({ example: '2026-12-06T02:30:01.000Z', description: 'When it failed or was rejected (the last attempt).' })
  readonly updatedAt!: string;

  static from(o: UnsuccessfulOrder): UnsuccessfulOrderDto {
    return { ...o };
  }
}

export class UnsuccessfulOrderPageDto {
  @ApiProperty({ type: [UnsuccessfulOrderDto], description: 'Newest first.' })
  readonly orders!: UnsuccessfulOrderDto[];

  @ApiPropertyOptional({ type: String, description: 'Cursor of the next page; absent on the last page.' })
  readonly nextCursor?: string;
}
