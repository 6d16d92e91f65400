import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EventEnvelopeDto } from '@contracts';
import { Database, type Queryable } from '@platform';

export const DEAD_LETTER_STATUSES = ['open', 'replayed', 'discarded'] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

export interface DeadLetter {
  readonly id: string;
  readonly consumer: string;
  readonly eventId: string;
  readonly type: string;
  readonly event: EventEnvelopeDto;
  readonly error: string;
  readonly attempts: number;
  readonly correlationId?: string;
  readonly createdAt: Date;
  readonly status: DeadLetterStatus;
  readonly resolvedAt?: Date;
  readonly reason?: string;
}

export interface DeadLetterPage {
  readonly items: DeadLetter[];
  readonly nextCursor?: string;
}

interface Row {
  id: string;
  seq: string;
  consumer: string;
  event_id: string;
  type: string;
  payload: EventEnvelopeDto;
  error: string;
  attempts: number;
  correlation_id: string | null;
  created_at: Date | string;
  status: DeadLetterStatus;
  resolved_at: Date | string | null;
  reason: string | null;
}

const COLUMNS = 'id, seq::text AS seq, consumer, event_id, type, payload, error, attempts, correlation_id, created_at, status, resolved_at, reason';
const toDeadLetter = (r: Row): DeadLetter => ({
  id: r.id,
  consumer: r.consumer,
  eventId: r.event_id,
  type: r.type,
  event: r.payload,
  error: r.error,
  attempts: r.attempts,
  correlationId: r.correlation_id ?? undefined,
  createdAt: new Date(r.created_at),
  status: r.status,
  resolvedAt: r.resolved_at ? new Date(r.resolved_at) : undefined,
  reason: r.reason ?? undefined,
});

// The cursor is the position of the last item returned, opaque to callers.
const encodeCursor = (seq: string) => Buffer.from(`dl:${seq}`).toString('base64url');
export const decodeCursor = (cursor: string): string | undefined => /^dl:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString())?.[1];

const clip = (error: string) => error.slice(0, 4_000);

@Injectable()
export class DeadLetterRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** Open dead letters, per consumer. */
  async openCounts(): Promise<{ consumer: string; count: number }[]> {
    return this.db.query<{ consumer: string; count: number }>(
      `SELECT consumer, count(*)::int AS count FROM dead_letters WHERE status = 'open' GROUP BY consumer`,
    );
  }

  /** Opens a dead letter, or adds to the open one of the same (consumer, event) when it comes back. */
  async open(consumer: string, event: EventEnvelopeDto, error: string, attempts: number): Promise<void> {
    await this.db.query(
      `INSERT INTO dead_letters (id, consumer, event_id, type, payload, error, attempts, correlation_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (consumer, event_id) WHERE status = 'open'
       DO UPDATE SET attempts = dead_letters.attempts + excluded.attempts, error = excluded.error`,
      [randomUUID(), consumer, event.id, event.type, JSON.stringify(event), clip(error), attempts, event.correlationId],
    );
  }

  async list(filter: { status?: DeadLetterStatus; consumer?: string }, limit: number, after?: string): Promise<DeadLetterPage> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM dead_letters
       WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR consumer = $2) AND ($3::bigint IS NULL OR seq > $3::bigint)
       ORDER BY seq LIMIT $4`,
      [filter.status ?? null, filter.consumer ?? null, after ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    return { items: page.map(toDeadLetter), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].seq) : undefined };
  }

  /** The dead letters (any status) of these events, oldest first: what an order's timeline shows of them. */
  async ofEvents(eventIds: readonly string[]): Promise<DeadLetter[]> {
    if (!eventIds.length) return [];
    const rows = await this.db.query<Row>(`SELECT ${COLUMNS} FROM dead_letters WHERE event_id = ANY($1::uuid[]) ORDER BY seq`, [eventIds]);
    return rows.map(toDeadLetter);
  }

  async find(ids: readonly string[]): Promise<DeadLetter[]> {
    const rows = await this.db.query<Row>(`SELECT ${COLUMNS} FROM dead_letters WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map(toDeadLetter);
  }

  /** The dead letter, locked for the caller's transaction so a concurrent replay or discard waits. */
  async lock(tx: Queryable, id: string): Promise<DeadLetter | undefined> {
    const [row] = await tx.query<Row>(`SELECT ${COLUMNS} FROM dead_letters WHERE id = $1 FOR UPDATE`, [id]);
    return row && toDeadLetter(row);
  }

  async markReplayed(tx: Queryable, id: string): Promise<DeadLetter> {
    const [row] = await tx.query<Row>(
      `UPDATE dead_letters SET status = 'replayed', resolved_at = now(), attempts = attempts + 1, reason = 'replayed' WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return toDeadLetter(row);
  }

  /** A replay that failed again: the dead letter stays open, one attempt more. */
  async recordReplayFailure(id: string, error: string): Promise<DeadLetter | undefined> {
    const [row] = await this.db.query<Row>(
      `UPDATE dead_letters SET attempts = attempts + 1, error = $2 WHERE id = $1 AND status = 'open' RETURNING ${COLUMNS}`,
      [id, clip(error)],
    );
    return row && toDeadLetter(row);
  }

  async discard(tx: Queryable, id: string, reason: string): Promise<DeadLetter> {
    const [row] = await tx.query<Row>(`UPDATE dead_letters SET status = 'discarded', resolved_at = now(), reason = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [
      id,
      reason,
    ]);
    return toDeadLetter(row);
  }
}
