import type { Migration } from '@platform';

export const migration: Migration = {
  version: 15,
  name: 'outbox events by subject (an order trace context for its later shipments and invoices)',
  sql: `
      CREATE INDEX outbox_subject_idx ON outbox (subject, seq);
    `,
};
