import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Database, type Queryable } from '@platform';
import type { ReconciliationCheck, Variance } from './domain/reconciliation.js';

export type RunTrigger = 'scheduled' | 'on_demand';
export type RunStatus = 'running' | 'completed' | 'failed';
export type FindingAction = 'repaired' | 'repair_failed' | 'exception' | 'within_threshold';

/** What one check of a run compared and found, or why it could not run. */
export interface CheckSummary {
  readonly status: 'completed' | 'failed';
  readonly compared: number;
  readonly findings: number;
  readonly repaired: number;
  readonly exceptions: number;
  readonly error?: string;
}

export interface RunRecord {
  readonly runId: string;
  readonly trigger: RunTrigger;
  readonly requestedBy: string | null;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly checks: Partial<Record<ReconciliationCheck, CheckSummary>>;
  readonly correlationId: string | null;
}

/** A variance as stored: the action taken instead of the disposition that chose it. */
export type NewFinding = Omit<Variance, 'disposition'> & {
  readonly action: FindingAction;
  readonly repairDetail?: string;
};

export interface FindingRecord extends NewFinding {
  readonly findingId: string;
  readonly runId: string;
  readonly createdAt: string;
  readonly resolvedAt: string | null;
  readonly resolvedBy: string | null;
  readonly resolution: string | null;
}

interface RunRow {
  run_id: string;
  trigger: RunTrigger;
  requested_by: string | null;
  status: RunStatus;
  started_at: Date | string;
  finished_at: Date | string | null;
  checks: RunRecord['checks'] | string;
  correlation_id: string | null;
}

