import { Injectable } from '@nestjs/common';
import { ProcessApiClient, type UpsertAccountDto, type UpsertedAccount } from '@contracts';
import type { CrmOrder360PageDto } from './crm.dto.js';

/** The CRM channel: accounts onboarded into the ERP and their order 360 view, all through the process layer. */
@Injectable()
export class CrmAccountsService {
  constructor(private readonly process: ProcessApiClient) {}

  upsert(crmAccountId: string, account: UpsertAccountDto): Promise<UpsertedAccount> {
    return this.process.upsertAccount(crmAccountId, account);
  }

  /** 404 `ACCOUNT.NOT_FOUND` until the account was PUT; then its ERP customer's orders. */
  async orders(crmAccountId: string, limit: number, cursor?: string): Promise<CrmOrder360PageDto> {
    const link = await this.process.getAccount(crmAccountId);
    const page = await this.process.getOrder360(link.erpAccountNumber, limit, cursor);
    return { crmAccountId, erpAccountNumber: link.erpAccountNumber, orders: page.orders, nextCursor: page.nextCursor };
  }
}
