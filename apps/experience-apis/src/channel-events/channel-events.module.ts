import { DynamicModule, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { CHANNEL_EVENT_HANDLERS, CHANNEL_SIGNAL_HANDLERS, type ChannelEventHandler, type ChannelSignalHandler } from './channel-event.handler.js';
import { ChannelEventsTokenGuard } from './channel-events-token.guard.js';
import { ChannelEventsController } from './channel-events.controller.js';
import { ChannelEventsService } from './channel-events.service.js';

export interface ChannelEventsOptions {
  /** The channel modules that export the handlers. */
  readonly imports: NonNullable<ModuleMetadata['imports']>;
  /** Every channel's handler, in the order they run within the inbox transaction. */
  readonly handlers: readonly Type<ChannelEventHandler>[];
  /** The channels' signal handlers (exported by those modules too). */
  readonly signals?: readonly Type<ChannelSignalHandler>[];
}

/**
 * The process layer's push of channel events, recorded once each (inbox) and handed to every channel.
 * The channels are given here rather than imported, so the dependency points from the channels
 * (edi, webhooks implement `ChannelEventHandler`) to this context and never back.
 */
@Module({})
export class ChannelEventsModule {
  static forRoot(options: ChannelEventsOptions): DynamicModule {
    return {
      module: ChannelEventsModule,
      imports: [...options.imports],
      controllers: [ChannelEventsController],
      providers: [
        ChannelEventsTokenGuard,
        ChannelEventsService,
        { provide: CHANNEL_EVENT_HANDLERS, useFactory: (...handlers: ChannelEventHandler[]) => handlers, inject: [...options.handlers] },
        { provide: CHANNEL_SIGNAL_HANDLERS, useFactory: (...signals: ChannelSignalHandler[]) => signals, inject: [...(options.signals ?? [])] },
      ],
    };
  }
}
