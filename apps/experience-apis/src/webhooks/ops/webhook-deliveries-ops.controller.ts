import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';

import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { decodeKeysetCursor, encodeKeysetCursor } from '@platform';
import { OpsAuthGuard } from '../../auth/partner-auth.guard.js';
import { OPS_DELIVERY_STATUSES, WebhookDeliveryRepository, type OpsDeliveryRecord, type OpsDeliveryStatus } from '../deliveries/webhook-delivery.repository.js';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../webhook.dto.js';
import { CursorPageQueryDto } from '@contracts';

class OpsDeliveriesQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({
    enum: OPS_DELIVERY_STATUSES,
    default: 'failed',
    description: '`failed`: retries exhausted (the partner can redeliver it); `failing`: still retried, its last attempt failed; `pending`; `succeeded`.',
  })
  @IsOptional()
  @IsIn(OPS_DELIVERY_STATUSES)
  readonly status?: OpsDeliveryStatus;

  @ApiPropertyOptional({ example: 'acme', minLength: 1, maxLength: 100, description: "Only this partner's subscriptions." })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  readonly partnerId?: string;
}

class OpsDeliveryDto {
  @ApiProperty({ example: '0b6f3c1e-6c1a-4b7e-9b2a-1f2e3d4c5b6a' })
  readonly deliveryId!: string;

  @ApiProperty({ example: '5f1d7c1e-2b9a-4c8e-9d3f-0a1b2c3d4e5f' })
  readonly subscriptionId!: string;

  @ApiProperty({ example: 'acme' })
  readonly partnerId!: string;

  @ApiProperty({ example: 'https://hooks.acme.example/gateway' })
  readonly url!: string;

  @ApiProperty({ example: '9a0e2c1e-0000-4000-8000-000000000001' })
  readonly eventId!: string;

  @ApiProperty({ example: 'order.status_changed' })
  readonly eventType!: string;

  @ApiProperty({ enum: DELIVERY_STATUSES, example: 'failed' })
  readonly status!: DeliveryStatus;

  @ApiProperty({ example: 8, description: 'Attempts so far, redeliveries included.' })
  readonly attempts!: number;

  @ApiPropertyOptional({ example: 503 })
  readonly lastStatusCode?: number;

  @ApiPropertyOptional({ example: 'connect ECONNREFUSED 203.0.113.7:443' })
  readonly lastError?: string;

  @ApiProperty({ example: '2026-12-06T02:30:00.000Z' })
  readonly createdAt!: string;

  @ApiPropertyOptional({ example: '2026-12-06T02:35:00.000Z', description: 'Pending: the next attempt.' })
  readonly nextAttemptAt?: string;

  @ApiPropertyOptional({ example: '2026-12-06T03:30:00.000Z', description: 'Failed or succeeded: when.' })
  readonly finishedAt?: string;
}

class OpsDeliveryPageDto {
  @ApiProperty({ type: [OpsDeliveryDto], description: 'Newest first.' })
  readonly deliveries!: OpsDeliveryDto[];

  @ApiPropertyOptional({ type: String, description: 'Cursor of the next page; absent on the last page.' })
  readonly nextCursor?: string;
}

/** Webhook deliveries of every partner, for operators chasing dead or failing endpoints. */
@ApiTags('ops')
@ApiBearerAuth()
@UseGuards(OpsAuthGuard)
@Controller('ops/v1/webhook-deliveries')
export class WebhookDeliveriesOpsController {
  constructor(private readonly deliveries: WebhookDeliveryRepository) {}

  @Get()
  @ApiBadRequestResponse({ description: 'Invalid status, limit or cursor (`WEBHOOKS.INVALID_CURSOR`: not a cursor a previous page returned).' })
  @ApiOperation({ summary: 'Webhook deliveries across partners (default: failed ones), newest first, with the partner, attempts and last error.' })
  @ApiOkResponse({ type: OpsDeliveryPageDto })
  async list(@Query() query: OpsDeliveriesQueryDto): Promise<OpsDeliveryPageDto> {
    const page = await this.deliveries.listAcrossPartners({
      status: query.status ?? 'failed',
      partnerId: query.partnerId,
      after: query.cursor === undefined ? undefined : decodeKeysetCursor(query.cursor, 'WEBHOOKS.INVALID_CURSOR'),
      limit: query.limit ?? 50,
    });
    return {
      deliveries: page.deliveries.map((d: OpsDeliveryRecord): OpsDeliveryDto => ({ ...d })),
      ...(page.next ? { nextCursor: encodeKeysetCursor(page.next) } : {}),
    };
  }
}
