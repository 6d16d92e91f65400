import { Inject, Injectable } from '@nestjs/common';
import { Database, KEYSET_INSTANT_SQL, type Backlog, type KeysetPosition, type Queryable } from '@platform';
import type { PartnerWebhookEvent } from '../domain/webhook-events.js';
import type { DeliveryStatus } from '../webhook.dto.js';

/** A due delivery leased to this worker: only the holder of `leaseId` may record its outcome. */
export interface ClaimedDelivery {
  readonly deliveryId: string;
  readonly leaseId: string;
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly body: string;
  /** Attempts of the current series before this one. */
  readonly attempts: number;
  readonly url: string;
  readonly secret: string;
  /** The partner and its ERP customer, to read details with. */
  readonly partnerId: string;
  readonly customerId: string;
  readonly detailsPending: boolean;
}

export interface AttemptOutcome {
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly succeeded: boolean;
}

export const OPS_DELIVERY_STATUSES = ['failed', 'failing', 'pending', 'succeeded'] as const;
export type OpsDeliveryStatus = (typeof OPS_DELIVERY_STATUSES)[number];

/** A delivery as operators see it across partners. */
export interface OpsDeliveryRecord {
  readonly deliveryId: string;
  readonly subscriptionId: string;
  readonly partnerId: string;
  readonly url: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastStatusCode?: number;
  readonly lastError?: string;
  readonly createdAt: string;
  readonly nextAttemptAt?: string;
  readonly finishedAt?: string;
}

export interface DeliveryRecord {
  readonly deliveryId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly status: DeliveryStatus;
  readonly totalAttempts: number;
  readonly nextAttemptAt: Date | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly deliveredAt: Date | null;
  readonly attemptLog: { attempt: number; startedAt: Date; durationMs: number; statusCode: number | null; error: string | null }[];
  /** Position in the log, for the next page's cursor. */
  readonly position: string;
}

/** A delivery of one event to one subscription, for operators. */
export interface EventDeliveryRecord {
  readonly deliveryId: string;
  readonly partnerId: string;
  readonly url: string;
  readonly eventType: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
}

interface DeliveryRow {
  delivery_id: string;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  total_attempts: number;
  next_attempt_at: Date | string;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date | string;
  created_at_text: string;
  delivered_at: Date | string | null;
}

const DELIVERY_COLUMNS =
  'delivery_id, event_id, event_type, status, total_attempts, next_attempt_at, last_status_code, last_error, created_at, created_at::text AS created_at_text, delivered_at';

