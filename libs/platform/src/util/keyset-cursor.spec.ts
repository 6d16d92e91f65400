import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '../errors/app-error.js';
import { decodeKeysetCursor, encodeKeysetCursor, readKeysetPage, type KeysetPosition } from './keyset-cursor.js';

const row = (i: number) => ({
  name: `row ${i}`,
  position: { createdAt: `2026-12-07T10:00:${String(59 - i).padStart(2, '0')}.000123Z`, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
});
const rows = Array.from({ length: 5 }, (_, i) => row(i));
/** A list of five rows, newest first, that answers at most `limit` after a position. */
const list = async (after: KeysetPosition | undefined, limit: number) => {
  const from = after ? rows.findIndex((r) => r.position.id === after.id) + 1 : 0;
  return rows.slice(from, from + limit);
};

describe('readKeysetPage', () => {
  it('walks a list page by page: every row once, in order, and no cursor after the last page', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await readKeysetPage({ cursor, limit: 2 }, 'X.INVALID_CURSOR', list);
      seen.push(...page.rows.map((r) => r.name));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(seen).toEqual(rows.map((r) => r.name));
    expect(pages).toBe(3);
  });

  it('asks for one row more than the page, and gives a cursor only when that row came back', async () => {
    const limits: number[] = [];
    const exact = await readKeysetPage({ limit: 5 }, 'X.INVALID_CURSOR', async (after, limit) => (limits.push(limit), list(after, limit)));
    expect(limits).toEqual([6]);
    expect(exact.rows).toHaveLength(5);
    expect(exact.nextCursor).toBeNull();
    const short = await readKeysetPage({ limit: 4 }, 'X.INVALID_CURSOR', list);
    expect(short.nextCursor && decodeKeysetCursor(short.nextCursor, 'X')).toEqual(rows[3].position);
  });

  it('reads 50 rows unless a limit is given', async () => {
    let asked = 0;
    await readKeysetPage({}, 'X.INVALID_CURSOR', async (after, limit) => ((asked = limit), list(after, limit)));
    expect(asked).toBe(51);
  });

  it("refuses a cursor it did not hand out with a 400 carrying the list's own code, before reading", async () => {
    let read = false;
    const forged = encodeKeysetCursor({ createdAt: '2026-12-07T10:00:00Z', id: 'not-a-uuid' });
    const error = await readKeysetPage({ cursor: forged }, 'RETURNS.INVALID_CURSOR', async () => ((read = true), [])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('RETURNS.INVALID_CURSOR');
    expect(read).toBe(false);
  });
});
