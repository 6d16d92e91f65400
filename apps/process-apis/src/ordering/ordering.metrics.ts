import { Injectable } from '@nestjs/common';
import type { OrderStatus } from '@contracts';
import { MetricsRegistry } from '@platform';
import type { Counter } from 'prom-client';

/** Orders placed and cancelled, counted once each after their transaction commits (replays of a channel request are not counted). */
@Injectable()
export class OrderingMetrics {
  private readonly placed: Counter<'status'>;
  private readonly cancelled: Counter;

  constructor(metrics: MetricsRegistry) {
    this.placed = metrics.counter({
      name: 'orders_placed_total',
      help: 'Orders placed, by the status placement gave them: accepted (some lines may be backordered or rejected), backordered, on_hold (credit), rejected.',
      labelNames: ['status'],
    });
    this.cancelled = metrics.counter({ name: 'orders_cancelled_total', help: 'Orders cancelled by the customer.' });
  }

  orderPlaced(status: OrderStatus): void {
    this.placed.inc({ status });
  }

  orderCancelled(): void {
    this.cancelled.inc();
  }
}
