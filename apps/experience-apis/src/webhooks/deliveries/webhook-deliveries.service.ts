import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationError } from '@platform';
import type { Partner } from '../../auth/partner.repository.js';
import { isUuid } from '../domain/uuid.js';
import { WebhookSubscriptionsService } from '../subscriptions/webhook-subscriptions.service.js';
import type { WebhookDeliveriesQueryDto, WebhookDeliveryDto, WebhookDeliveryListDto } from '../webhook.dto.js';
import { WebhookDeliveryRepository, type DeliveryRecord } from './webhook-delivery.repository.js';

/** The delivery log of a partner's subscription, and redelivery on request. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly subscriptions: WebhookSubscriptionsService,
    private readonly deliveries: WebhookDeliveryRepository,
  ) {}

  async list(partner: Partner, subscriptionId: string, query: WebhookDeliveriesQueryDto): Promise<WebhookDeliveryListDto> {
    await this.subscriptions.require(partner, subscriptionId);
    const limit = query.limit ?? 50;
    const records = await this.deliveries.list(subscriptionId, { status: query.status, after: decodeCursor(query.cursor), limit });
    return {
      deliveries: records.map(toDto),
      nextCursor: records.length === limit ? Buffer.from(records[records.length - 1].position).toString('base64url') : null,
    };
  }

  /** Queues the delivery again now (same event id and body, fresh signature and attempts); 202 with its state. */
  async redeliver(partner: Partner, subscriptionId: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    await this.subscriptions.require(partner, subscriptionId);
    if (!isUuid(deliveryId) || !(await this.deliveries.redeliver(subscriptionId, deliveryId))) {
      throw new NotFoundError('WEBHOOK.DELIVERY_NOT_FOUND', 'No such delivery of this subscription.');
    }
    return toDto((await this.deliveries.get(subscriptionId, deliveryId))!);
  }
}

function decodeCursor(cursor: string | undefined): { createdAt: string; deliveryId: string } | undefined {
  if (!cursor) return undefined;
  const [createdAt, deliveryId] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!/^\d{4}-\d{2}-\d{2}[ T][\d:.]+([+-]\d{2}(:?\d{2})?|Z)?$/.test(createdAt ?? '') || !isUuid(deliveryId ?? '')) {
    throw new ValidationError([{ field: 'cursor', messages: ['not a cursor this API returned'] }]);
  }
  return { createdAt, deliveryId };
}

function toDto(record: DeliveryRecord): WebhookDeliveryDto {
  return {
    deliveryId: record.deliveryId,
    eventId: record.eventId,
    eventType: record.eventType,
    status: record.status,
    attempts: record.totalAttempts,
    nextAttemptAt: record.nextAttemptAt?.toISOString() ?? null,
    lastStatusCode: record.lastStatusCode,
    lastError: record.lastError,
    createdAt: record.createdAt.toISOString(),
    deliveredAt: record.deliveredAt?.toISOString() ?? null,
    attemptLog: record.attemptLog.map((a) => ({ ...a, startedAt: a.startedAt.toISOString() })),
  };
}
