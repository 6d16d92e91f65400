import { ValidationError } from '../errors/app-error.js';
import { isUuid } from './uuid.js';

/** Where a page ended in a list ordered by (created_at, id): the caller gets it back opaque. */
export interface KeysetPosition {
  /** ISO instant to the microsecond, as the database gave it (so no row is skipped or repeated). */
  readonly createdAt: string;
  readonly id: string;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The SQL for a keyset position's `createdAt`: UTC, microseconds. */
export const KEYSET_INSTANT_SQL = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The SQL for the UTC hour a timestamp falls in, as an ISO instant (`2026-12-06T02:00:00.000Z`): hourly buckets for charts. */
export const HOUR_SQL = (column: string) => `to_char(date_trunc('hour', ${column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:00:00.000"Z"')`;

/** The SQL condition: `column` falls in the current UTC hour or the `hours - 1` before it (`hours` a parameter like `$1`). */
export const SINCE_HOURS_SQL = (column: string, hours: string) =>
  `${column} >= (date_trunc('hour', now() AT TIME ZONE 'UTC') - (${hours}::integer - 1) * interval '1 hour') AT TIME ZONE 'UTC'`;

export function encodeKeysetCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.createdAt}|${position.id}`).toString('base64url');
}

/** @throws ValidationError (400, `code`) for anything this API did not hand out. */
export function decodeKeysetCursor(cursor: string, code: string): KeysetPosition {
  const [createdAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length || !INSTANT.test(createdAt ?? '') || !isUuid(id ?? '')) {
    throw new ValidationError([{ field: 'cursor', messages: ['not a cursor returned by a previous page'] }], 'The cursor is invalid.', code);
  }
  return { createdAt: createdAt!, id: id! };
}

/**
 * One page of a list ordered by (created_at, id), `limit` rows (50 unless given) after the caller's
 * cursor: `read` is asked for one row more than the page, to know whether another page follows, and
 * the next cursor is the page's last row's position (null on the last page).
 */
export async function readKeysetPage<R extends { readonly position: KeysetPosition }>(
  query: { readonly cursor?: string; readonly limit?: number },
  invalidCursorCode: string,
  read: (after: KeysetPosition | undefined, limit: number) => Promise<readonly R[]>,
): Promise<{ rows: R[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const rows = await read(query.cursor ? decodeKeysetCursor(query.cursor, invalidCursorCode) : undefined, limit + 1);
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? encodeKeysetCursor(page[page.length - 1]!.position) : null };
}
