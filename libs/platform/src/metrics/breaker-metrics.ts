import { Injectable } from '@nestjs/common';
import { BreakerRegistry, type BreakerState, type BreakerTotals } from '../http/breaker.js';
import { MetricsRegistry } from './metrics.registry.js';

/** `breaker_state` as a number, so an alert can say `breaker_state == 2`. */
export const BREAKER_STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

const EVENTS: Record<keyof BreakerTotals, string> = { successes: 'success', failures: 'failure', rejects: 'reject', timeouts: 'timeout' };

/** The app's circuit breakers, read from its BreakerRegistry at scrape time (breakers are made lazily, per downstream). */
@Injectable()
export class BreakerMetrics {
  constructor(metrics: MetricsRegistry, breakers: BreakerRegistry) {
    metrics.gauge({
      name: 'breaker_state',
      help: 'State of the circuit breaker of each downstream: 0 closed, 1 half-open, 2 open.',
      labelNames: ['breaker'],
      collect() {
        this.reset();
        for (const breaker of breakers.all()) this.set({ breaker: breaker.name }, BREAKER_STATE_VALUE[breaker.state]);
      },
    });
    metrics.counter({
      name: 'breaker_events_total',
      help: 'Calls through each breaker by outcome: success, failure (a timeout is one too), reject (refused while open), timeout.',
      labelNames: ['breaker', 'event'],
      collect() {
        this.reset();
        for (const breaker of breakers.all()) {
          const totals = breaker.totals;
          for (const [key, event] of Object.entries(EVENTS)) this.inc({ breaker: breaker.name, event }, totals[key as keyof BreakerTotals]);
        }
      },
    });
  }
}
