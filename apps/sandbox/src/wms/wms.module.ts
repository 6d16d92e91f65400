import { Module } from '@nestjs/common';
import { WmsEventEmitter } from './wms-event.emitter.js';
import { WmsMasterDataController } from './wms-master-data.controller.js';
import { WmsOutboundOrderController } from './wms-outbound-order.controller.js';
import { WmsReplenishmentController } from './wms-replenishment.controller.js';
import { WmsStore } from './wms.store.js';

@Module({
  controllers: [WmsMasterDataController, WmsOutboundOrderController, WmsReplenishmentController],
  providers: [WmsStore, WmsEventEmitter],
  exports: [WmsStore, WmsEventEmitter],
})
export class WmsModule {}
