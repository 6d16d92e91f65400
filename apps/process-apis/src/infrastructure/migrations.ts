import type { Migration } from '@platform';

/** Versioned, append-only: never edit a released migration, add the next one. */
export const processMigrations: Migration[] = [
  {
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
  },
  {
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
  },
  {
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
  },
  {
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
  },
  {
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
  },
  {
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
  },
  {
    version: 7,
    name: 'when each leg was released',
    sql: `
      -- set after the WMS accepted the fulfilment order (clock time, not the transaction's start)
      ALTER TABLE fulfillment_legs ADD COLUMN released_at timestamptz;
    `,
  },
  {
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
  },
  {
    version: 10,
    name: 'order lists: keyset pages per customer and partner, PO lookup',
    sql: `
      -- a partner's order list: newest first, keyset on (created_at, order_id) within the customer and partner
      CREATE INDEX orders_partner_list_idx ON orders (customer_id, partner_id, created_at, order_id);
      CREATE INDEX orders_customer_po_idx ON orders (customer_id, purchase_order_number);
    `,
  },
  {
    version: 11,
    name: 'CRM account cross-references',
    sql: `
      -- crmAccountId <-> ERP customer number, plus the fields the CRM owns (segment, owner, lead source): they
      -- are the CRM's data, which the ERP does not need for order-to-cash, so they stay here rather than in ERP
      -- custom fields. customer_id is null while the first PUT is creating or linking the customer (a claim);
      -- the primary key makes that claim unique, so two concurrent PUTs cannot both create an ERP customer.
      CREATE TABLE crm_accounts (
        crm_account_id text PRIMARY KEY,
        customer_id text,
        matched_by text CHECK (matched_by IN ('taxId', 'namePostalCode')),
        segment text,
        owner text,
        lead_source text,
        -- normalised duplicate keys of a claim in flight: another account's onboarding of the same company waits
        tax_key text,
        name_postal_key text,
        claim_token uuid,
        claimed_until timestamptz,
        linked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (customer_id IS NOT NULL OR claim_token IS NOT NULL)
      );
      CREATE INDEX crm_accounts_customer_idx ON crm_accounts (customer_id);
    `,
  },
  {
    version: 9,
    name: 'invoice lists: keyset pages per customer',
    sql: `
      -- a customer's (or partner's) invoice list: newest first, keyset on (created_at, invoice_id)
      CREATE INDEX invoices_customer_list_idx ON invoices (customer_id, created_at, invoice_id);
    `,
  },
];
