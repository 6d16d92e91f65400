import { Module } from '@nestjs/common';
import { WmsEventEmitter } from './wms-event.emitter.js';
import { WmsMasterDataController } from './wms-master-data.controller.js';
import { WmsOutboundOrderController } from './wms-outbound-order.controller.js';
import { WmsReplenishmentController } from './wms-replenishment.controller.js';
import { WmsRmaOrderController } from './wms-rma-order.controller.js';
import { WmsRmaStore } from './wms-rma.store.js';
import { WmsStore } from './wms.store.js';

@Module({
  controllers: [WmsMasterDataController, WmsOutboundOrderController, WmsReplenishmentController, WmsRmaOrderController],
  providers: [WmsStore, WmsRmaStore, WmsEventEmitter],
  exports: [WmsStore, WmsRmaStore, WmsEventEmitter],
})
export class WmsModule {}
