import type { Migration } from '@platform';

export const migration: Migration = {
  version: 2,
  name: 'ATP positions and reservations',
  sql: `
      -- the process layer's view of stock per (sku, warehouse), in base units; reserved is ours
      CREATE TABLE atp_positions (
        sku text NOT NULL,
        warehouse_id text NOT NULL,
        on_hand integer NOT NULL DEFAULT 0,
        allocated integer NOT NULL DEFAULT 0,
        safety_stock integer NOT NULL DEFAULT 0,
        quality_hold integer NOT NULL DEFAULT 0,
        reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        refreshed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sku, warehouse_id)
      );

      -- one row per (holder, line, warehouse): an order's or a quote's claim on stock
      CREATE TABLE reservations (
        reservation_id uuid PRIMARY KEY,
        holder_id text NOT NULL,
        line_number integer NOT NULL,
        sku text NOT NULL,
        warehouse_id text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        status text NOT NULL CHECK (status IN ('held', 'released', 'allocated')),
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (holder_id, line_number, warehouse_id),
        FOREIGN KEY (sku, warehouse_id) REFERENCES atp_positions (sku, warehouse_id)
      );
      CREATE INDEX reservations_expiry_idx ON reservations (expires_at) WHERE status = 'held';
    `,
};
