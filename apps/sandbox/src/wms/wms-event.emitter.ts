import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { SANDBOX_CONFIG, type SandboxConfig } from '../sandbox.config.js';
import type { WmsEvent } from './wms.model.js';

export interface EventDelivery {
  event: WmsEvent;
  /** `dropped`: lost on purpose (drift seeded on the control surface), never sent. */
  status: 'pending' | 'delivered' | 'failed' | 'no_webhook' | 'dropped';
  attempts: number;
  lastError?: string;
}

/** Waits between attempts of one event; the first try is immediate. */
const RETRY_DELAYS_MS = [200, 1_000, 3_000];
const MAX_LOG = 1_000;

/**
 * POSTs WMS events to the webhook, one at a time in emission order (picked before packed
 * before shipped, as a real WMS outbox does), retrying a failed delivery with backoff.
 */
@Injectable()
export class WmsEventEmitter implements OnModuleDestroy {
  private readonly logger = new Logger('WmsEventEmitter');
  private url: string | undefined;
  private readonly log: EventDelivery[] = [];
  private queue: Promise<void> = Promise.resolve();
  private readonly agent = new Agent({ keepAliveTimeout: 1_000, connect: { timeout: 5_000 } });
  private readonly closing = new AbortController();

  private readonly secret: string;
  /** Event codes whose next emissions are lost on the way (drift seeded on the control surface), with how many are left to drop. */
  private readonly drops = new Map<string, number>();

  constructor(@Inject(SANDBOX_CONFIG) config: SandboxConfig) {
    this.setWebhookUrl(config.wmsWebhookUrl);
    this.secret = config.wmsWebhookSecret;
  }

  get webhookUrl(): string | undefined {
    return this.url;
  }

  /** Sets (or with undefined, clears) where events go; events already queued use the URL current at their delivery. */
  setWebhookUrl(url: string | undefined): void {
    if (url !== undefined && !/^https?:$/.test(safeProtocol(url))) throw new Error(`Invalid WMS webhook URL '${url}': expected an absolute http(s) URL`);
    this.url = url;
  }

  /** The next `count` events of each code are lost: logged as `dropped`, never sent (replaces what was set for those codes). */
  dropNext(codes: readonly string[], count: number): Record<string, number> {
    for (const code of codes) {
      if (count > 0) this.drops.set(code, count);
      else this.drops.delete(code);
    }
    return this.pendingDrops();
  }

  pendingDrops(): Record<string, number> {
    return Object.fromEntries(this.drops);
  }

  /** Queues an event; returns at once, delivery happens in the background. */
  emit(event: WmsEvent, correlationId?: string): void {
    const delivery: EventDelivery = { event, status: 'pending', attempts: 0 };
    this.log.push(delivery);
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
    const toDrop = this.drops.get(event.event_code) ?? 0;
    if (toDrop > 0) {
      if (toDrop === 1) this.drops.delete(event.event_code);
      else this.drops.set(event.event_code, toDrop - 1);
      delivery.status = 'dropped';
      return;
    }
    this.queue = this.queue.then(() => this.deliver(delivery, correlationId));
  }

  /** Resolves once every event queued so far has been delivered or given up on. */
  flush(): Promise<void> {
    return this.queue;
  }

  deliveries(): EventDelivery[] {
    return this.log.map((d) => ({ ...d }));
  }

  clearLog(): void {
    this.log.length = 0;
    this.drops.clear();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing.abort();
    await this.queue;
    await this.agent.close();
  }

  private async deliver(delivery: EventDelivery, correlationId: string | undefined): Promise<void> {
    const url = this.url;
    if (!url) {
      delivery.status = 'no_webhook';
      return;
    }
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      if (this.closing.signal.aborted) break;
      if (attempt > 0) {
        try {
          await sleep(RETRY_DELAYS_MS[attempt - 1], undefined, { signal: this.closing.signal });
        } catch {
          break; // shutting down
        }
      }
      delivery.attempts++;
      try {
        // signed per attempt, so a retry carries a fresh timestamp
        const body = JSON.stringify(delivery.event);
        const t = Math.floor(Date.now() / 1000);
        const signature = `t=${t},v1=${createHmac('sha256', this.secret).update(`${t}.${body}`).digest('hex')}`;
        const response = await request(url, {
          method: 'POST',
          dispatcher: this.agent,
          signal: this.closing.signal,
          headersTimeout: 5_000,
          bodyTimeout: 5_000,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'sandbox-wms',
            'x-wms-signature': signature,
            ...(correlationId ? { 'x-correlation-id': correlationId } : {}),
          },
          body,
        });
        await response.body.dump();
        if (response.statusCode >= 200 && response.statusCode < 300) {
          delivery.status = 'delivered';
          delete delivery.lastError;
          return;
        }
        delivery.lastError = `HTTP ${response.statusCode}`;
      } catch (error) {
        delivery.lastError = (error as Error).message;
      }
    }
    if (this.closing.signal.aborted) return; // shutting down: left pending, not a delivery failure
    delivery.status = 'failed';
    this.logger.warn(
      `Gave up delivering ${delivery.event.event_code} ${delivery.event.event_id} to ${url} after ${delivery.attempts} attempts: ${delivery.lastError}`,
    );
  }
}

function safeProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}
