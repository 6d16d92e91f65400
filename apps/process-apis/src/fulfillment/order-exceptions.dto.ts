import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ORDER_EXCEPTION_STATUSES, type OrderException, type OrderExceptionStatus } from './fulfillment.repository.js';
import { CursorPageQueryDto } from '@contracts';

export class OrderExceptionsQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ example: '7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d', description: "Only this order's exceptions; all orders' without it." })
  @IsOptional()
  @IsUUID()
  readonly orderId?: string;

  @ApiPropertyOptional({ enum: ORDER_EXCEPTION_STATUSES, example: 'open', description: 'Only open or only resolved exceptions; both without it.' })
  @IsOptional()
  @IsIn(ORDER_EXCEPTION_STATUSES)
  readonly status?: OrderExceptionStatus;
}

export class ResolveOrderExceptionDto {
  @ApiProperty({
    maxLength: 1000,
    example: 'carrier confirmed delivery; WMS re-sent the ship confirmation, order closed by hand',
    description: 'What was done about it; kept with the exception and in the audit log.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1_000)
  readonly resolution!: string;
}

/** An exception as operators see it: what happened, to which order, and whether and how it was resolved. */
export class OpsOrderExceptionDto {
  @ApiProperty({ example: '42', description: 'The id to resolve it by.' })
  readonly id!: string;

  @ApiPropertyOptional({ example: '7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d', description: 'Absent when the event named no known order.' })
  readonly orderId?: string;

  @ApiProperty({ example: 'shipment.delivered' })
  readonly eventType!: string;

  @ApiProperty({ example: 'delivered before it was shipped (status released)' })
  readonly reason!: string;

  @ApiPropertyOptional({ example: 'DC01' })
  readonly warehouseId?: string;

  @ApiPropertyOptional({ example: '0b6f3c1e-6c1a-4b7e-9b2a-1f2e3d4c5b6a', description: 'The warehouse event that was not applied.' })
  readonly eventId?: string;

  @ApiPropertyOptional({ example: 'c0ffee00-0000-4000-8000-000000000001' })
  readonly correlationId?: string;

  @ApiProperty({ example: '2026-11-25T15:00:00.000Z' })
  readonly at!: string;

  @ApiProperty({ enum: ORDER_EXCEPTION_STATUSES, example: 'open' })
  readonly status!: OrderExceptionStatus;

  @ApiPropertyOptional({ example: '2026-11-25T16:00:00.000Z' })
  readonly resolvedAt?: string;

  @ApiPropertyOptional({ example: 'ops', description: 'The operator client that resolved it.' })
  readonly resolvedBy?: string;

  @ApiPropertyOptional({ example: 'carrier confirmed delivery; closed by hand' })
  readonly resolution?: string;

  static from(e: OrderException): OpsOrderExceptionDto {
    return {
      id: e.id,
      ...(e.orderId === undefined ? {} : { orderId: e.orderId }),
      eventType: e.eventType,
      reason: e.reason,
      ...(e.warehouseId === undefined ? {} : { warehouseId: e.warehouseId }),
      ...(e.eventId === undefined ? {} : { eventId: e.eventId }),
      ...(e.correlationId === undefined ? {} : { correlationId: e.correlationId }),
      at: e.at,
      status: e.status,
      ...(e.resolvedAt === undefined ? {} : { resolvedAt: e.resolvedAt, resolvedBy: e.resolvedBy, resolution: e.resolution }),
    };
  }
}

export class OrderExceptionListDto {
  @ApiProperty({ type: [OpsOrderExceptionDto], description: 'Oldest first.' })
  readonly exceptions!: OpsOrderExceptionDto[];

  @ApiPropertyOptional({ type: String, example: 'b2U6NDI', description: 'Cursor of the next page; absent on the last page.' })
  readonly nextCursor?: string;
}
