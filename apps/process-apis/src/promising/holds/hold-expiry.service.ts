import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ProcessApisConfig } from '../../process.config.js';
import { ReservationRepository } from '../reservations/reservation.repository.js';

/** Gives the stock of expired holds (quotes not taken up) back to the projection. */
@Injectable()
export class HoldExpiryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HoldExpiryService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly reservations: ReservationRepository,
    private readonly config: ProcessApisConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.holdSweepMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    try {
      const released = await this.reservations.releaseExpired();
      if (released.length) this.logger.log({ holds: released.length }, 'expired stock holds released');
    } catch (error) {
      this.logger.warn(`expired holds not released this time: ${(error as Error).message}`);
    }
  }
}
