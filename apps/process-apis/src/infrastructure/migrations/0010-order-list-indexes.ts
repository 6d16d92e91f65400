import type { Migration } from '@platform';

export const migration: Migration = {
  version: 10,
  name: 'order lists: keyset pages per customer and partner, PO lookup',
  sql: `
      -- a partner's order list: newest first, keyset on (created_at, order_id) within the customer and partner
      CREATE INDEX orders_partner_list_idx ON orders (customer_id, partner_id, created_at, order_id);
      CREATE INDEX orders_customer_po_idx ON orders (customer_id, purchase_order_number);
    `,
};
