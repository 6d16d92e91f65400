import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CrmAccountsService } from './crm-accounts.service.js';
import { CrmController } from './crm.controller.js';

/** CRM clients: account upsert into the ERP and the order 360 view, both answered by the process layer. */
@Module({
  imports: [AuthModule],
  controllers: [CrmController],
  providers: [CrmAccountsService],
})
export class CrmModule {}
