import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from '@platform';
import { demoTradingPartners } from '../../experience.config.js';
import { experienceMigrations } from '../../infrastructure/migrations.js';
import { TradingPartnerRepository } from '../trading-partners/trading-partner.repository.js';
import { ControlNumberAllocator } from './control-number.allocator.js';
import { EdiDocumentStore } from './edi-document.store.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../../test/support/test-database.js';

// The real SQL on PGlite and, when DATABASE_URL is set, on PostgreSQL (where concurrency is real).
describe.each(databaseKinds)('EDI control numbers and document store on %s', (_kind, url) => {
  let test: TestDatabase;
  let db: Database;
  let store: EdiDocumentStore;
  const allocator = new ControlNumberAllocator();

  beforeAll(async () => {
    test = await openTestDatabase(url, 'edi_docs', experienceMigrations);
    db = test.db;
    const [partner] = demoTradingPartners();
    await db.query(`INSERT INTO partners (partner_id, name, customer_id, secret_hash) VALUES ($1, $2, $3, 'x')`, [
      partner.client.partnerId,
      partner.client.name,
      partner.customerId,
    ]);
    await new TradingPartnerRepository(db).seed([partner]);
    store = new EdiDocumentStore(db, allocator);
  });
  afterAll(() => test.close());

  it('hands out increasing numbers per counter, none twice, even to concurrent transactions', async () => {
    const numbers = await Promise.all(Array.from({ length: 20 }, () => db.transaction((tx) => allocator.next(tx, 'umbrella-edi'))));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await db.transaction((tx) => allocator.next(tx, 'other'))).toBe(1);
    // a rolled back allocation leaves no document with that number, so handing it out again is safe
    await expect(
      db.transaction(async (tx) => {
        await allocator.next(tx, 'umbrella-edi');
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await db.transaction((tx) => allocator.next(tx, 'umbrella-edi'))).toBe(21);
  });

  it('files one document per (type, reference): storing it again returns the first, with its control number', async () => {
    const write = (n: number) => `ISA…${n}`;
    const first = await store.run((tx) => store.store(tx, 'umbrella-edi', '856', 'shipment-1', write));
    const again = await store.run((tx) => store.store(tx, 'umbrella-edi', '856', 'shipment-1', () => 'other'));
    expect(first.created).toBe(true);
    expect(again).toEqual({ document: first.document, created: false });
    expect(first.document.raw).toBe(`ISA…${first.document.controlNumber}`);
    const second = await store.run((tx) => store.store(tx, 'umbrella-edi', '810', 'invoice-1', write));
    expect(second.document.controlNumber).toBeGreaterThan(first.document.controlNumber);
    expect((await store.list('umbrella-edi', { limit: 10 })).map((d) => d.documentType)).toEqual(['856', '810']);
    expect(await store.list('umbrella-edi', { limit: 10, type: '810' })).toHaveLength(1);
    expect(await store.list('umbrella-edi', { limit: 10, since: second.document.createdAt })).toHaveLength(0);
  });
});
