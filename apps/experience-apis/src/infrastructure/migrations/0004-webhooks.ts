import type { Migration } from '@platform';

export const migration: Migration = {
  version: 4,
  name: 'webhook subscriptions, deliveries and their attempts',
  sql: `
      CREATE TABLE webhook_subscriptions (
        subscription_id uuid PRIMARY KEY,
        partner_id text NOT NULL REFERENCES partners (partner_id),
        url text NOT NULL,
        categories text[] NOT NULL,
        description text,
        -- needed in clear to sign; never returned after the 201 that created it
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX webhook_subscriptions_partner_idx ON webhook_subscriptions (partner_id, created_at);

      -- the outbox of the webhooks: one row per event and subscription, sent by the delivery worker
      CREATE TABLE webhook_deliveries (
        delivery_id uuid PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (subscription_id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        -- the exact bytes sent (and signed) on every attempt and redelivery
        body text NOT NULL,
        -- shipment and invoice details (tracking, amounts) are read from the process layer before the first attempt
        details_pending boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
        -- attempts of the current series (a redeliver starts a new one); drives backoff and the limit
        attempts integer NOT NULL DEFAULT 0,
        total_attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        -- a claimed delivery is leased to one worker; an expired lease (the worker died) frees it
        lease_id uuid,
        leased_until timestamptz,
        last_status_code integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        finished_at timestamptz,
        -- an event redelivered by the process layer is enqueued once per subscription
        UNIQUE (subscription_id, event_id)
      );
      CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (subscription_id, created_at DESC, delivery_id DESC);
      CREATE INDEX webhook_deliveries_finished_idx ON webhook_deliveries (finished_at) WHERE status <> 'pending';

      CREATE TABLE webhook_delivery_attempts (
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries (delivery_id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        started_at timestamptz NOT NULL,
        duration_ms integer NOT NULL,
        status_code integer,
        error text,
        PRIMARY KEY (delivery_id, attempt)
      );
    `,
};
