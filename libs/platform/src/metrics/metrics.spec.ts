import { describe, expect, it } from '@jest/globals';
import { BreakerRegistry } from '../http/breaker.js';
import { BreakerMetrics } from './breaker-metrics.js';
import { MetricsRegistry } from './metrics.registry.js';

const options = { timeoutMs: 100, resetTimeoutMs: 60_000, errorThresholdPercentage: 50, volumeThreshold: 2, capacity: 10 };

/** The value of one sample line of the text exposition, e.g. `breaker_state{breaker="erp"}`. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('MetricsRegistry', () => {
  it("keeps each app's metrics apart: the same name in two registries counts separately", async () => {
    const [a, b] = [new MetricsRegistry({ defaultMetrics: false }), new MetricsRegistry({ defaultMetrics: false })];
    a.counter({ name: 'orders_placed_total', help: 'h' }).inc(2);
    b.counter({ name: 'orders_placed_total', help: 'h' }).inc();
    expect(sample(await a.text(), 'orders_placed_total')).toBe(2);
    expect(sample(await b.text(), 'orders_placed_total')).toBe(1);
  });

  it('returns the metric already registered under a name instead of failing on a second registration', async () => {
    const metrics = new MetricsRegistry({ defaultMetrics: false });
    metrics.counter({ name: 'x_total', help: 'h' }).inc();
    metrics.counter({ name: 'x_total', help: 'h' }).inc();
    expect(sample(await metrics.text(), 'x_total')).toBe(2);
  });

  it('reads a backlog once per scrape for both of its gauges, and again at the next scrape', async () => {
    const metrics = new MetricsRegistry({ defaultMetrics: false });
    let reads = 0;
    metrics.backlog('queue_backlog', 'Things', async () => ({ count: 3 + reads++, oldestAgeSeconds: 42.5 }));
    const first = await metrics.text();
    expect([sample(first, 'queue_backlog'), sample(first, 'queue_backlog_oldest_age_seconds'), reads]).toEqual([3, 42.5, 1]);
    expect(sample(await metrics.text(), 'queue_backlog')).toBe(4);
    expect(reads).toBe(2);
  });

  it('adds the process metrics (CPU, memory, event loop) unless told not to', async () => {
    expect(await new MetricsRegistry().text()).toContain('process_cpu_user_seconds_total');
    expect(await new MetricsRegistry({ defaultMetrics: false }).text()).not.toContain('process_cpu_user_seconds_total');
  });
});

describe('BreakerMetrics', () => {
  it('reports each breaker as 0 closed / 2 open and counts successes, failures, rejects and timeouts since it was made', async () => {
    const metrics = new MetricsRegistry({ defaultMetrics: false });
    const breakers = new BreakerRegistry();
    new BreakerMetrics(metrics, breakers);
    const erp = breakers.create('erp', options);
    const wms = breakers.create('wms', options);
    await erp.run(() => Promise.resolve('ok'));
    await wms.run(() => Promise.resolve('ok'));
    await expect(erp.run(() => new Promise((resolve) => setTimeout(resolve, 300)))).rejects.toThrow(); // timeout: a failure too
    await expect(erp.run(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(erp.run(() => Promise.resolve('refused'))).rejects.toThrow(); // open: rejected without a call

    const text = await metrics.text();
    expect(sample(text, 'breaker_state{breaker="erp"}')).toBe(2);
    expect(sample(text, 'breaker_state{breaker="wms"}')).toBe(0);
    expect(sample(text, 'breaker_events_total{breaker="erp",event="success"}')).toBe(1);
    expect(sample(text, 'breaker_events_total{breaker="erp",event="failure"}')).toBe(2);
    expect(sample(text, 'breaker_events_total{breaker="erp",event="timeout"}')).toBe(1);
    expect(sample(text, 'breaker_events_total{breaker="erp",event="reject"}')).toBe(1);
    expect(sample(text, 'breaker_events_total{breaker="wms",event="failure"}')).toBe(0);
    breakers.shutdown();
  });
});
