import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AvailabilityChangedData, ExperienceEventsClient, type EventEnvelopeDto } from '@contracts';
import { ProcessApisConfig } from '../process.config.js';
import { StockChanges } from '../promising/atp/stock-changes.js';

/**
 * Tells the experience layer's availability cache which skus changed in this instance (a
 * reservation, a release, an inventory event, a rebuild), so it drops them at once rather than
 * after its max age. The changes of one turn of the event loop go out as one signal.
 *
 * Sent as the change is announced, which for some (an inventory event's) is just before their
 * transaction commits: the receiver drops the skus again a moment later (see AvailabilityEdgeCache).
 * One signal is in flight at a time; the changes made meanwhile go out together when it is answered,
 * so under order load the signals batch up instead of costing an HTTP call per order.
 * A signal that fails is dropped, not retried: the cache's max age bounds what a lost one costs.
 */
@Injectable()
export class AvailabilityChangesPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(AvailabilityChangesPublisher.name);
  /** Skus changed since the last signal; `all` after a rebuild. */
  private pending = new Set<string>();
  private all = false;
  private scheduled = false;
  private sending = false;
  private closed = false;

  constructor(
    changes: StockChanges,
    config: ProcessApisConfig,
    private readonly experience: ExperienceEventsClient,
  ) {
    // without the channel-events token the experience layer takes no signal: its cache relies on its max age
    if (config.channelEvents) changes.onChange((skus) => this.changed(skus));
  }

  onApplicationShutdown(): void {
    this.closed = true;
  }

  private changed(skus: readonly string[] | undefined): void {
    if (skus) skus.forEach((sku) => this.pending.add(sku));
    else this.all = true;
    if (this.scheduled || this.sending || this.closed) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const skus = this.all ? null : [...this.pending];
    this.pending = new Set();
    this.all = false;
    if (this.closed || (skus && !skus.length)) return;
    const data: AvailabilityChangedData = { skus };
    const event: EventEnvelopeDto = {
      id: randomUUID(),
      type: AvailabilityChangedData.type,
      version: AvailabilityChangedData.version,
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      source: 'process-apis',
      subject: 'availability',
      data: { ...data },
    };
    this.sending = true;
    this.experience
      .signal(event)
      .catch((error: unknown) => this.logger.debug(`availability signal not delivered: ${(error as Error).message}`))
      .finally(() => {
        this.sending = false;
        if (this.all || this.pending.size) this.changed([]);
      });
  }
}
