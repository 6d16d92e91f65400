import type { Migration } from '@platform';

export const migration: Migration = {
  version: 1,
  name: 'catalog, orders and inbox',
  sql: `
      CREATE TABLE items (
        sku text PRIMARY KEY,
        description text NOT NULL,
        base_uom text NOT NULL,
        conversions jsonb NOT NULL,
        product_group text,
        refreshed_at timestamptz NOT NULL
      );

      CREATE TABLE orders (
        order_id uuid PRIMARY KEY,
        channel text NOT NULL,
        partner_id text NOT NULL,
        customer_id text NOT NULL,
        request_key text NOT NULL,
        request_hash text NOT NULL,
        purchase_order_number text NOT NULL,
        status text NOT NULL,
        status_reason text,
        erp_order_number text UNIQUE,
        oms_order_id text,
        ship_to jsonb NOT NULL,
        requested_ship_date text,
        allow_partial_shipment boolean NOT NULL,
        currency text,
        total_amount numeric(14, 2),
        correlation_id text,
        attempt_started_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- one order per channel request, whoever retries it
        UNIQUE (channel, partner_id, request_key)
      );
      CREATE INDEX orders_customer_idx ON orders (customer_id, created_at);

      CREATE TABLE order_lines (
        order_id uuid NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
        line_number integer NOT NULL,
        sku text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        uom text NOT NULL,
        base_quantity integer NOT NULL CHECK (base_quantity > 0),
        status text NOT NULL,
        warehouse_id text,
        unit_price numeric(14, 4) NOT NULL,
        line_amount numeric(14, 2) NOT NULL,
        erp_item_number text,
        PRIMARY KEY (order_id, line_number)
      );

      CREATE TABLE order_timeline (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
        status text NOT NULL,
        note text,
        correlation_id text,
        at timestamptz NOT NULL DEFAULT now()
      );

      -- inbox: an event is applied once per consumer, in the same transaction as its effect
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        subject text NOT NULL,
        payload jsonb NOT NULL,
        correlation_id text,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      );
    `,
};
