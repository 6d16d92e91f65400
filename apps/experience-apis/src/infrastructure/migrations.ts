import type { Migration } from '@platform';

/** Versioned, append-only: never edit a released migration, add the next one. */
export const experienceMigrations: Migration[] = [
  {
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
  },
  {
    version: 2,
    name: 'channel events inbox',
    sql: `
      -- events from the process layer, recorded once per id in the transaction of what the channels make of them
      CREATE TABLE channel_events (
        event_id uuid PRIMARY KEY,
        type text NOT NULL,
        subject text NOT NULL,
        payload jsonb NOT NULL,
        correlation_id text,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX channel_events_subject_idx ON channel_events (subject, received_at);
    `,
  },
  {
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
  },
  {
    version: 5,
    name: 'client kinds and scopes: CRM clients next to partners',
    sql: `
      -- a partner acts for one ERP customer (scope b2b); a CRM client is an internal system with no customer (scope crm)
      ALTER TABLE partners ADD COLUMN kind text NOT NULL DEFAULT 'partner' CHECK (kind IN ('partner', 'crm'));
      ALTER TABLE partners ADD COLUMN scopes text NOT NULL DEFAULT 'b2b';
      ALTER TABLE partners ALTER COLUMN customer_id DROP NOT NULL;
      ALTER TABLE partners ADD CONSTRAINT partners_customer_of_partner CHECK (kind <> 'partner' OR customer_id IS NOT NULL);
    `,
  },
  {
    version: 6,
    name: 'EDI trading partners, control numbers, received interchanges and outbound documents',
    sql: `
      -- an X12 trading partner; client_id is the OAuth client (partners.partner_id) allowed to send as it
      CREATE TABLE edi_trading_partners (
        trading_partner_id text PRIMARY KEY,
        name text NOT NULL,
        client_id text NOT NULL REFERENCES partners (partner_id),
        customer_id text NOT NULL,
        isa_qualifier text NOT NULL,
        isa_id text NOT NULL,
        gs_id text NOT NULL,
        our_isa_qualifier text NOT NULL,
        our_isa_id text NOT NULL,
        our_gs_id text NOT NULL,
        element_separator text NOT NULL,
        component_separator text NOT NULL,
        segment_terminator text NOT NULL,
        repetition_separator text NOT NULL,
        usage_indicator text NOT NULL CHECK (usage_indicator IN ('T', 'P')),
        outbound_documents jsonb NOT NULL,
        buyer_part_numbers jsonb NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (isa_qualifier, isa_id)
      );
      CREATE INDEX edi_trading_partners_client_idx ON edi_trading_partners (client_id);

      -- ISA13/GS06 we send, per counter (a trading partner, or '*' for answers to unknown senders);
      -- allocated by UPDATE ... RETURNING, so a number is never handed out twice
      CREATE TABLE edi_control_numbers (
        counter text PRIMARY KEY,
        last_value bigint NOT NULL CHECK (last_value BETWEEN 0 AND 999999999)
      );

      -- interchanges received, once per sender and ISA13: a re-sent one gets the same answer
      CREATE TABLE edi_interchanges (
        trading_partner_id text NOT NULL REFERENCES edi_trading_partners (trading_partner_id),
        control_number text NOT NULL,
        body_hash text NOT NULL,
        state text NOT NULL CHECK (state IN ('in_flight', 'completed')),
        response text,
        locked_until timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (trading_partner_id, control_number)
      );

      -- documents we send (997, 855, 856, 810), each in its own interchange; one per business document
      CREATE TABLE edi_documents (
        seq bigserial PRIMARY KEY,
        document_id uuid NOT NULL UNIQUE,
        trading_partner_id text NOT NULL REFERENCES edi_trading_partners (trading_partner_id),
        document_type text NOT NULL CHECK (document_type IN ('997', '855', '856', '810')),
        reference text NOT NULL,
        control_number bigint NOT NULL,
        raw text NOT NULL,
        correlation_id text,
        -- AK9 status of the partner's 997 for it (not for 997s: a 997 is never acknowledged)
        acknowledgment_status text CHECK (acknowledgment_status IN ('A', 'E', 'P', 'R')),
        acknowledged_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (trading_partner_id, document_type, reference),
        UNIQUE (trading_partner_id, control_number)
      );
      CREATE INDEX edi_documents_partner_idx ON edi_documents (trading_partner_id, created_at);

      -- 856/810 to build from channel events: enqueued in the event's inbox transaction, built by a worker
      -- that reads the shipment or invoice from the process layer; one job per business document
      CREATE TABLE edi_outbound_jobs (
        job_id uuid PRIMARY KEY,
        trading_partner_id text NOT NULL REFERENCES edi_trading_partners (trading_partner_id),
        document_type text NOT NULL CHECK (document_type IN ('856', '810')),
        reference text NOT NULL,
        payload jsonb NOT NULL,
        correlation_id text,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        done_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (trading_partner_id, document_type, reference)
      );
      CREATE INDEX edi_outbound_jobs_due_idx ON edi_outbound_jobs (next_attempt_at) WHERE done_at IS NULL;
    `,
  },
];
