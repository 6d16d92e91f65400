import { Logger } from '@nestjs/common';
import type { EventEnvelopeDto } from '@contracts';
import { BusSubscription, ConsumerBacklog, DeliveryHandler, EventBus, SubscribeOptions, UNEXPECTED_FAILURE_RETRY_MS } from '../event-bus.js';

interface Pending {
  readonly event: EventEnvelopeDto;
  readonly attempt: number;
  readonly since: number;
}

/**
 * One consumer's queue: deliveries run one at a time, in publication order; a delivery to be
 * retried waits on a timer and rejoins the queue, so the messages behind it keep flowing.
 */
class InProcessSubscription implements BusSubscription {
  private readonly queue: Pending[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    readonly name: string,
    private readonly handler: DeliveryHandler,
    private readonly types: ReadonlySet<string> | undefined,
    private readonly logger: Logger,
    private readonly onStop: () => void,
  ) {}

  /** Queued, and waiting on a timer to be retried (the one in hand is not counted). */
  get pending(): number {
    return this.queue.length + this.timers.size;
  }

  accepts(type: string): boolean {
    return !this.types || this.types.has(type);
  }

  enqueue(pending: Pending): void {
    if (this.stopped) return;
    this.queue.push(pending);
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  private async drain(): Promise<void> {
    for (let next = this.queue.shift(); next && !this.stopped; next = this.queue.shift()) {
      const outcome = await this.handler(next.event, { attempt: next.attempt, since: next.since }).catch((error: unknown) => {
        this.logger.error({ err: error, consumer: this.name, eventId: next!.event.id }, 'consumer handler threw');
        return { ack: false as const, retryInMs: UNEXPECTED_FAILURE_RETRY_MS };
      });
      if (!outcome.ack) this.retryLater({ event: next.event, attempt: next.attempt + 1, since: next.since }, outcome.retryInMs);
    }
  }

  private retryLater(pending: Pending, delayMs: number): void {
    if (this.stopped) return; // stopped while it was in hand: the next start takes it again (redeliver)
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.enqueue(pending);
    }, delayMs);
    this.timers.add(timer);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.running;
    this.onStop();
  }
}

/**
 * The embedded mode's bus: delivery is asynchronous (publish returns once the event is queued)
 * and lives in memory. The outbox is the durable record: an event is only marked published
 * after it is queued here. A delivery still queued or waiting to be retried when the process
 * stops is taken again through `redeliver` when its consumer registers at the next start (see
 * ConsumerRunner); the distributed mode (JetStream) keeps them itself.
 */
export class InProcessEventBus extends EventBus {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger(InProcessEventBus.name);
  private readonly subscriptions = new Map<string, InProcessSubscription>();
  private closed = false;

  async publish(envelope: EventEnvelopeDto): Promise<void> {
    if (this.closed) throw new Error('The event bus is closed');
    // A copy per consumer, as over the wire: a handler can't change what another one sees.
    const wire = JSON.stringify(envelope);
    for (const subscription of this.subscriptions.values()) {
      if (subscription.accepts(envelope.type)) subscription.enqueue({ event: JSON.parse(wire) as EventEnvelopeDto, attempt: 1, since: Date.now() });
    }
  }

  async subscribe(consumerName: string, handler: DeliveryHandler, options: SubscribeOptions = {}): Promise<BusSubscription> {
    if (this.closed) throw new Error('The event bus is closed');
    if (this.subscriptions.has(consumerName)) throw new Error(`Consumer "${consumerName}" is already subscribed`);
    const subscription = new InProcessSubscription(consumerName, handler, options.types && new Set(options.types), this.logger, () =>
      this.subscriptions.delete(consumerName),
    );
    this.subscriptions.set(consumerName, subscription);
    return subscription;
  }

  override redeliver(consumerName: string, envelope: EventEnvelopeDto): void {
    this.subscriptions.get(consumerName)?.enqueue({ event: envelope, attempt: 1, since: Date.now() });
  }

  async backlog(): Promise<readonly ConsumerBacklog[]> {
    return [...this.subscriptions.values()].map((s) => ({ consumer: s.name, pending: s.pending }));
  }

  async probe(): Promise<{ up: boolean; detail: Record<string, unknown> }> {
    return { up: !this.closed, detail: { kind: this.kind } };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions.values()].map((s) => s.stop()));
  }
}
