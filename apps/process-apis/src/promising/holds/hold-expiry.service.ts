import { Injectable, Logger } from '@nestjs/common';
import { PeriodicTask, ScheduledJob } from '@platform';
import { ProcessApisConfig } from '../../process.config.js';
import { StaleOrderAttempts } from '../ports/stale-order-attempts.port.js';
import { ReservationRepository } from '../reservations/reservation.repository.js';

/**
 * Gives the stock of expired holds back to the projection: quotes not taken up, and order
 * attempts abandoned mid-way (pending past the in-flight timeout: their process died).
 */
@Injectable()
export class HoldExpiryService extends ScheduledJob {
  private readonly logger = new Logger(HoldExpiryService.name);
  protected readonly task = new PeriodicTask({
    run: () => this.sweep(),
    every: this.config.holdSweepMs,
    logger: this.logger,
    failure: 'expired holds not released this time',
  });

  constructor(
    private readonly reservations: ReservationRepository,
    private readonly orders: StaleOrderAttempts,
    private readonly config: ProcessApisConfig,
  ) {
    super();
  }

  private async sweep(): Promise<void> {
    const released = await this.reservations.releaseExpired();
    if (released.length) this.logger.log({ holds: released.length }, 'expired stock holds released');
    const abandoned = await this.orders.abandonStale(this.config.inFlightTimeoutMs);
    if (abandoned) this.logger.warn({ attempts: abandoned }, 'abandoned order attempts ended, their stock given back');
  }
}
