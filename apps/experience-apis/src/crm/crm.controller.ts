import { Body, Controller, Get, Param, Put, Query, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AccountDto, UpsertAccountDto, CrmAccountIdPipe, ApiCrmAccountIdParam } from '@contracts';
import type { FastifyReply } from 'fastify';
import { CrmAuthGuard } from '../auth/partner-auth.guard.js';
import { CrmAccountsService } from './crm-accounts.service.js';
import { CrmOrder360PageDto, CrmOrdersQueryDto } from './crm.dto.js';
import { ApiRateLimited } from '../rate-limits/api-rate-limited.decorator.js';

@ApiTags('crm v1')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No, expired or invalid bearer token.' })
@ApiRateLimited()
@ApiForbiddenResponse({ description: 'The token has no crm scope (e.g. a B2B partner token).' })
@UseGuards(CrmAuthGuard)
@Controller('crm/v1')
export class CrmController {
  constructor(private readonly accounts: CrmAccountsService) {}

  @Put('accounts/:crmAccountId')
  @ApiCrmAccountIdParam()
  @ApiOperation({
    summary:
      'Create or update the ERP customer of a CRM account. A company the ERP already has (same tax id, or same name and postal code) is linked, not created again. Credit limit, payment terms and tax exemption are the ERP’s: sent values are ignored with a warning.',
  })
  @ApiCreatedResponse({ type: AccountDto, description: 'An ERP customer was created for the account.' })
  @ApiOkResponse({ type: AccountDto, description: 'The account was linked to an existing ERP customer, or its customer was updated.' })
  @ApiBadRequestResponse({ description: 'Invalid fields or account id (problem+json listing each field).' })
  @ApiConflictResponse({ description: 'The account, or another of the same company, is being created right now: retry shortly.' })
  @ApiServiceUnavailableResponse({ description: 'The ERP is unavailable; nothing was created. Retry later (Retry-After).' })
  async upsert(
    @Param('crmAccountId', CrmAccountIdPipe) crmAccountId: string,
    @Body() account: UpsertAccountDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccountDto> {
    const result = await this.accounts.upsert(crmAccountId, account);
    void reply.status(result.created ? 201 : 200);
    return result.account;
  }

  @Get('accounts/:crmAccountId/orders')
  @ApiCrmAccountIdParam()
  @ApiOperation({
    summary: "Order 360: the account's orders from every channel with legs, shipments, invoices, backorders and open exceptions (cursor pagination).",
  })
  @ApiOkResponse({ type: CrmOrder360PageDto })
  @ApiBadRequestResponse({ description: 'Bad account id, limit or cursor.' })
  @ApiNotFoundResponse({ description: 'The account was never PUT (no ERP customer linked).' })
  orders(@Param('crmAccountId', CrmAccountIdPipe) crmAccountId: string, @Query() query: CrmOrdersQueryDto): Promise<CrmOrder360PageDto> {
    return this.accounts.orders(crmAccountId, query.limit, query.cursor);
  }
}
