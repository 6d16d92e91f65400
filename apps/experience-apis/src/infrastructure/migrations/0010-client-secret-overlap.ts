import type { Migration } from '@platform';

export const migration: Migration = {
  version: 10,
  name: "client secret rotation with an overlap window: the previous secret's hash and its end",
  sql: `
      -- after a rotation with overlapSeconds > 0 the previous secret still gets tokens until previous_secret_expires_at
      -- (tokens it gets expire by then too); null outside a window. A rotation without overlap clears both.
      ALTER TABLE partners ADD COLUMN previous_secret_hash text;
      ALTER TABLE partners ADD COLUMN previous_secret_expires_at timestamptz;
    `,
};