interface FindingRow {
  finding_id: string;
  run_id: string;
  check_name: ReconciliationCheck;
  kind: string;
  finding_key: string;
  keys: Record<string, string> | string;
  systems: string[];
  expected: unknown;
  actual: unknown;
  variance: string | null;
  amount: string | null;
  threshold: string | null;
  action: FindingAction;
  repair_detail: string | null;
  resolved_at: Date | string | null;
  resolved_by: string | null;
  resolution: string | null;
  created_at: Date | string;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
const num = (value: string | null) => (value === null ? undefined : Number(value));

function toRun(row: RunRow): RunRecord {
  return {
    runId: row.run_id,
    trigger: row.trigger,
    requestedBy: row.requested_by,
    status: row.status,
    startedAt: iso(row.started_at),
    finishedAt: row.finished_at === null ? null : iso(row.finished_at),
    checks: json(row.checks),
    correlationId: row.correlation_id,
  };
}

function toFinding(row: FindingRow): FindingRecord {
  return {
    findingId: row.finding_id,
    runId: row.run_id,
    check: row.check_name,
    kind: row.kind,
    key: row.finding_key,
    keys: json(row.keys),
    systems: row.systems,
    expected: row.expected,
    actual: row.actual,
    variance: num(row.variance),
    amount: num(row.amount),
    threshold: num(row.threshold),
    action: row.action,
    repairDetail: row.repair_detail ?? undefined,
    createdAt: iso(row.created_at),
    resolvedAt: row.resolved_at === null ? null : iso(row.resolved_at),
    resolvedBy: row.resolved_by,
    resolution: row.resolution,
  };
}

const FINDING_COLUMNS = `finding_id, run_id, check_name, kind, finding_key, keys, systems, expected, actual, variance, amount, threshold, action,
  repair_detail, resolved_at, resolved_by, resolution, created_at`;

/** The reconciliation runs and their findings; the only writer of `reconciliation_runs` and `reconciliation_findings`. */
@Injectable()
export class ReconciliationRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /**
   * Starts a run, or answers undefined while another one is running (on any instance). A run still
   * marked running after `abandonAfterMs` died with its process: it is closed as failed first.
   */
  async startRun(trigger: RunTrigger, requestedBy: string | undefined, correlationId: string | undefined, abandonAfterMs: number): Promise<string | undefined> {
    const runId = randomUUID();
    return this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE reconciliation_runs SET status = 'failed', finished_at = now()
          WHERE status = 'running' AND started_at < now() - ($1::integer * interval '1 millisecond')`,
        [abandonAfterMs],
      );
      const inserted = await tx.query(
        `INSERT INTO reconciliation_runs (run_id, trigger, requested_by, status, correlation_id) VALUES ($1, $2, $3, 'running', $4)
         ON CONFLICT DO NOTHING RETURNING run_id`,
        [runId, trigger, requestedBy ?? null, correlationId ?? null],
      );
      return inserted.length ? runId : undefined;
    });
  }

  /** A check's findings and its summary land together, so a run never shows findings its summary does not count. */
  async recordCheck(runId: string, check: ReconciliationCheck, summary: CheckSummary, findings: readonly NewFinding[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const f of findings) await this.insertFinding(tx, runId, f);
      await tx.query(`UPDATE reconciliation_runs SET checks = checks || jsonb_build_object($2::text, $3::jsonb) WHERE run_id = $1`, [
        runId,
        check,
        JSON.stringify(summary),
      ]);
    });
  }

  async finishRun(runId: string, status: Exclude<RunStatus, 'running'>): Promise<void> {
    await this.db.query(`UPDATE reconciliation_runs SET status = $2, finished_at = now() WHERE run_id = $1`, [runId, status]);
  }

  async run(runId: string): Promise<RunRecord | undefined> {
    const [row] = await this.db.query<RunRow>(`SELECT * FROM reconciliation_runs WHERE run_id = $1`, [runId]);
    return row && toRun(row);
  }

  /** Latest first. */
  async runs(limit: number): Promise<RunRecord[]> {
    const rows = await this.db.query<RunRow>(`SELECT * FROM reconciliation_runs ORDER BY started_at DESC, run_id DESC LIMIT $1`, [limit]);
    return rows.map(toRun);
  }

  async findingsOf(runId: string): Promise<FindingRecord[]> {
    const rows = await this.db.query<FindingRow>(
      `SELECT ${FINDING_COLUMNS} FROM reconciliation_findings WHERE run_id = $1 ORDER BY check_name, finding_key, kind`,
      [runId],
    );
    return rows.map(toFinding);
  }

  async finding(findingId: string): Promise<FindingRecord | undefined> {
    const [row] = await this.db.query<FindingRow>(`SELECT ${FINDING_COLUMNS} FROM reconciliation_findings WHERE finding_id = $1`, [findingId]);
    return row && toFinding(row);
  }

  /**
   * Exceptions not resolved yet, optionally one check's: each (check, kind, key) once, as the latest run
   * found it, oldest first by when that was.
   */
  async openExceptions(limit: number, check?: ReconciliationCheck): Promise<FindingRecord[]> {
    const rows = await this.db.query<FindingRow>(
      `SELECT * FROM (
         SELECT DISTINCT ON (check_name, kind, finding_key) ${FINDING_COLUMNS} FROM reconciliation_findings
          WHERE action = 'exception' AND resolved_at IS NULL AND ($2::text IS NULL OR check_name = $2)
          ORDER BY check_name, kind, finding_key, created_at DESC, finding_id
       ) latest ORDER BY created_at, finding_id LIMIT $1`,
      [limit, check ?? null],
    );
    return rows.map(toFinding);
  }

  /**
   * Resolves an open exception and the same exception (check, kind, key) found by earlier runs, in the
   * caller's transaction; `alongside` runs in it too (the audit row). Undefined when the finding is not an open exception.
   */
  async resolve(findingId: string, by: string, resolution: string, alongside?: (tx: Queryable) => Promise<void>): Promise<FindingRecord | undefined> {
    return this.db.transaction(async (tx) => {
      const [target] = await tx.query<{ check_name: string; kind: string; finding_key: string }>(
        `SELECT check_name, kind, finding_key FROM reconciliation_findings WHERE finding_id = $1 AND action = 'exception' AND resolved_at IS NULL FOR UPDATE`,
        [findingId],
      );
      if (!target) return undefined;
      await tx.query(
        `UPDATE reconciliation_findings SET resolved_at = now(), resolved_by = $4, resolution = $5
          WHERE check_name = $1 AND kind = $2 AND finding_key = $3 AND action = 'exception' AND resolved_at IS NULL`,
        [target.check_name, target.kind, target.finding_key, by, resolution],
      );
      await alongside?.(tx);
      const [row] = await tx.query<FindingRow>(`SELECT ${FINDING_COLUMNS} FROM reconciliation_findings WHERE finding_id = $1`, [findingId]);
      return toFinding(row);
    });
  }

  private async insertFinding(tx: Queryable, runId: string, f: NewFinding): Promise<void> {
    await tx.query(
      `INSERT INTO reconciliation_findings (finding_id, run_id, check_name, kind, finding_key, keys, systems, expected, actual, variance, amount, threshold, action, repair_detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        randomUUID(),
        runId,
        f.check,
        f.kind,
        f.key,
        JSON.stringify(f.keys),
        f.systems,
        JSON.stringify(f.expected ?? null),
        JSON.stringify(f.actual ?? null),
        f.variance ?? null,
        f.amount ?? null,
        f.threshold ?? null,
        f.action,
        f.repairDetail ?? null,
      ],
    );
  }
}
