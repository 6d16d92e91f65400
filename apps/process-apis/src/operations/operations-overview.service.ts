import { Injectable } from '@nestjs/common';
import type { LayerBreakersDto, OrderStatsBucketDto } from '@contracts';
import { BreakerRegistry } from '@platform';
import { FulfillmentRepository } from '../fulfillment/fulfillment.repository.js';
import { OrderRepository } from '../ordering/order.repository.js';
import { ProcessApisConfig } from '../process.config.js';

/** The system layer's readiness gives up after this long: the console must answer while it is down. */
const READINESS_TIMEOUT_MS = 2_000;

const HOUR_MS = 3_600_000;

/** What the operations console charts and lists beside single orders: orders and exceptions per hour, and the breakers. */
@Injectable()
export class OperationsOverviewService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly fulfillment: FulfillmentRepository,
    private readonly breakers: BreakerRegistry,
    private readonly config: ProcessApisConfig,
  ) {}

  /** One bucket per hour of the last `hours` (the current one last), empty hours included. */
  async orderStats(hours: number, now = new Date()): Promise<OrderStatsBucketDto[]> {
    const [created, exceptions] = await Promise.all([this.orders.createdPerHour(hours), this.fulfillment.exceptionsPerHour(hours)]);
    const current = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    const buckets = new Map<string, { placed: number; rejected: number; failed: number; exceptions: number }>();
    for (let i = hours - 1; i >= 0; i--) buckets.set(new Date(current - i * HOUR_MS).toISOString(), { placed: 0, rejected: 0, failed: 0, exceptions: 0 });
    for (const { hour, status, count } of created) {
      const bucket = buckets.get(hour);
      if (!bucket || status === 'pending') continue;
      if (status === 'rejected') bucket.rejected += count;
      else if (status === 'failed') bucket.failed += count;
      else bucket.placed += count;
    }
    for (const { hour, count } of exceptions) {
      const bucket = buckets.get(hour);
      if (bucket) bucket.exceptions += count;
    }
    return [...buckets].map(([hour, counts]) => ({ hour, ...counts }));
  }

  /** This layer's breakers, and the system layer's as its readiness reports them. */
  async breakerStates(): Promise<LayerBreakersDto[]> {
    return [{ layer: 'process-apis', status: 'ok', breakers: this.breakers.snapshot() }, await this.systemBreakers()];
  }

  private async systemBreakers(): Promise<LayerBreakersDto> {
    try {
      const response = await fetch(`${this.config.systemUrl}/health/ready`, { signal: AbortSignal.timeout(READINESS_TIMEOUT_MS) });
      const report = (await response.json()) as { details?: { breakers?: Record<string, unknown> } };
      const { status: _status, ...breakers } = report.details?.breakers ?? {};
      return { layer: 'system-apis', status: 'ok', breakers };
    } catch {
      return { layer: 'system-apis', status: 'unavailable', breakers: {} };
    }
  }
}
