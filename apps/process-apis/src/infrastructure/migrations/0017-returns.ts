import type { Migration } from '@platform';

export const migration: Migration = {
  version: 17,
  name: 'returns (RMA): returns, their lines and warehouse receipts, the RMA number sequence; items remember whether they may be returned',
  sql: `
      ALTER TABLE items ADD COLUMN returnable boolean NOT NULL DEFAULT true;

      -- RMA-<year>-<6 digits>; a sequence, so concurrent returns never share a number
      CREATE SEQUENCE rma_number_seq;

      CREATE TABLE returns (
        return_id uuid PRIMARY KEY,
        -- null for a refused return: nothing goes back
        rma_number text UNIQUE,
        channel text NOT NULL,
        partner_id text NOT NULL,
        customer_id text NOT NULL,
        request_key text NOT NULL,
        request_hash text NOT NULL,
        order_id uuid NOT NULL REFERENCES orders (order_id),
        status text NOT NULL,
        notes text,
        erp_return_number text UNIQUE,
        -- ERP and WMS registration, and the credit memo, are retried by a job until done
        registered_at timestamptz,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        -- the credit memo, once posted
        credit jsonb,
        -- an over-receipt settled by an operator: credited for the authorized quantities
        resolved_by text,
        resolution text,
        correlation_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- one return per channel request, whoever retries it
        UNIQUE (channel, partner_id, request_key)
      );
      CREATE INDEX returns_owner_idx ON returns (customer_id, created_at DESC, return_id DESC);
      CREATE INDEX returns_order_idx ON returns (order_id);
      CREATE INDEX returns_due_idx ON returns (next_attempt_at) WHERE status IN ('authorized', 'partially_authorized', 'received');

      CREATE TABLE return_lines (
        return_id uuid NOT NULL REFERENCES returns (return_id) ON DELETE CASCADE,
        -- the request line's position (1, 2, ...)
        position integer NOT NULL,
        -- the order line it resolved to; null when it resolved to none
        line_number integer,
        sku text,
        uom text,
        -- base units per line unit
        factor integer NOT NULL DEFAULT 1,
        reason_code text NOT NULL,
        requested_quantity integer NOT NULL CHECK (requested_quantity > 0),
        authorized_quantity integer NOT NULL CHECK (authorized_quantity >= 0 AND authorized_quantity <= requested_quantity),
        refusal text,
        warehouse_id text,
        lot text,
        serial text,
        erp_return_item_number text,
        -- base units
        received_quantity integer NOT NULL DEFAULT 0,
        dispositions jsonb NOT NULL DEFAULT '[]',
        credited_quantity integer NOT NULL DEFAULT 0,
        PRIMARY KEY (return_id, position)
      );
      CREATE INDEX return_lines_order_line_idx ON return_lines (return_id, line_number);

      -- the customer's return window as the ERP last said it: a return is still decided while the ERP is down
      CREATE TABLE return_customer_terms (
        customer_id text PRIMARY KEY,
        return_window_days integer,
        read_at timestamptz NOT NULL DEFAULT now()
      );

      -- one expected inbound return per warehouse the goods go back to
      CREATE TABLE return_receipts (
        return_id uuid NOT NULL REFERENCES returns (return_id) ON DELETE CASCADE,
        warehouse_id text NOT NULL,
        -- what the WMS knows the receipt by (its ext_ref): the RMA number
        reference text NOT NULL,
        wms_receipt_id text,
        status text NOT NULL DEFAULT 'expected',
        over_received boolean NOT NULL DEFAULT false,
        received_at timestamptz,
        PRIMARY KEY (return_id, warehouse_id),
        UNIQUE (reference, warehouse_id)
      );
    `,
};
