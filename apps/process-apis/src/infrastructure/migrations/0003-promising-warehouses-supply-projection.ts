import type { Migration } from '@platform';

export const migration: Migration = {
  version: 3,
  name: 'promising: warehouses, inbound supply, projection state, line promises',
  sql: `
      CREATE TABLE warehouses (
        warehouse_id text PRIMARY KEY,
        name text NOT NULL,
        region text NOT NULL,
        transit_days jsonb NOT NULL
      );

      -- open purchase order lines (ERP) and transfers in transit (WMS); replaced on each rebuild
      CREATE TABLE inbound_supply (
        source text NOT NULL,
        reference text NOT NULL,
        sku text NOT NULL,
        warehouse_id text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        eta text NOT NULL,
        PRIMARY KEY (source, reference, sku, warehouse_id)
      );
      CREATE INDEX inbound_supply_sku_idx ON inbound_supply (sku, eta);

      CREATE TABLE atp_state (
        id integer PRIMARY KEY CHECK (id = 1),
        rebuilt_at timestamptz,
        changed_at timestamptz,
        failed_at timestamptz,
        failure text
      );
      INSERT INTO atp_state (id) VALUES (1);

      ALTER TABLE order_lines ADD COLUMN backordered_quantity integer NOT NULL DEFAULT 0;
      ALTER TABLE order_lines ADD COLUMN backorder_date text;
      ALTER TABLE order_lines ADD COLUMN rejected_quantity integer NOT NULL DEFAULT 0;
      ALTER TABLE order_lines ADD COLUMN rejection_reason text;

      -- which warehouse ships how much of a line (in the line's unit), and when
      CREATE TABLE order_line_legs (
        order_id uuid NOT NULL,
        line_number integer NOT NULL,
        warehouse_id text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        promised_ship_date text NOT NULL,
        PRIMARY KEY (order_id, line_number, warehouse_id),
        FOREIGN KEY (order_id, line_number) REFERENCES order_lines (order_id, line_number) ON DELETE CASCADE
      );
    `,
};
