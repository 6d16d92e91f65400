import { Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { BreakerRegistry } from './breaker.js';

@Injectable()
class BreakerShutdown implements OnApplicationShutdown {
  constructor(private readonly registry: BreakerRegistry) {}
  onApplicationShutdown(): void {
    this.registry.shutdown();
  }
}

/** One breaker registry per app: clients register into it, readiness reads it. */
@Global()
@Module({
  providers: [{ provide: BreakerRegistry, useFactory: () => new BreakerRegistry() }, BreakerShutdown],
  exports: [BreakerRegistry],
})
export class BreakerModule {}
