import type { Migration } from '@platform';

export const migration: Migration = {
  version: 16,
  name: 'order exceptions can be resolved by an operator; failed and rejected orders listed for operators',
  sql: `
      -- null while open; set once, with the operator's client id and note, when an operator resolves it
      ALTER TABLE order_exceptions ADD COLUMN resolved_at timestamptz;
      ALTER TABLE order_exceptions ADD COLUMN resolved_by text;
      ALTER TABLE order_exceptions ADD COLUMN resolution text;
      CREATE INDEX order_exceptions_open_idx ON order_exceptions (id) WHERE resolved_at IS NULL;
      CREATE INDEX order_exceptions_order_idx ON order_exceptions (order_id, id);
      -- GET /v1/ops/orders: failed placement attempts and rejected orders, newest change first
      CREATE INDEX orders_unsuccessful_idx ON orders (updated_at DESC, order_id DESC) WHERE status IN ('failed', 'rejected');
    `,
};
