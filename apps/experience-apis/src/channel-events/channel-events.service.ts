import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventEnvelopeDto } from '@contracts';
import { Database } from '@platform';
import { CHANNEL_EVENT_HANDLERS, CHANNEL_SIGNAL_HANDLERS, ChannelEventHandler, ChannelSignalHandler } from './channel-event.handler.js';

/**
 * Takes channel events from the process layer: each event id is recorded once (inbox) and
 * handed to every channel in the same transaction, so a redelivery is acknowledged without effect
 * and a handler that fails leaves no trace (the process layer retries). A signal (ChannelSignalHandler)
 * is handed to its handler alone, without the inbox.
 */
@Injectable()
export class ChannelEventsService {
  private readonly logger = new Logger(ChannelEventsService.name);

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(CHANNEL_EVENT_HANDLERS) private readonly handlers: readonly ChannelEventHandler[],
    @Inject(CHANNEL_SIGNAL_HANDLERS) private readonly signals: readonly ChannelSignalHandler[],
  ) {}

  async accept(event: EventEnvelopeDto): Promise<{ eventId: string; duplicate: boolean }> {
    const signal = this.signals.find((handler) => handler.type === event.type);
    if (signal) {
      signal.handle(event);
      return { eventId: event.id, duplicate: false };
    }
    const applied = await this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO channel_events (event_id, type, subject, payload, correlation_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
        [event.id, event.type, event.subject, JSON.stringify(event), event.correlationId],
      );
      if (!inserted.length) return false;
      for (const handler of this.handlers) await handler.handle(tx, event);
      return true;
    });
    if (applied) this.logger.log({ eventId: event.id, type: event.type, subject: event.subject }, 'channel event received');
    return { eventId: event.id, duplicate: !applied };
  }
}
