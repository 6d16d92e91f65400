import { Module } from '@nestjs/common';
import { ExperienceEventsClient } from '@contracts';
import { MessagingModule } from '../messaging/messaging.module.js';
import { channelEventsProviders } from './channel-events.providers.js';
import { ChannelEventsWriter } from './channel-events.writer.js';

/**
 * The events partners hear of, written to the outbox and forwarded to the experience layer; the
 * client is exported for the availability signals, which go to the experience layer directly.
 */
@Module({
  imports: [MessagingModule],
  providers: channelEventsProviders,
  exports: [ChannelEventsWriter, ExperienceEventsClient],
})
export class ChannelEventsModule {}
