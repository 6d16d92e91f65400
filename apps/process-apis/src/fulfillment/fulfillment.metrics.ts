import { Injectable } from '@nestjs/common';
import { BUSINESS_DURATION_BUCKETS, MetricsRegistry } from '@platform';
import type { Counter, Histogram } from 'prom-client';

/**
 * Shipments recorded and how long after its order each shipped. Counted in the transaction that
 * records the shipment: one that rolls back (its event is then delivered again) may count it twice.
 */
@Injectable()
export class FulfillmentMetrics {
  private readonly shipments: Counter;
  private readonly orderToShip: Histogram;

  constructor(metrics: MetricsRegistry) {
    this.shipments = metrics.counter({ name: 'shipments_total', help: 'Shipments confirmed by the warehouses and recorded (one per WMS shipment event).' });
    this.orderToShip = metrics.histogram({
      name: 'order_to_ship_seconds',
      help: "Time from an order's placement to each of its shipments (the warehouse's shipping time).",
      buckets: BUSINESS_DURATION_BUCKETS,
    });
  }

  shipmentRecorded(orderPlacedAt: Date | undefined, shippedAt: Date): void {
    this.shipments.inc();
    if (orderPlacedAt) this.orderToShip.observe(Math.max(0, (shippedAt.getTime() - orderPlacedAt.getTime()) / 1000));
  }
}
