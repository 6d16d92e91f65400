import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Counter, Histogram, Registry } from 'prom-client';
import { TalliedCounter, TalliedHistogram } from './request-series.js';

const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const method = fc.constantFrom('GET', 'POST');
const route = fc.constantFrom('/b2b/v2/orders', '/b2b/v2/orders/:orderId', 'unmatched', '/a "quoted"\\route');
const status = fc.constantFrom('200', '201', '404', '503');
const client = fc.constantFrom('acme', 'globex', 'anonymous');
// bounds themselves included: a value equal to a bound counts in that bucket (le)
const seconds = fc.oneof(fc.constantFrom(...BOUNDS, 0, 31), fc.double({ min: 0, max: 40, noNaN: true }));

describe('tallied HTTP series', () => {
  it("scrape exactly as prom-client's own Counter and Histogram would, whatever the requests", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(method, route, status, client, seconds), { maxLength: 60 }), async (requests) => {
        const theirs = new Registry();
        const counter = new Counter({ name: 'http_requests_total', help: 'h', labelNames: ['method', 'route', 'status', 'client'], registers: [theirs] });
        const histogram = new Histogram({
          name: 'http_request_duration_seconds',
          help: 'd',
          labelNames: ['method', 'route', 'status'],
          buckets: BOUNDS,
          registers: [theirs],
        });
        const ours = new Registry();
        const tallied = new TalliedCounter('http_requests_total', 'h', ['method', 'route', 'status', 'client']);
        const durations = new TalliedHistogram('http_request_duration_seconds', 'd', ['method', 'route', 'status'], BOUNDS);
        ours.registerMetric(tallied as never);
        ours.registerMetric(durations as never);
        for (const [m, r, s, c, v] of requests) {
          counter.inc({ method: m, route: r, status: s, client: c });
          histogram.observe({ method: m, route: r, status: s }, v);
          tallied.inc(m, r, s, c);
          durations.observe(m, r, s, v);
        }
        const lines = (text: string) => text.split('\n').sort();
        expect(lines(await ours.metrics())).toEqual(lines(await theirs.metrics()));
      }),
      { numRuns: 200 },
    );
  });
});
