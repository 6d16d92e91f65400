import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';

let processRegistry: Registry | undefined;

/**
 * process_* and nodejs_* (CPU, memory, event-loop lag, GC) of the Node process, collected once per process
 * and shown by every app in it: each collection starts GC and event-loop watchers that cannot be stopped,
 * so one per app would pile up where many apps start and stop in one process (the tests).
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The metrics of one app: its own prom-client `Registry`, never the process-wide default one, because
 * the embedded launcher (and the tests) run several apps in one Node process and each app's /metrics
 * must show that app only. Asking twice for a metric by name returns the first one (e.g. a provider
 * built once per app but asked from two places).
 */
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor(private readonly options: { readonly defaultMetrics?: boolean } = {}) {}

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every metric; async collectors (database reads) run now. */
  text(): Promise<string> {
    return (this.options.defaultMetrics ?? true) ? Registry.merge([this.registry, processMetrics()]).metrics() : this.registry.metrics();
  }

  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return (this.registry.getSingleMetric(config.name) as Counter<L> | undefined) ?? new Counter({ ...config, registers: [this.registry] });
  }

  /**
   * A metric of the platform's own making (request-series.ts), registered like prom-client's; asked
   * twice by name, the first one is returned.
   */
  custom<M extends { readonly name: string }>(metric: M): M {
    const existing = this.registry.getSingleMetric(metric.name) as unknown as M | undefined;
    if (existing) return existing;
    this.registry.registerMetric(metric as unknown as Parameters<Registry['registerMetric']>[0]);
    return metric;
  }

  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return (this.registry.getSingleMetric(config.name) as Gauge<L> | undefined) ?? new Gauge({ ...config, registers: [this.registry] });
  }

  /**
   * A queue's two gauges, read together at scrape time by one call of `read` (e.g. one SQL count):
   * `<name>` (items waiting) and `<name>_oldest_age_seconds` (how long the oldest has waited, 0 when none).
   */
  backlog(name: string, what: string, read: () => Promise<Backlog>): void {
    // A scrape calls every metric's collect in one synchronous pass (Registry.metrics), so the
    // second gauge reuses the first one's read; the next scrape reads again.
    let shared: Promise<Backlog> | undefined;
    const current = () => {
      if (!shared) {
        shared = read();
        queueMicrotask(() => (shared = undefined));
      }
      return shared;
    };
    this.gauge({
      name,
      help: `${what}: items waiting.`,
      async collect() {
        this.set((await current()).count);
      },
    });
    this.gauge({
      name: `${name}_oldest_age_seconds`,
      help: `${what}: how long the oldest item has waited, in seconds (0 when none).`,
      async collect() {
        this.set((await current()).oldestAgeSeconds);
      },
    });
  }

  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return (this.registry.getSingleMetric(config.name) as Histogram<L> | undefined) ?? new Histogram({ ...config, registers: [this.registry] });
  }
}

/** What a queue holds now (see MetricsRegistry.backlog). */
export interface Backlog {
  readonly count: number;
  readonly oldestAgeSeconds: number;
}

/** Buckets for business durations (order to ship, shipment to invoice): a second to a week. */
export const BUSINESS_DURATION_BUCKETS = [1, 5, 15, 60, 300, 900, 3_600, 4 * 3_600, 12 * 3_600, 86_400, 3 * 86_400, 7 * 86_400];
