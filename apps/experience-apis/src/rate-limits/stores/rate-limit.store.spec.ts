import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { experienceMigrations } from '../../infrastructure/migrations.js';
import { MemoryRateLimitStore } from './memory-rate-limit.store.js';
import { PostgresRateLimitStore } from './postgres-rate-limit.store.js';
import type { RateLimitStore } from './rate-limit.store.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../../test/support/test-database.js';

// The same contract for both stores; the SQL one on PGlite and, when DATABASE_URL is set, on PostgreSQL
// (where two connections race for real).
const kinds = [['memory', undefined] as const, ...databaseKinds];

describe.each(kinds)('rate limit store: %s', (kind, url) => {
  let test: TestDatabase | undefined;
  const namespace = randomBytes(4).toString('hex');
  let store: RateLimitStore & { onModuleDestroy(): void };
  const key = (name: string) => `${namespace}:${name}`;

  beforeAll(async () => {
    if (kind === 'memory') {
      store = new MemoryRateLimitStore();
      return;
    }
    test = await openTestDatabase(url, 'rate_limits', experienceMigrations);
    store = new PostgresRateLimitStore(test.db);
  });
  afterAll(async () => {
    store.onModuleDestroy();
    await test?.close();
  });

  it('grants exactly the burst to concurrent takes, then refuses with Retry-After', async () => {
    const policy = { perSecond: 0.01, burst: 7 };
    const decisions = await Promise.all(Array.from({ length: 20 }, () => store.take(key('burst'), policy)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(7);
    const refused = decisions.find((d) => !d.allowed)!;
    expect(refused.remaining).toBe(0);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(
      decisions
        .filter((d) => d.allowed)
        .map((d) => d.remaining)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('refills over time, and a look (cost 0) takes nothing', async () => {
    // 4/s: the third take comes well within the 250 ms a token takes to come back, even on a loaded machine
    const policy = { perSecond: 4, burst: 2 };
    expect((await store.take(key('refill'), policy)).allowed).toBe(true);
    expect((await store.take(key('refill'), policy)).allowed).toBe(true);
    expect((await store.take(key('refill'), policy)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 600)); // at least two tokens back
    expect((await store.take(key('refill'), policy, 0)).remaining).toBe(2);
    expect((await store.take(key('refill'), policy, 0)).remaining).toBe(2);
    expect((await store.take(key('refill'), policy)).remaining).toBe(1);
  });

  it('keeps buckets apart by key', async () => {
    const policy = { perSecond: 0.01, burst: 1 };
    expect((await store.take(key('a'), policy)).allowed).toBe(true);
    expect((await store.take(key('a'), policy)).allowed).toBe(false);
    expect((await store.take(key('b'), policy)).allowed).toBe(true);
  });
});
