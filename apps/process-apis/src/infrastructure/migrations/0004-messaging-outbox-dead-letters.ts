import type { Migration } from '@platform';

export const migration: Migration = {
  version: 4,
  name: 'messaging: outbox and dead letters',
  sql: `
      -- transactional outbox: written in the transaction of the state change, published at least once by the relay
      CREATE TABLE outbox (
        event_id uuid PRIMARY KEY,
        seq bigserial NOT NULL UNIQUE, -- publication order
        type text NOT NULL,
        version integer NOT NULL,
        subject text NOT NULL,
        payload jsonb NOT NULL, -- the whole event envelope
        correlation_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      );
      CREATE INDEX outbox_unpublished_idx ON outbox (seq) WHERE published_at IS NULL;

      -- an event a consumer could not apply after its bounded retries, kept for replay or discard
      CREATE TABLE dead_letters (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL UNIQUE, -- listing order and cursor
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        error text NOT NULL,
        attempts integer NOT NULL CHECK (attempts > 0),
        correlation_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'replayed', 'discarded')),
        resolved_at timestamptz,
        reason text
      );
      -- a redelivered event adds to its open dead letter instead of opening a second one
      CREATE UNIQUE INDEX dead_letters_open_idx ON dead_letters (consumer, event_id) WHERE status = 'open';
      CREATE INDEX dead_letters_status_idx ON dead_letters (status, seq);
    `,
};
