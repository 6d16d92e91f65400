import { afterAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { openDatabase } from './database.module.js';
import { dropSchema } from '../../../../test/support/test-database.js';

describe('leases on PGlite', () => {
  it('are always held: one process is the only instance', async () => {
    const db = await openDatabase({ dataDir: 'memory://', schema: 'lease_pglite' });
    expect(await db.holdsLease('billing-run')).toBe(true);
    expect(await db.holdsLease('billing-run')).toBe(true);
    await db.close();
  });
});

(process.env.DATABASE_URL ? describe : describe.skip)('leases on PostgreSQL, two instances sharing one schema', () => {
  const url = process.env.DATABASE_URL!;
  const schema = `lease_${randomBytes(4).toString('hex')}`;
  afterAll(() => dropSchema(url, schema));

  it('only one instance holds a lease; the other takes it once the holder stops', async () => {
    const [first, second] = [await openDatabase({ url, dataDir: '', schema }), await openDatabase({ url, dataDir: '', schema })];
    const [a, b] = await Promise.all([first.holdsLease('atp-rebuild'), second.holdsLease('atp-rebuild')]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const [holder, other] = a ? [first, second] : [second, first];
    expect(await holder.holdsLease('atp-rebuild')).toBe(true); // kept, not re-taken each time
    expect(await other.holdsLease('atp-rebuild')).toBe(false);
    // another job's lease is its own, and another schema's leases are independent
    expect(await other.holdsLease('billing-run')).toBe(true);
    expect(await holder.holdsLease('billing-run')).toBe(false);
    const elsewhere = await openDatabase({ url, dataDir: '', schema: `${schema}_other` });
    expect(await elsewhere.holdsLease('atp-rebuild')).toBe(true);
    await elsewhere.close();

    await holder.close(); // the instance stops (or dies): PostgreSQL frees its session's locks
    expect(await other.holdsLease('atp-rebuild')).toBe(true);
    await other.close();
    await dropSchema(url, `${schema}_other`);
  });
});
