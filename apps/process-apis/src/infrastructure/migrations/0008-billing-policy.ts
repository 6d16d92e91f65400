import type { Migration } from '@platform';

export const migration: Migration = {
  version: 8,
  name: 'billing policy: invoices over several shipments',
  sql: `
      -- an invoice bills one shipment, or (customers billed once a day) all of a day's shipments; a shipment is billed once
      CREATE TABLE invoice_shipments (
        invoice_id uuid NOT NULL REFERENCES invoices (invoice_id) ON DELETE CASCADE,
        shipment_id uuid NOT NULL UNIQUE REFERENCES shipments (shipment_id),
        order_id uuid NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
        PRIMARY KEY (invoice_id, shipment_id)
      );
      CREATE INDEX invoice_shipments_order_idx ON invoice_shipments (order_id);
      INSERT INTO invoice_shipments (invoice_id, shipment_id, order_id) SELECT invoice_id, shipment_id, order_id FROM invoices;
      -- every line names its order and shipment; the ship-to region (the ERP taxes by it) moves onto the invoice
      UPDATE invoices i SET lines = (
        SELECT COALESCE(jsonb_agg(l || jsonb_build_object('orderId', i.order_id, 'shipmentId', i.shipment_id)), '[]'::jsonb) FROM jsonb_array_elements(i.lines) l);
      ALTER TABLE invoices ADD COLUMN ship_to_region text;
      UPDATE invoices i SET ship_to_region = o.ship_to ->> 'region' FROM orders o WHERE o.order_id = i.order_id;
      -- invoice_shipments is the link from now on
      DROP INDEX invoices_order_idx;
      ALTER TABLE invoices DROP COLUMN shipment_id;
      ALTER TABLE invoices DROP COLUMN order_id;

      -- draft: a consolidated invoice still collecting its day's shipments, until the billing run makes it pending
      ALTER TABLE invoices DROP CONSTRAINT invoices_status_check;
      ALTER TABLE invoices ADD CONSTRAINT invoices_status_check CHECK (status IN ('draft', 'pending', 'open', 'paid'));
      ALTER TABLE invoices ADD COLUMN billing_policy text NOT NULL DEFAULT 'per_shipment' CHECK (billing_policy IN ('per_shipment', 'daily'));
      ALTER TABLE invoices ADD COLUMN billing_date text;
      CREATE UNIQUE INDEX invoices_draft_idx ON invoices (customer_id, billing_date, ship_to_region) WHERE status = 'draft';

      -- the customer's billing policy when the order was placed
      ALTER TABLE orders ADD COLUMN billing_policy text NOT NULL DEFAULT 'per_shipment';
    `,
};
