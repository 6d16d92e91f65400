import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { SandboxWmsFulfillmentAdapter } from './adapters/sandbox-wms/sandbox-wms-fulfillment.adapter.js';
import { SandboxWmsInventoryAdapter } from './adapters/sandbox-wms/sandbox-wms-inventory.adapter.js';
import { SandboxWmsReturnsAdapter } from './adapters/sandbox-wms/sandbox-wms-returns.adapter.js';
import { SandboxWmsWebhookController } from './adapters/sandbox-wms/sandbox-wms-webhook.controller.js';
import { SandboxWmsWebhook } from './adapters/sandbox-wms/sandbox-wms-webhook.service.js';
import { SandboxWmsClient } from './adapters/sandbox-wms/sandbox-wms.client.js';
import { WmsController } from './wms.controller.js';
import { WmsReturnsController } from './wms-returns.controller.js';
import { WmsFulfillment, WmsInventory, WmsReturns } from './wms.ports.js';

/** WMS system API over the sandbox WMS, and its webhook receiver. */
@Module({
  imports: [EventsModule],
  controllers: [WmsController, WmsReturnsController, SandboxWmsWebhookController],
  providers: [
    SandboxWmsClient,
    SandboxWmsWebhook,
    { provide: WmsInventory, useClass: SandboxWmsInventoryAdapter },
    { provide: WmsFulfillment, useClass: SandboxWmsFulfillmentAdapter },
    { provide: WmsReturns, useClass: SandboxWmsReturnsAdapter },
  ],
})
export class WmsModule {}
