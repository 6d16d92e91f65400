import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Database } from '@platform';
import { processMigrations } from '../infrastructure/migrations.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { AtpRepository } from '../promising/atp/atp.repository.js';
import { StockChanges } from '../promising/atp/stock-changes.js';
import { ReservationRepository } from '../promising/reservations/reservation.repository.js';
import { OrderRepository, type FinalOrder, type NewOrder } from './order.repository.js';
import { acceptedClaim } from './place-order/claim-refusal.js';

const IN_FLIGHT_MS = 60_000;

// Claims decide which attempt of an order runs, and fence the attempts that lost: the same SQL on PGlite and PostgreSQL.
describe.each(databaseKinds)('order claims on %s', (_kind, url) => {
  let test: TestDatabase;
  let db: Database;
  let orders: OrderRepository;
  let reservations: ReservationRepository;
  let atp: AtpRepository;

  beforeAll(async () => {
    test = await openTestDatabase(url, 'orders', processMigrations);
    db = test.db;
    reservations = new ReservationRepository(db);
    atp = new AtpRepository(db);
    orders = new OrderRepository(db, reservations, new StockChanges());
    await atp.replaceAll([{ sku: 'SKU-1', warehouseId: 'DC01', onHand: 100, allocated: 0, safetyStock: 0, qualityHold: 0 }], [], []);
  });
  afterAll(() => test.close());

  // a refusal as PlaceOrderService reports it to the caller
  const claim = async (order: NewOrder, inFlightMs: number) => acceptedClaim(await orders.claim(order, inFlightMs), order.purchaseOrderNumber);
  const request = (key: string, purchaseOrderNumber: string): NewOrder => ({
    orderId: randomUUID(),
    channel: 'b2b',
    partnerId: 'acme',
    customerId: '10100001',
    requestKey: key,
    requestHash: `hash-of-${purchaseOrderNumber}`,
    purchaseOrderNumber,
    shipTo: { name: 'Dock', line1: '1 Main St', city: 'Columbus', region: 'OH', postalCode: '43004', country: 'US' },
    allowPartialShipment: true,
  });
  const final: FinalOrder = { status: 'accepted', currency: 'USD', totalAmount: 0, allowPartialShipment: true, billingPolicy: 'per_shipment', lines: [] };
  const available = async () => (await atp.available(['SKU-1']))[0].available;

  it('lets a failed attempt run again under its key, and fences the attempt it replaced', async () => {
    const first = await claim(request('k-1', 'PO-1'), IN_FLIGHT_MS);
    expect(first.kind).toBe('new');
    if (first.kind === 'done') throw new Error('unexpected');
    expect(await orders.recordErpOrder(first.orderId, first.attempt, '4500000001')).toBe(true);
    await orders.markFailed(first.orderId, first.attempt, 'UPSTREAM.UNAVAILABLE');

    const retry = await claim(request('k-1', 'PO-1'), IN_FLIGHT_MS);
    expect(retry).toMatchObject({ kind: 'retry', orderId: first.orderId, erpOrderNumber: '4500000001' });
    if (retry.kind === 'done') throw new Error('unexpected');
    // the first attempt, still running somewhere, can no longer write
    expect(await orders.recordErpOrder(first.orderId, first.attempt, '4500000099')).toBe(false);
    await expect(orders.finalize(first.orderId, first.attempt, final, undefined)).rejects.toMatchObject({ code: 'ORDER.ATTEMPT_SUPERSEDED' });
    await orders.markFailed(first.orderId, first.attempt, 'LATE');
    const placed = await orders.finalize(retry.orderId, retry.attempt, final, undefined);
    expect(placed).toMatchObject({ orderId: first.orderId, status: 'accepted', erpOrderNumber: '4500000001' });
  });

  it('hands a failed attempt of the PO, its ERP order and its stock, to a new key; then refuses any other key for the PO', async () => {
    const before = await available();
    const first = await claim(request('k-2a', 'PO-2'), IN_FLIGHT_MS);
    if (first.kind === 'done') throw new Error('unexpected');
    await reservations.reserve(first.orderId, [{ lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC01', quantity: 4 }]);
    await orders.recordErpOrder(first.orderId, first.attempt, '4500000002');
    // the process died here: the attempt stays pending with its stock held; another key for the PO waits while it is live
    await expect(claim(request('k-2b', 'PO-2'), IN_FLIGHT_MS)).rejects.toMatchObject({ status: 409, code: 'ORDER.PURCHASE_ORDER_IN_FLIGHT' });
    expect(await available()).toBe(before - 4);

    // once the in-flight timeout has passed, the new key takes over
    const second = await claim(request('k-2b', 'PO-2'), 0);
    expect(second).toMatchObject({ kind: 'retry', erpOrderNumber: '4500000002' });
    if (second.kind === 'done') throw new Error('unexpected');
    expect(second.orderId).not.toBe(first.orderId);
    expect(await available()).toBe(before);
    expect(await orders.recordErpOrder(first.orderId, first.attempt, '4500000002')).toBe(false);
    await orders.finalize(second.orderId, second.attempt, final, undefined);

    for (const key of ['k-2a', 'k-2c']) {
      await expect(claim(request(key, 'PO-2'), IN_FLIGHT_MS)).rejects.toMatchObject({
        status: 409,
        code: 'ORDER.DUPLICATE_PURCHASE_ORDER',
        extensions: { existingOrderId: second.orderId },
      });
    }
    expect(await claim(request('k-2b', 'PO-2'), IN_FLIGHT_MS)).toMatchObject({ kind: 'done', order: { orderId: second.orderId } });
  });

  it('lets one of concurrent claims for one PO under different keys run', async () => {
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => claim(request(`k-3-${i}`, 'PO-3'), IN_FLIGHT_MS)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(r.reason).toMatchObject({ status: 409, code: 'ORDER.PURCHASE_ORDER_IN_FLIGHT' });
    }
  });

  it('ends attempts abandoned past the in-flight timeout and gives their stock back; their key runs again with their ERP order', async () => {
    const before = await available();
    const first = await claim(request('k-5', 'PO-5'), IN_FLIGHT_MS);
    if (first.kind === 'done') throw new Error('unexpected');
    await reservations.reserve(first.orderId, [{ lineNumber: 1, sku: 'SKU-1', warehouseId: 'DC01', quantity: 3 }]);
    await orders.recordErpOrder(first.orderId, first.attempt, '4500000005');
    expect(await orders.abandonStale(IN_FLIGHT_MS)).toBe(0); // still within its time
    expect(await available()).toBe(before - 3);

    expect(await orders.abandonStale(0)).toBeGreaterThanOrEqual(1);
    expect(await available()).toBe(before);
    expect(await orders.recordErpOrder(first.orderId, first.attempt, '4500000005')).toBe(false);
    expect(await claim(request('k-5', 'PO-5'), IN_FLIGHT_MS)).toMatchObject({ kind: 'retry', orderId: first.orderId, erpOrderNumber: '4500000005' });
  });

  it('leaves the PO of a rejected or cancelled order free to be placed again', async () => {
    const first = await claim(request('k-4a', 'PO-4'), IN_FLIGHT_MS);
    if (first.kind === 'done') throw new Error('unexpected');
    await orders.finalize(first.orderId, first.attempt, { ...final, status: 'rejected', statusReason: 'NO_SUPPLY' }, undefined);
    expect(await claim(request('k-4b', 'PO-4'), IN_FLIGHT_MS)).toMatchObject({ kind: 'new' });
  });
});
