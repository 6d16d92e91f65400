import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from '@platform';
import { experienceMigrations } from '../infrastructure/migrations.js';
import { PartnerRepository } from './partner.repository.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';

// The real SQL on PGlite and, when DATABASE_URL is set, on PostgreSQL.
describe.each(databaseKinds)('client store: onboarding, seeding and secret rotation windows on %s', (_kind, url) => {
  let test: TestDatabase;
  let db: Database;
  let partners: PartnerRepository;

  beforeAll(async () => {
    test = await openTestDatabase(url, 'partners_repo', experienceMigrations);
    db = test.db;
    partners = new PartnerRepository(db);
  });
  afterAll(() => test.close());

  it('creates a client once (a taken id of any kind is refused) and stores it as seeding does', async () => {
    expect(await db.transaction((tx) => partners.create(tx, { partnerId: 'made', name: 'Made', customerId: '10100003', secret: 'made-secret-1' }))).toBe(true);
    await partners.seed([{ partnerId: 'seeded', name: 'Seeded', kind: 'crm', secret: 'seeded-secret' }]);
    expect(await db.transaction((tx) => partners.create(tx, { partnerId: 'seeded', name: 'Other', customerId: '10100003', secret: 'x-secret-xx' }))).toBe(
      false,
    );
    expect(await partners.find('made')).toMatchObject({
      clientId: 'made',
      kind: 'partner',
      scopes: ['b2b'],
      customerId: '10100003',
      active: true,
      tokenVersion: 1,
    });
    expect(await partners.find('seeded')).toMatchObject({ kind: 'crm', scopes: ['crm'] });
    expect((await partners.authenticate('made', 'made-secret-1'))?.clientId).toBe('made');
    // seeding the same client again with its secret changes nothing; listing pages by id and kind
    await partners.seed([{ partnerId: 'seeded', name: 'Seeded', kind: 'crm', secret: 'seeded-secret' }]);
    expect((await partners.find('seeded'))?.tokenVersion).toBe(1);
    const first = await partners.list('partner', 1);
    expect(first).toEqual({ clients: [expect.objectContaining({ clientId: 'made' })], more: false });
  });

  it('keeps the previous secret valid during an overlap window only, without revoking tokens; without overlap, at once', async () => {
    await db.transaction((tx) => partners.create(tx, { partnerId: 'rot', name: 'Rot', customerId: '10100001', secret: 'old-secret-1' }));
    const rotated = await db.transaction((tx) => partners.replaceSecret(tx, 'rot', 'new-secret-1', 3600));
    expect(rotated).toMatchObject({ tokenVersion: 1, previousSecretValidUntil: expect.any(String) });
    const viaOld = await partners.authenticate('rot', 'old-secret-1');
    expect(viaOld?.expiresBy?.toISOString()).toBe(rotated?.previousSecretValidUntil);
    expect((await partners.authenticate('rot', 'new-secret-1'))?.expiresBy).toBeUndefined();
    expect(await partners.authenticate('rot', 'wrong-secret')).toBeUndefined();

    // a second rotation drops the first window's secret
    await db.transaction((tx) => partners.replaceSecret(tx, 'rot', 'newer-secret', 3600));
    expect(await partners.authenticate('rot', 'old-secret-1')).toBeUndefined();
    expect(await partners.authenticate('rot', 'new-secret-1')).toBeDefined();

    // a window that has passed lets the old secret in no more
    await db.query(`UPDATE partners SET previous_secret_expires_at = now() - interval '1 second' WHERE partner_id = 'rot'`);
    expect(await partners.authenticate('rot', 'new-secret-1')).toBeUndefined();

    // without overlap: the version is bumped and no previous secret is kept
    const atOnce = await db.transaction((tx) => partners.replaceSecret(tx, 'rot', 'final-secret', 0));
    expect(atOnce).toEqual({ active: true, tokenVersion: 2 });
    expect(await partners.authenticate('rot', 'newer-secret')).toBeUndefined();
    expect((await partners.authenticate('rot', 'final-secret'))?.tokenVersion).toBe(2);
  });
});
