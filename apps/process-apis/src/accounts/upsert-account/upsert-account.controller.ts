import { Body, Controller, Param, Put, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AccountDto, UpsertAccountDto, CrmAccountIdPipe, ApiCrmAccountIdParam } from '@contracts';
import type { FastifyReply } from 'fastify';
import { UpsertAccountService } from './upsert-account.service.js';

@ApiTags('accounts')
@Controller('v1/accounts')
export class UpsertAccountController {
  constructor(private readonly upsertAccount: UpsertAccountService) {}

  @Put(':crmAccountId')
  @ApiCrmAccountIdParam()
  @ApiOperation({ summary: 'Create or update the ERP customer of a CRM account; duplicates of an existing customer link to it.' })
  @ApiCreatedResponse({ type: AccountDto, description: 'An ERP customer was created.' })
  @ApiOkResponse({ type: AccountDto, description: 'Linked to an existing ERP customer, or updated the linked one.' })
  @ApiConflictResponse({ description: 'The account, or another of the same company, is being created right now.' })
  @ApiServiceUnavailableResponse({ description: 'The ERP is unavailable.' })
  async upsert(
    @Param('crmAccountId', CrmAccountIdPipe) crmAccountId: string,
    @Body() body: UpsertAccountDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccountDto> {
    const { account, created } = await this.upsertAccount.execute(crmAccountId, body);
    void reply.status(created ? 201 : 200);
    return account;
  }
}
