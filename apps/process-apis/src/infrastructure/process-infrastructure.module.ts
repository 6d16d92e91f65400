import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { ProcessApisConfig } from '../process.config.js';
import { systemApiProviders } from './system-api.provider.js';

const tokenOf = (provider: Provider) => (typeof provider === 'function' ? provider : provider.provide);

/**
 * The app's typed configuration and the system layer's client: every context needs both, like the
 * database, so they are global rather than imported by each context.
 */
@Module({})
export class ProcessInfrastructureModule {
  static forRoot(config: ProcessApisConfig): DynamicModule {
    const providers: Provider[] = [{ provide: ProcessApisConfig, useValue: config }, ...systemApiProviders];
    return { module: ProcessInfrastructureModule, global: true, providers, exports: providers.map(tokenOf) };
  }
}
