import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Database } from '@platform';
import { call, clearSandboxCalls, eventually, order, sandboxCalls, tokenFor, withSameKeyRetries } from './support/http.js';
import { serviceHeaders, TestStack } from './support/stack.js';
import { AtpProjectionService } from '../apps/process-apis/src/promising/atp/atp-projection.service.js';

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.parse(`${today()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('order promising: multi-warehouse sourcing, backorders against inbound supply, reservations', () => {
  let stack: TestStack;
  let acme: string;
  const b2b = (path: string, token: string, init: Parameters<typeof call>[1] = {}) =>
    call(`${stack.experienceUrl}/b2b/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const availability = async (sku: string) => (await b2b(`/availability?sku=${sku}&quantity=1&region=OH`, acme)).body;
  const place = (token: string, key: string, body: unknown) => b2b('/orders', token, { headers: { 'idempotency-key': key }, body });

  beforeAll(async () => {
    stack = await TestStack.start();
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('answers availability from the projection: ship and delivery dates per warehouse, inbound supply, and no backend call', async () => {
    await clearSandboxCalls(stack.sandboxUrl);
    const answer = await b2b('/availability?sku=SKU-1001&quantity=24&shipToPostalCode=43004', acme);
    expect(answer.status).toBe(200);
    expect(answer.body.stale).toBe(false);
    expect(answer.body.warehouses).toEqual([
      { warehouseId: 'DC01', available: 500, promisedShipDate: today(), transitDays: 1, estimatedDeliveryDate: inDays(1) },
      { warehouseId: 'DC02', available: 400, promisedShipDate: today(), transitDays: 3, estimatedDeliveryDate: inDays(3) },
      { warehouseId: 'DC03', available: 350, promisedShipDate: today(), transitDays: 5, estimatedDeliveryDate: inDays(5) },
    ]);
    expect(answer.body.inbound).toEqual(expect.arrayContaining([{ date: inDays(14), quantity: 600 }]));
    expect(await sandboxCalls(stack.sandboxUrl, 'wms')).toEqual([]);
    expect(await sandboxCalls(stack.sandboxUrl, 'erp')).toEqual([]);
  });

  it('quotes without reserving, and holds the stock for a while when asked', async () => {
    const before = await availability('SKU-1002');
    const plain = await b2b('/quotes', acme, {
      headers: { 'idempotency-key': 'quote-plain' },
      body: { lines: [{ lineNumber: 1, sku: 'SKU-1002', quantity: 10 }], shipTo: { region: 'TX' } },
    });
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ status: 'complete', lines: [{ lineNumber: 1, quantity: 10, backordered: { quantity: 0 }, rejected: { quantity: 0 } }] });
    expect(plain.body.holdExpiresAt).toBeUndefined();
    expect((await availability('SKU-1002')).totalAvailable).toBe(before.totalAvailable);

    const held = await b2b('/quotes', acme, {
      headers: { 'idempotency-key': 'quote-held' },
      body: { lines: [{ lineNumber: 1, sku: 'SKU-1002', quantity: 10 }], holdSeconds: 1 },
    });
    expect(held.status).toBe(200);
    expect(Date.parse(held.body.holdExpiresAt)).toBeGreaterThan(Date.now());
    expect((await availability('SKU-1002')).totalAvailable).toBe(before.totalAvailable - 10);
    // the hold runs out and the stock comes back
    const after = await eventually(
      () => availability('SKU-1002'),
      (a) => a.totalAvailable === before.totalAvailable,
      5_000,
    );
    expect(after.totalAvailable).toBe(before.totalAvailable);
  });

  it('refuses a bad quote with problem+json, before any backend is called', async () => {
    await clearSandboxCalls(stack.sandboxUrl);
    const bad = await b2b('/quotes', acme, {
      headers: { 'idempotency-key': 'quote-bad' },
      body: { lines: [{ lineNumber: 1, sku: 'SKU-1002', quantity: -1 }], holdSeconds: 5000 },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['holdSeconds', 'lines[0].quantity']);
    const unknown = await b2b('/quotes', acme, {
      headers: { 'idempotency-key': 'quote-unknown' },
      body: { lines: [{ lineNumber: 1, sku: 'SKU-NOPE', quantity: 1 }] },
    });
    expect(unknown.status).toBe(422);
    expect(await sandboxCalls(stack.sandboxUrl, 'erp')).toEqual([]);
  });

  it('sources 1,200 units from three warehouses as one ERP order with three legs, then backorders the next order against the purchase order', async () => {
    await clearSandboxCalls(stack.sandboxUrl);
    const first = await place(acme, 'promise-1200', order('PO-1200', [{ sku: 'SKU-1001', quantity: 1200 }]));
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('accepted');
    const [line] = first.body.lines;
    // nearest to Ohio first: DC01 (1 day), DC02 (3), DC03 (5)
    expect(line.legs).toEqual([
      { warehouseId: 'DC01', quantity: 500, promisedShipDate: today() },
      { warehouseId: 'DC02', quantity: 400, promisedShipDate: today() },
      { warehouseId: 'DC03', quantity: 300, promisedShipDate: today() },
    ]);
    expect(line.backordered).toEqual({ quantity: 0, promisedDate: null });
    const erpPosts = (await sandboxCalls(stack.sandboxUrl, 'erp')).filter((c) => c.method === 'POST' && c.path.includes('A_SalesOrder'));
    expect(erpPosts).toHaveLength(1);
    const erpOrder = await call(`${stack.sandboxUrl}/sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder('${first.body.erpOrderNumber}')?$expand=to_Item`, {
      headers: { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` },
    });
    expect(Number(erpOrder.body.d.to_Item.results[0].RequestedQuantity)).toBe(1200);

    // 50 left (in DC03); the rest waits for the 600 due at DC02 in 14 days
    expect((await availability('SKU-1001')).totalAvailable).toBe(50);
    const second = await place(acme, 'promise-300', order('PO-300', [{ sku: 'SKU-1001', quantity: 300 }]));
    expect(second.status).toBe(201);
    expect(second.body.status).toBe('accepted');
    expect(second.body.statusReason).toBe('PARTIALLY_BACKORDERED');
    expect(second.body.lines[0]).toMatchObject({
      status: 'backordered',
      legs: [{ warehouseId: 'DC03', quantity: 50, promisedShipDate: today() }],
      backordered: { quantity: 250, promisedDate: inDays(14) },
      rejected: { quantity: 0 },
    });
    // the partner reads the same promise back
    const readBack = await b2b(`/orders/${second.body.orderId}`, acme);
    expect(readBack.body.lines[0].backordered).toEqual({ quantity: 250, promisedDate: inDays(14) });
    // what the backorder was promised is no longer free supply
    expect((await availability('SKU-1001')).inbound).toEqual([
      { date: inDays(14), quantity: 350 },
      { date: inDays(30), quantity: 400 },
    ]);
  });

  it('rejects a ship-complete order no single warehouse can fill when the customer says reject, and creates nothing in the ERP', async () => {
    const { PartnerRepository } = await import('../apps/experience-apis/src/auth/partner.repository.js');
    await stack.experience.get(PartnerRepository).seed([{ partnerId: 'strict-co', name: 'Strict Co', customerId: '10100003', secret: 'strict-secret' }]);
    const strict = await tokenFor(stack.experienceUrl, 'strict-co', 'strict-secret');
    const stock = (await availability('SKU-1004')).warehouses.map((w: { available: number }) => w.available);
    await clearSandboxCalls(stack.sandboxUrl);
    const placed = await place(strict, 'strict-1', order('PO-STRICT', [{ sku: 'SKU-1004', quantity: Math.max(...stock) + 1 }]));
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ status: 'rejected', statusReason: 'SHIP_COMPLETE_IMPOSSIBLE', allowPartialShipment: false });
    expect(placed.body.lines[0].rejected).toEqual({ quantity: Math.max(...stock) + 1, reason: 'SHIP_COMPLETE_IMPOSSIBLE' });
    expect((await sandboxCalls(stack.sandboxUrl, 'erp')).filter((c) => c.method === 'POST')).toEqual([]);
    expect((await availability('SKU-1004')).warehouses.map((w: { available: number }) => w.available)).toEqual(stock);
  });

  it('follows WMS stock changes through inventory events, without a rebuild', async () => {
    const before = await availability('SKU-1006');
    const dc01 = before.warehouses.find((w: { warehouseId: string }) => w.warehouseId === 'DC01').available;
    const received = await call(`${stack.sandboxUrl}/control/wms/receipts`, { body: { sku: 'SKU-1006', warehouseId: 'DC01', quantity: 36 } });
    expect(received.status).toBe(202);
    const after = await eventually(
      () => availability('SKU-1006'),
      (a) => a.warehouses.find((w: { warehouseId: string }) => w.warehouseId === 'DC01').available === dc01 + 36,
    );
    expect(after.warehouses.find((w: { warehouseId: string }) => w.warehouseId === 'DC01').available).toBe(dc01 + 36);
  });

  it('applies an inventory event once however often it arrives, and refuses one with bad figures', async () => {
    const envelope = (id: string, data: Record<string, unknown>) => ({
      id,
      type: 'inventory.changed',
      version: 1,
      occurredAt: new Date().toISOString(),
      correlationId: 'e2e-inventory',
      source: 'system-apis/wms',
      subject: 'inventory/SKU-1010/DC02',
      data,
    });
    const figures = {
      sku: 'SKU-1010',
      warehouseId: 'DC02',
      onHand: 77,
      allocated: 7,
      reserved: 0,
      safetyStock: 0,
      qualityHold: 0,
      inTransit: [],
      available: 70,
      reason: 'cycle_count',
    };
    const id = '5b0f4c1e-1111-4a7e-9b2a-1f2e3d4c5b6a';
    const first = await call(`${stack.processUrl}/v1/events`, { headers: await serviceHeaders('process-apis', 'system-apis'), body: envelope(id, figures) });
    expect(first.body).toEqual({ eventId: id, duplicate: false });
    const dc02 = async () => (await availability('SKU-1010')).warehouses.find((w: { warehouseId: string }) => w.warehouseId === 'DC02')?.available;
    expect(await dc02()).toBe(70);
    // a redelivery with other figures is recognised by its id and not applied again
    const again = await call(`${stack.processUrl}/v1/events`, {
      headers: await serviceHeaders('process-apis', 'system-apis'),
      body: envelope(id, { ...figures, onHand: 1 }),
    });
    expect(again.body).toEqual({ eventId: id, duplicate: true });
    expect(await dc02()).toBe(70);

    const bad = await call(`${stack.processUrl}/v1/events`, {
      headers: await serviceHeaders('process-apis', 'system-apis'),
      body: envelope('5b0f4c1e-2222-4a7e-9b2a-1f2e3d4c5b6a', { ...figures, onHand: -5 }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'data.onHand', messages: [expect.any(String)] }]);
    expect(await dc02()).toBe(70);
  });

  it('keeps an inventory event it cannot apply now and applies it once later, over the bus', async () => {
    const projection = stack.process.get(AtpProjectionService);
    // the projection's store fails once (e.g. a lost connection): the event must not be lost with the answer
    const failOnce = jest.spyOn(projection, 'applyChange').mockRejectedValueOnce(new Error('connection lost'));
    const id = '5b0f4c1e-3333-4a7e-9b2a-1f2e3d4c5b6a';
    const event = {
      id,
      type: 'inventory.changed',
      version: 1,
      occurredAt: new Date().toISOString(),
      correlationId: 'e2e-inventory-retry',
      source: 'system-apis/wms',
      subject: 'inventory/SKU-1010/DC03',
      data: {
        sku: 'SKU-1010',
        warehouseId: 'DC03',
        onHand: 55,
        allocated: 5,
        reserved: 0,
        safetyStock: 0,
        qualityHold: 0,
        inTransit: [],
        available: 50,
        reason: 'cycle_count',
      },
    };
    try {
      const taken = await call(`${stack.processUrl}/v1/events`, { headers: await serviceHeaders('process-apis', 'system-apis'), body: event });
      expect(taken.status).toBe(202);
      expect(taken.body).toEqual({ eventId: id, duplicate: false });
      const dc03 = async () => (await availability('SKU-1010')).warehouses.find((w: { warehouseId: string }) => w.warehouseId === 'DC03')?.available;
      expect(
        await eventually(
          () => dc03(),
          (available) => available === 50,
        ),
      ).toBe(50);
      expect(failOnce).toHaveBeenCalledTimes(2);
      const applied = await stack.process.get(Database).query<{ n: number }>(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [id]);
      expect(applied[0]!.n).toBe(1);
    } finally {
      failOnce.mockRestore();
    }
  });

  it('never oversells: 50 concurrent orders for the last 10 units reserve exactly 10, and the projection, reservations and WMS agree', async () => {
    // leave exactly 10 units of SKU-1007 in DC01 and none elsewhere
    for (const [warehouseId, counted] of [
      ['DC01', 10],
      ['DC02', 0],
      ['DC03', 0],
    ] as const) {
      const counting = await call(`${stack.sandboxUrl}/control/wms/cycle-counts`, { body: { sku: 'SKU-1007', warehouseId, counted } });
      expect(counting.status).toBe(202);
    }
    const ready = await eventually(
      () => availability('SKU-1007'),
      (a) => a.totalAvailable === 10,
    );
    expect(ready.totalAvailable).toBe(10);

    // 50 at once can outlast a deadline on a loaded machine: the partner retries with the same key, as documented
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => withSameKeyRetries(() => place(acme, `last-units-${i}`, order(`PO-LAST-${i}`, [{ sku: 'SKU-1007', quantity: 1 }])))),
    );
    expect(results.filter((r) => r.status !== 201).map((r) => [r.status, r.body])).toEqual([]);
    const shipped = results.filter((r) => r.body.lines[0].legs.length === 1);
    const rest = results.filter((r) => r.body.lines[0].legs.length === 0);
    expect(shipped).toHaveLength(10);
    expect(shipped.every((r) => r.body.lines[0].legs[0].warehouseId === 'DC01' && r.body.lines[0].legs[0].quantity === 1)).toBe(true);
    // ACME takes backorders; SKU-1007 has no inbound supply, so what can't ship is rejected
    expect(rest).toHaveLength(40);
    expect(rest.every((r) => r.body.status === 'rejected' && r.body.lines[0].rejected.reason === 'NO_SUPPLY')).toBe(true);

    const db = stack.process.get(Database);
    const claims = async () =>
      db.query<{ status: string; total: string }>(
        `SELECT status, sum(quantity) AS total FROM reservations WHERE sku = 'SKU-1007' GROUP BY status ORDER BY status`,
      );
    // the ten orders are released to DC01 and their holds become the WMS's allocations
    const settled = await eventually(claims, (rows) => rows.length === 1 && rows[0].status === 'allocated', 15_000);
    expect(settled.map((r) => [r.status, Number(r.total)])).toEqual([['allocated', 10]]);
    const [position] = await db.query<{ on_hand: number; allocated: number; quality_hold: number; reserved: number }>(
      `SELECT on_hand, allocated, quality_hold, reserved FROM atp_positions WHERE sku = 'SKU-1007' AND warehouse_id = 'DC01'`,
    );
    const wms = await call(`${stack.sandboxUrl}/wms/api/stock?item=SKU-1007&site=DC01`, { headers: { 'x-api-key': 'sandbox-wms-key' } });
    const records = wms.body.records as { qty_on_hand: number; qty_allocated: number; pack_qty: number; status_code: number }[];
    const eaches = (pick: (r: (typeof records)[number]) => number, keep: (r: (typeof records)[number]) => boolean = () => true) =>
      records.filter(keep).reduce((sum, r) => sum + pick(r) * r.pack_qty, 0);
    // the projection holds the WMS's figures, nothing is left reserved, and the WMS has nothing free
    expect(position).toEqual({
      on_hand: eaches((r) => r.qty_on_hand),
      allocated: eaches((r) => r.qty_allocated),
      quality_hold: eaches(
        (r) => r.qty_on_hand,
        (r) => r.status_code !== 10,
      ),
      reserved: 0,
    });
    expect(
      eaches(
        (r) => r.qty_on_hand - r.qty_allocated,
        (r) => r.status_code === 10,
      ),
    ).toBe(0);
    expect((await availability('SKU-1007')).totalAvailable).toBe(0);
  });
});

(process.env.DATABASE_URL ? describe : describe.skip)('no oversell across two process instances sharing one PostgreSQL', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start();
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('lets 60 orders split across both instances reserve exactly the last 10 units', async () => {
    const secondUrl = await stack.startSecondInstance();
    const tokens = [await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret'), await tokenFor(secondUrl, 'acme', 'acme-demo-secret')];
    for (const [warehouseId, counted] of [
      ['DC01', 10],
      ['DC02', 0],
      ['DC03', 0],
    ] as const) {
      const counting = await call(`${stack.sandboxUrl}/control/wms/cycle-counts`, { body: { sku: 'SKU-1007', warehouseId, counted } });
      expect([counting.status, counting.body]).toEqual([202, expect.anything()]);
    }
    const availability = () =>
      call(`${stack.experienceUrl}/b2b/v1/availability?sku=SKU-1007&quantity=1`, { headers: { authorization: `Bearer ${tokens[0]}` } }).then((r) => r.body);
    expect((await eventually(availability, (a) => a.totalAvailable === 10)).totalAvailable).toBe(10);

    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        withSameKeyRetries(() =>
          call(`${i % 2 ? secondUrl : stack.experienceUrl}/b2b/v1/orders`, {
            headers: { authorization: `Bearer ${tokens[i % 2]}`, 'idempotency-key': `two-instances-${i}` },
            body: order(`PO-TWO-${i}`, [{ sku: 'SKU-1007', quantity: 1 }]),
          }),
        ),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(results.filter((r) => r.body.lines[0].legs.length === 1)).toHaveLength(10);
    const [reserved] = await stack.process
      .get(Database)
      .query<{ total: string }>(`SELECT coalesce(sum(quantity), 0) AS total FROM reservations WHERE sku = 'SKU-1007' AND status IN ('held', 'allocated')`);
    expect(Number(reserved.total)).toBe(10);
  });
});

describe('availability while the WMS is down', () => {
  let stack: TestStack;
  let acme: string;

  beforeAll(async () => {
    // rebuilt every 300 ms, so a failing WMS shows within a second
    stack = await TestStack.start({ atpRefreshMs: 300 });
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
  });
  afterAll(async () => {
    await call(`${stack.sandboxUrl}/control/wms/faults`, { method: 'DELETE' });
    await stack.stop();
  });

  it('still answers from the projection, says it is stale, and is fresh again once the WMS is back', async () => {
    const read = () => call(`${stack.experienceUrl}/b2b/v1/availability?sku=SKU-1001&quantity=1`, { headers: { authorization: `Bearer ${acme}` } });
    const fresh = await eventually(read, (r) => r.body.stale === false, 5_000);
    expect(fresh.body).toMatchObject({ stale: false, totalAvailable: 1250 });

    await call(`${stack.sandboxUrl}/control/wms/faults`, { method: 'PUT', body: { down: true } });
    const stale = await eventually(read, (r) => r.body.stale === true, 5_000);
    expect(stale.status).toBe(200);
    expect(stale.body).toMatchObject({ stale: true, totalAvailable: 1250 });
    expect(Date.parse(stale.body.asOf)).toBeLessThanOrEqual(Date.now());

    await call(`${stack.sandboxUrl}/control/wms/faults`, { method: 'DELETE' });
    const back = await eventually(read, (r) => r.body.stale === false, 15_000);
    expect(back.body.stale).toBe(false);
  });
});
