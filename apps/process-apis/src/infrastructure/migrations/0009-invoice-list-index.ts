import type { Migration } from '@platform';

export const migration: Migration = {
  version: 9,
  name: 'invoice lists: keyset pages per customer',
  sql: `
      -- a customer's (or partner's) invoice list: newest first, keyset on (created_at, invoice_id)
      CREATE INDEX invoices_customer_list_idx ON invoices (customer_id, created_at, invoice_id);
    `,
};
