import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ConflictError, type Database } from '@platform';
import { processMigrations } from '../../infrastructure/migrations.js';
import { AtpRepository } from '../atp/atp.repository.js';
import { ReservationRepository } from './reservation.repository.js';
import { databaseKinds, openSharedSchema, openTestDatabase, type SharedTestSchema, type TestDatabase } from '../../../../../test/support/test-database.js';

const postgresUrl = process.env.DATABASE_URL;

// The same SQL on PGlite and, when DATABASE_URL is set, on PostgreSQL.
describe.each(databaseKinds)('reservations on %s', (_kind, url) => {
  let test: TestDatabase;
  let db: Database;
  let reservations: ReservationRepository;
  let atp: AtpRepository;

  beforeAll(async () => {
    test = await openTestDatabase(url, 'reservations', processMigrations);
    db = test.db;
    reservations = new ReservationRepository(db);
    atp = new AtpRepository(db);
  });
  afterAll(() => test.close());
  beforeEach(async () => {
    await db.exec('DELETE FROM reservations; DELETE FROM atp_positions;');
    await atp.replaceAll(
      [
        { sku: 'SKU-1', warehouseId: 'DC01', onHand: 30, allocated: 5, safetyStock: 10, qualityHold: 5 }, // 10 available
        { sku: 'SKU-1', warehouseId: 'DC02', onHand: 4, allocated: 0, safetyStock: 0, qualityHold: 0 },
      ],
      [],
      [],
    );
  });

  const availableIn = async (warehouseId: string) => (await atp.available(['SKU-1'])).find((p) => p.warehouseId === warehouseId)?.available;

  it('nets allocations, reservations, safety stock and holds out of on hand, never below zero', async () => {
    expect(await atp.available(['SKU-1'])).toEqual([
      { sku: 'SKU-1', warehouseId: 'DC01', available: 10 },
      { sku: 'SKU-1', warehouseId: 'DC02', available: 4 },
    ]);
    await atp.replaceAll([{ sku: 'SKU-1', warehouseId: 'DC02', onHand: 4, allocated: 3, safetyStock: 5, qualityHold: 0 }], [], []);
    expect(await availableIn('DC02')).toBe(0);
  });

  it('lets exactly 10 of 50 concurrent one-unit orders reserve the last 10 units', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => reservations.reserve(`order-${i}`, [{ lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC01', quantity: 1 }])),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(10);
    expect(lost.every((r) => r.reason instanceof ConflictError && r.reason.code === 'PROMISE.STOCK_CHANGED')).toBe(true);
    expect(await availableIn('DC01')).toBe(0);
    const [{ held }] = await db.query<{ held: string }>(`SELECT sum(quantity) AS held FROM reservations WHERE status = 'held'`);
    expect(Number(held)).toBe(10);
  });

  it("takes a holder's claims all together or not at all", async () => {
    await expect(
      reservations.reserve('order-a', [
        { lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC01', quantity: 8 },
        { lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC02', quantity: 5 }, // only 4 there
      ]),
    ).rejects.toMatchObject({ code: 'PROMISE.STOCK_CHANGED' });
    expect(await availableIn('DC01')).toBe(10);
    expect(await reservations.held('order-a')).toEqual([]);
  });

  it('gives stock back once on release, however often release is called', async () => {
    await reservations.reserve('order-b', [{ lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC01', quantity: 6 }]);
    expect(await availableIn('DC01')).toBe(4);
    const [first, second] = await Promise.all([reservations.release('order-b'), reservations.release('order-b')]);
    expect(first.length + second.length).toBe(1);
    expect(await availableIn('DC01')).toBe(10);
  });

  it('lets a holder reserve again what it gave back (a retried order), and never hold one line and warehouse twice', async () => {
    const claim = { lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC01', quantity: 6 };
    await reservations.reserve('order-retry', [claim]);
    await reservations.release('order-retry');
    await reservations.reserve('order-retry', [{ ...claim, quantity: 7 }]);
    expect(await reservations.held('order-retry')).toEqual([{ holderId: 'order-retry', ...claim, quantity: 7 }]);
    expect(await availableIn('DC01')).toBe(3);
    await expect(reservations.reserve('order-retry', [{ ...claim, quantity: 1 }])).rejects.toMatchObject({ code: 'PROMISE.ALREADY_HELD' });
    expect(await availableIn('DC01')).toBe(3);
  });

  it('releases expired holds (a quote not taken up) and keeps the others', async () => {
    const now = new Date('2026-11-25T12:00:00Z');
    await reservations.reserve('quote-1', [{ lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC01', quantity: 3 }], { expiresAt: new Date(now.getTime() - 1) });
    await reservations.reserve('quote-2', [{ lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC01', quantity: 2 }], { expiresAt: new Date(now.getTime() + 60_000) });
    await reservations.reserve('order-c', [{ lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC01', quantity: 1 }]);
    const released = await reservations.releaseExpired(now);
    expect(released.map((r) => r.holderId)).toEqual(['quote-1']);
    expect(await availableIn('DC01')).toBe(7);
  });

  it("turns a released leg's hold into the WMS's allocation, sku by sku, never counting the stock as free", async () => {
    await reservations.reserve('order-e', [
      { lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC01', quantity: 6 },
      { lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC02', quantity: 2 },
    ]);
    expect(await availableIn('DC01')).toBe(4);
    // the WMS's allocation event states the new figure; the hold ends in the same transaction
    const converted = await db.transaction(async (tx) => {
      await atp.applyChange(tx, { sku: 'SKU-1', warehouseId: 'DC01', onHand: 30, allocated: 11, safetyStock: 10, qualityHold: 5 });
      return reservations.allocate(tx, 'order-e', 'DC01', 'SKU-1');
    });
    expect(converted).toEqual([{ holderId: 'order-e', lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC01', quantity: 6 }]);
    expect(await availableIn('DC01')).toBe(4);
    expect(await reservations.held('order-e')).toEqual([{ holderId: 'order-e', lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC02', quantity: 2 }]);
    // releasing the order afterwards gives back only what is still held
    await reservations.release('order-e');
    expect(await availableIn('DC02')).toBe(4);
    expect(await availableIn('DC01')).toBe(4);
  });

  it('ends, after a rebuild, the holds of legs released before it began (a lost allocation event), and only those', async () => {
    const order = async (orderId: string) => {
      await db.query(
        `INSERT INTO orders (order_id, channel, partner_id, customer_id, request_key, request_hash, purchase_order_number, status, ship_to, allow_partial_shipment)
         VALUES ($1::uuid, 'b2b', 'acme', '10100001', $1::text, 'h', 'PO', 'released', '{}', true)`,
        [orderId],
      );
    };
    const early = '00000000-0000-4000-8000-00000000000a';
    const late = '00000000-0000-4000-8000-00000000000b';
    await order(early);
    await order(late);
    await reservations.reserve(early, [{ lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC01', quantity: 3 }]);
    await reservations.reserve(late, [{ lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC01', quantity: 2 }]);
    await db.query(
      `INSERT INTO fulfillment_legs (order_id, warehouse_id, status, promised_ship_date, released_at) VALUES
         ($1, 'DC01', 'released', '2026-11-25', now() - interval '1 minute'), ($2, 'DC01', 'released', '2026-11-25', now() + interval '1 minute')`,
      [early, late],
    );
    const healed = await reservations.allocateReleasedBefore(new Date());
    expect(healed.map((h) => h.holderId)).toEqual([early]);
    expect(await reservations.held(late)).toHaveLength(1);
    // 10 free before; the early 3 now count as allocated by the WMS (in its next figures), the late 2 are still held
    expect(await availableIn('DC01')).toBe(10 - 2 + 0);
    await db.exec('DELETE FROM reservations; DELETE FROM fulfillment_legs; DELETE FROM orders;');
  });

  it("keeps its reservations when the WMS's figures are refreshed", async () => {
    await reservations.reserve('order-d', [{ lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC01', quantity: 4 }]);
    await atp.replaceAll([{ sku: 'SKU-1', warehouseId: 'DC01', onHand: 40, allocated: 5, safetyStock: 10, qualityHold: 5 }], [], []);
    expect(await availableIn('DC01')).toBe(16);
  });

  describe('quote hold share per partner (14 available: half is 7)', () => {
    const hold = (holderId: string, customerId: string, quantity: number, warehouseId = 'DC01') =>
      reservations.reserve(holderId, [{ lineNumber: 1, sku: 'SKU-1', warehouseId, quantity }], {
        expiresAt: new Date(Date.now() + 60_000),
        holdShare: { customerId, maxShare: 0.5 },
      });

    it("refuses a hold that takes the partner's holds of a SKU, across warehouses, over the share", async () => {
      await hold('quote-a1', 'C1', 5);
      await expect(hold('quote-a2', 'C1', 3, 'DC02')).rejects.toMatchObject({
        status: 422,
        code: 'QUOTE.HOLD_SHARE_EXCEEDED',
        extensions: { sku: 'SKU-1', maxHoldQuantity: 7, heldQuantity: 5, requestedQuantity: 3 },
      });
      await hold('quote-a3', 'C1', 2, 'DC02'); // up to the share
      // nothing was taken by the refused one
      expect((await atp.available(['SKU-1'])).reduce((sum, p) => sum + p.available, 0)).toBe(7);
      // another partner's share is of what is left (7: 3), and an order is not capped (it takes the last 4)
      await expect(hold('quote-b1', 'C2', 4)).rejects.toMatchObject({ code: 'QUOTE.HOLD_SHARE_EXCEEDED' });
      await hold('quote-b2', 'C2', 3);
      await reservations.reserve('order-1', [
        { lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC01', quantity: 2 },
        { lineNumber: 2, sku: 'SKU-1', warehouseId: 'DC02', quantity: 2 },
      ]);
    });

    it('counts released and expired-and-swept holds no more', async () => {
      await hold('quote-c1', 'C1', 7);
      await expect(hold('quote-c2', 'C1', 1)).rejects.toMatchObject({ code: 'QUOTE.HOLD_SHARE_EXCEEDED' });
      await reservations.release('quote-c1');
      await hold('quote-c3', 'C1', 7);
    });

    it('lets concurrent quotes of one partner together hold no more than the share', async () => {
      const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => hold(`quote-race-${i}`, 'C1', 1, i % 2 ? 'DC02' : 'DC01')));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(7);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      // DC02 holds only 4: a refusal may also be a stock change there, never an over-share hold
      expect(refused.every((r) => ['QUOTE.HOLD_SHARE_EXCEEDED', 'PROMISE.STOCK_CHANGED'].includes(r.reason.code))).toBe(true);
      const [{ held }] = await db.query<{ held: string }>(`SELECT sum(quantity) AS held FROM reservations WHERE status = 'held' AND customer_id = 'C1'`);
      expect(Number(held)).toBe(7);
    });
  });
});

(postgresUrl ? describe : describe.skip)('reservations from two instances sharing one PostgreSQL', () => {
  const url = postgresUrl!;
  let shared: SharedTestSchema;
  let instances: Database[];

  beforeAll(async () => {
    shared = await openSharedSchema(url, 'reservations', processMigrations);
    instances = shared.instances;
  });
  afterAll(() => shared.close());

  it('never reserves more than the 10 units left, whichever instance takes the order', async () => {
    const [a, b] = instances.map((db) => new ReservationRepository(db));
    await new AtpRepository(instances[0]).replaceAll([{ sku: 'SKU-9', warehouseId: 'DC01', onHand: 10, allocated: 0, safetyStock: 0, qualityHold: 0 }], [], []);
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 ? a : b).reserve(`order-${i}`, [{ lineNumber: 1, sku: 'SKU-9', warehouseId: 'DC01', quantity: 1 + (i % 3) }]),
      ),
    );
    const held = await instances[0].query<{ total: string }>(`SELECT coalesce(sum(quantity), 0) AS total FROM reservations WHERE status = 'held'`);
    expect(Number(held[0].total)).toBeLessThanOrEqual(10);
    expect(await new AtpRepository(instances[0]).available(['SKU-9'])).toEqual([{ sku: 'SKU-9', warehouseId: 'DC01', available: 10 - Number(held[0].total) }]);
    expect(results.some((r) => r.status === 'rejected')).toBe(true);
  });
});
