import { type DynamicModule, Module } from '@nestjs/common';
import { BreakerMetrics } from './breaker-metrics.js';
import { HttpMetrics } from './http-metrics.js';
import { METRICS_OPTIONS, MetricsController, type MetricsOptions } from './metrics.controller.js';
import { MetricsRegistry } from './metrics.registry.js';

/**
 * One metrics registry per app (global: every context adds its own metrics to it), `GET /metrics`, the
 * HTTP metrics (recorded by the hook createHttpApp adds) and the breakers'. Needs BreakerModule.
 * Switched off (`enabled: false`), the registry stays for the contexts that add to it, but nothing
 * reads it: no /metrics route (404) and the HTTP hook records nothing.
 */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsOptions = {}): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: options.enabled === false ? [] : [MetricsController],
      providers: [
        { provide: METRICS_OPTIONS, useValue: options },
        { provide: MetricsRegistry, useFactory: () => new MetricsRegistry() },
        HttpMetrics,
        BreakerMetrics,
      ],
      exports: [MetricsRegistry, HttpMetrics],
    };
  }
}
