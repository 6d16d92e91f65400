import type { Provider } from '@nestjs/common';
import { ExperienceEventsClient } from '@contracts';
import { BreakerRegistry, ServiceClient } from '@platform';
import { ProcessApisConfig } from '../process.config.js';
import { ChannelEventsWriter } from './channel-events.writer.js';
import { ExperienceForwarderService } from './experience-forwarder.service.js';

export const channelEventsProviders: Provider[] = [
  ChannelEventsWriter,
  {
    provide: ExperienceEventsClient,
    inject: [ProcessApisConfig, BreakerRegistry],
    useFactory: (config: ProcessApisConfig, breakers: BreakerRegistry) =>
      new ExperienceEventsClient(
        new ServiceClient(
          { name: 'experience-apis', baseUrl: config.channelEvents?.experienceUrl ?? 'http://127.0.0.1:3000', connections: 8, ...config.breaker },
          breakers,
        ),
        config.channelEvents?.token ?? '',
      ),
  },
  ExperienceForwarderService,
];
