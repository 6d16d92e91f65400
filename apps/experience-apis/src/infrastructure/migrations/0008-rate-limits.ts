import type { Migration } from '@platform';

export const migration: Migration = {
  version: 8,
  name: 'rate limits: per-client limits and shared token buckets',
  sql: `
      -- a client's own limits per request class ({"reads": {"perSecond": 50, "burst": 100}}); null = the defaults
      ALTER TABLE partners ADD COLUMN rate_limits jsonb;

      -- token buckets shared by every instance (RATE_LIMIT_STORE=postgres), each taken with one UPSERT; a row
      -- idle long enough to be full again is the same as no row, so the sweep deletes it
      CREATE TABLE rate_limit_buckets (
        bucket_key text PRIMARY KEY,
        tokens double precision NOT NULL,
        granted boolean NOT NULL,
        refilled_at timestamptz NOT NULL,
        full_after_seconds double precision NOT NULL
      );
      CREATE INDEX rate_limit_buckets_refilled_idx ON rate_limit_buckets (refilled_at);
    `,
};
