import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ControlModule } from './control/control.module.js';
import { ErpModule } from './erp/erp.module.js';
import { OmsModule } from './oms/oms.module.js';
import { SANDBOX_CONFIG, type SandboxConfig } from './sandbox.config.js';
import { WmsModule } from './wms/wms.module.js';

/** The three emulated backends plus the control surface, configured per instance (several may run in one process). */
@Global()
@Module({})
export class SandboxModule {
  static forRoot(config: SandboxConfig): DynamicModule {
    return {
      module: SandboxModule,
      imports: [ErpModule, WmsModule, OmsModule, ControlModule],
      providers: [{ provide: SANDBOX_CONFIG, useValue: config }],
      exports: [SANDBOX_CONFIG],
    };
  }
}
