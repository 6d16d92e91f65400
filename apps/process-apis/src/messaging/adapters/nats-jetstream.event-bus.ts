import { Logger } from '@nestjs/common';
import type { EventEnvelopeDto } from '@contracts';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { connect, headers, nanos, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
import type { NatsBusConfig } from '../messaging.config.js';
import { BusSubscription, ConsumerBacklog, DeliveryHandler, EventBus, SubscribeOptions, UNEXPECTED_FAILURE_RETRY_MS } from '../event-bus.js';
import { traceCarrierOf } from '../event-tracing.js';

/** The W3C trace context goes as message headers too, for tools and consumers that don't read the envelope. */
function traceHeaders(envelope: EventEnvelopeDto): MsgHdrs | undefined {
  const carrier = Object.entries(traceCarrierOf(envelope));
  if (!carrier.length) return undefined;
  const h = headers();
  for (const [name, value] of carrier) h.set(name, value);
  return h;
}

/** An envelope written without trace context (e.g. by another publisher) takes the one its message headers carry. */
function withHeaderTraceContext(event: EventEnvelopeDto, message: JsMsg): EventEnvelopeDto {
  const traceparent = message.headers?.get('traceparent');
  if (event.traceparent || !traceparent) return event;
  const tracestate = message.headers?.get('tracestate');
  return { ...event, traceparent, ...(tracestate ? { tracestate } : {}) };
}

/** Events are kept a week: long enough to add a consumer or replay after an incident, bounded on disk. */
const STREAM_MAX_AGE_MS = 7 * 24 * 3_600_000;

/** A durable consumer name is one NATS token. */
const durableName = (consumerName: string) => consumerName.replace(/[^A-Za-z0-9_-]/g, '_');

class NatsSubscription implements BusSubscription {
  private stopping = false;
  private readonly loop: Promise<void>;

  constructor(
    readonly name: string,
    private readonly messages: ConsumerMessages,
    private readonly handler: DeliveryHandler,
    private readonly types: ReadonlySet<string> | undefined,
    private readonly logger: Logger,
  ) {
    this.loop = this.run();
  }

  // One message at a time, in stream order; a nak'd message comes back after its delay
  // while the ones behind it are delivered.
  private async run(): Promise<void> {
    for await (const message of this.messages) {
      if (this.stopping) {
        message.nak(); // prefetched but not handled: hand it back at once
        continue;
      }
      await this.handle(message);
    }
  }

  private async handle(message: JsMsg): Promise<void> {
    let event: EventEnvelopeDto;
    try {
      event = message.json<EventEnvelopeDto>();
      if (typeof event?.id !== 'string' || typeof event.type !== 'string') throw new Error('not an event envelope');
    } catch (error) {
      // Nothing can ever apply it, and without an id it can't be recorded: drop it loudly.
      this.logger.error({ err: error, consumer: this.name, seq: message.seq }, 'malformed message terminated');
      message.term('malformed event envelope');
      return;
    }
    if (this.types && !this.types.has(event.type)) return message.ack();
    event = withHeaderTraceContext(event, message);
    const outcome = await this.handler(event, {
      attempt: message.info.deliveryCount,
      // when the stream stored it: the same on every instance and every redelivery
      since: Number(message.timestampNanos / 1_000_000n),
    }).catch((error: unknown) => {
      this.logger.error({ err: error, consumer: this.name, eventId: event.id }, 'consumer handler threw');
      return { ack: false as const, retryInMs: UNEXPECTED_FAILURE_RETRY_MS };
    });
    if (outcome.ack) message.ack();
    else message.nak(outcome.retryInMs);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.messages.close();
    await this.loop;
  }
}

/**
 * The distributed mode's bus: NATS JetStream. One durable stream; each consumer name is a
 * durable pull consumer with explicit acks, shared by every instance running that consumer.
 * The event id is the Nats-Msg-Id, so the stream stores an event re-published by the outbox
 * relay within the duplicate window once.
 */
export class NatsJetStreamEventBus extends EventBus {
  readonly kind = 'nats' as const;
  private readonly logger = new Logger(NatsJetStreamEventBus.name);
  private readonly subscriptions = new Set<NatsSubscription>();

  private constructor(
    private readonly config: NatsBusConfig,
    private readonly connection: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
  ) {
    super();
  }

  static async connect(config: NatsBusConfig): Promise<NatsJetStreamEventBus> {
    const connection = await connect({ servers: config.url, name: 'process-apis' });
    try {
      const jsm = await jetstreamManager(connection);
      const bus = new NatsJetStreamEventBus(config, connection, jetstream(connection), jsm);
      await bus.ensureStream();
      return bus;
    } catch (error) {
      await connection.close();
      throw error;
    }
  }

  subjectOf(type: string): string {
    return `${this.config.subjectPrefix}.${type}`;
  }

  private async ensureStream(): Promise<void> {
    const subjects = [`${this.config.subjectPrefix}.>`];
    const existing = await this.jsm.streams.info(this.config.stream).catch(() => undefined);
    if (!existing) {
      await this.jsm.streams
        .add({ name: this.config.stream, subjects, duplicate_window: nanos(this.config.duplicateWindowMs), max_age: nanos(STREAM_MAX_AGE_MS) })
        .catch(async (error: unknown) => {
          // another instance created it first
          if (!(await this.jsm.streams.info(this.config.stream).catch(() => undefined))) throw error;
        });
    } else if (!subjects.every((s) => existing.config.subjects?.includes(s))) {
      await this.jsm.streams.update(this.config.stream, { subjects: [...(existing.config.subjects ?? []), ...subjects] });
    }
  }

  async publish(envelope: EventEnvelopeDto): Promise<void> {
    await this.js.publish(this.subjectOf(envelope.type), JSON.stringify(envelope), { msgID: envelope.id, headers: traceHeaders(envelope) });
  }

  async subscribe(consumerName: string, handler: DeliveryHandler, options: SubscribeOptions = {}): Promise<BusSubscription> {
    const durable = durableName(consumerName);
    const filter = options.types?.length === 1 ? this.subjectOf(options.types[0]) : `${this.config.subjectPrefix}.>`;
    const existing = await this.jsm.consumers.info(this.config.stream, durable).catch(() => undefined);
    if (!existing) {
      await this.jsm.consumers
        .add(this.config.stream, {
          durable_name: durable,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          filter_subject: filter,
          ack_wait: nanos(this.config.ackWaitMs),
          max_deliver: -1, // the consumer runner bounds the attempts and records a dead letter
        })
        .catch(async (error: unknown) => {
          if (!(await this.jsm.consumers.info(this.config.stream, durable).catch(() => undefined))) throw error;
        });
    } else if (existing.config.filter_subject !== filter || existing.config.ack_wait !== nanos(this.config.ackWaitMs)) {
      await this.jsm.consumers.update(this.config.stream, durable, { filter_subject: filter, ack_wait: nanos(this.config.ackWaitMs) });
    }
    const consumer = await this.js.consumers.get(this.config.stream, durable);
    const messages = await consumer.consume({ max_messages: 64 });
    const subscription = new NatsSubscription(consumerName, messages, handler, options.types && new Set(options.types), this.logger);
    this.subscriptions.add(subscription);
    return {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  /** From the durable consumers' info: not yet delivered (`num_pending`) plus delivered and not acknowledged (`num_ack_pending`), over all instances. */
  async backlog(): Promise<readonly ConsumerBacklog[]> {
    return Promise.all(
      [...this.subscriptions].map(async (s) => {
        const info = await this.jsm.consumers.info(this.config.stream, durableName(s.name));
        return { consumer: s.name, pending: info.num_pending + info.num_ack_pending };
      }),
    );
  }

  async probe(): Promise<{ up: boolean; detail: Record<string, unknown> }> {
    const detail = { kind: this.kind, server: this.connection.getServer(), stream: this.config.stream };
    if (this.connection.isClosed()) return { up: false, detail: { ...detail, message: 'connection closed' } };
    try {
      await this.jsm.streams.info(this.config.stream);
      return { up: true, detail };
    } catch (error) {
      return { up: false, detail: { ...detail, message: (error as Error).message } };
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.subscriptions.clear();
    if (!this.connection.isClosed()) await this.connection.drain();
  }
}
