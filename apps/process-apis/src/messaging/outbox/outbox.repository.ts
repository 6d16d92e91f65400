import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelopeDto } from '@contracts';
import { Database, type Backlog, type Queryable, type TraceCarrier } from '@platform';
import { withTraceContext } from '../event-tracing.js';

/** The event an accepted order's story starts with. */
const ORDER_TRACE_EVENT = 'order.accepted';

export interface OutboxEntry {
  readonly eventId: string;
  readonly envelope: EventEnvelopeDto;
}

/** An event in the outbox: raised with its state change, published to the bus once `publishedAt` is set. */
export interface RaisedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly subject: string;
  readonly createdAt: string;
  readonly publishedAt: string | null;
}

@Injectable()
export class OutboxRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /**
   * Records an event in the caller's transaction, so it exists if and only if the state change
   * commits. It carries the active trace context, for its consumers to continue.
   */
  async add(tx: Queryable, event: EventEnvelopeDto): Promise<void> {
    const envelope = withTraceContext(event);
    await tx.query(
      `INSERT INTO outbox (event_id, type, version, subject, payload, correlation_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (event_id) DO NOTHING`,
      [envelope.id, envelope.type, envelope.version, envelope.subject, JSON.stringify(envelope), envelope.correlationId],
    );
  }

  /** Like add, for an event that comes from elsewhere and may arrive again: false when its id is known. */
  async addIfNew(tx: Queryable, event: EventEnvelopeDto): Promise<boolean> {
    const envelope = withTraceContext(event);
    const rows = await tx.query(
      `INSERT INTO outbox (event_id, type, version, subject, payload, correlation_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [envelope.id, envelope.type, envelope.version, envelope.subject, JSON.stringify(envelope), envelope.correlationId],
    );
    return rows.length > 0;
  }

  /**
   * The oldest unpublished events, locked for the caller's transaction. SKIP LOCKED lets another
   * instance's relay take the next batch instead of the same one.
   */
  async claimUnpublished(tx: Queryable, limit: number): Promise<OutboxEntry[]> {
    const rows = await tx.query<{ event_id: string; payload: EventEnvelopeDto }>(
      `SELECT event_id, payload FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({ eventId: r.event_id, envelope: r.payload }));
  }

  async markPublished(tx: Queryable, eventIds: readonly string[]): Promise<void> {
    if (!eventIds.length) return;
    await tx.query(`UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE event_id = ANY($1::uuid[])`, [eventIds]);
  }

  async recordFailure(tx: Queryable, eventId: string, error: string): Promise<void> {
    await tx.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE event_id = $1`, [eventId, error.slice(0, 2_000)]);
  }

  /** Unpublished events and how long the oldest of them has waited, in seconds (0 when none). */
  async backlog(): Promise<Backlog> {
    const [row] = await this.db.query<{ n: number; age: number | null }>(
      `SELECT count(*)::int AS n, extract(epoch FROM now() - min(created_at))::float8 AS age FROM outbox WHERE published_at IS NULL`,
    );
    return { count: row.n, oldestAgeSeconds: Math.max(0, row.age ?? 0) };
  }

  /** The events raised about these subjects (an order, its shipments, its invoices), in publication order. */
  async eventsAbout(subjects: readonly string[]): Promise<RaisedEvent[]> {
    if (!subjects.length) return [];
    const rows = await this.db.query<{ event_id: string; type: string; subject: string; created_at: Date | string; published_at: Date | string | null }>(
      `SELECT event_id, type, subject, created_at, published_at FROM outbox WHERE subject = ANY($1::text[]) ORDER BY seq`,
      [subjects],
    );
    return rows.map((r) => ({
      eventId: r.event_id,
      type: r.type,
      subject: r.subject,
      createdAt: new Date(r.created_at).toISOString(),
      publishedAt: r.published_at === null ? null : new Date(r.published_at).toISOString(),
    }));
  }

  /**
   * The trace context of the first event of `type` about each subject (e.g. each order's
   * order.accepted), in the order of `subjects`; subjects without one are left out.
   */
  async traceContextsOf(q: Queryable, type: string, subjects: readonly string[]): Promise<TraceCarrier[]> {
    if (!subjects.length) return [];
    const rows = await q.query<{ subject: string; traceparent: string; tracestate: string | null }>(
      `SELECT DISTINCT ON (subject) subject, payload->>'traceparent' AS traceparent, payload->>'tracestate' AS tracestate FROM outbox
       WHERE subject = ANY($1::text[]) AND type = $2 AND payload ? 'traceparent' ORDER BY subject, seq`,
      [subjects, type],
    );
    const bySubject = new Map(rows.map((r) => [r.subject, { traceparent: r.traceparent, ...(r.tracestate ? { tracestate: r.tracestate } : {}) }]));
    return subjects.flatMap((s) => bySubject.get(s) ?? []);
  }

  /**
   * The trace contexts of the given orders (those known): each order's order.accepted event is
   * written in the request that accepted it, so its context is the order's trace.
   */
  orderTraces(q: Queryable, orderIds: readonly string[]): Promise<TraceCarrier[]> {
    return this.traceContextsOf(
      q,
      ORDER_TRACE_EVENT,
      orderIds.map((id) => `order/${id}`),
    );
  }

  async unpublishedCount(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    return row.n;
  }
}
