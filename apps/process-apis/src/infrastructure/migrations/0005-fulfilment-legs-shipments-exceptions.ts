import type { Migration } from '@platform';

export const migration: Migration = {
  version: 5,
  name: 'fulfilment: legs, shipments, exceptions',
  sql: `
      -- one fulfilment order per warehouse of an order, with its own status
      CREATE TABLE fulfillment_legs (
        order_id uuid NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
        warehouse_id text NOT NULL,
        status text NOT NULL,
        wms_order_id text,
        promised_ship_date text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (order_id, warehouse_id)
      );
      CREATE UNIQUE INDEX fulfillment_legs_wms_idx ON fulfillment_legs (wms_order_id) WHERE wms_order_id IS NOT NULL;

      ALTER TABLE order_line_legs ADD COLUMN picked_quantity integer;
      ALTER TABLE order_line_legs ADD COLUMN shipped_quantity integer NOT NULL DEFAULT 0;

      -- a confirmed shipment; one per WMS shipment event, however often it is delivered
      CREATE TABLE shipments (
        shipment_id uuid PRIMARY KEY,
        source_event_id uuid NOT NULL UNIQUE,
        order_id uuid NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
        warehouse_id text NOT NULL,
        wms_order_id text,
        carrier text,
        tracking_number text,
        lines jsonb NOT NULL,
        shipped_at timestamptz NOT NULL,
        correlation_id text
      );
      CREATE INDEX shipments_order_idx ON shipments (order_id);

      -- a WMS allocation seen before the leg's release committed; its holds end when it does
      CREATE TABLE pending_allocations (
        order_id uuid NOT NULL,
        warehouse_id text NOT NULL,
        sku text NOT NULL,
        PRIMARY KEY (order_id, warehouse_id, sku)
      );

      -- what could not be applied (e.g. an invalid transition), for operations to see
      CREATE TABLE order_exceptions (
        id bigserial PRIMARY KEY,
        order_id uuid,
        warehouse_id text,
        event_id uuid,
        event_type text NOT NULL,
        reason text NOT NULL,
        correlation_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
};
