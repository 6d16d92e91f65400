import { Inject, Injectable, Logger } from '@nestjs/common';
import { SystemApiClient } from '@contracts';
import { Database, PeriodicTask, ScheduledJob } from '@platform';
import { OutboxRelay } from '../../messaging/outbox/outbox-relay.service.js';
import { ProcessApisConfig } from '../../process.config.js';
import { FulfilledOrders } from '../ports/fulfilled-orders.port.js';

export const CREDIT_RECHECK_LEASE = 'credit-recheck';

/**
 * Orders on credit hold are released when the ERP lifts the block, not before: the customers
 * of such orders are read again every `creditRecheckMs`; an order whose customer is no longer
 * blocked is accepted and its `order.accepted` event written in the same transaction, which
 * releases its legs (its stock stayed reserved meanwhile). One instance does it, the holder of
 * the `credit-recheck` lease.
 */
@Injectable()
export class CreditReleaseService extends ScheduledJob {
  private readonly logger = new Logger(CreditReleaseService.name);
  // one instance reads the held customers from the ERP, not every instance each time
  protected readonly task = new PeriodicTask({
    run: () => this.releaseUnblocked(),
    every: this.config.creditRecheckMs ?? 30_000,
    logger: this.logger,
    failure: 'credit holds not rechecked this time',
    correlationPrefix: 'credit-recheck',
    lease: { db: this.db, name: CREDIT_RECHECK_LEASE },
  });

  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly system: SystemApiClient,
    private readonly orders: FulfilledOrders,
    private readonly relay: OutboxRelay,
    private readonly config: ProcessApisConfig,
  ) {
    super();
  }

  async recheck(): Promise<void> {
    await this.task.runNow();
  }

  private async releaseUnblocked(): Promise<void> {
    for (const customerId of await this.orders.creditHeldCustomers()) {
      const customer = await this.system.getCustomer(customerId);
      if (!customer.credit.blocked) await this.release(customerId);
    }
  }

  private async release(customerId: string): Promise<void> {
    // accepted and `order.accepted` written in one transaction per customer: that event releases the legs
    const released = await this.db.transaction((tx) => this.orders.releaseCreditHolds(tx, customerId, 'credit block lifted in the ERP'));
    if (!released) return;
    this.logger.log({ customerId, orders: released }, 'credit block lifted: orders released');
    void this.relay.drain().catch(() => undefined);
  }
}
