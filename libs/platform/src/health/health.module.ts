import { DynamicModule, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HEALTH_UPSTREAMS, HealthController, READINESS_CHECKS, type HealthUpstream, type ReadinessCheck } from './health.controller.js';

/** Readiness checks of app modules: the modules that export them, and the checks. */
export interface ReadinessChecksOptions {
  readonly imports: ModuleMetadata['imports'];
  readonly checks: readonly Type<ReadinessCheck>[];
}

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
})
export class HealthModule {
  /** Readiness also probes the next layer of the gateway (its liveness), e.g. `{ name: 'process-apis', url }`. */
  static forRoot(upstreams: readonly HealthUpstream[], readiness?: ReadinessChecksOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: readiness?.imports ?? [],
      providers: [
        { provide: HEALTH_UPSTREAMS, useValue: upstreams },
        { provide: READINESS_CHECKS, inject: [...(readiness?.checks ?? [])], useFactory: (...checks: ReadinessCheck[]) => checks },
      ],
    };
  }
}
