import { Module } from '@nestjs/common';
import { AccountRepository } from './account.repository.js';
import { GetAccountController } from './get-account/get-account.controller.js';
import { UpsertAccountController } from './upsert-account/upsert-account.controller.js';
import { UpsertAccountService } from './upsert-account/upsert-account.service.js';

/** CRM accounts linked to ERP customers. Exports nothing. */
@Module({
  controllers: [UpsertAccountController, GetAccountController],
  providers: [AccountRepository, UpsertAccountService],
})
export class AccountsModule {}
