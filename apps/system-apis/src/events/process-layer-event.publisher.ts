import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ProcessEventsClient, type EventEnvelopeDto } from '@contracts';
import { AppError, BreakerRegistry, ServiceClient, ServiceTokenIssuer, UpstreamUnavailableError } from '@platform';
import { SystemApisConfig } from '../system.config.js';
import type { EventPublisher } from './event.publisher.js';

@Injectable()
export class ProcessLayerEventPublisher implements EventPublisher, OnApplicationShutdown {
  private readonly http: ServiceClient;
  private readonly client: ProcessEventsClient;

  constructor(config: SystemApisConfig, breakers: BreakerRegistry) {
    const tokens = new ServiceTokenIssuer(config.serviceKeys, 'system-apis', 'process-apis');
    this.http = new ServiceClient(
      { name: 'process-apis', baseUrl: config.processUrl, connections: 8, ...config.breaker, authorization: () => tokens.header() },
      breakers,
    );
    this.client = new ProcessEventsClient(this.http);
  }

  /** Any failure, a 4xx answer included, is a 503: the event must not be lost, so its source keeps redelivering. */
  async publish(event: EventEnvelopeDto<object>): Promise<void> {
    try {
      await this.client.publish(event as EventEnvelopeDto);
    } catch (error) {
      if (error instanceof UpstreamUnavailableError) throw error;
      throw new AppError('EVENTS.NOT_FORWARDED', 503, 'Service unavailable', {
        detail: `The process layer did not accept event ${event.id}; redeliver it.`,
        cause: error,
        retryAfterSeconds: 1,
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.http.close();
  }
}
