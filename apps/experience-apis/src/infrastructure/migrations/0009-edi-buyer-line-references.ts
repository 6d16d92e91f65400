import type { Migration } from '@platform';

export const migration: Migration = {
  version: 9,
  name: "EDI orders: the buyer's line references as sent in the 850",
  sql: `
      -- per order placed from an 850: each PO1 as the buyer sent it (PO101, unit, product ids such as BP,
      -- quantity and price), so the 855, 856 and 810 name the lines, units and part numbers the buyer ordered
      CREATE TABLE edi_purchase_orders (
        trading_partner_id text NOT NULL REFERENCES edi_trading_partners (trading_partner_id),
        order_id uuid NOT NULL,
        purchase_order_number text NOT NULL,
        lines jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trading_partner_id, order_id)
      );
    `,
};
