import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Database } from '@platform';
import { processMigrations } from '../infrastructure/migrations.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { AccountRepository } from './account.repository.js';

const crm = { segment: 'industrial', owner: null, leadSource: null };
const cascade = { taxKey: '93-1234567', namePostalKey: 'cascade pumps llc|97201' };

// The same SQL on PGlite and, when DATABASE_URL is set, on PostgreSQL.
describe.each(databaseKinds)('CRM account claims on %s', (_kind, url) => {
  let test: TestDatabase;
  let db: Database;
  let accounts: AccountRepository;

  beforeAll(async () => {
    test = await openTestDatabase(url, 'accounts', processMigrations);
    db = test.db;
    accounts = new AccountRepository(db);
  });
  afterAll(() => test.close());
  beforeEach(() => db.exec('DELETE FROM crm_accounts'));

  it('lets one request claim a new account; a second is 409 until the first completes, then it is an update', async () => {
    const first = await accounts.claim('crm-1', cascade, 30_000);
    expect(first.kind).toBe('new');
    await expect(accounts.claim('crm-1', cascade, 30_000)).rejects.toMatchObject({ status: 409, code: 'ACCOUNT.IN_FLIGHT' });
    expect(await accounts.find('crm-1')).toBeUndefined();
    expect(await accounts.complete('crm-1', (first as { token: string }).token, '10100007', null, crm)).toBe(true);
    expect(await accounts.claim('crm-1', cascade, 30_000)).toEqual({ kind: 'linked', customerId: '10100007', matchedBy: null });
    expect(await accounts.find('crm-1')).toMatchObject({ crmAccountId: 'crm-1', erpAccountNumber: '10100007', matchedBy: null, crm });
  });

  it('holds back another account of the same company (same tax id, or same name and postal code) while one is being created', async () => {
    await accounts.claim('crm-1', cascade, 30_000);
    await expect(accounts.claim('crm-2', { taxKey: '93-1234567', namePostalKey: 'other|1' }, 30_000)).rejects.toMatchObject({ status: 409 });
    await expect(accounts.claim('crm-3', { taxKey: null, namePostalKey: 'cascade pumps llc|97201' }, 30_000)).rejects.toMatchObject({ status: 409 });
    expect((await accounts.claim('crm-4', { taxKey: '11-1111111', namePostalKey: 'other|1' }, 30_000)).kind).toBe('new');
  });

  it('of concurrent claims of one account, exactly one wins', async () => {
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => accounts.claim('crm-race', cascade, 30_000)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.status === 409)).toBe(true);
  });

  it('gives a released claim back at once, and lets an expired one be taken over (the late completion then fails)', async () => {
    const released = await accounts.claim('crm-1', cascade, 30_000);
    await accounts.release('crm-1', (released as { token: string }).token);
    const expired = await accounts.claim('crm-1', cascade, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const takeover = await accounts.claim('crm-1', cascade, 30_000);
    expect(takeover.kind).toBe('new');
    expect(await accounts.complete('crm-1', (expired as { token: string }).token, '10100007', null, crm)).toBe(false);
    expect(await accounts.complete('crm-1', (takeover as { token: string }).token, '10100007', 'taxId', crm)).toBe(true);
    expect((await accounts.find('crm-1'))?.matchedBy).toBe('taxId');
  });

  it('keeps the CRM-owned fields apart from the link', async () => {
    const claim = await accounts.claim('crm-1', cascade, 30_000);
    await accounts.complete('crm-1', (claim as { token: string }).token, '10100001', 'namePostalCode', crm);
    await accounts.updateCrmFields('crm-1', { segment: null, owner: 'sam', leadSource: 'web' });
    expect(await accounts.find('crm-1')).toMatchObject({
      erpAccountNumber: '10100001',
      matchedBy: 'namePostalCode',
      crm: { segment: null, owner: 'sam', leadSource: 'web' },
    });
  });
});
