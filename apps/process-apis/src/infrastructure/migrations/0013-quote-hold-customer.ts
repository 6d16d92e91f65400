import type { Migration } from '@platform';

export const migration: Migration = {
  version: 13,
  name: 'quote holds name their customer (hold share per partner)',
  sql: `
      -- the customer (partner) a quote hold is for; null for orders' reservations, which the share does not cover
      ALTER TABLE reservations ADD COLUMN customer_id text;
      CREATE INDEX reservations_customer_holds_idx ON reservations (customer_id, sku) WHERE status = 'held' AND customer_id IS NOT NULL;
    `,
};
