import type { Migration } from '@platform';

export const migration: Migration = {
  version: 1,
  name: 'partners, signing keys and idempotency keys',
  sql: `
      CREATE TABLE partners (
        partner_id text PRIMARY KEY,
        name text NOT NULL,
        customer_id text NOT NULL,
        secret_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE signing_keys (
        key_id text PRIMARY KEY,
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE idempotency_keys (
        partner_id text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL CHECK (state IN ('in_flight', 'completed')),
        response_status integer,
        response_body jsonb,
        locked_until timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        -- keys are the partner's own: two partners may use the same one
        PRIMARY KEY (partner_id, idempotency_key)
      );
      CREATE INDEX idempotency_keys_completed_idx ON idempotency_keys (completed_at);
    `,
};
