import type { Migration } from '@platform';

export const migration: Migration = {
  version: 7,
  name: 'when each leg was released',
  sql: `
      -- set after the WMS accepted the fulfilment order (clock time, not the transaction's start)
      ALTER TABLE fulfillment_legs ADD COLUMN released_at timestamptz;
    `,
};
