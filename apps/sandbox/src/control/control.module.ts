import { Module } from '@nestjs/common';
import { ErpModule } from '../erp/erp.module.js';
import { OmsModule } from '../oms/oms.module.js';
import { WmsModule } from '../wms/wms.module.js';
import { ControlDriftController } from './control-drift.controller.js';
import { ControlErpController } from './control-erp.controller.js';
import { ControlWmsInventoryController } from './control-wms-inventory.controller.js';
import { ControlWmsReturnsController } from './control-wms-returns.controller.js';
import { ControlWmsController } from './control-wms.controller.js';
import { ControlController } from './control.controller.js';
import { HealthController } from './health.controller.js';
import { TrafficStore } from './traffic.store.js';

@Module({
  imports: [ErpModule, WmsModule, OmsModule],
  controllers: [
    ControlController,
    ControlErpController,
    ControlWmsController,
    ControlWmsInventoryController,
    ControlWmsReturnsController,
    ControlDriftController,
    HealthController,
  ],
  providers: [TrafficStore],
  exports: [TrafficStore],
})
export class ControlModule {}
