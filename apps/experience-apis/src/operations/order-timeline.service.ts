import { Injectable } from '@nestjs/common';
import { ProcessApiClient, type OrderTimelineDto, type TimelineEntryDto, type TimelineSourceStatusDto } from '@contracts';
import { EdiOrderTrail } from '../edi/outbound/edi-order-trail.js';
import { WebhookOrderTrail } from '../webhooks/ops/webhook-order-trail.js';

/**
 * One order's timeline for the console: the process layer's (gateway records, events, ERP, WMS, OMS)
 * with what the channels here did with its events: webhook deliveries and EDI documents.
 */
@Injectable()
export class OrderTimelineService {
  constructor(
    private readonly process: ProcessApiClient,
    private readonly webhooks: WebhookOrderTrail,
    private readonly edi: EdiOrderTrail,
  ) {}

  async timeline(operatorAuthorization: string, orderId: string): Promise<OrderTimelineDto> {
    const timeline = await this.process.orderTimeline(operatorAuthorization, orderId);
    const [webhooks, edi] = await Promise.all([
      this.webhooks.entriesFor(timeline.eventIds),
      this.edi.entriesFor([timeline.order.orderId, ...timeline.documentReferences]),
    ]);
    const channels: TimelineSourceStatusDto[] = [
      { source: 'webhooks', status: 'ok' },
      { source: 'edi', status: timeline.order.channel === 'edi' ? 'ok' : 'not_applicable' },
    ];
    return {
      ...timeline,
      entries: [...timeline.entries, ...webhooks, ...edi].sort(byTime),
      sources: [...timeline.sources, ...channels],
    };
  }
}

const byTime = (a: TimelineEntryDto, b: TimelineEntryDto) => a.at.localeCompare(b.at);
