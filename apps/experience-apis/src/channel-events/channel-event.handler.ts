import type { EventEnvelopeDto } from '@contracts';
import type { Queryable } from '@platform';

/**
 * A channel's reaction to an event from the process layer (a webhook delivery, an EDI document).
 * Runs inside the transaction that records the event in the inbox, once per event id: write only
 * to the database here (enqueue the channel's own work); throwing makes the process layer redeliver.
 */
export abstract class ChannelEventHandler {
  abstract readonly name: string;
  abstract handle(tx: Queryable, event: EventEnvelopeDto): Promise<void>;
}

/** Every channel's handler, in the order they run (see `ChannelEventsModule.forRoot`). */
export const CHANNEL_EVENT_HANDLERS = Symbol('CHANNEL_EVENT_HANDLERS');

/**
 * A channel's reaction to a signal from the process layer (e.g. `availability.changed`: drop cached
 * answers). In memory and idempotent by nature, so a signal is neither recorded in the inbox nor
 * handed to the ChannelEventHandlers; a signal that is lost costs what the channel bounds it to.
 */
export abstract class ChannelSignalHandler {
  /** The event type it takes. */
  abstract readonly type: string;
  abstract handle(event: EventEnvelopeDto): void;
}

/** Every channel's signal handler (see `ChannelEventsModule.forRoot`). */
export const CHANNEL_SIGNAL_HANDLERS = Symbol('CHANNEL_SIGNAL_HANDLERS');
