import type { Migration } from '@platform';

export const migration: Migration = {
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
};
