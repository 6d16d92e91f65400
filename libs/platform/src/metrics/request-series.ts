/** One line of a scrape, as prom-client's Registry formats it. */
interface SeriesValue {
  readonly labels: Record<string, string | number>;
  readonly value: number;
  readonly metricName?: string;
}

/**
 * The two HTTP series every request updates, kept as plain tallies and turned into prom-client's
 * shape only when scraped. prom-client's Counter and Histogram hash and validate the label object on
 * every `inc`/`observe`; a request here costs one key, one map lookup and an increment, which matters
 * on the hot path (bench/telemetry.mjs measures what telemetry costs a read). The label values are
 * the caller's (route templates, status codes, client ids): bounded, so are the series.
 */
abstract class TalliedSeries<S> {
  abstract readonly type: 'counter' | 'histogram';
  readonly aggregator = 'sum' as const;
  protected readonly series = new Map<string, S>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  reset(): void {
    this.series.clear();
  }

  /** What prom-client's Registry reads on a scrape. */
  async get(): Promise<{ name: string; help: string; type: 'counter' | 'histogram'; aggregator: 'sum'; values: SeriesValue[] }> {
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values: this.values() };
  }

  protected abstract values(): SeriesValue[];
}

/** A counter by four labels. */
export class TalliedCounter extends TalliedSeries<{ labels: Record<string, string>; value: number }> {
  readonly type = 'counter' as const;

  constructor(
    name: string,
    help: string,
    private readonly labelNames: readonly [string, string, string, string],
  ) {
    super(name, help);
  }

  inc(a: string, b: string, c: string, d: string): void {
    const key = `${a}\n${b}\n${c}\n${d}`;
    const entry = this.series.get(key);
    if (entry) entry.value++;
    else {
      const [na, nb, nc, nd] = this.labelNames;
      this.series.set(key, { labels: { [na]: a, [nb]: b, [nc]: c, [nd]: d }, value: 1 });
    }
  }

  protected values(): SeriesValue[] {
    return [...this.series.values()].map(({ labels, value }) => ({ labels, value }));
  }
}

/** A histogram by three labels, with fixed bucket bounds (seconds). */
export class TalliedHistogram extends TalliedSeries<{ labels: Record<string, string>; buckets: number[]; sum: number; count: number }> {
  readonly type = 'histogram' as const;

  constructor(
    name: string,
    help: string,
    private readonly labelNames: readonly [string, string, string],
    private readonly bounds: readonly number[],
  ) {
    super(name, help);
  }

  observe(a: string, b: string, c: string, value: number): void {
    const key = `${a}\n${b}\n${c}`;
    let entry = this.series.get(key);
    if (!entry) {
      const [na, nb, nc] = this.labelNames;
      entry = { labels: { [na]: a, [nb]: b, [nc]: c }, buckets: new Array<number>(this.bounds.length).fill(0), sum: 0, count: 0 };
      this.series.set(key, entry);
    }
    let i = 0;
    while (i < this.bounds.length && value > this.bounds[i]) i++;
    if (i < this.bounds.length) entry.buckets[i]++;
    entry.sum += value;
    entry.count++;
  }

  protected values(): SeriesValue[] {
    return [...this.series.values()].flatMap(({ labels, buckets, sum, count }) => {
      let cumulative = 0;
      return [
        ...this.bounds.map((le, i) => ({ labels: { le, ...labels }, value: (cumulative += buckets[i]), metricName: `${this.name}_bucket` })),
        { labels: { le: '+Inf', ...labels }, value: count, metricName: `${this.name}_bucket` },
        { labels, value: sum, metricName: `${this.name}_sum` },
        { labels, value: count, metricName: `${this.name}_count` },
      ];
    });
  }
}
