import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@platform';
import type { WebhookCategory } from '../domain/webhook-events.js';

export interface WebhookSubscription {
  readonly subscriptionId: string;
  readonly partnerId: string;
  readonly url: string;
  readonly categories: WebhookCategory[];
  readonly description: string | null;
  readonly createdAt: Date;
}

interface SubscriptionRow {
  subscription_id: string;
  partner_id: string;
  url: string;
  categories: WebhookCategory[];
  description: string | null;
  created_at: Date | string;
}

const COLUMNS = 'subscription_id, partner_id, url, categories, description, created_at';

/** Subscriptions, always read through their partner: another partner's id is simply not found. */
@Injectable()
export class WebhookSubscriptionRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async create(subscription: Omit<WebhookSubscription, 'createdAt'> & { readonly secret: string }): Promise<WebhookSubscription> {
    const [row] = await this.db.query<SubscriptionRow>(
      `INSERT INTO webhook_subscriptions (subscription_id, partner_id, url, categories, description, secret)
       VALUES ($1, $2, $3, $4::text[], $5, $6) RETURNING ${COLUMNS}`,
      [subscription.subscriptionId, subscription.partnerId, subscription.url, subscription.categories, subscription.description, subscription.secret],
    );
    return toSubscription(row);
  }

  async list(partnerId: string): Promise<WebhookSubscription[]> {
    const rows = await this.db.query<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE partner_id = $1 ORDER BY created_at, subscription_id`,
      [partnerId],
    );
    return rows.map(toSubscription);
  }

  async count(partnerId: string): Promise<number> {
    const [row] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_subscriptions WHERE partner_id = $1', [partnerId]);
    return row.n;
  }

  async get(partnerId: string, subscriptionId: string): Promise<WebhookSubscription | undefined> {
    const [row] = await this.db.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM webhook_subscriptions WHERE partner_id = $1 AND subscription_id = $2`, [
      partnerId,
      subscriptionId,
    ]);
    return row && toSubscription(row);
  }

  /** Deletes the subscription with its pending deliveries and log; false when it is not the partner's. */
  async delete(partnerId: string, subscriptionId: string): Promise<boolean> {
    const deleted = await this.db.query('DELETE FROM webhook_subscriptions WHERE partner_id = $1 AND subscription_id = $2 RETURNING subscription_id', [
      partnerId,
      subscriptionId,
    ]);
    return deleted.length > 0;
  }
}

function toSubscription(row: SubscriptionRow): WebhookSubscription {
  return {
    subscriptionId: row.subscription_id,
    partnerId: row.partner_id,
    url: row.url,
    categories: row.categories,
    description: row.description,
    createdAt: new Date(row.created_at),
  };
}
