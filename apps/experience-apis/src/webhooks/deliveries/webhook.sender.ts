import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { WebhookHeadersDto } from '@contracts';
import { AppError } from '@platform';
import { Agent, request } from 'undici';
import { ExperienceApisConfig } from '../../experience.config.js';
import { assertDeliverableUrl, guardedLookup } from '../destinations/destination.guard.js';
import { signatureHeader } from '../domain/webhook-signature.js';
import type { AttemptOutcome, ClaimedDelivery } from './webhook-delivery.repository.js';

/**
 * Sends one delivery attempt to a partner's endpoint with undici: a deadline on the whole
 * attempt, no redirects followed (a 3xx is a failure, so a receiver can't bounce us to an
 * internal address), and, unless private URLs are allowed, connections only to public
 * addresses, checked on the address actually connected to.
 */
@Injectable()
export class WebhookSender implements OnApplicationShutdown {
  private readonly agent: Agent;

  constructor(private readonly config: ExperienceApisConfig) {
    const { timeoutMs, allowPrivateUrls } = config.webhooks;
    this.agent = new Agent({
      connect: allowPrivateUrls ? { timeout: timeoutMs } : { timeout: timeoutMs, lookup: guardedLookup() },
      keepAliveTimeout: 4_000,
      // a receiver that answers slowly ties up at most this many sockets
      connections: 8,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }

  async send(delivery: ClaimedDelivery): Promise<AttemptOutcome> {
    const { timeoutMs, allowPrivateUrls } = this.config.webhooks;
    const startedAt = new Date();
    const outcome = (statusCode: number | null, error: string | null): AttemptOutcome => ({
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      statusCode,
      error: error?.slice(0, 1_000) ?? null,
      succeeded: statusCode !== null && statusCode >= 200 && statusCode < 300,
    });
    try {
      // again at delivery time: the rules or the name's addresses may have changed since subscribing
      await assertDeliverableUrl(delivery.url, { allowPrivate: allowPrivateUrls });
      const timestamp = Math.floor(startedAt.getTime() / 1000);
      const response = await request(delivery.url, {
        method: 'POST',
        dispatcher: this.agent,
        // exactly the headers the event catalog documents (WebhookHeadersDto)
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'distribution-gateway-webhooks/1',
          'Webhook-Id': delivery.eventId,
          'Webhook-Event': delivery.eventType,
          'Webhook-Delivery': delivery.deliveryId,
          'Webhook-Signature': signatureHeader(delivery.secret, timestamp, delivery.body),
        } satisfies WebhookHeadersDto,
        body: delivery.body,
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      // the answer's body is not needed; read a little of it so the connection can be reused
      await response.body.dump({ limit: 16_384 }).catch(() => undefined);
      return outcome(response.statusCode, response.statusCode >= 200 && response.statusCode < 300 ? null : `HTTP ${response.statusCode}`);
    } catch (error) {
      return outcome(null, describeFailure(error, timeoutMs));
    }
  }
}

/** A short, partner-readable reason: the refusal of the destination guard, a timeout, or the network error. */
function describeFailure(error: unknown, timeoutMs: number): string {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof AppError) return `destination refused: ${cause.detail ?? cause.message}`;
    const name = (cause as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  }
  const failure = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = failure.cause?.code ?? failure.code;
  const message = failure.cause?.message ?? failure.message ?? String(error);
  return code ? `${code}: ${message}` : message;
}
