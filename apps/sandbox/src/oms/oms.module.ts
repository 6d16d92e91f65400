import { Module } from '@nestjs/common';
import { OmsOrderController } from './oms-order.controller.js';
import { OmsStore } from './oms.store.js';

@Module({
  controllers: [OmsOrderController],
  providers: [OmsStore],
  exports: [OmsStore],
})
export class OmsModule {}
