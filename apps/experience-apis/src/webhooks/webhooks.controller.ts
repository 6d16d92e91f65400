import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPartner } from '../auth/partner-auth.guard.js';
import type { Partner } from '../auth/partner.repository.js';
import { WebhookDeliveriesService } from './deliveries/webhook-deliveries.service.js';
import { WebhookSubscriptionsService } from './subscriptions/webhook-subscriptions.service.js';
import { DeprecatedV1 } from '../b2b/versioning/deprecated-v1.decorator.js';
import {
  CreatedWebhookSubscriptionDto,
  CreateWebhookSubscriptionDto,
  WebhookDeliveriesQueryDto,
  WebhookDeliveryDto,
  WebhookDeliveryListDto,
  WebhookSubscriptionDto,
  WebhookSubscriptionListDto,
} from './webhook.dto.js';
import { Idempotent, IdempotencyKey } from '../idempotency/idempotent.decorator.js';
import type { StoredResponse } from '../idempotency/idempotency.service.js';
import { PartnerApi } from '../auth/partner-api.decorator.js';

// the same subscriptions under both versions: webhooks did not change shape in v2; v1 paths carry the deprecation headers
@PartnerApi('b2b webhooks')
@DeprecatedV1({ alsoServesV2: true })
@Controller(['b2b/v2/webhooks', 'b2b/v1/webhooks'])
export class WebhooksController {
  constructor(
    private readonly subscriptions: WebhookSubscriptionsService,
    private readonly deliveryLog: WebhookDeliveriesService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe an https endpoint to order, shipment, backorder and invoice events. The answer holds the signing secret: the only time it is shown.',
  })
  @Idempotent({ key: 'required', description: 'Unique per subscription, e.g. a UUID; scoped to you; 1–255 printable characters.' })
  @ApiCreatedResponse({ type: CreatedWebhookSubscriptionDto, description: 'Subscribed. A replay carries `Idempotent-Replayed: true` and the same secret.' })
  @ApiBadRequestResponse({ description: 'Missing Idempotency-Key, invalid fields (URL, unknown category) or malformed JSON.' })
  @ApiConflictResponse({ description: 'A request with this key is still in flight.' })
  @ApiUnprocessableEntityResponse({
    description:
      'URL not https, pointing at a loopback, private or link-local address, or not resolving; too many subscriptions; or the key was used with another body.',
  })
  subscribe(
    @CurrentPartner() partner: Partner,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Body() request: CreateWebhookSubscriptionDto,
  ): Promise<StoredResponse<CreatedWebhookSubscriptionDto>> {
    return this.subscriptions.subscribe(partner, idempotencyKey, request);
  }

  @Get()
  @ApiOperation({ summary: 'Your webhook subscriptions (without their secrets).' })
  @ApiOkResponse({ type: WebhookSubscriptionListDto })
  list(@CurrentPartner() partner: Partner): Promise<WebhookSubscriptionListDto> {
    return this.subscriptions.list(partner);
  }

  @Get(':subscriptionId')
  @ApiOperation({ summary: 'One of your webhook subscriptions (without its secret).' })
  @ApiOkResponse({ type: WebhookSubscriptionDto })
  @ApiNotFoundResponse({ description: 'No such subscription of yours.' })
  get(@CurrentPartner() partner: Partner, @Param('subscriptionId') subscriptionId: string): Promise<WebhookSubscriptionDto> {
    return this.subscriptions.get(partner, subscriptionId);
  }

  @Delete(':subscriptionId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unsubscribe: no more deliveries, including those still queued; the delivery log goes too.' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ description: 'No such subscription of yours.' })
  delete(@CurrentPartner() partner: Partner, @Param('subscriptionId') subscriptionId: string): Promise<void> {
    return this.subscriptions.delete(partner, subscriptionId);
  }

  @Get(':subscriptionId/deliveries')
  @ApiOperation({ summary: 'The delivery log of a subscription, newest first: status, every attempt with its status code or error, timestamps.' })
  @ApiOkResponse({ type: WebhookDeliveryListDto })
  @ApiBadRequestResponse({ description: 'Invalid status, limit or cursor.' })
  @ApiNotFoundResponse({ description: 'No such subscription of yours.' })
  deliveries(
    @CurrentPartner() partner: Partner,
    @Param('subscriptionId') subscriptionId: string,
    @Query() query: WebhookDeliveriesQueryDto,
  ): Promise<WebhookDeliveryListDto> {
    return this.deliveryLog.list(partner, subscriptionId, query);
  }

  @Post(':subscriptionId/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again now (same event id and body, new signature), with a fresh series of retries.' })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto, description: 'Queued; follow it in the delivery log.' })
  @ApiNotFoundResponse({ description: 'No such subscription of yours, or no such delivery of it.' })
  redeliver(
    @CurrentPartner() partner: Partner,
    @Param('subscriptionId') subscriptionId: string,
    @Param('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryDto> {
    return this.deliveryLog.redeliver(partner, subscriptionId, deliveryId);
  }
}
