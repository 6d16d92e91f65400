import type { EventEnvelopeDto } from '@contracts';

export interface Delivery {
  /** 1 for the first delivery of this event to this consumer, counted by the bus. */
  readonly attempt: number;
  /** When the bus first had this event for this consumer (epoch ms): retries during an outage are bounded by time from here. */
  readonly since: number;
}

/** What the consumer wants done with a delivery: acknowledged, or redelivered after a delay. */
export type DeliveryOutcome = { readonly ack: true } | { readonly ack: false; readonly retryInMs: number };

export type DeliveryHandler = (event: EventEnvelopeDto, delivery: Delivery) => Promise<DeliveryOutcome>;

export interface SubscribeOptions {
  /** Only these event types reach the handler (the others are acknowledged unseen); all when absent. */
  readonly types?: readonly string[];
}

/** What one consumer has not acknowledged yet, as the bus sees it (metrics). */
export interface ConsumerBacklog {
  readonly consumer: string;
  /** Events waiting for this consumer: not delivered yet, or waiting to be delivered again. */
  readonly pending: number;
}

export interface BusSubscription {
  /** Stops taking new deliveries and waits for the one in hand; unacknowledged ones are redelivered later. */
  stop(): Promise<void>;
}

/**
 * The event bus port: at-least-once delivery to durable, named consumers. A consumer name is
 * one logical consumer, however many instances run it. Idempotence is the consumer's side
 * (the inbox, see ConsumerRunner); publishing the same event id twice is allowed.
 */
export abstract class EventBus {
  abstract readonly kind: 'in-process' | 'nats';
  abstract publish(envelope: EventEnvelopeDto): Promise<void>;
  abstract subscribe(consumerName: string, handler: DeliveryHandler, options?: SubscribeOptions): Promise<BusSubscription>;
  abstract close(): Promise<void>;
  /** Per consumer subscribed here, what it has not acknowledged yet. */
  abstract backlog(): Promise<readonly ConsumerBacklog[]>;
  /** Whether the bus can deliver now (readiness): the in-process bus always can; NATS while connected. */
  abstract probe(): Promise<{ readonly up: boolean; readonly detail: Record<string, unknown> }>;
  /**
   * A bus that keeps deliveries in memory only (in-process) forgets those still queued when the
   * process stops; it takes them again here, for one consumer. A durable bus has no such gap.
   */
  redeliver?(consumerName: string, envelope: EventEnvelopeDto): void;
}

export const ACK: DeliveryOutcome = { ack: true };

/** When a handler throws instead of answering (a bug), the bus retries after this long. */
export const UNEXPECTED_FAILURE_RETRY_MS = 1_000;
