import { Module, type DynamicModule } from '@nestjs/common';
import { BreakerModule, HealthModule, MetricsModule, serviceAuthProviders } from '@platform';
import { ErpModule } from './erp/erp.module.js';
import { OmsModule } from './oms/oms.module.js';
import { SystemApisConfig } from './system.config.js';
import { WmsModule } from './wms/wms.module.js';

/** The system layer: canonical REST over each backend kind, one module per kind. */
@Module({})
export class SystemApisModule {
  static forRoot(config: SystemApisConfig): DynamicModule {
    return {
      module: SystemApisModule,
      global: true,
      imports: [
        BreakerModule,
        MetricsModule.forRoot({ token: config.metricsToken, enabled: config.metricsEnabled }),
        HealthModule,
        ErpModule,
        WmsModule,
        OmsModule,
      ],
      providers: [
        { provide: SystemApisConfig, useValue: config },
        // only the process layer calls the system layer; the WMS webhook is signed by the vendor instead
        ...serviceAuthProviders({ audience: 'system-apis', callers: ['process-apis'], keys: config.serviceKeys }),
      ],
      exports: [SystemApisConfig],
    };
  }
}
