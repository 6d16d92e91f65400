import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CHANNEL_EVENT_TYPES, ExperienceEventsClient } from '@contracts';
import { ConsumerRunner } from '../messaging/consumers/consumer-runner.js';
import { ProcessApisConfig } from '../process.config.js';

export const EXPERIENCE_FORWARDER = 'experience-forwarder';

/**
 * Hands the channel events to the experience layer (webhooks, EDI documents). A consumer like
 * any other: an experience layer that is down is waited out (no failed attempt, see
 * ConsumerRunner); an event it refuses is retried with backoff, then dead-lettered and
 * replayable; the experience layer de-duplicates by event id, so a redelivery is harmless.
 */
@Injectable()
export class ExperienceForwarderService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExperienceForwarderService.name);

  constructor(
    private readonly runner: ConsumerRunner,
    private readonly config: ProcessApisConfig,
    private readonly experience: ExperienceEventsClient,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.channelEvents) {
      this.logger.warn('CHANNEL_EVENTS_TOKEN is not set: partners get no webhooks or EDI ship notices and invoices');
      return;
    }
    await this.runner.register(EXPERIENCE_FORWARDER, async (_tx, event) => void (await this.experience.deliver(event)), { types: CHANNEL_EVENT_TYPES });
  }
}
