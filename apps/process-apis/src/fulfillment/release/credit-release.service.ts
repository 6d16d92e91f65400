import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SystemApiClient } from '@contracts';
import { Database, runWithContext } from '@platform';
import { OutboxRelay } from '../../messaging/outbox/outbox-relay.service.js';
import { ChannelEventsWriter } from '../../channel-events/channel-events.writer.js';
import { OutboxRepository } from '../../messaging/outbox/outbox.repository.js';
import { OrderRepository } from '../../ordering/order.repository.js';
import { ProcessApisConfig } from '../../process.config.js';
import { orderAccepted } from './leg-release.service.js';

/**
 * Orders on credit hold are released when the ERP lifts the block, not before: the customers
 * of such orders are read again every `creditRecheckMs`; an order whose customer is no longer
 * blocked is accepted and its `order.accepted` event written in the same transaction, which
 * releases its legs (its stock stayed reserved meanwhile).
 */
@Injectable()
export class CreditReleaseService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CreditReleaseService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly system: SystemApiClient,
    private readonly orders: OrderRepository,
    private readonly outbox: OutboxRepository,
    private readonly channelEvents: ChannelEventsWriter,
    private readonly relay: OutboxRelay,
    private readonly config: ProcessApisConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.recheck(), this.config.creditRecheckMs ?? 30_000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  recheck(): Promise<void> {
    this.running ??= runWithContext({ correlationId: `credit-recheck-${randomUUID()}` }, async () => {
      try {
        const held = await this.db.query<{ customer_id: string }>(
          `SELECT DISTINCT customer_id FROM orders WHERE status = 'on_hold' AND status_reason = 'CREDIT_BLOCK'`,
        );
        for (const { customer_id: customerId } of held) {
          const customer = await this.system.getCustomer(customerId);
          if (!customer.credit.blocked) await this.release(customerId);
        }
      } catch (error) {
        this.logger.warn(`credit holds not rechecked this time: ${(error as Error).message}`);
      }
    }).finally(() => (this.running = undefined));
    return this.running;
  }

  private async release(customerId: string): Promise<void> {
    const released = await this.db.transaction(async (tx) => {
      const orders = await tx.query<{ order_id: string }>(
        `UPDATE orders SET status = 'accepted', status_reason = NULL, updated_at = now()
         WHERE customer_id = $1 AND status = 'on_hold' AND status_reason = 'CREDIT_BLOCK' RETURNING order_id`,
        [customerId],
      );
      for (const { order_id: orderId } of orders) {
        await this.orders.appendTimeline(tx, orderId, 'accepted', 'credit block lifted in the ERP', undefined);
        await this.channelEvents.statusChanged(tx, orderId, 'accepted', 'credit block lifted in the ERP');
        await this.outbox.add(tx, orderAccepted(orderId));
      }
      return orders.length;
    });
    if (!released) return;
    this.logger.log({ customerId, orders: released }, 'credit block lifted: orders released');
    void this.relay.drain().catch(() => undefined);
  }
}
