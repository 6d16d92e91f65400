import { DynamicModule, Module } from '@nestjs/common';
import { ProcessApiClient } from '@contracts';
import { clientProviders, ServiceTokenIssuer } from '@platform';
import { ExperienceApisConfig } from '../experience.config.js';

/**
 * What every context of the experience app shares: its validated config and the one client of the
 * process layer (one undici pool and one breaker for the hop, whichever context calls). Global, so
 * a context module does not import it to read its config.
 */
@Module({})
export class ExperienceInfrastructureModule {
  static forRoot(config: ExperienceApisConfig): DynamicModule {
    return {
      module: ExperienceInfrastructureModule,
      global: true,
      providers: [
        { provide: ExperienceApisConfig, useValue: config },
        ...clientProviders(ProcessApiClient, ExperienceApisConfig, (c) => {
          const tokens = new ServiceTokenIssuer(c.serviceKeys, 'experience-apis', 'process-apis');
          return { name: 'process-apis', baseUrl: c.processUrl, connections: 64, ...c.breaker, authorization: () => tokens.header() };
        }),
      ],
      exports: [ExperienceApisConfig, ProcessApiClient],
    };
  }
}
