import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from '../db/database.js';
import { toProblem } from './problem.js';
import { assertJsonDepth, assertStorableText, MAX_JSON_DEPTH } from './request-guards.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';

describe('assertJsonDepth', () => {
  it('lets the gateway nesting through and refuses deeper JSON with REQUEST.MALFORMED, without recursion', () => {
    expect(() => assertJsonDepth(JSON.stringify({ a: [{ b: { c: [1] } }] }))).not.toThrow();
    expect(() => assertJsonDepth('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).not.toThrow();
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(() => assertJsonDepth(deep)).toThrow(expect.objectContaining({ code: 'REQUEST.MALFORMED', status: 400 }));
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(() => assertJsonDepth(JSON.stringify({ note: '[[[[\\"{{{{'.repeat(100) }))).not.toThrow();
  });
});

describe('assertStorableText', () => {
  it('names each field holding a NUL character or a lone surrogate', () => {
    const attempt = () => assertStorableText({ shipTo: { name: 'Dock\u00004', city: 'ok' }, lines: [{ sku: 'x\ud800' }], note: 'emoji 😀 is fine' });
    expect(attempt).toThrow(expect.objectContaining({ code: 'REQUEST.VALIDATION', status: 400 }));
    try {
      attempt();
    } catch (error) {
      expect((error as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['shipTo.name', 'lines[0].sku']);
    }
  });

  it('accepts well-formed text and other values', () => {
    expect(() => assertStorableText({ a: 'plain', b: 1, c: null, d: [true, '😀'] })).not.toThrow();
  });
});

// A value the database refuses as data (SQLSTATE class 22) is the caller's error: 400, never a 5xx that a breaker counts.
describe.each(databaseKinds)('data exceptions of %s', (_kind, url) => {
  let test: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    test = await openTestDatabase(url, 'guards');
    db = test.db;
  });
  afterAll(() => test.close());

  it.each([
    ['a NUL byte in text', 'SELECT $1::text', ['Dock\u00004']],
    ['a lone surrogate escape in jsonb', 'SELECT $1::jsonb', ['{"name":"\\ud800"}']],
    ['a number out of range', 'SELECT $1::int', ['99999999999']],
  ])('%s renders as 400 REQUEST.INVALID', async (_what, sql, params) => {
    const error = await db.query(sql, params).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(toProblem(error, '/v1/orders', 'c-1').problem).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
  });

  it('other database errors stay 500', async () => {
    const error = await db.query('SELECT * FROM no_such_table').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(toProblem(error, '/v1/orders', 'c-1').problem).toMatchObject({ status: 500, code: 'INTERNAL' });
  });
});
