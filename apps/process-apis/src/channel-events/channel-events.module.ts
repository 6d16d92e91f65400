import { Module } from '@nestjs/common';
import { MessagingModule } from '../messaging/messaging.module.js';
import { channelEventsProviders } from './channel-events.providers.js';
import { ChannelEventsWriter } from './channel-events.writer.js';

/** The events partners hear of, written to the outbox and forwarded to the experience layer. */
@Module({
  imports: [MessagingModule],
  providers: channelEventsProviders,
  exports: [ChannelEventsWriter],
})
export class ChannelEventsModule {}
