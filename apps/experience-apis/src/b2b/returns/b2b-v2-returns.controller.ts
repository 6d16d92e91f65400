import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ReturnRequestDto } from '@contracts';
import { PartnerApi } from '../../auth/partner-api.decorator.js';
import { CurrentPartner } from '../../auth/partner-auth.guard.js';
import type { Partner } from '../../auth/partner.repository.js';
import { Idempotent, IdempotencyKey } from '../../idempotency/idempotent.decorator.js';
import type { StoredResponse } from '../../idempotency/idempotency.service.js';
import { B2bReturnListQueryDto, B2bV2ReturnDto, B2bV2ReturnPageDto } from './b2b-v2-return.dto.js';
import { PartnerReturnsService } from './partner-returns.service.js';

/** Returns (RMA) of your orders: request, follow, list. v2 only (money as decimal strings). */
@PartnerApi('b2b v2')
@Controller('b2b/v2')
export class B2bV2ReturnsController {
  constructor(private readonly partnerReturns: PartnerReturnsService) {}

  @Post('returns')
  @ApiOperation({
    summary: 'Ask to send goods of one of your orders back: authorized (with an RMA number), partially authorized or refused, with a reason per line.',
  })
  @Idempotent({ key: 'required', description: 'Unique per return request, e.g. a UUID; scoped to you.' })
  @ApiCreatedResponse({ type: B2bV2ReturnDto, description: 'The decision, refused included. A replay carries `Idempotent-Replayed: true`.' })
  @ApiBadRequestResponse({
    description: 'Missing Idempotency-Key, no lines, neither orderId nor purchaseOrderNumber, an unknown reason code or a quantity below 1.',
  })
  @ApiNotFoundResponse({ description: 'No such order of yours.' })
  @ApiConflictResponse({ description: 'A request with this key is in flight: retry with the same key.' })
  @ApiUnprocessableEntityResponse({ description: 'The key was used with another request.' })
  requestReturn(
    @CurrentPartner() partner: Partner,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Body() request: ReturnRequestDto,
  ): Promise<StoredResponse<B2bV2ReturnDto>> {
    return this.partnerReturns.request(partner, idempotencyKey, request);
  }

  @Get('returns')
  @ApiOperation({ summary: 'Your returns, newest first: filter by order and status; cursor pagination.' })
  @ApiOkResponse({ type: B2bV2ReturnPageDto })
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor.' })
  returns(@CurrentPartner() partner: Partner, @Query() query: B2bReturnListQueryDto): Promise<B2bV2ReturnPageDto> {
    return this.partnerReturns.list(partner, query);
  }

  @Get('returns/:returnId')
  @ApiOperation({ summary: 'One of your returns: the decision per line, what the warehouse received, the credit memo.' })
  @ApiOkResponse({ type: B2bV2ReturnDto })
  @ApiNotFoundResponse({ description: 'No such return of yours.' })
  returnOf(@CurrentPartner() partner: Partner, @Param('returnId') returnId: string): Promise<B2bV2ReturnDto> {
    return this.partnerReturns.get(partner, returnId);
  }
}
