import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelopeDto } from '@contracts';
import { Database, type Queryable } from '@platform';

export interface OutboxEntry {
  readonly eventId: string;
  readonly envelope: EventEnvelopeDto;
}

@Injectable()
export class OutboxRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** Records an event in the caller's transaction, so it exists if and only if the state change commits. */
  async add(tx: Queryable, envelope: EventEnvelopeDto): Promise<void> {
    await tx.query(
      `INSERT INTO outbox (event_id, type, version, subject, payload, correlation_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (event_id) DO NOTHING`,
      [envelope.id, envelope.type, envelope.version, envelope.subject, JSON.stringify(envelope), envelope.correlationId],
    );
  }

  /** Like add, for an event that comes from elsewhere and may arrive again: false when its id is known. */
  async addIfNew(tx: Queryable, envelope: EventEnvelopeDto): Promise<boolean> {
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

  async unpublishedCount(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    return row.n;
  }
}
