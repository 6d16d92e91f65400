import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { CursorPageQueryDto } from '@contracts';
import { WEBHOOK_CATEGORIES, type WebhookCategory } from './domain/webhook-events.js';

export class CreateWebhookSubscriptionDto {
  @ApiProperty({
    example: 'https://hooks.acme.example/gateway',
    description: 'Where deliveries are POSTed. https, on a public address (loopback, private and link-local addresses are refused).',
    format: 'uri',
    pattern: '^https?://',
  })
  @IsString()
  @MaxLength(2048)
  @IsUrl(
    { require_protocol: true, protocols: ['http', 'https'], require_tld: false, allow_underscores: true },
    { message: 'url must be an absolute http(s) URL' },
  )
  readonly url!: string;

  @ApiProperty({
    example: ['order', 'shipment'],
    enum: WEBHOOK_CATEGORIES,
    isArray: true,
    uniqueItems: true,
    description:
      'What to receive: order (order.status_changed), shipment (order.shipment_confirmed), backorder (order.backordered), invoice (invoice.issued, invoice.paid), return (return.authorized, return.received, return.credited).',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(WEBHOOK_CATEGORIES.length)
  @IsIn(WEBHOOK_CATEGORIES, { each: true })
  readonly categories!: WebhookCategory[];

  @ApiPropertyOptional({ maxLength: 200, example: 'ERP integration, production', description: 'Your own label, up to 200 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly description?: string;
}

export class WebhookSubscriptionDto {
  @ApiProperty({ example: '3f7a1c52-9a4e-4c1b-8d0e-2b6f5e4d3c21' })
  readonly subscriptionId!: string;

  @ApiProperty({ example: 'https://hooks.acme.example/gateway' })
  readonly url!: string;

  @ApiProperty({ example: ['order', 'shipment'], enum: WEBHOOK_CATEGORIES, isArray: true })
  readonly categories!: WebhookCategory[];

  @ApiProperty({ type: String, nullable: true, example: 'ERP integration, production' })
  readonly description!: string | null;

  @ApiProperty({ example: '2026-11-25T10:00:00.000Z' })
  readonly createdAt!: string;
}

export class CreatedWebhookSubscriptionDto extends WebhookSubscriptionDto {
  @ApiProperty({
    example: 'whsec_Jx3k0mB9yQ2v7cZ8r1T5nL4pW6hD0sFaGeUiOoKjHbM',
    description: 'Signing secret of this subscription. Shown only in this answer (and its idempotent replay): store it now.',
  })
  readonly secret!: string;
}

export class WebhookSubscriptionListDto {
  @ApiProperty({ type: [WebhookSubscriptionDto] })
  readonly subscriptions!: WebhookSubscriptionDto[];
}

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export class WebhookAttemptDto {
  @ApiProperty({ example: 1 })
  readonly attempt!: number;

  @ApiProperty({ example: '2026-11-25T10:00:01.000Z' })
  readonly startedAt!: string;

  @ApiProperty({ example: 84, description: 'Until the answer came, or the attempt failed.' })
  readonly durationMs!: number;

  @ApiProperty({ type: Number, nullable: true, example: 500, description: 'Your endpoint’s HTTP status; null when none came (timeout, refused connection).' })
  readonly statusCode!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'HTTP 500' })
  readonly error!: string | null;
}

export class WebhookDeliveryDto {
  @ApiProperty({ example: '9c2d4e1f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' })
  readonly deliveryId!: string;

  @ApiProperty({ example: '6f1c2a4e-8b3d-4e5f-9a0b-1c2d3e4f5a6b', description: 'Also in the Webhook-Id header: de-duplicate on it.' })
  readonly eventId!: string;

  @ApiProperty({ example: 'order.shipment_confirmed' })
  readonly eventType!: string;

  @ApiProperty({
    enum: DELIVERY_STATUSES,
    example: 'succeeded',
    description: 'pending (queued or being retried), succeeded (2xx answer), failed (attempts used up).',
  })
  readonly status!: DeliveryStatus;

  @ApiProperty({ example: 2, description: 'Attempts so far (all of them, redeliveries included).' })
  readonly attempts!: number;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'When the next attempt is due, while pending.' })
  readonly nextAttemptAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 200 })
  readonly lastStatusCode!: number | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  readonly lastError!: string | null;

  @ApiProperty({ example: '2026-11-25T10:00:00.000Z' })
  readonly createdAt!: string;

  @ApiProperty({ type: String, nullable: true, example: '2026-11-25T10:00:03.000Z', description: 'When your endpoint last answered 2xx.' })
  readonly deliveredAt!: string | null;

  @ApiProperty({ type: [WebhookAttemptDto], description: 'Every attempt, oldest first.' })
  readonly attemptLog!: WebhookAttemptDto[];
}

export class WebhookDeliveryListDto {
  @ApiProperty({ type: [WebhookDeliveryDto], description: 'Newest first.' })
  readonly deliveries!: WebhookDeliveryDto[];

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Pass as `cursor` for older deliveries; null on the last page.' })
  readonly nextCursor!: string | null;
}

export class WebhookDeliveriesQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  readonly status?: DeliveryStatus;
}
