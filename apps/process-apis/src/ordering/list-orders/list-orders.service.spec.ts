import { describe, expect, it } from '@jest/globals';
import { AppError } from '@platform';
import { decodeCursor, encodeCursor } from './list-orders.service.js';

describe('order list cursor', () => {
  it('round-trips a position to the microsecond', () => {
    const position = { createdAt: '2026-11-25T10:00:00.123456Z', orderId: '7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d' };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it.each(['', 'bm90LWEtY3Vyc29y', Buffer.from("2026-11-25T10:00:00.123456Z|x' OR 1=1").toString('base64url')])('refuses %j with 400', (cursor) => {
    const error = (() => {
      try {
        decodeCursor(cursor);
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error).toMatchObject({ status: 400, code: 'ORDERS.INVALID_CURSOR' });
  });
});
