import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NotFoundError, UnprocessableError } from '@platform';
import type { Partner } from '../../auth/partner.repository.js';
import { isUuid } from '../domain/uuid.js';
import { ExperienceApisConfig } from '../../experience.config.js';
import { IdempotencyService, type StoredResponse } from '../../idempotency/idempotency.service.js';
import { assertDeliverableUrl } from '../destinations/destination.guard.js';
import { newSigningSecret } from '../domain/webhook-signature.js';
import type { CreatedWebhookSubscriptionDto, CreateWebhookSubscriptionDto, WebhookSubscriptionDto, WebhookSubscriptionListDto } from '../webhook.dto.js';
import { WebhookSubscriptionRepository, type WebhookSubscription } from './webhook-subscription.repository.js';

/** Enough for a production, a staging and a few tool endpoints; a bound on fan-out per event. */
export const MAX_SUBSCRIPTIONS_PER_PARTNER = 20;

@Injectable()
export class WebhookSubscriptionsService {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly idempotency: IdempotencyService,
    private readonly config: ExperienceApisConfig,
  ) {}

  /**
   * Creates a subscription and returns its signing secret, the only time it is shown. A retry
   * with the same Idempotency-Key and body replays that answer (secret included) for the
   * retention period: the client whose first answer was lost has no other way to learn it.
   */
  subscribe(
    partner: Partner,
    idempotencyKey: string | undefined,
    request: CreateWebhookSubscriptionDto,
  ): Promise<StoredResponse<CreatedWebhookSubscriptionDto>> {
    return this.idempotency.run(partner.partnerId, idempotencyKey, 'b2b.webhooks.create', request, async () => {
      await assertDeliverableUrl(request.url, { allowPrivate: this.config.webhooks.allowPrivateUrls });
      if ((await this.subscriptions.count(partner.partnerId)) >= MAX_SUBSCRIPTIONS_PER_PARTNER) {
        throw new UnprocessableError('WEBHOOK.LIMIT_REACHED', `At most ${MAX_SUBSCRIPTIONS_PER_PARTNER} webhook subscriptions per partner: delete one first.`);
      }
      const secret = newSigningSecret();
      const created = await this.subscriptions.create({
        subscriptionId: randomUUID(),
        partnerId: partner.partnerId,
        url: request.url,
        categories: [...request.categories],
        description: request.description ?? null,
        secret,
      });
      return { status: 201, body: { ...toDto(created), secret } };
    });
  }

  async list(partner: Partner): Promise<WebhookSubscriptionListDto> {
    return { subscriptions: (await this.subscriptions.list(partner.partnerId)).map(toDto) };
  }

  async get(partner: Partner, subscriptionId: string): Promise<WebhookSubscriptionDto> {
    return toDto(await this.require(partner, subscriptionId));
  }

  async delete(partner: Partner, subscriptionId: string): Promise<void> {
    if (!isUuid(subscriptionId) || !(await this.subscriptions.delete(partner.partnerId, subscriptionId))) throw notFound();
  }

  /** The partner's subscription, or 404 (also for another partner's: its existence is not revealed). */
  async require(partner: Partner, subscriptionId: string): Promise<WebhookSubscription> {
    const subscription = isUuid(subscriptionId) ? await this.subscriptions.get(partner.partnerId, subscriptionId) : undefined;
    if (!subscription) throw notFound();
    return subscription;
  }
}

const notFound = () => new NotFoundError('WEBHOOK.NOT_FOUND', 'No such webhook subscription of yours.');

function toDto(subscription: WebhookSubscription): WebhookSubscriptionDto {
  return {
    subscriptionId: subscription.subscriptionId,
    url: subscription.url,
    categories: subscription.categories,
    description: subscription.description,
    createdAt: subscription.createdAt.toISOString(),
  };
}
