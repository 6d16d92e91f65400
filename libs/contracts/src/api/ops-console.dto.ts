import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Where a timeline entry comes from: the gateway's own records, a backend read live, or a channel. */
export const TIMELINE_SOURCES = ['gateway', 'erp', 'wms', 'oms', 'events', 'webhooks', 'edi'] as const;
export type TimelineSource = (typeof TIMELINE_SOURCES)[number];

export class OrderSearchQueryDto {
  @ApiProperty({
    example: 'PO-4711',
    maxLength: 100,
    description: 'An order id, a purchase order number, a correlation id, an ERP sales order number or an OMS order id (exact match).',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  readonly q!: string;
}

/** One order as operators see it: every status, also attempts that failed or are still running. */
export class OpsOrderSummaryDto {
  @ApiProperty({ example: '7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d' })
  readonly orderId!: string;

  @ApiProperty({ example: 'b2b', description: 'b2b, edi or crm.' })
  readonly channel!: string;

  @ApiProperty({ example: 'acme', description: 'The client id or EDI trading partner id that placed it.' })
  readonly partnerId!: string;

  @ApiProperty({ example: '10100001' })
  readonly customerId!: string;

  @ApiProperty({ example: 'PO-4711' })
  readonly purchaseOrderNumber!: string;

  @ApiProperty({ example: 'accepted', description: 'The order status, or `pending` / `failed` for a placement attempt.' })
  readonly status!: string;

  @ApiPropertyOptional({ example: 'CREDIT_BLOCK' })
  readonly statusReason?: string;

  @ApiPropertyOptional({ example: '0000004711' })
  readonly erpOrderNumber?: string;

  @ApiPropertyOptional({ example: 'OMS-000042' })
  readonly omsOrderId?: string;

  @ApiPropertyOptional({ example: 'c0ffee00-0000-4000-8000-000000000001' })
  readonly correlationId?: string;

  @ApiProperty({ example: '2026-12-06T02:30:00.000Z' })
  readonly createdAt!: string;

  @ApiProperty({ example: '2026-12-06T02:30:01.000Z' })
  readonly updatedAt!: string;
}

export class OpsOrderSearchResultDto {
  @ApiProperty({ type: [OpsOrderSummaryDto], description: 'Newest first, at most 20.' })
  readonly orders!: OpsOrderSummaryDto[];
}

export class TimelineEntryDto {
  @ApiProperty({ example: '2026-12-06T02:30:00.000Z', description: 'When it happened, as its source recorded it.' })
  readonly at!: string;

  @ApiProperty({ enum: TIMELINE_SOURCES, example: 'erp', description: 'Which system recorded it.' })
  readonly source!: TimelineSource;

  @ApiProperty({ example: 'sales order created', description: 'What happened, short.' })
  readonly what!: string;

  @ApiPropertyOptional({ example: '0000004711', description: 'The record in that system (document number, event id, delivery id).' })
  readonly reference?: string;

  @ApiPropertyOptional({ example: 'credit passed, net 120.00 USD', description: 'Details worth seeing at a glance.' })
  readonly detail?: string;

  @ApiPropertyOptional({ example: false, description: 'true for what needs an operator: a failed attempt or delivery, an open exception, a dead letter.' })
  readonly problem?: boolean;
}

export class TimelineSourceStatusDto {
  @ApiProperty({ enum: TIMELINE_SOURCES, example: 'erp' })
  readonly source!: TimelineSource;

  @ApiProperty({ enum: ['ok', 'unavailable', 'not_applicable'], example: 'ok', description: '`unavailable`: the read failed; its entries are missing.' })
  readonly status!: 'ok' | 'unavailable' | 'not_applicable';

  @ApiPropertyOptional({ example: 'UPSTREAM.CIRCUIT_OPEN' })
  readonly error?: string;
}

/** One order's story across the gateway, the backends and the channels, oldest first. */
export class OrderTimelineDto {
  @ApiProperty({ type: OpsOrderSummaryDto })
  readonly order!: OpsOrderSummaryDto;

  @ApiProperty({ type: [TimelineEntryDto], description: 'Oldest first.' })
  readonly entries!: TimelineEntryDto[];

  @ApiProperty({ type: [TimelineSourceStatusDto], description: 'Which sources were read; a backend that could not be read is listed as unavailable.' })
  readonly sources!: TimelineSourceStatusDto[];

  @ApiProperty({ type: [String], example: ['6f1d…'], description: 'Ids of the events raised about this order (for the channels to match their deliveries).' })
  readonly eventIds!: string[];

  @ApiProperty({ type: [String], description: 'The ids of its shipments and invoices (EDI 856 and 810 are filed under them).' })
  readonly documentReferences!: string[];
}

export class OrderStatsQueryDto {
  @ApiPropertyOptional({ example: 24, minimum: 1, maximum: 168, default: 24, description: 'How many hours back, one bucket per hour.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(168)
  readonly hours?: number;
}

export class OrderStatsBucketDto {
  @ApiProperty({ example: '2026-12-06T02:00:00.000Z', description: 'Start of the hour (UTC).' })
  readonly hour!: string;

  @ApiProperty({
    example: 42,
    description: 'Orders placed and not rejected (whatever became of them since); attempts that failed or still run are not counted.',
  })
  readonly placed!: number;

  @ApiProperty({ example: 1, description: 'Orders rejected by promising.' })
  readonly rejected!: number;

  @ApiProperty({ example: 2, description: 'Placement attempts that failed (and were not placed since).' })
  readonly failed!: number;

  @ApiProperty({ example: 0, description: 'Order exceptions opened.' })
  readonly exceptions!: number;
}

export class OrderStatsDto {
  @ApiProperty({ type: [OrderStatsBucketDto], description: 'Oldest first, one per hour, empty hours included.' })
  readonly buckets!: OrderStatsBucketDto[];
}

export class LayerBreakersDto {
  @ApiProperty({ example: 'system-apis' })
  readonly layer!: string;

  @ApiProperty({ enum: ['ok', 'unavailable'], example: 'ok' })
  readonly status!: 'ok' | 'unavailable';

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: true },
    example: { erp: { state: 'closed', failures: 0 } },
    description: 'Each breaker of the layer by name, as its readiness reports it.',
  })
  readonly breakers!: Record<string, unknown>;
}

export class BreakersDto {
  @ApiProperty({ type: [LayerBreakersDto] })
  readonly layers!: LayerBreakersDto[];
}
