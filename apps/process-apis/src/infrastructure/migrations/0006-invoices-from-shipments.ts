import type { Migration } from '@platform';

export const migration: Migration = {
  version: 6,
  name: 'invoices from shipments',
  sql: `
      -- one invoice per confirmed shipment, written with the shipment; issued in the ERP by a job
      CREATE TABLE invoices (
        invoice_id uuid PRIMARY KEY,
        shipment_id uuid NOT NULL UNIQUE REFERENCES shipments (shipment_id),
        order_id uuid NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
        customer_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'open', 'paid')),
        erp_invoice_number text UNIQUE,
        invoice_date text,
        currency text,
        net_amount numeric(14, 2),
        tax_amount numeric(14, 2),
        gross_amount numeric(14, 2),
        lines jsonb NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        correlation_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX invoices_due_idx ON invoices (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX invoices_order_idx ON invoices (order_id);
    `,
};
