import { randomUUID } from 'node:crypto';
import { currentCorrelationId } from '../context/request-context.js';
import type { Queryable } from '../db/database.js';
import { decodeKeysetCursor, encodeKeysetCursor, KEYSET_INSTANT_SQL } from '../util/keyset-cursor.js';

/** The audit log's table, for each app's migrations (it lives in the app's own schema). */
export const AUDIT_LOG_SQL = `
  -- security events and operator actions: who did what to which, when, with what outcome; append-only
  CREATE TABLE audit_log (
    id uuid PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor_kind text NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    target text,
    outcome text NOT NULL,
    detail jsonb NOT NULL DEFAULT '{}'::jsonb,
    correlation_id text
  );
  CREATE INDEX audit_log_at_idx ON audit_log (at, id);
`;

export interface AuditEntry {
  /** `operator`, `service`, `client` (an OAuth2 client) or `anonymous`. */
  readonly actorKind: string;
  readonly actor: string;
  /** e.g. `dead_letter.replayed`, `billing.run`, `client.disabled`, `auth.refused`. */
  readonly action: string;
  readonly target?: string;
  readonly outcome: 'success' | 'failure' | 'refused';
  readonly detail?: Record<string, unknown>;
}

export interface AuditRecord extends Omit<AuditEntry, 'detail'> {
  readonly detail: Record<string, unknown>;
  readonly id: string;
  readonly at: string;
  readonly correlationId?: string;
}

interface Row {
  id: string;
  at_key: string;
  actor_kind: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: AuditEntry['outcome'];
  detail: Record<string, unknown> | string;
  correlation_id: string | null;
}

/**
 * Append-only audit log over the app's database. `record` takes the caller's transaction, so an
 * operator action and its audit row commit together (or neither does).
 */
export class AuditLog {
  constructor(private readonly db: Queryable) {}

  async record(entry: AuditEntry, tx: Queryable = this.db): Promise<void> {
    await tx.query(`INSERT INTO audit_log (id, actor_kind, actor, action, target, outcome, detail, correlation_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
      randomUUID(),
      entry.actorKind,
      entry.actor,
      entry.action,
      entry.target ?? null,
      entry.outcome,
      JSON.stringify(entry.detail ?? {}),
      currentCorrelationId() ?? null,
    ]);
  }

  /** Oldest first from `since`, keyset-paged on (at, id). */
  async list(options: { since?: Date; limit: number; cursor?: string; action?: string }): Promise<{ items: AuditRecord[]; nextCursor?: string }> {
    const after = options.cursor === undefined ? undefined : decodeKeysetCursor(options.cursor, 'AUDIT.INVALID_CURSOR');
    const rows = await this.db.query<Row>(
      `SELECT id, ${KEYSET_INSTANT_SQL('at')} AS at_key, actor_kind, actor, action, target, outcome, detail, correlation_id
         FROM audit_log
        WHERE ($1::timestamptz IS NULL OR at >= $1)
          AND ($2::text IS NULL OR action = $2)
          AND ($3::timestamptz IS NULL OR (at, id) > ($3::timestamptz, $4::uuid))
        ORDER BY at, id
        LIMIT $5`,
      [options.since?.toISOString() ?? null, options.action ?? null, after?.createdAt ?? null, after?.id ?? null, options.limit + 1],
    );
    const page = rows.slice(0, options.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        id: r.id,
        at: r.at_key,
        actorKind: r.actor_kind,
        actor: r.actor,
        action: r.action,
        ...(r.target === null ? {} : { target: r.target }),
        outcome: r.outcome,
        detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as Record<string, unknown>) : r.detail,
        ...(r.correlation_id ? { correlationId: r.correlation_id } : {}),
      })),
      nextCursor: rows.length > options.limit && last ? encodeKeysetCursor({ createdAt: last.at_key, id: last.id }) : undefined,
    };
  }
}
