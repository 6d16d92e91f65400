import { Module } from '@nestjs/common';
import { SandboxOmsOrdersAdapter } from './adapters/sandbox-oms/sandbox-oms-orders.adapter.js';
import { SandboxOmsClient } from './adapters/sandbox-oms/sandbox-oms.client.js';
import { OmsController } from './oms.controller.js';
import { OmsOrders } from './oms.ports.js';

/** OMS system API over the sandbox OMS. */
@Module({
  controllers: [OmsController],
  providers: [SandboxOmsClient, { provide: OmsOrders, useClass: SandboxOmsOrdersAdapter }],
})
export class OmsModule {}
