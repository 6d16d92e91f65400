import { positiveInt, readEnv } from '@platform';
import { z } from 'zod';

export interface NatsBusConfig {
  readonly kind: 'nats';
  readonly url: string;
  /** JetStream stream holding the gateway's events (created or updated at start). */
  readonly stream: string;
  /** Events go to `<subjectPrefix>.<event type>`; the stream takes `<subjectPrefix>.>`. */
  readonly subjectPrefix: string;
  /** JetStream drops a re-publish with the same Nats-Msg-Id (the event id) within this window. */
  readonly duplicateWindowMs: number;
  /** A delivery not acked within this time is redelivered (a consumer that died mid-message). */
  readonly ackWaitMs: number;
}

export type EventBusConfig = { readonly kind: 'in-process' } | NatsBusConfig;

/** Event delivery of the process layer: bus, outbox relay, consumer retries. */
export abstract class MessagingConfig {
  abstract readonly bus: EventBusConfig;
  /** How often the relay publishes what the outbox holds (it can also be triggered). */
  abstract readonly relayIntervalMs: number;
  abstract readonly relayBatchSize: number;
  /** First retry delay of a failed delivery; it doubles each attempt (with jitter) up to retryMaxMs. */
  abstract readonly retryBaseMs: number;
  abstract readonly retryMaxMs: number;
  /** Failed deliveries of one event to one consumer before it becomes a dead letter. */
  abstract readonly maxAttempts: number;
  /**
   * A delivery that found the next layer unavailable (503: breaker open, unreachable, timed out)
   * is not a failed attempt: it is retried until this long after the event was first delivered.
   */
  abstract readonly outageRetryMs: number;
}

export const defaultMessagingConfig: MessagingConfig = {
  bus: { kind: 'in-process' },
  relayIntervalMs: 1_000,
  relayBatchSize: 100,
  retryBaseMs: 200,
  retryMaxMs: 30_000,
  maxAttempts: 5,
  outageRetryMs: 24 * 3_600_000,
};

export function messagingConfigFromEnv(env: NodeJS.ProcessEnv): MessagingConfig {
  const parsed = readEnv(
    z
      .object({
        EVENT_BUS: z.enum(['in-process', 'nats']).default('in-process'),
        NATS_URL: z
          .string()
          .regex(/^(nats|tls|wss?):\/\//, 'must be a nats:// URL')
          .optional(),
        NATS_STREAM: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -')
          .default('GATEWAY_EVENTS'),
        NATS_SUBJECT_PREFIX: z
          .string()
          .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'dot-separated tokens without wildcards')
          .default('gateway.events'),
        NATS_DUPLICATE_WINDOW_MS: positiveInt(120_000),
        NATS_ACK_WAIT_MS: positiveInt(30_000),
        OUTBOX_RELAY_INTERVAL_MS: positiveInt(defaultMessagingConfig.relayIntervalMs),
        OUTBOX_BATCH_SIZE: positiveInt(defaultMessagingConfig.relayBatchSize),
        CONSUMER_RETRY_BASE_MS: positiveInt(defaultMessagingConfig.retryBaseMs),
        CONSUMER_RETRY_MAX_MS: positiveInt(defaultMessagingConfig.retryMaxMs),
        CONSUMER_MAX_ATTEMPTS: positiveInt(defaultMessagingConfig.maxAttempts),
        CONSUMER_OUTAGE_RETRY_MS: positiveInt(defaultMessagingConfig.outageRetryMs),
      })
      .refine((v) => v.EVENT_BUS !== 'nats' || v.NATS_URL, { path: ['NATS_URL'], message: 'required when EVENT_BUS=nats' }),
    env,
  );
  return {
    bus:
      parsed.EVENT_BUS === 'nats'
        ? {
            kind: 'nats',
            url: parsed.NATS_URL!,
            stream: parsed.NATS_STREAM,
            subjectPrefix: parsed.NATS_SUBJECT_PREFIX,
            duplicateWindowMs: parsed.NATS_DUPLICATE_WINDOW_MS,
            ackWaitMs: parsed.NATS_ACK_WAIT_MS,
          }
        : { kind: 'in-process' },
    relayIntervalMs: parsed.OUTBOX_RELAY_INTERVAL_MS,
    relayBatchSize: parsed.OUTBOX_BATCH_SIZE,
    retryBaseMs: parsed.CONSUMER_RETRY_BASE_MS,
    retryMaxMs: parsed.CONSUMER_RETRY_MAX_MS,
    maxAttempts: parsed.CONSUMER_MAX_ATTEMPTS,
    outageRetryMs: parsed.CONSUMER_OUTAGE_RETRY_MS,
  };
}
