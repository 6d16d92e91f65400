import { Inject, Injectable } from '@nestjs/common';
import { Database, KEYSET_INSTANT_SQL } from '@platform';

/** Position in a customer's orders, newest first: the creation instant (microseconds, as stored) and the id. */
export interface OrderPosition {
  readonly createdAt: string;
  readonly orderId: string;
}

/**
 * The ids of a customer's orders, newest first, keyset-paged. Its own query rather than a method of
 * OrderRepository: the order 360 view needs ids only, and then composes each order with the existing reads.
 */
@Injectable()
export class CustomerOrdersQuery {
  constructor(@Inject(Database) private readonly db: Database) {}

  async page(customerId: string, limit: number, after?: OrderPosition): Promise<OrderPosition[]> {
    const rows = await this.db.query<{ order_id: string; created_at: string }>(
      `SELECT order_id, ${KEYSET_INSTANT_SQL('created_at')} AS created_at
         FROM orders
        WHERE customer_id = $1 AND status NOT IN ('pending', 'failed')
          AND ($2::timestamptz IS NULL OR (created_at, order_id) < ($2::timestamptz, $3::uuid))
        ORDER BY created_at DESC, order_id DESC
        LIMIT $4`,
      [customerId, after?.createdAt ?? null, after?.orderId ?? null, limit],
    );
    return rows.map((r) => ({ orderId: r.order_id, createdAt: r.created_at }));
  }
}
