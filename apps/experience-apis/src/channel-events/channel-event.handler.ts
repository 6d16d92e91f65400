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
