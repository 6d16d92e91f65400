import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { EdiModule } from '../edi/edi.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { ConsoleController } from './console.controller.js';
import { OpsConsoleController } from './ops-console.controller.js';
import { OrderTimelineService } from './order-timeline.service.js';

/** The operations console (the page at /console) and the ops reads it needs across the layers. Exports nothing. */
@Module({
  imports: [AuthModule, EdiModule, WebhooksModule],
  controllers: [OpsConsoleController, ConsoleController],
  providers: [OrderTimelineService],
})
export class OperationsModule {}
