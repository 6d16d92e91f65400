import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountLinkDto, CrmAccountIdPipe, ApiCrmAccountIdParam } from '@contracts';
import { NotFoundError } from '@platform';
import { AccountRepository } from '../account.repository.js';

@ApiTags('accounts')
@Controller('v1/accounts')
export class GetAccountController {
  constructor(private readonly accounts: AccountRepository) {}

  @Get(':crmAccountId')
  @ApiCrmAccountIdParam()
  @ApiOperation({ summary: "A CRM account's cross-reference: its ERP customer number and the CRM-owned fields (no ERP call)." })
  @ApiOkResponse({ type: AccountLinkDto })
  @ApiNotFoundResponse({ description: 'No linked account with this id.' })
  async get(@Param('crmAccountId', CrmAccountIdPipe) crmAccountId: string): Promise<AccountLinkDto> {
    const account = await this.accounts.find(crmAccountId);
    if (!account) throw new NotFoundError('ACCOUNT.NOT_FOUND', `No CRM account ${crmAccountId} is linked to an ERP customer; PUT it first.`);
    return account;
  }
}
