import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually as eventuallyWithin } from '../../../../test/support/eventually.js';
import { createSandboxApp, defaultSandboxConfig } from '../sandbox.app.js';
import { sandboxCaller, type Json } from '../testing/sandbox-call.js';
import { WebhookReceiver } from '../testing/webhook-receiver.js';

const erpAuth = { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` };
const wmsAuth = { 'x-api-key': 'sandbox-wms-key' };
const omsAuth = { 'x-oms-token': 'sandbox-oms-token' };

/** One cheap, authenticated native read per system. */
const probes = {
  erp: { path: "/sap/opu/odata/sap/API_BUSINESS_PARTNER/A_Customer('10100001')", headers: erpAuth },
  wms: { path: '/wms/api/sites', headers: wmsAuth },
  oms: { path: '/oms/api/v2/orders', headers: omsAuth },
} as const;
type System = keyof typeof probes;
const systems = Object.keys(probes) as System[];

/** How fetch (undici) fails when the server closes the connection without answering. */
const socketClosed = { message: 'fetch failed', cause: { code: 'UND_ERR_SOCKET' } };

/** The shared helper, with this spec's shorter default wait and quicker polls. */
const eventually = <T>(read: () => Promise<T> | T, accept: (value: T) => boolean, timeoutMs = 3_000) => eventuallyWithin(read, accept, timeoutMs, 20);

describe('control surface', () => {
  let app: NestFastifyApplication;
  let base: string;
  let receiver: WebhookReceiver;
  let webhookUrl: string;

  const call = sandboxCaller(() => base);
  const native = (system: System) => fetch(`${base}${probes[system].path}`, { headers: probes[system].headers });
  const calls = async (system: string) => (await call('GET', `/control/${system}/calls`)).body.calls as Json[];
  const deliveries = async () => (await call('GET', '/control/wms/events')).body.events as Json[];
  /** Waits until the WMS has delivered (or given up on) every event emitted so far. */
  const eventsSettled = () =>
    eventually(deliveries, (events) => events.every((e) => e.status !== 'pending'), 6_000).then((events) =>
      expect(events.filter((e) => e.status === 'pending')).toEqual([]),
    );
  const createOutbound = async (extRef: string, lines: Json[], siteId = 'DC01', headers: Record<string, string> = {}) => {
    const { status, body } = await call(
      'POST',
      '/wms/api/outbound-orders',
      { ext_ref: extRef, site_id: siteId, ship_to: {}, lines },
      { ...wmsAuth, ...headers },
    );
    expect(status).toBe(201);
    return body;
  };
  /** Available, unreserved eaches of an item in DC01. */
  const freeEaches = async (item: string) => {
    const records = (await call('GET', `/wms/api/stock?item=${item}&site=DC01`, undefined, wmsAuth)).body.records as Json[];
    return records.filter((r) => r.status_code === 10).reduce((sum, r) => sum + (r.qty_on_hand - r.qty_allocated) * r.pack_qty, 0);
  };
  const ship = (id: string, body: Json, headers: Record<string, string> = {}) => call('POST', `/control/wms/fulfillment-orders/${id}/ship`, body, headers);

  beforeAll(async () => {
    app = await createSandboxApp({ ...defaultSandboxConfig, port: 0 });
    base = await app.getUrl();
    receiver = new WebhookReceiver();
    webhookUrl = await receiver.start();
  });
  beforeEach(async () => {
    await call('PUT', '/control/wms/webhook', { url: null });
    expect((await call('POST', '/control/reset')).status).toBe(204);
    receiver.reset();
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  describe('faults', () => {
    it.each(systems)('%s down: native requests fail at the socket, /control and the other systems still answer', async (system) => {
      const put = await call('PUT', `/control/${system}/faults`, { down: true });
      expect(put).toEqual({ status: 200, body: { down: true, latencyMs: 0, errorRate: 0, loseWriteAnswers: false } });

      await expect(native(system)).rejects.toMatchObject(socketClosed); // no status line at all
      expect((await call('GET', `/control/${system}/faults`)).body.down).toBe(true);
      expect((await call('GET', '/health/live')).status).toBe(200);
      for (const other of systems.filter((s) => s !== system)) expect((await native(other)).status).toBe(200);
      expect((await calls(system)).at(-1)).toMatchObject({ path: probes[system].path, status: 'dropped' });

      expect((await call('DELETE', `/control/${system}/faults`)).status).toBe(204);
      expect((await native(system)).status).toBe(200);
      expect((await call('GET', `/control/${system}/faults`)).body).toEqual({ down: false, latencyMs: 0, errorRate: 0, loseWriteAnswers: false });
    });

    it('down drops writes before they reach the backend', async () => {
      await call('PUT', '/control/oms/faults', { down: true });
      const write = fetch(`${base}/oms/api/v2/orders`, {
        method: 'POST',
        headers: { ...omsAuth, 'content-type': 'application/json' },
        body: JSON.stringify({ channel_ref: 'WEB-DOWN', channel: 'WEB', customer_ref: '10100001' }),
      });
      await expect(write).rejects.toMatchObject(socketClosed);
      await call('DELETE', '/control/oms/faults');
      expect((await call('GET', '/oms/api/v2/orders?channel_ref=WEB-DOWN', undefined, omsAuth)).body.items).toEqual([]);
    });

    it('latencyMs delays native answers but not /control, until reset', async () => {
      await call('PUT', '/control/wms/faults', { latencyMs: 400 });
      let started = Date.now();
      const delayed = native('wms');
      // While it waits, the call is logged without a status.
      expect(
        await eventually(
          () => calls('wms'),
          (logged) => logged.length > 0,
        ),
      ).toEqual([expect.objectContaining({ path: '/wms/api/sites', status: null })]);
      expect((await delayed).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(380);
      expect((await calls('wms'))[0].status).toBe(200);

      started = Date.now();
      await call('GET', '/control/wms/faults');
      await native('oms');
      expect(Date.now() - started).toBeLessThan(400);

      await call('DELETE', '/control/wms/faults');
      started = Date.now();
      await native('wms');
      expect(Date.now() - started).toBeLessThan(400);
    });

    it.each([
      ['erp', { error: { code: expect.any(String), message: { lang: 'en', value: expect.stringContaining('injected') } } }],
      ['wms', { err_code: 'E500', err_msg: expect.stringContaining('injected') }],
      ['oms', { code: 'INTERNAL_ERROR', message: expect.stringContaining('injected') }],
    ] as const)('errorRate 1 answers every %s request with a 500 in its native shape', async (system, shape) => {
      await call('PUT', `/control/${system}/faults`, { errorRate: 1 });
      for (let i = 0; i < 3; i++) {
        const response = await native(system);
        expect(response.status).toBe(500);
        expect(await response.json()).toEqual(shape);
      }
      expect((await call('GET', '/health/live')).status).toBe(200);
      await call('DELETE', `/control/${system}/faults`);
      expect((await native(system)).status).toBe(200);
    });

    it('errorRate 0.5 fails some native requests and answers the others', async () => {
      await call('PUT', '/control/wms/faults', { errorRate: 0.5 });
      const statuses = new Set<number>();
      for (let i = 0; i < 40; i++) statuses.add((await native('wms')).status); // all 40 alike: odds 2 in 2^40
      expect([...statuses].sort()).toEqual([200, 500]);
    });

    it('errorRate 1 fails a write without applying it', async () => {
      await call('PUT', '/control/oms/faults', { errorRate: 1 });
      const write = await call('POST', '/oms/api/v2/orders', { channel_ref: 'WEB-500', channel: 'WEB', customer_ref: '10100001' }, omsAuth);
      expect(write.status).toBe(500);
      await call('DELETE', '/control/oms/faults');
      expect((await call('GET', '/oms/api/v2/orders?channel_ref=WEB-500', undefined, omsAuth)).body.items).toEqual([]);
    });

    it('loseWriteAnswers carries out a write and drops its answer; reads are still answered', async () => {
      await call('PUT', '/control/oms/faults', { loseWriteAnswers: true });
      const write = fetch(`${base}/oms/api/v2/orders`, {
        method: 'POST',
        headers: { ...omsAuth, 'content-type': 'application/json' },
        body: JSON.stringify({ channel_ref: 'WEB-LOST', channel: 'WEB', customer_ref: '10100001' }),
      });
      await expect(write).rejects.toMatchObject(socketClosed);
      expect((await calls('oms')).at(-1)).toMatchObject({ method: 'POST', status: 'lost' });
      // the order exists although its caller never heard of it
      const read = await call('GET', '/oms/api/v2/orders?channel_ref=WEB-LOST', undefined, omsAuth);
      expect(read.status).toBe(200);
      expect(read.body.items).toHaveLength(1);
      await call('DELETE', '/control/oms/faults');
    });

    it('replaces the faults on each PUT: fields left out go back to normal', async () => {
      await call('PUT', '/control/erp/faults', { latencyMs: 5_000, errorRate: 0.5 });
      const replaced = await call('PUT', '/control/erp/faults', { down: false });
      expect(replaced.body).toEqual({ down: false, latencyMs: 0, errorRate: 0, loseWriteAnswers: false });
      expect((await native('erp')).status).toBe(200);
    });

    it('treats a null field like a missing one: back to normal, never null', async () => {
      const put = await call('PUT', '/control/erp/faults', { down: null, latencyMs: null, errorRate: 1 });
      expect(put.body).toEqual({ down: false, latencyMs: 0, errorRate: 1, loseWriteAnswers: false });
      expect((await call('GET', '/control/erp/faults')).body).toEqual({ down: false, latencyMs: 0, errorRate: 1, loseWriteAnswers: false });
    });

    it.each([
      [{ errorRate: 1.5 }, 'errorRate'],
      [{ errorRate: -0.1 }, 'errorRate'],
      [{ latencyMs: -1 }, 'latencyMs'],
      [{ latencyMs: 10.5 }, 'latencyMs'],
      [{ down: 'yes' }, 'down'],
    ])('rejects faults %j with 400 and keeps the previous ones', async (faults, field) => {
      await call('PUT', '/control/wms/faults', { latencyMs: 1 });
      const { status, body } = await call('PUT', '/control/wms/faults', faults);
      expect(status).toBe(400);
      expect(body.message).toContain(field);
      expect((await call('GET', '/control/wms/faults')).body).toEqual({ down: false, latencyMs: 1, errorRate: 0, loseWriteAnswers: false });
    });
  });

  describe('call log', () => {
    it('logs each native call with method, path, status and the correlation id sent, faulted ones included', async () => {
      const started = Date.now();
      await fetch(`${base}/wms/api/stock?item=SKU-1001`, { headers: { ...wmsAuth, 'x-correlation-id': 'corr-1' } });
      await fetch(`${base}/wms/api/sites`, { headers: { 'x-correlation-id': 'corr-2' } }); // no key: 401
      await call('POST', '/wms/api/outbound-orders', { ext_ref: 'X', site_id: 'DC01', lines: [] }, { ...wmsAuth, 'x-correlation-id': 'corr-3' });
      await fetch(`${base}/wms/api/nowhere`, { headers: wmsAuth });
      await call('PUT', '/control/wms/faults', { errorRate: 1 });
      await fetch(`${base}/wms/api/sites`, { headers: { ...wmsAuth, 'x-correlation-id': 'corr-5' } });
      await call('PUT', '/control/wms/faults', { down: true });
      await fetch(`${base}/wms/api/sites`, { headers: { ...wmsAuth, 'x-correlation-id': 'corr-6' } }).catch(() => undefined);
      await call('DELETE', '/control/wms/faults');

      const logged = await calls('wms');
      expect(logged).toEqual([
        { seq: expect.any(Number), at: expect.any(String), method: 'GET', path: '/wms/api/stock?item=SKU-1001', status: 200, correlationId: 'corr-1' },
        { seq: expect.any(Number), at: expect.any(String), method: 'GET', path: '/wms/api/sites', status: 401, correlationId: 'corr-2' },
        { seq: expect.any(Number), at: expect.any(String), method: 'POST', path: '/wms/api/outbound-orders', status: 400, correlationId: 'corr-3' },
        { seq: expect.any(Number), at: expect.any(String), method: 'GET', path: '/wms/api/nowhere', status: 404, correlationId: null },
        { seq: expect.any(Number), at: expect.any(String), method: 'GET', path: '/wms/api/sites', status: 500, correlationId: 'corr-5' },
        { seq: expect.any(Number), at: expect.any(String), method: 'GET', path: '/wms/api/sites', status: 'dropped', correlationId: 'corr-6' },
      ]);
      const seqs = logged.map((c) => c.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(Date.parse(logged[0].at)).toBeGreaterThanOrEqual(started - 1_000);
    });

    it('keeps one log per system and never logs /control or /health', async () => {
      await fetch(`${base}${probes.oms.path}`, { headers: { ...omsAuth, 'x-correlation-id': 'only-oms' } });
      await call('GET', '/control/oms/faults');
      await call('GET', '/health/ready');
      expect(await calls('oms')).toEqual([expect.objectContaining({ method: 'GET', path: probes.oms.path, status: 200, correlationId: 'only-oms' })]);
      expect(await calls('erp')).toEqual([]);
      expect(await calls('wms')).toEqual([]);
    });

    it('DELETE clears only that system’s log', async () => {
      await native('erp');
      await native('wms');
      expect((await call('DELETE', '/control/erp/calls')).status).toBe(204);
      expect(await calls('erp')).toEqual([]);
      expect(await calls('wms')).toHaveLength(1);
    });
  });

  it.each([
    ['GET', '/control/crm/faults'],
    ['PUT', '/control/crm/faults'],
    ['DELETE', '/control/crm/faults'],
    ['GET', '/control/crm/calls'],
    ['DELETE', '/control/crm/calls'],
  ])('%s %s answers 404 for an unknown system', async (method, path) => {
    const { status, body } = await call(method, path, method === 'PUT' ? { down: true } : undefined);
    expect(status).toBe(404);
    expect(body.message).toContain("Unknown system 'crm'");
  });

  describe('warehouse floor', () => {
    it('lists the WMS outbound orders of one ERP order, in eaches', async () => {
      const a = await createOutbound('4500000001', [
        { line_no: 1, item_code: 'SKU-1001', qty: 2, uom: 'CS' },
        { line_no: 2, item_code: 'SKU-1002', qty: 5, uom: 'EA' },
      ]);
      const b = await createOutbound('4500000001', [{ line_no: 1, item_code: 'SKU-1001', qty: 10, uom: 'EA' }], 'DC02');
      await createOutbound('4500000002', [{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'EA' }]);

      const { status, body } = await call('GET', '/control/wms/fulfillment-orders?erpOrderNumber=4500000001');
      expect(status).toBe(200);
      expect(body.orders.map((o: Json) => o.id)).toEqual([a.ob_order_id, b.ob_order_id]);
      expect(body.orders[0]).toEqual({
        id: a.ob_order_id,
        erpOrderNumber: '4500000001',
        warehouseId: 'DC01',
        status: 'released',
        statusCode: 100,
        carrier: null,
        trackingNumber: null,
        lines: [
          { lineNumber: 1, sku: 'SKU-1001', quantity: 24, orderedQuantity: 2, orderedUom: 'CS', allocated: 24, picked: 0, shipped: 0, lots: [] },
          { lineNumber: 2, sku: 'SKU-1002', quantity: 5, orderedQuantity: 5, orderedUom: 'EA', allocated: 5, picked: 0, shipped: 0, lots: [] },
        ],
      });
      expect((await call('GET', '/control/wms/fulfillment-orders?erpOrderNumber=4500000404')).body).toEqual({ orders: [] });
    });

    it('ships in full: emits OB_PICKED, OB_PACKED and OB_SHIPPED to the webhook, in order', async () => {
      await call('PUT', '/control/wms/webhook', { url: webhookUrl });
      const ob = await createOutbound(
        '4500000001',
        [
          { line_no: 1, item_code: 'SKU-1001', qty: 2, uom: 'CS' },
          { line_no: 2, item_code: 'SKU-1001', qty: 5, uom: 'EA' },
        ],
        'DC01',
        { 'x-correlation-id': 'corr-create' },
      );

      const shipped = await ship(
        ob.ob_order_id,
        { lines: [{ sku: 'SKU-1001', quantity: 29 }], carrier: 'FDEG', trackingNumber: 'TRK-1' },
        { 'x-correlation-id': 'corr-ship' },
      );
      expect(shipped.status).toBe(202);
      expect(shipped.body).toMatchObject({ status: 'shipped', statusCode: 500, carrier: 'FDEG', trackingNumber: 'TRK-1' });
      expect(shipped.body.lines.map((l: Json) => [l.picked, l.shipped])).toEqual([
        [24, 24],
        [5, 5],
      ]);

      await eventsSettled();
      const events = receiver.events(ob.ob_order_id);
      expect(events.map((e) => e.event_code)).toEqual(['OB_RELEASED', 'OB_PICKED', 'OB_PACKED', 'OB_SHIPPED']);
      const [, picked, packed, shippedEvent] = events;
      const lines = [
        { line_no: 1, item_code: 'SKU-1001', qty: 2, uom: 'CS', lot_no: 'L2409-01' },
        { line_no: 2, item_code: 'SKU-1001', qty: 5, uom: 'EA', lot_no: 'L2409-01' },
      ];
      expect(picked).toMatchObject({ site_id: 'DC01', ext_ref: '4500000001', lines });
      expect(packed.lines).toEqual(lines);
      expect(shippedEvent).toEqual({
        event_id: expect.any(String),
        event_code: 'OB_SHIPPED',
        event_ts: expect.any(String),
        site_id: 'DC01',
        ob_order_id: ob.ob_order_id,
        ext_ref: '4500000001',
        lines,
        carrier_scac: 'FDEG',
        tracking_no: 'TRK-1',
      });
      expect(new Set(events.map((e) => e.event_id)).size).toBe(4);
      // Each event carries the correlation id of the request that caused it.
      expect(receiver.received.map((r) => r.headers['x-correlation-id'])).toEqual(['corr-create', 'corr-ship', 'corr-ship', 'corr-ship']);

      const outbound = await call('GET', `/wms/api/outbound-orders/${ob.ob_order_id}`, undefined, wmsAuth);
      expect(outbound.body.status_history.map((h: Json) => h.status_code)).toEqual([100, 300, 400, 500]);
      // Shipped eaches leave on-hand stock and nothing stays reserved.
      const dc01 = (await call('GET', '/wms/api/stock?item=SKU-1001&site=DC01', undefined, wmsAuth)).body.records as Json[];
      const available = dc01.filter((r) => r.status_code === 10);
      expect(available.reduce((sum, r) => sum + r.qty_on_hand * r.pack_qty, 0)).toBe(500 - 29);
      expect(available.reduce((sum, r) => sum + r.qty_allocated, 0)).toBe(0);
    });

    it('ships everything as ordered when no lines are given, with a default carrier and a tracking number', async () => {
      await call('PUT', '/control/wms/webhook', { url: webhookUrl });
      const ob = await createOutbound('4500000001', [{ line_no: 1, item_code: 'SKU-1001', qty: 3, uom: 'CS' }]);
      const shipped = await ship(ob.ob_order_id, {});
      expect(shipped.body).toMatchObject({ status: 'shipped', carrier: 'UPSN', trackingNumber: expect.stringMatching(/^1Z[0-9A-F]{16}$/) });
      await eventsSettled();
      const last = receiver.events(ob.ob_order_id).at(-1)!;
      expect(last).toMatchObject({ event_code: 'OB_SHIPPED', carrier_scac: 'UPSN', tracking_no: shipped.body.trackingNumber, lines: [{ qty: 3, uom: 'CS' }] });
    });

    it('ships a short quantity: OB_SHORT_PICKED with what was picked, then OB_PACKED and OB_SHIPPED of the picked lines only', async () => {
      await call('PUT', '/control/wms/webhook', { url: webhookUrl });
      const sku1002Free = await freeEaches('SKU-1002');
      const ob = await createOutbound('4500000003', [
        { line_no: 1, item_code: 'SKU-1001', qty: 2, uom: 'CS' },
        { line_no: 2, item_code: 'SKU-1002', qty: 5, uom: 'EA' },
      ]);

      const shipped = await ship(ob.ob_order_id, {
        lines: [
          { sku: 'SKU-1001', quantity: 18 },
          { sku: 'SKU-1002', quantity: 0 },
        ],
        carrier: 'UPSN',
        trackingNumber: '1ZSHORT',
      });
      expect(shipped.status).toBe(202);
      expect(shipped.body).toMatchObject({ status: 'shipped', statusCode: 500 });
      expect(shipped.body.lines).toEqual([
        expect.objectContaining({ lineNumber: 1, quantity: 24, picked: 18, shipped: 18, lots: [{ lot: 'L2409-01', quantity: 18 }] }),
        expect.objectContaining({ lineNumber: 2, quantity: 5, picked: 0, shipped: 0, lots: [] }),
      ]);

      await eventsSettled();
      const events = receiver.events(ob.ob_order_id);
      expect(events.map((e) => e.event_code)).toEqual(['OB_RELEASED', 'OB_SHORT_PICKED', 'OB_PACKED', 'OB_SHIPPED']);
      const pickedLine = { line_no: 1, item_code: 'SKU-1001', qty: 18, uom: 'EA', lot_no: 'L2409-01' }; // 1.5 cases: reported in eaches
      expect(events[1].lines).toEqual([pickedLine, { line_no: 2, item_code: 'SKU-1002', qty: 0, uom: 'EA' }]);
      expect(events[2].lines).toEqual([pickedLine]);
      expect(events[3]).toMatchObject({ lines: [pickedLine], carrier_scac: 'UPSN', tracking_no: '1ZSHORT' });

      const outbound = await call('GET', `/wms/api/outbound-orders/${ob.ob_order_id}`, undefined, wmsAuth);
      expect(outbound.body.status_history.map((h: Json) => h.status_code)).toEqual([100, 350, 400, 500]);
      // The unpicked reservation goes back to available stock.
      expect(await freeEaches('SKU-1001')).toBe(500 - 18);
      expect(await freeEaches('SKU-1002')).toBe(sku1002Free);
    });

    it('leaves an order with nothing picked short-picked, without a shipment', async () => {
      await call('PUT', '/control/wms/webhook', { url: webhookUrl });
      const ob = await createOutbound('4500000004', [{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'CS' }]);
      const shipped = await ship(ob.ob_order_id, { lines: [{ sku: 'SKU-1001', quantity: 0 }] });
      expect(shipped.body).toMatchObject({ status: 'short_picked', statusCode: 350, carrier: null, trackingNumber: null });
      await eventsSettled();
      expect(receiver.events(ob.ob_order_id).map((e) => e.event_code)).toEqual(['OB_RELEASED', 'OB_SHORT_PICKED']);
    });

    it('retries a failed webhook delivery until the receiver accepts it', async () => {
      await call('PUT', '/control/wms/webhook', { url: webhookUrl });
      receiver.reset(500);
      const ob = await createOutbound('4500000005', [{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'EA' }]);

      await eventsSettled();
      expect(receiver.received.map((r) => r.body.event_code)).toEqual(['OB_RELEASED', 'OB_RELEASED']);
      expect(receiver.received[1].body).toEqual(receiver.received[0].body); // same event_id: a redelivery, not a new event
      expect(await deliveries()).toEqual([
        expect.objectContaining({ status: 'delivered', attempts: 2, event: expect.objectContaining({ ob_order_id: ob.ob_order_id }) }),
      ]);
    });

    it('gives up on an event after a few failed attempts and goes on with the next one', async () => {
      await call('PUT', '/control/wms/webhook', { url: webhookUrl });
      receiver.reset(500, 500, 500, 500, 500, 500, 500, 500);
      const failed = await createOutbound('4500000005', [{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'EA' }]);
      await eventually(deliveries, (events) => events[0]?.status !== 'pending', 6_000);
      const attempts = receiver.received.length;
      expect(attempts).toBeGreaterThan(1);
      receiver.reset();
      const next = await createOutbound('4500000006', [{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'EA' }]);
      await eventsSettled();

      expect(await deliveries()).toEqual([
        expect.objectContaining({ status: 'failed', attempts, lastError: 'HTTP 500', event: expect.objectContaining({ ob_order_id: failed.ob_order_id }) }),
        expect.objectContaining({ status: 'delivered', attempts: 1, event: expect.objectContaining({ ob_order_id: next.ob_order_id }) }),
      ]);
      expect(receiver.received.map((r) => r.body.ob_order_id)).toEqual([next.ob_order_id]);
    });

    it('keeps events in order when an earlier one needs a retry', async () => {
      await call('PUT', '/control/wms/webhook', { url: webhookUrl });
      const ob = await createOutbound('4500000006', [{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'CS' }]);
      await eventsSettled();
      receiver.reset(503); // OB_PICKED fails once
      await ship(ob.ob_order_id, {});
      await eventsSettled();
      expect(receiver.received.map((r) => r.body.event_code)).toEqual(['OB_PICKED', 'OB_PICKED', 'OB_PACKED', 'OB_SHIPPED']);
    });

    it('confirms delivery of a shipped order with OB_DELIVERED, and refuses it before shipping', async () => {
      await call('PUT', '/control/wms/webhook', { url: webhookUrl });
      const ob = await createOutbound('4500000011', [{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'CS' }]);
      const early = await call('POST', `/control/wms/fulfillment-orders/${ob.ob_order_id}/deliver`);
      expect(early.status).toBe(409);
      await ship(ob.ob_order_id, { carrier: 'FDEG', trackingNumber: 'TRK-9' });
      const delivered = await call('POST', `/control/wms/fulfillment-orders/${ob.ob_order_id}/deliver`);
      expect(delivered.body).toMatchObject({ status: 'delivered', statusCode: 600 });
      await eventsSettled();
      expect(receiver.events(ob.ob_order_id).at(-1)).toMatchObject({
        event_code: 'OB_DELIVERED',
        carrier_scac: 'FDEG',
        tracking_no: 'TRK-9',
        lines: [{ line_no: 1, qty: 1, uom: 'CS' }],
      });
    });

    it('sets, shows and clears the webhook URL, and rejects one that is not http(s)', async () => {
      expect(await call('PUT', '/control/wms/webhook', { url: webhookUrl })).toEqual({ status: 200, body: { url: webhookUrl } });
      expect((await call('GET', '/control/wms/webhook')).body).toEqual({ url: webhookUrl });
      for (const url of ['ftp://example.com/events', 'not a url', '']) {
        expect((await call('PUT', '/control/wms/webhook', { url })).status).toBe(400);
      }
      expect((await call('GET', '/control/wms/webhook')).body).toEqual({ url: webhookUrl });
      expect(await call('PUT', '/control/wms/webhook', { url: null })).toEqual({ status: 200, body: { url: null } });

      await createOutbound('4500000007', [{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'EA' }]);
      await eventsSettled();
      expect(await deliveries()).toEqual([expect.objectContaining({ status: 'no_webhook', attempts: 0 })]);
      expect(receiver.received).toEqual([]);
    });

    describe('bad ship requests change nothing', () => {
      let obOrderId: string;

      beforeEach(async () => {
        await call('PUT', '/control/wms/webhook', { url: webhookUrl });
        obOrderId = (await createOutbound('4500000008', [{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'CS' }])).ob_order_id;
        await eventsSettled();
        receiver.reset();
      });

      it.each([
        ['a negative quantity', { lines: [{ sku: 'SKU-1001', quantity: -1 }] }, 'quantity'],
        ['a fractional quantity', { lines: [{ sku: 'SKU-1001', quantity: 1.5 }] }, 'quantity'],
        ['a missing sku', { lines: [{ quantity: 1 }] }, 'sku'],
        ['a sku not on the order', { lines: [{ sku: 'SKU-1002', quantity: 1 }] }, 'SKU-1002'],
        ['more than ordered', { lines: [{ sku: 'SKU-1001', quantity: 13 }] }, 'SKU-1001'],
        ['an empty carrier', { carrier: '' }, 'carrier'],
      ])('rejects %s with 400', async (_, body, mentioned) => {
        const rejected = await ship(obOrderId, body);
        expect(rejected.status).toBe(400);
        expect(rejected.body.message).toContain(mentioned);

        const [order] = (await call('GET', '/control/wms/fulfillment-orders?erpOrderNumber=4500000008')).body.orders as Json[];
        expect(order).toMatchObject({ status: 'released', lines: [{ allocated: 12, picked: 0, shipped: 0 }] });
        await sleep(50);
        expect(receiver.received).toEqual([]);
      });

      it('answers 404 for an unknown outbound order', async () => {
        const missing = await ship('OB-999999', { lines: [{ sku: 'SKU-1001', quantity: 1 }] });
        expect(missing.status).toBe(404);
        expect(missing.body.message).toContain('OB-999999');
      });

      it('answers 409 to shipping an order twice, without new events', async () => {
        expect((await ship(obOrderId, {})).status).toBe(202);
        await eventsSettled();
        receiver.reset();
        const again = await ship(obOrderId, {});
        expect(again.status).toBe(409);
        await sleep(50);
        expect(receiver.received).toEqual([]);
      });
    });
  });

  it('POST /control/reset restores the seed and clears faults, call logs and orders, keeping the webhook', async () => {
    await call('PUT', '/control/wms/webhook', { url: webhookUrl });
    await createOutbound('4500000009', [{ line_no: 1, item_code: 'SKU-1001', qty: 500, uom: 'EA' }]);
    await call('POST', '/oms/api/v2/orders', { channel_ref: 'WEB-RESET', channel: 'WEB', customer_ref: '10100001' }, omsAuth);
    await call('PUT', '/control/erp/faults', { errorRate: 1 });
    await eventsSettled();

    expect((await call('POST', '/control/reset')).status).toBe(204);
    expect((await call('GET', '/control/erp/faults')).body).toEqual({ down: false, latencyMs: 0, errorRate: 0, loseWriteAnswers: false });
    for (const system of systems) expect(await calls(system)).toEqual([]);
    expect(await deliveries()).toEqual([]);
    expect((await call('GET', '/control/wms/webhook')).body).toEqual({ url: webhookUrl });

    expect(await freeEaches('SKU-1001')).toBe(500);
    expect((await call('GET', '/control/wms/fulfillment-orders')).body).toEqual({ orders: [] });
    expect((await call('GET', '/oms/api/v2/orders?channel_ref=WEB-RESET', undefined, omsAuth)).body.items).toEqual([]);
    expect((await native('erp')).status).toBe(200);
    expect((await createOutbound('4500000010', [{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'EA' }])).ob_order_id).toBe('OB-000001');
  });
  describe('drift (what reconciliation finds)', () => {
    it('changes stock silently: on hand moves, no event is emitted', async () => {
      await call('PUT', '/control/wms/webhook', { url: webhookUrl });
      const before = await freeEaches('SKU-1001');
      const drift = await call('POST', '/control/wms/drift/stock', { warehouseId: 'DC01', sku: 'SKU-1001', delta: -7 });
      expect(drift.status).toBe(200);
      expect(drift.body).toMatchObject({ sku: 'SKU-1001', warehouseId: 'DC01', available: before - 7 });
      expect(await freeEaches('SKU-1001')).toBe(before - 7);
      await sleep(50);
      expect(await deliveries()).toEqual([]);
      expect(receiver.received).toEqual([]);
      expect((await call('POST', '/control/wms/drift/stock', { warehouseId: 'DC01', sku: 'SKU-1001', delta: 0 })).status).toBe(400);
      expect((await call('POST', '/control/wms/drift/stock', { warehouseId: 'DC01', sku: 'SKU-1001', delta: -100_000 })).status).toBe(409);
    });

    it('drops the next events of a code: logged as dropped, never sent; the rest go out', async () => {
      await call('PUT', '/control/wms/webhook', { url: webhookUrl });
      const drop = await call('PUT', '/control/wms/drift/drop-events', { eventCodes: ['OB_SHIPPED'], count: 1 });
      expect(drop).toEqual({ status: 200, body: { pending: { OB_SHIPPED: 1 } } });
      expect((await call('PUT', '/control/wms/drift/drop-events', { eventCodes: ['NOT_A_CODE'], count: 1 })).status).toBe(400);
      const { ob_order_id: obOrderId } = await createOutbound('4500000011', [{ line_no: 1, item_code: 'SKU-1001', qty: 5, uom: 'EA' }]);
      expect((await ship(obOrderId, {})).status).toBe(202);
      await eventsSettled();
      expect(receiver.events(obOrderId).map((e) => e.event_code)).toEqual(['OB_RELEASED', 'OB_PICKED', 'OB_PACKED']);
      expect((await deliveries()).find((d) => d.event.event_code === 'OB_SHIPPED')).toMatchObject({ status: 'dropped', attempts: 0 });
      expect((await call('GET', '/control/wms/drift/drop-events')).body).toEqual({ pending: {} });
    });

    it('deletes ERP sales orders and billing documents and OMS orders silently; unknown ones are 404', async () => {
      const order = await call('POST', '/oms/api/v2/orders', { channel_ref: 'WEB-DRIFT', channel: 'WEB', customer_ref: '10100001' }, omsAuth);
      expect((await call('DELETE', `/control/oms/orders/${order.body.oms_id}`)).status).toBe(204);
      expect((await call('GET', `/oms/api/v2/orders/${order.body.oms_id}`, undefined, omsAuth)).status).toBe(404);
      expect((await call('DELETE', `/control/oms/orders/${order.body.oms_id}`)).status).toBe(404);
      expect((await call('DELETE', '/control/erp/sales-orders/4599999999')).status).toBe(404);
      expect((await call('DELETE', '/control/erp/billing-documents/99999999')).status).toBe(404);
    });
  });
});
