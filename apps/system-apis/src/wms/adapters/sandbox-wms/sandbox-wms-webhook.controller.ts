import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { VendorSigned } from '@platform';
import { ApiProblems } from '../../../api/api-problems.decorator.js';
import { SandboxWmsSignatureGuard, WMS_SIGNATURE_HEADER } from './sandbox-wms-signature.guard.js';
import { SandboxWmsEventDto } from './sandbox-wms-event.dto.js';
import { SandboxWmsWebhook } from './sandbox-wms-webhook.service.js';
import { WebhookAcceptedDto } from './webhook-accepted.dto.js';

/** The sandbox WMS's webhook receiver: an inbound adapter, so its body is the vendor's native event. */
@ApiTags('wms')
@Controller('wms/v1/events')
export class SandboxWmsWebhookController {
  constructor(private readonly webhook: SandboxWmsWebhook) {}

  @Post('native')
  @VendorSigned()
  @UseGuards(SandboxWmsSignatureGuard)
  @HttpCode(202)
  @ApiHeader({ name: WMS_SIGNATURE_HEADER, required: true, description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with WMS_WEBHOOK_SECRET>' })
  @ApiUnauthorizedResponse({ description: 'No, a stale or a wrong signature (`AUTH.INVALID_SIGNATURE`): nothing is forwarded.' })
  @ApiOperation({
    summary: 'Receive a native WMS event, forward it to the process layer as a canonical event.',
    description: 'A redelivered native event maps to the same canonical id. 503 when it could not be forwarded, so the WMS retries.',
  })
  @ApiAcceptedResponse({ type: WebhookAcceptedDto })
  @ApiProblems(400, 503)
  receive(@Body() event: SandboxWmsEventDto): Promise<WebhookAcceptedDto> {
    return this.webhook.receive(event);
  }
}
