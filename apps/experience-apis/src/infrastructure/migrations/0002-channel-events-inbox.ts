import type { Migration } from '@platform';

export const migration: Migration = {
  version: 2,
  name: 'channel events inbox',
  sql: `
      -- events from the process layer, recorded once per id in the transaction of what the channels make of them
      CREATE TABLE channel_events (
        event_id uuid PRIMARY KEY,
        type text NOT NULL,
        subject text NOT NULL,
        payload jsonb NOT NULL,
        correlation_id text,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX channel_events_subject_idx ON channel_events (subject, received_at);
    `,
};