@Injectable()
export class WebhookDeliveryRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /**
   * Queues one delivery per matching subscription of each partner, in the caller's transaction
   * (the inbox's), so deliveries exist if and only if the event is recorded. An event seen
   * again is not queued twice.
   */
  async enqueue(tx: Queryable, events: readonly PartnerWebhookEvent[]): Promise<number> {
    let queued = 0;
    for (const event of events) {
      const rows = await tx.query(
        `INSERT INTO webhook_deliveries (delivery_id, subscription_id, event_id, event_type, body, details_pending)
         SELECT gen_random_uuid(), subscription_id, $1, $2, $3, $6 FROM webhook_subscriptions
          WHERE partner_id = $4 AND $5 = ANY (categories)
         ON CONFLICT (subscription_id, event_id) DO NOTHING RETURNING delivery_id`,
        [event.eventId, event.eventType, event.body, event.partnerId, event.category, event.needsDetails],
      );
      queued += rows.length;
    }
    return queued;
  }

  /** Deliveries not sent yet (metrics): pending ones, first attempt or retry, and how long the oldest has waited. */
  async backlog(): Promise<Backlog> {
    const [row] = await this.db.query<{ n: number; age: number | null }>(
      `SELECT count(*)::int AS n, extract(epoch FROM now() - min(created_at))::float8 AS age FROM webhook_deliveries WHERE status = 'pending'`,
    );
    return { count: row.n, oldestAgeSeconds: Math.max(0, row.age ?? 0) };
  }

  /**
   * Leases up to `limit` due deliveries. SKIP LOCKED lets instances polling at the same moment
   * take different rows; the lease keeps a delivery in flight from being taken again until it
   * expires (its worker died), so a delivery is sent by one instance at a time.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const rows = await this.db.query<{
      delivery_id: string;
      lease_id: string;
      subscription_id: string;
      event_id: string;
      event_type: string;
      body: string;
      attempts: number;
      url: string;
      secret: string;
      partner_id: string;
      customer_id: string;
      details_pending: boolean;
    }>(
      `WITH due AS (
         SELECT delivery_id FROM webhook_deliveries
          WHERE status = 'pending' AND next_attempt_at <= now() AND (leased_until IS NULL OR leased_until < now())
          ORDER BY next_attempt_at LIMIT $1
          FOR UPDATE SKIP LOCKED)
       UPDATE webhook_deliveries d
          SET lease_id = gen_random_uuid(), leased_until = now() + ($2::integer * interval '1 millisecond')
         FROM due, webhook_subscriptions s, partners p
        WHERE d.delivery_id = due.delivery_id AND s.subscription_id = d.subscription_id AND p.partner_id = s.partner_id
       RETURNING d.delivery_id, d.lease_id, d.subscription_id, d.event_id, d.event_type, d.body, d.attempts, s.url, s.secret,
                 p.partner_id, p.customer_id, d.details_pending`,
      [limit, leaseMs],
    );
    return rows.map((r) => ({
      deliveryId: r.delivery_id,
      leaseId: r.lease_id,
      subscriptionId: r.subscription_id,
      eventId: r.event_id,
      eventType: r.event_type,
      body: r.body,
      attempts: r.attempts,
      url: r.url,
      secret: r.secret,
      partnerId: r.partner_id,
      customerId: r.customer_id,
      detailsPending: r.details_pending,
    }));
  }

  /** Stores the body with its details, once, so every attempt and redelivery sends the same bytes. */
  async completeDetails(delivery: ClaimedDelivery, body: string): Promise<void> {
    await this.db.query(`UPDATE webhook_deliveries SET body = $3, details_pending = false WHERE delivery_id = $1 AND lease_id = $2`, [
      delivery.deliveryId,
      delivery.leaseId,
      body,
    ]);
  }

  /**
   * Logs the attempt and moves the delivery on: succeeded, failed (attempts used up) or due
   * again after `retryInMs`. Nothing happens when the lease was lost (it expired and another
   * worker took the delivery) or the subscription was deleted meanwhile.
   */
  async recordAttempt(
    delivery: ClaimedDelivery,
    outcome: AttemptOutcome,
    next: { readonly status: DeliveryStatus; readonly retryInMs: number },
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ total_attempts: number }>(
        `UPDATE webhook_deliveries
            SET attempts = attempts + 1, total_attempts = total_attempts + 1, status = $3,
                next_attempt_at = now() + ($4::integer * interval '1 millisecond'),
                lease_id = NULL, leased_until = NULL, last_status_code = $5, last_error = $6,
                delivered_at = CASE WHEN $3 = 'succeeded' THEN now() ELSE delivered_at END,
                finished_at = CASE WHEN $3 = 'pending' THEN NULL ELSE now() END
          WHERE delivery_id = $1 AND lease_id = $2
          RETURNING total_attempts`,
        [delivery.deliveryId, delivery.leaseId, next.status, next.retryInMs, outcome.statusCode, outcome.error],
      );
      if (!row) return false;
      await tx.query(
        `INSERT INTO webhook_delivery_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error) VALUES ($1, $2, $3, $4, $5, $6)`,
        [delivery.deliveryId, row.total_attempts, outcome.startedAt.toISOString(), outcome.durationMs, outcome.statusCode, outcome.error],
      );
      return true;
    });
  }

  /** A subscription's deliveries, newest first, with their attempts; `after` is the last position of the previous page. */
  async list(
    subscriptionId: string,
    options: { status?: DeliveryStatus; after?: { createdAt: string; deliveryId: string }; limit: number },
  ): Promise<DeliveryRecord[]> {
    const rows = await this.db.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries
        WHERE subscription_id = $1 AND ($2::text IS NULL OR status = $2)
          AND ($3::timestamptz IS NULL OR (created_at, delivery_id) < ($3::timestamptz, $4::uuid))
        ORDER BY created_at DESC, delivery_id DESC LIMIT $5`,
      [subscriptionId, options.status ?? null, options.after?.createdAt ?? null, options.after?.deliveryId ?? null, options.limit],
    );
    return this.withAttempts(rows);
  }

  async get(subscriptionId: string, deliveryId: string): Promise<DeliveryRecord | undefined> {
    const rows = await this.db.query<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE subscription_id = $1 AND delivery_id = $2`, [
      subscriptionId,
      deliveryId,
    ]);
    return (await this.withAttempts(rows))[0];
  }

  /** Queues the delivery again now, with a fresh series of attempts; same event id and body. */
  async redeliver(subscriptionId: string, deliveryId: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), finished_at = NULL
        WHERE subscription_id = $1 AND delivery_id = $2 RETURNING delivery_id`,
      [subscriptionId, deliveryId],
    );
    return rows.length > 0;
  }

  /**
   * Deliveries of every partner for operators, newest first, keyset-paged on (created_at, delivery_id):
   * `failed` (retries exhausted), `failing` (still retried, the last attempt failed), `pending`, `succeeded`.
   */
  /** The deliveries of these events to every subscription, oldest first: what an order's timeline shows of its webhooks. */
  async ofEvents(eventIds: readonly string[]): Promise<EventDeliveryRecord[]> {
    if (!eventIds.length) return [];
    const rows = await this.db.query<{
      delivery_id: string;
      partner_id: string;
      url: string;
      event_type: string;
      status: DeliveryStatus;
      total_attempts: number;
      last_status_code: number | null;
      last_error: string | null;
      created_at: Date | string;
      delivered_at: Date | string | null;
    }>(
      `SELECT d.delivery_id, s.partner_id, s.url, d.event_type, d.status, d.total_attempts, d.last_status_code, d.last_error, d.created_at, d.delivered_at
         FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.subscription_id = d.subscription_id
        WHERE d.event_id = ANY($1::uuid[]) ORDER BY d.created_at, d.delivery_id`,
      [eventIds],
    );
    return rows.map((r) => ({
      deliveryId: r.delivery_id,
      partnerId: r.partner_id,
      url: r.url,
      eventType: r.event_type,
      status: r.status,
      attempts: r.total_attempts,
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      createdAt: new Date(r.created_at).toISOString(),
      deliveredAt: r.delivered_at === null ? null : new Date(r.delivered_at).toISOString(),
    }));
  }

  async listAcrossPartners(options: {
    status: OpsDeliveryStatus;
    partnerId?: string;
    after?: KeysetPosition;
    limit: number;
  }): Promise<{ deliveries: OpsDeliveryRecord[]; next?: KeysetPosition }> {
    const rows = await this.db.query<
      Omit<DeliveryRow, 'created_at_text' | 'delivered_at'> & {
        subscription_id: string;
        partner_id: string;
        url: string;
        created_key: string;
        finished_at: Date | string | null;
      }
    >(
      `SELECT d.delivery_id, d.subscription_id, s.partner_id, s.url, d.event_id, d.event_type, d.status, d.total_attempts, d.next_attempt_at,
              d.last_status_code, d.last_error, d.created_at, ${KEYSET_INSTANT_SQL('d.created_at')} AS created_key, d.finished_at
         FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.subscription_id = d.subscription_id
        WHERE d.status = $1 AND ($2::boolean IS NULL OR (d.last_error IS NOT NULL OR d.last_status_code IS NOT NULL) = $2)
          AND ($3::text IS NULL OR s.partner_id = $3)
          AND ($4::timestamptz IS NULL OR (d.created_at, d.delivery_id) < ($4::timestamptz, $5::uuid))
        ORDER BY d.created_at DESC, d.delivery_id DESC LIMIT $6`,
      [
        options.status === 'failing' ? 'pending' : options.status,
        options.status === 'failing' ? true : null,
        options.partnerId ?? null,
        options.after?.createdAt ?? null,
        options.after?.id ?? null,
        options.limit + 1,
      ],
    );
    const page = rows.slice(0, options.limit);
    const last = page.at(-1);
    return {
      deliveries: page.map((r) => ({
        deliveryId: r.delivery_id,
        subscriptionId: r.subscription_id,
        partnerId: r.partner_id,
        url: r.url,
        eventId: r.event_id,
        eventType: r.event_type,
        status: r.status,
        attempts: r.total_attempts,
        ...(r.last_status_code === null ? {} : { lastStatusCode: r.last_status_code }),
        ...(r.last_error === null ? {} : { lastError: r.last_error }),
        createdAt: new Date(r.created_at).toISOString(),
        ...(r.status === 'pending' ? { nextAttemptAt: new Date(r.next_attempt_at).toISOString() } : {}),
        ...(r.finished_at === null ? {} : { finishedAt: new Date(r.finished_at).toISOString() }),
      })),
      ...(rows.length > options.limit && last ? { next: { createdAt: last.created_key, id: last.delivery_id } } : {}),
    };
  }

  /** Forgets finished deliveries older than the retention period (their attempts go with them). */
  async purgeFinished(retentionDays: number): Promise<number> {
    const purged = await this.db.query(
      `DELETE FROM webhook_deliveries WHERE status <> 'pending' AND finished_at < now() - ($1::integer * interval '1 day') RETURNING delivery_id`,
      [retentionDays],
    );
    return purged.length;
  }

  private async withAttempts(rows: DeliveryRow[]): Promise<DeliveryRecord[]> {
    if (!rows.length) return [];
    const attempts = await this.db.query<{
      delivery_id: string;
      attempt: number;
      started_at: Date | string;
      duration_ms: number;
      status_code: number | null;
      error: string | null;
    }>(
      `SELECT delivery_id, attempt, started_at, duration_ms, status_code, error FROM webhook_delivery_attempts
        WHERE delivery_id = ANY ($1::uuid[]) ORDER BY delivery_id, attempt`,
      [rows.map((r) => r.delivery_id)],
    );
    return rows.map((r) => ({
      deliveryId: r.delivery_id,
      eventId: r.event_id,
      eventType: r.event_type,
      status: r.status,
      totalAttempts: r.total_attempts,
      nextAttemptAt: r.status === 'pending' ? new Date(r.next_attempt_at) : null,
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      createdAt: new Date(r.created_at),
      deliveredAt: r.delivered_at ? new Date(r.delivered_at) : null,
      attemptLog: attempts
        .filter((a) => a.delivery_id === r.delivery_id)
        .map((a) => ({ attempt: a.attempt, startedAt: new Date(a.started_at), durationMs: a.duration_ms, statusCode: a.status_code, error: a.error })),
      position: `${r.created_at_text}|${r.delivery_id}`,
    }));
  }
}
