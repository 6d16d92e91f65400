import { Inject, Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@platform';
import type { Counter } from 'prom-client';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository.js';
import { EventBus } from './event-bus.js';
import { OutboxRepository } from './outbox/outbox.repository.js';

/** What became of one delivery to a consumer (ConsumerRunner). */
export type DeliveryResult = 'applied' | 'duplicate' | 'retry' | 'outage_retry' | 'dead_lettered';

/**
 * The messaging metrics of the process layer. Outbox, dead letters and the bus are read at scrape
 * time (gauges with `collect`); deliveries are counted by ConsumerRunner as they happen, per instance.
 */
@Injectable()
export class MessagingMetrics {
  private readonly deliveries: Counter<'consumer' | 'result'>;
  private readonly redeliveries: Counter<'consumer'>;

  constructor(metrics: MetricsRegistry, outbox: OutboxRepository, deadLetters: DeadLetterRepository, @Inject(EventBus) bus: EventBus) {
    this.deliveries = metrics.counter({
      name: 'consumer_deliveries_total',
      help: 'Deliveries to each consumer by result: applied, duplicate (inbox), retry (failed, tried again), outage_retry (next layer unavailable), dead_lettered.',
      labelNames: ['consumer', 'result'],
    });
    this.redeliveries = metrics.counter({
      name: 'consumer_redeliveries_total',
      help: 'Deliveries to each consumer that were not the first delivery of their event.',
      labelNames: ['consumer'],
    });
    metrics.backlog('outbox_backlog', 'Outbox events not yet published to the bus', () => outbox.backlog());
    metrics.gauge({
      name: 'consumer_lag',
      help: 'Events each consumer has not acknowledged yet: in-process bus, queued or waiting for a retry on this instance; NATS, num_pending + num_ack_pending of the durable consumer.',
      labelNames: ['consumer'],
      async collect() {
        this.reset();
        for (const { consumer, pending } of await bus.backlog()) this.set({ consumer }, pending);
      },
    });
    metrics.gauge({
      name: 'dead_letters_open',
      help: 'Dead letters waiting for an operator (replay or discard), per consumer.',
      labelNames: ['consumer'],
      async collect() {
        this.reset();
        const [open, subscribed] = await Promise.all([deadLetters.openCounts(), bus.backlog()]);
        for (const { consumer } of subscribed) this.set({ consumer }, 0);
        for (const { consumer, count } of open) this.set({ consumer }, count);
      },
    });
  }

  delivered(consumer: string, attempt: number, result: DeliveryResult): void {
    this.deliveries.inc({ consumer, result });
    if (attempt > 1) this.redeliveries.inc({ consumer });
  }
}
