import CircuitBreaker from 'opossum';
import { UpstreamUnavailableError } from '../errors/upstream.error.js';

export interface BreakerOptions {
  /** Per-call deadline in ms. */
  readonly timeoutMs: number;
  /** How long the breaker stays open before a half-open probe. */
  readonly resetTimeoutMs: number;
  /** Failure percentage over the rolling window that opens the breaker. */
  readonly errorThresholdPercentage: number;
  /** Calls in the window before the percentage counts, so one early failure can't open it. */
  readonly volumeThreshold: number;
  /** Bulkhead: calls in flight at once; more are refused rather than queued. */
  readonly capacity: number;
}

export const defaultBreakerOptions: BreakerOptions = {
  timeoutMs: 5_000,
  resetTimeoutMs: 10_000,
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  capacity: 200,
};

export type BreakerState = 'closed' | 'open' | 'half-open';

/** Counts since the breaker was made (metrics); `stats` is opossum's rolling window instead. A timeout is also a failure. */
export interface BreakerTotals {
  successes: number;
  failures: number;
  rejects: number;
  timeouts: number;
}

/**
 * One opossum circuit breaker around one downstream. `isCallerError` tells failures that
 * are the caller's fault (a 4xx answer) apart from the downstream's, so the former never
 * open the breaker.
 */
export class Breaker {
  private readonly circuit: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private openedAt = 0;
  private readonly counted: BreakerTotals = { successes: 0, failures: 0, rejects: 0, timeouts: 0 };

  constructor(
    readonly name: string,
    private readonly options: BreakerOptions,
    isCallerError: (error: unknown) => boolean = () => false,
  ) {
    this.circuit = new CircuitBreaker((action: () => Promise<unknown>) => action(), {
      name,
      timeout: options.timeoutMs,
      resetTimeout: options.resetTimeoutMs,
      errorThresholdPercentage: options.errorThresholdPercentage,
      volumeThreshold: options.volumeThreshold,
      capacity: options.capacity,
      errorFilter: isCallerError,
    });
    this.circuit.on('open', () => {
      this.openedAt = Date.now();
    });
    this.circuit.on('success', () => this.counted.successes++);
    this.circuit.on('failure', () => this.counted.failures++);
    this.circuit.on('reject', () => this.counted.rejects++);
    this.circuit.on('timeout', () => this.counted.timeouts++);
  }

  get totals(): Readonly<BreakerTotals> {
    return { ...this.counted };
  }

  get state(): BreakerState {
    if (this.circuit.opened) return 'open';
    return this.circuit.halfOpen ? 'half-open' : 'closed';
  }

  get stats(): { failures: number; successes: number; rejects: number; timeouts: number } {
    const { failures, successes, rejects, timeouts } = this.circuit.stats;
    return { failures, successes, rejects, timeouts };
  }

  async run<T>(action: () => Promise<T>): Promise<T> {
    try {
      return (await this.circuit.fire(action)) as T;
    } catch (error) {
      throw this.translate(error);
    }
  }

  shutdown(): void {
    this.circuit.shutdown();
  }

  private translate(error: unknown): unknown {
    const code = (error as { code?: string } | undefined)?.code;
    if (code === 'EOPENBREAKER') return new UpstreamUnavailableError(this.name, 'open', this.secondsUntilProbe(), error);
    if (code === 'ETIMEDOUT' && (error as Error).message.startsWith('Timed out after')) {
      return new UpstreamUnavailableError(this.name, 'timeout', 1, error);
    }
    if (code === 'ESEMLOCKED') return new UpstreamUnavailableError(this.name, 'overloaded', 1, error);
    return error;
  }

  private secondsUntilProbe(): number {
    const remaining = this.openedAt + this.options.resetTimeoutMs - Date.now();
    return Math.max(1, Math.ceil(remaining / 1000));
  }
}

/** The breakers of one app, so readiness can report their states. */
export class BreakerRegistry {
  private readonly breakers = new Map<string, Breaker>();

  create(name: string, options: BreakerOptions, isCallerError?: (error: unknown) => boolean): Breaker {
    const existing = this.breakers.get(name);
    if (existing) return existing;
    const breaker = new Breaker(name, options, isCallerError);
    this.breakers.set(name, breaker);
    return breaker;
  }

  snapshot(): Record<string, { state: BreakerState; failures: number; successes: number; rejects: number; timeouts: number }> {
    return Object.fromEntries([...this.breakers].map(([name, breaker]) => [name, { state: breaker.state, ...breaker.stats }]));
  }

  /** Every breaker made so far (metrics read them at scrape time). */
  all(): readonly Breaker[] {
    return [...this.breakers.values()];
  }

  shutdown(): void {
    for (const breaker of this.breakers.values()) breaker.shutdown();
  }
}
