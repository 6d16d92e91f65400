import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import type { Json } from '../testing/sandbox-call.js';
import { useWmsWebhookSandbox } from '../testing/wms-webhook-sandbox.js';

const wmsAuth = { 'x-api-key': 'sandbox-wms-key' };

describe('control surface: inventory changes on the warehouse floor', () => {
  const { call, receiver, deliveries, settled } = useWmsWebhookSandbox();
  const records = async (item: string, site: string) =>
    (await call('GET', `/wms/api/stock?item=${item}&site=${site}`, undefined, wmsAuth)).body.records as Json[];
  /** Eaches of the available (status 10) records: on hand, allocated, and what can still be allocated. */
  const figures = async (item: string, site: string) => {
    const available = (await records(item, site)).filter((r) => r.status_code === 10);
    const onHand = available.reduce((sum, r) => sum + r.qty_on_hand * r.pack_qty, 0);
    const allocated = available.reduce((sum, r) => sum + r.qty_allocated * r.pack_qty, 0);
    return { onHand, allocated, free: onHand - allocated };
  };

  describe('POST /control/wms/receipts', () => {
    it('adds loose eaches on the given lot and emits INV_RECEIVED with the correlation id', async () => {
      const { status, body } = await call(
        'POST',
        '/control/wms/receipts',
        { sku: 'SKU-1001', warehouseId: 'DC02', quantity: 36, lot: 'L2411-02' },
        { 'x-correlation-id': 'corr-rcv' },
      );
      expect(status).toBe(202);
      expect(body).toEqual({
        eventId: expect.any(String),
        eventCode: 'INV_RECEIVED',
        sku: 'SKU-1001',
        warehouseId: 'DC02',
        change: 36,
        onHand: 436,
        allocated: 0,
        held: 0,
        available: 436,
      });
      expect(await records('SKU-1001', 'DC02')).toContainEqual(expect.objectContaining({ lot_no: 'L2411-02', uom: 'EA', qty_on_hand: 136, status_code: 10 }));

      await settled();
      expect(receiver.received).toEqual([
        {
          body: {
            event_id: body.eventId,
            event_code: 'INV_RECEIVED',
            event_ts: expect.any(String),
            site_id: 'DC02',
            lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 36, uom: 'EA', lot_no: 'L2411-02' }],
          },
          headers: expect.objectContaining({ 'x-correlation-id': 'corr-rcv' }),
        },
      ]);
    });

    it('puts a receipt without a lot on a new lot that the WMS allocates last', async () => {
      const { body } = await call('POST', '/control/wms/receipts', { sku: 'SKU-1001', warehouseId: 'DC01', quantity: 5 });
      expect(body).toMatchObject({ change: 5, available: 505 });
      expect(await records('SKU-1001', 'DC01')).toContainEqual(
        expect.objectContaining({ lot_no: 'RCV-000001', uom: 'EA', qty_on_hand: 5, qty_allocated: 0, status_code: 10, expiry_date: null }),
      );
      await settled();
      expect(receiver.received[0].body.lines).toEqual([{ line_no: 1, item_code: 'SKU-1001', qty: 5, uom: 'EA', lot_no: 'RCV-000001' }]);
    });
  });

  describe('POST /control/wms/adjustments', () => {
    it('writes stock off and emits INV_ADJUSTED with the signed delta and the reason', async () => {
      const { status, body } = await call(
        'POST',
        '/control/wms/adjustments',
        { sku: 'SKU-1001', warehouseId: 'DC01', delta: -17, reason: 'DAMAGED' },
        { 'x-correlation-id': 'corr-adj' },
      );
      expect(status).toBe(202);
      expect(body).toMatchObject({ eventCode: 'INV_ADJUSTED', change: -17, onHand: 531, held: 48, available: 483 });
      expect(await figures('SKU-1001', 'DC01')).toEqual({ onHand: 483, allocated: 0, free: 483 });
      await settled();
      expect(receiver.received.map((r) => [r.body.event_code, r.body.lines, r.body.reason_code, r.headers['x-correlation-id']])).toEqual([
        ['INV_ADJUSTED', [{ line_no: 1, item_code: 'SKU-1001', qty: -17, uom: 'EA' }], 'DAMAGED', 'corr-adj'],
      ]);
    });

    it('adds found stock', async () => {
      const { body } = await call('POST', '/control/wms/adjustments', { sku: 'SKU-1001', warehouseId: 'DC03', delta: 4 });
      expect(body).toMatchObject({ change: 4, available: 354 });
      await settled();
      expect(receiver.received[0].body).toMatchObject({ event_code: 'INV_ADJUSTED', site_id: 'DC03', lines: [{ qty: 4, uom: 'EA' }] });
      expect(receiver.received[0].body).not.toHaveProperty('reason_code');
    });

    it('never takes stock below what is allocated: 409, nothing changed, no event', async () => {
      const created = await call(
        'POST',
        '/wms/api/outbound-orders',
        { ext_ref: '4500000001', site_id: 'DC02', lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 390, uom: 'EA' }] },
        wmsAuth,
      );
      expect(created.status).toBe(201);
      await settled();
      receiver.reset();

      const refused = await call('POST', '/control/wms/adjustments', { sku: 'SKU-1001', warehouseId: 'DC02', delta: -11 });
      expect(refused).toEqual({ status: 409, body: { statusCode: 409, message: expect.stringContaining('only 10 EA are not allocated') } });
      expect(await figures('SKU-1001', 'DC02')).toEqual({ onHand: 400, allocated: 390, free: 10 });

      const allowed = await call('POST', '/control/wms/adjustments', { sku: 'SKU-1001', warehouseId: 'DC02', delta: -10 });
      expect(allowed.body).toMatchObject({ onHand: 390, allocated: 390, available: 0 });
      await settled();
      expect(receiver.received.map((r) => r.body.lines[0].qty)).toEqual([-10]);
    });
  });

  describe('POST /control/wms/cycle-counts', () => {
    it('sets the available on hand to the count and emits INV_COUNTED with the difference', async () => {
      const { status, body } = await call(
        'POST',
        '/control/wms/cycle-counts',
        { sku: 'SKU-1001', warehouseId: 'DC01', counted: 493 },
        { 'x-correlation-id': 'corr-cnt' },
      );
      expect(status).toBe(202);
      expect(body).toMatchObject({ eventCode: 'INV_COUNTED', change: -7, onHand: 541, held: 48, available: 493 });
      expect(await figures('SKU-1001', 'DC01')).toEqual({ onHand: 493, allocated: 0, free: 493 });

      const up = await call('POST', '/control/wms/cycle-counts', { sku: 'SKU-1001', warehouseId: 'DC01', counted: 510 });
      expect(up.body).toMatchObject({ change: 17, available: 510 });
      await settled();
      expect(receiver.received.map((r) => [r.body.event_code, r.body.lines[0].qty, r.headers['x-correlation-id']])).toEqual([
        ['INV_COUNTED', -7, 'corr-cnt'],
        ['INV_COUNTED', 17, undefined],
      ]);
    });

    it('counts down to zero, and refuses a count below what is allocated', async () => {
      await call(
        'POST',
        '/wms/api/outbound-orders',
        { ext_ref: '4500000002', site_id: 'DC03', lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 2, uom: 'CS' }] },
        wmsAuth,
      );
      const refused = await call('POST', '/control/wms/cycle-counts', { sku: 'SKU-1001', warehouseId: 'DC03', counted: 23 });
      expect(refused.status).toBe(409);
      expect(await figures('SKU-1001', 'DC03')).toEqual({ onHand: 350, allocated: 24, free: 326 });

      expect((await call('POST', '/control/wms/cycle-counts', { sku: 'SKU-1001', warehouseId: 'DC03', counted: 24 })).body).toMatchObject({
        change: -326,
        available: 0,
      });
      expect(await figures('SKU-1001', 'DC03')).toEqual({ onHand: 24, allocated: 24, free: 0 });
      expect((await call('POST', '/control/wms/cycle-counts', { sku: 'SKU-1002', warehouseId: 'DC01', counted: 0 })).body).toMatchObject({ available: 0 });
    });
  });

  it('emits OB_RELEASED for the allocation an outbound order makes at creation', async () => {
    const created = await call(
      'POST',
      '/wms/api/outbound-orders',
      { ext_ref: '4500000003', site_id: 'DC01', lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'CS' }] },
      { ...wmsAuth, 'x-correlation-id': 'corr-ob' },
    );
    await settled();
    expect(receiver.received.map((r) => [r.body.event_code, r.body.ob_order_id, r.body.lines, r.headers['x-correlation-id']])).toEqual([
      ['OB_RELEASED', created.body.ob_order_id, [{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'CS' }], 'corr-ob'],
    ]);
  });

  it('keeps the events of successive changes in order', async () => {
    await call('POST', '/control/wms/receipts', { sku: 'SKU-1003', warehouseId: 'DC02', quantity: 12 });
    await call('POST', '/control/wms/adjustments', { sku: 'SKU-1003', warehouseId: 'DC02', delta: -1 });
    await call('POST', '/control/wms/cycle-counts', { sku: 'SKU-1003', warehouseId: 'DC02', counted: 100 });
    await settled();
    expect(receiver.received.map((r) => r.body.event_code)).toEqual(['INV_RECEIVED', 'INV_ADJUSTED', 'INV_COUNTED']);
  });

  describe('bad requests change nothing', () => {
    it.each([
      ['receipts', { warehouseId: 'DC01', quantity: 1 }, 'sku'],
      ['receipts', { sku: 'SKU-1001', warehouseId: 'DC01', quantity: 0 }, 'quantity'],
      ['receipts', { sku: 'SKU-1001', warehouseId: 'DC01', quantity: 1.5 }, 'quantity'],
      ['receipts', { sku: 'SKU-1001', warehouseId: 'DC01', quantity: 1, lot: '' }, 'lot'],
      ['adjustments', { sku: 'SKU-1001', warehouseId: 'DC01', delta: 0 }, 'delta'],
      ['adjustments', { sku: 'SKU-1001', warehouseId: 'DC01', delta: '5' }, 'delta'],
      ['adjustments', { sku: 'SKU-1001', delta: 5 }, 'warehouseId'],
      ['cycle-counts', { sku: 'SKU-1001', warehouseId: 'DC01', counted: -1 }, 'counted'],
      ['cycle-counts', { sku: 'SKU-1001', warehouseId: 'DC01' }, 'counted'],
    ])('%s: rejects %j with 400', async (path, body, mentioned) => {
      const { status, body: error } = await call('POST', `/control/wms/${path}`, body);
      expect(status).toBe(400);
      expect(error).toEqual({ statusCode: 400, message: expect.stringContaining(mentioned) });
    });

    it.each([
      ['receipts', { sku: 'SKU-9999', warehouseId: 'DC01', quantity: 1 }, 'SKU-9999'],
      ['adjustments', { sku: 'SKU-1001', warehouseId: 'DC99', delta: 1 }, 'DC99'],
      ['cycle-counts', { sku: 'SKU-9999', warehouseId: 'DC01', counted: 1 }, 'SKU-9999'],
    ])('%s: answers 404 for an unknown sku or site (%j)', async (path, body, mentioned) => {
      const { status, body: error } = await call('POST', `/control/wms/${path}`, body);
      expect(status).toBe(404);
      expect(error).toEqual({ statusCode: 404, message: expect.stringContaining(mentioned) });
    });

    it('leaves stock and the event log untouched', async () => {
      await call('POST', '/control/wms/receipts', { sku: 'SKU-1001', warehouseId: 'DC01', quantity: -3 });
      await call('POST', '/control/wms/adjustments', { sku: 'SKU-1001', warehouseId: 'DC01', delta: -10_000 });
      await call('POST', '/control/wms/cycle-counts', { sku: 'SKU-9999', warehouseId: 'DC01', counted: 1 });
      expect(await figures('SKU-1001', 'DC01')).toEqual({ onHand: 500, allocated: 0, free: 500 });
      expect(await deliveries()).toEqual([]);
    });
  });
});
