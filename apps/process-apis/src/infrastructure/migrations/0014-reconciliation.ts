import type { Migration } from '@platform';

export const migration: Migration = {
  version: 14,
  name: 'reconciliation runs and findings; shipments by outbound order',
  sql: `
      -- one comparison of the gateway with the backends, scheduled or asked for by an operator
      CREATE TABLE reconciliation_runs (
        run_id uuid PRIMARY KEY,
        trigger text NOT NULL CHECK (trigger IN ('scheduled', 'on_demand')),
        requested_by text,
        status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        -- per check: keys compared, findings, repaired, exceptions, or the error that stopped it
        checks jsonb NOT NULL DEFAULT '{}'::jsonb,
        correlation_id text
      );
      CREATE INDEX reconciliation_runs_started_idx ON reconciliation_runs (started_at DESC, run_id DESC);
      -- one run at a time, over all instances: two runs repairing the same variance could issue a billing document twice
      CREATE UNIQUE INDEX reconciliation_runs_one_running_idx ON reconciliation_runs ((true)) WHERE status = 'running';

      -- one variance a run found, what was done about it and, for an exception, who resolved it
      CREATE TABLE reconciliation_findings (
        finding_id uuid PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES reconciliation_runs (run_id) ON DELETE CASCADE,
        check_name text NOT NULL CHECK (check_name IN ('stock', 'orders', 'shipments', 'invoices')),
        kind text NOT NULL,
        finding_key text NOT NULL,
        keys jsonb NOT NULL,
        systems text[] NOT NULL,
        expected jsonb,
        actual jsonb,
        variance numeric(14, 2),
        amount numeric(14, 2),
        threshold numeric(14, 2),
        action text NOT NULL CHECK (action IN ('repaired', 'repair_failed', 'exception', 'within_threshold')),
        repair_detail text,
        resolved_at timestamptz,
        resolved_by text,
        resolution text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX reconciliation_findings_run_idx ON reconciliation_findings (run_id);
      -- a shipment event looks up the shipments of its outbound order (a re-fetched shipment and its late original are one)
      CREATE INDEX shipments_wms_order_idx ON shipments (wms_order_id) WHERE wms_order_id IS NOT NULL;
      CREATE INDEX reconciliation_findings_open_idx ON reconciliation_findings (check_name, finding_key) WHERE action = 'exception' AND resolved_at IS NULL;
    `,
};
