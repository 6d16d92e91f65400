import 'reflect-metadata';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import type { Json } from '../testing/sandbox-call.js';
import { useWmsWebhookSandbox } from '../testing/wms-webhook-sandbox.js';

const wmsAuth = { 'x-api-key': 'sandbox-wms-key' };

describe('WMS emulator: expected inbound returns (RMA orders), their receipt on the floor and RMA_RECEIVED', () => {
  const { call, receiver, deliveries, settled } = useWmsWebhookSandbox();
  const wms = (method: string, path: string, body?: unknown, headers: Record<string, string> = wmsAuth) => call(method, `/wms/api${path}`, body, headers);
  const announce = (body: object) => wms('POST', '/rma-orders', body);
  const receive = (id: string, lines: Json[], headers: Record<string, string> = {}) => call('POST', `/control/wms/returns/${id}/receive`, { lines }, headers);
  /** Eaches of the available (status 10) records of an item at a site. */
  const available = async (item: string, site: string) =>
    ((await wms('GET', `/stock?item=${item}&site=${site}`)).body.records as Json[])
      .filter((r) => r.status_code === 10)
      .reduce((sum, r) => sum + (r.qty_on_hand - r.qty_allocated) * r.pack_qty, 0);
  const rma20 = { ext_ref: '60000001', site_id: 'DC01', lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 20, lot_no: 'L2410-01' }] };

  describe('native API: /wms/api/rma-orders', () => {
    it('needs the API key', async () => {
      for (const [method, path] of [
        ['GET', '/rma-orders'],
        ['POST', '/rma-orders'],
        ['GET', '/rma-orders/RMA-000001'],
      ]) {
        expect(await wms(method!, path!, method === 'POST' ? rma20 : undefined, {})).toEqual({
          status: 401,
          body: { err_code: 'E401', err_msg: 'Missing or invalid X-Api-Key' },
        });
      }
    });

    it('announces a return with status 100, cases converted to eaches, lines numbered by position and in EA by default', async () => {
      const { status, body } = await announce({
        ext_ref: '60000001',
        site_id: 'DC02',
        lines: [
          { item_code: 'SKU-1001', qty: 2, uom: 'CS' },
          { item_code: 'SKU-1003', qty: 5 },
        ],
      });
      expect(status).toBe(201);
      expect(body).toEqual({
        rma_id: 'RMA-000001',
        ext_ref: '60000001',
        site_id: 'DC02',
        status_code: 100,
        over_received: false,
        created_ts: expect.any(String),
        updated_ts: expect.any(String),
        received_ts: null,
        lines: [
          { line_no: 1, item_code: 'SKU-1001', qty: 2, uom: 'CS', qty_ea: 24, lot_no: null, qty_received_ea: 0, qty_over_ea: 0, receipts: [] },
          { line_no: 2, item_code: 'SKU-1003', qty: 5, uom: 'EA', qty_ea: 5, lot_no: null, qty_received_ea: 0, qty_over_ea: 0, receipts: [] },
        ],
      });
      expect((await wms('GET', '/rma-orders/RMA-000001')).body).toEqual(body);
      expect(await wms('GET', '/rma-orders/RMA-000009')).toEqual({ status: 404, body: { err_code: 'E404', err_msg: 'RMA order RMA-000009 not found' } });
      expect(receiver.received).toEqual([]); // announcing emits nothing
    });

    it('is idempotent on ext_ref: a second create answers the first order with 200 and ignores its body', async () => {
      const first = await announce(rma20);
      const again = await announce({ ...rma20, site_id: 'DC03', lines: [{ item_code: 'SKU-1002', qty: 1 }] });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect((await wms('GET', '/rma-orders')).body.rma_orders).toHaveLength(1);
    });

    it('lists by ext_ref, site and status', async () => {
      await announce(rma20);
      await announce({ ...rma20, ext_ref: '60000002', site_id: 'DC02' });
      await receive('RMA-000001', [{ sku: 'SKU-1001', quantity: 20, disposition: 'restock' }]);
      const ids = async (query: string) => (await wms('GET', `/rma-orders${query}`)).body.rma_orders.map((o: Json) => o.rma_id);
      expect(await ids('')).toEqual(['RMA-000001', 'RMA-000002']);
      expect(await ids('?ext_ref=60000002')).toEqual(['RMA-000002']);
      expect(await ids('?site_id=DC01')).toEqual(['RMA-000001']);
      expect(await ids('?status_code=300')).toEqual(['RMA-000001']);
      expect(await ids('?status_code=100&site_id=DC01')).toEqual([]);
      expect((await wms('GET', '/rma-orders?status_code=open')).status).toBe(400);
    });

    it('refuses an unknown site or item, repeated line numbers or items and malformed lines, and creates nothing', async () => {
      const refused = async (body: object) => {
        const answer = await announce(body);
        expect(answer.status).toBe(400);
        expect(answer.body.err_code).toBe('E400');
        return answer.body.err_msg as string;
      };
      expect(await refused({ ...rma20, site_id: 'DC09' })).toBe('Unknown site_id DC09');
      expect(await refused({ ...rma20, lines: [{ item_code: 'SKU-9999', qty: 1 }] })).toBe('Unknown item_code SKU-9999');
      expect(
        await refused({
          ...rma20,
          lines: [
            { line_no: 1, item_code: 'SKU-1001', qty: 1 },
            { line_no: 1, item_code: 'SKU-1002', qty: 1 },
          ],
        }),
      ).toBe('Duplicate line_no');
      expect(
        await refused({
          ...rma20,
          lines: [
            { item_code: 'SKU-1001', qty: 1, lot_no: 'A' },
            { item_code: 'SKU-1001', qty: 1, lot_no: 'B' },
          ],
        }),
      ).toBe('Duplicate item_code: one line per item');
      expect(await refused({ ...rma20, lines: [{ item_code: 'SKU-1001', qty: 0, uom: 'PAL' }] })).toEqual(expect.stringContaining('lines[0].qty'));
      expect(await refused({ site_id: 'DC01', lines: [] })).toEqual(expect.stringContaining('ext_ref'));
      expect((await wms('GET', '/rma-orders')).body.rma_orders).toEqual([]);
      expect((await announce(rma20)).body.rma_id).toBe('RMA-000001');
    });
  });

  describe('POST /control/wms/returns/{id}/receive', () => {
    it('restocks 15 and scraps 5: stock rises by 15, RMA_RECEIVED then INV_RECEIVED go out signed, with the correlation id', async () => {
      await announce(rma20);
      expect(await available('SKU-1001', 'DC01')).toBe(500);
      const { status, body } = await receive(
        'RMA-000001',
        [
          { sku: 'SKU-1001', quantity: 15, disposition: 'restock' },
          { sku: 'SKU-1001', quantity: 5, disposition: 'scrap' },
        ],
        { 'x-correlation-id': 'corr-rma' },
      );
      expect(status).toBe(202);
      expect(body).toEqual({
        id: 'RMA-000001',
        rmaNumber: '60000001',
        warehouseId: 'DC01',
        status: 'received',
        statusCode: 300,
        overReceived: false,
        receivedAt: expect.any(String),
        lines: [
          {
            lineNumber: 1,
            sku: 'SKU-1001',
            expected: 20,
            received: 20,
            over: 0,
            lot: 'L2410-01',
            receipts: [
              { disposition: 'restock', quantity: 15, lot: 'L2410-01' },
              { disposition: 'scrap', quantity: 5, lot: 'L2410-01' },
            ],
          },
        ],
        receivedEventId: expect.any(String),
        inventoryEventIds: [expect.any(String)],
      });
      expect(await available('SKU-1001', 'DC01')).toBe(515);
      expect((await wms('GET', '/stock?item=SKU-1001&site=DC01')).body.records).toContainEqual(
        expect.objectContaining({ lot_no: 'L2410-01', uom: 'EA', qty_on_hand: 15, status_code: 10 }),
      );
      expect((await wms('GET', '/rma-orders/RMA-000001')).body).toMatchObject({
        status_code: 300,
        received_ts: expect.any(String),
        lines: [
          {
            qty_received_ea: 20,
            qty_over_ea: 0,
            receipts: [
              { disposition_code: 'RESTOCK', qty_ea: 15, lot_no: 'L2410-01' },
              { disposition_code: 'SCRAP', qty_ea: 5, lot_no: 'L2410-01' },
            ],
          },
        ],
      });

      await settled();
      expect(receiver.received.map((r) => r.body)).toEqual([
        {
          event_id: body.receivedEventId,
          event_code: 'RMA_RECEIVED',
          event_ts: expect.any(String),
          site_id: 'DC01',
          rma_id: 'RMA-000001',
          ext_ref: '60000001',
          over_received: false,
          lines: [
            { line_no: 1, item_code: 'SKU-1001', qty: 15, uom: 'EA', lot_no: 'L2410-01', disposition_code: 'RESTOCK' },
            { line_no: 1, item_code: 'SKU-1001', qty: 5, uom: 'EA', lot_no: 'L2410-01', disposition_code: 'SCRAP' },
          ],
        },
        {
          event_id: body.inventoryEventIds[0],
          event_code: 'INV_RECEIVED',
          event_ts: expect.any(String),
          site_id: 'DC01',
          lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 15, uom: 'EA', lot_no: 'L2410-01' }],
        },
      ]);
      for (const [i, { headers }] of receiver.received.entries()) {
        const raw = receiver.rawBodies[i];
        expect(headers['x-correlation-id']).toBe('corr-rma');
        const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(headers['x-wms-signature']))!;
        expect(v1).toBe(createHmac('sha256', 'sandbox-wms-webhook-secret').update(`${t}.${raw}`).digest('hex'));
      }
    });

    it('records more than expected, and items not expected at all, flagged over_received', async () => {
      await announce({ ...rma20, lines: [{ item_code: 'SKU-1001', qty: 10 }] });
      const { body } = await receive('RMA-000001', [
        { sku: 'SKU-1001', quantity: 12, disposition: 'restock', lot: 'L-RET' },
        { sku: 'SKU-1002', quantity: 1, disposition: 'refurbish' },
      ]);
      expect(body).toMatchObject({
        overReceived: true,
        lines: [
          {
            lineNumber: 1,
            sku: 'SKU-1001',
            expected: 10,
            received: 12,
            over: 2,
            lot: null,
            receipts: [{ disposition: 'restock', quantity: 12, lot: 'L-RET' }],
          },
          { lineNumber: 2, sku: 'SKU-1002', expected: 0, received: 1, over: 1, lot: null, receipts: [{ disposition: 'refurbish', quantity: 1, lot: null }] },
        ],
      });
      expect(await available('SKU-1001', 'DC01')).toBe(512);
      await settled();
      expect(receiver.received[0].body).toMatchObject({
        event_code: 'RMA_RECEIVED',
        over_received: true,
        lines: [
          { line_no: 1, item_code: 'SKU-1001', qty: 12, lot_no: 'L-RET', disposition_code: 'RESTOCK' },
          { line_no: 2, item_code: 'SKU-1002', qty: 1, disposition_code: 'REFURB' },
        ],
      });
      expect(receiver.received[0].body.lines[1]).not.toHaveProperty('lot_no');
      expect(receiver.received.map((r) => r.body.event_code)).toEqual(['RMA_RECEIVED', 'INV_RECEIVED']);
    });

    it('adds only restocked quantities to stock: refurbished and scrapped goods emit RMA_RECEIVED alone', async () => {
      await announce({ ...rma20, lines: [{ item_code: 'SKU-1001', qty: 8 }] });
      const before = (await wms('GET', '/stock?item=SKU-1001&site=DC01')).body.records;
      const { body } = await receive('RMA-000001', [
        { sku: 'SKU-1001', quantity: 3, disposition: 'refurbish' },
        { sku: 'SKU-1001', quantity: 2, disposition: 'scrap' },
        { sku: 'SKU-1001', quantity: 3, disposition: 'scrap' },
      ]);
      expect(body.lines[0].receipts).toEqual([
        { disposition: 'refurbish', quantity: 3, lot: null },
        { disposition: 'scrap', quantity: 5, lot: null },
      ]);
      expect(body.inventoryEventIds).toEqual([]);
      expect((await wms('GET', '/stock?item=SKU-1001&site=DC01')).body.records).toEqual(before);
      await settled();
      expect(receiver.received.map((r) => r.body.event_code)).toEqual(['RMA_RECEIVED']);
    });

    it('puts restocked goods without any lot on a lot named after the RMA order, one INV_RECEIVED per item and lot', async () => {
      await announce({
        ...rma20,
        lines: [
          { item_code: 'SKU-1001', qty: 4 },
          { item_code: 'SKU-1003', qty: 2 },
        ],
      });
      await receive('RMA-000001', [
        { sku: 'SKU-1001', quantity: 2, disposition: 'restock' },
        { sku: 'SKU-1001', quantity: 2, disposition: 'restock', lot: 'L-OTHER' },
        { sku: 'SKU-1003', quantity: 2, disposition: 'restock' },
      ]);
      await settled();
      expect(receiver.received.slice(1).map((r) => r.body.lines[0])).toEqual([
        { line_no: 1, item_code: 'SKU-1001', qty: 2, uom: 'EA', lot_no: 'RMA-000001' },
        { line_no: 1, item_code: 'SKU-1001', qty: 2, uom: 'EA', lot_no: 'L-OTHER' },
        { line_no: 1, item_code: 'SKU-1003', qty: 2, uom: 'EA', lot_no: 'RMA-000001' },
      ]);
    });

    it('refuses a second receipt (409), an unknown return (404), an unknown sku and malformed lines (400), changing nothing', async () => {
      await announce(rma20);
      expect(await receive('RMA-000009', [{ sku: 'SKU-1001', quantity: 1, disposition: 'restock' }])).toEqual({
        status: 404,
        body: { statusCode: 404, message: 'RMA order RMA-000009 not found' },
      });
      expect((await receive('RMA-000001', [{ sku: 'SKU-9999', quantity: 1, disposition: 'restock' }])).status).toBe(400);
      const malformed = await receive('RMA-000001', [{ sku: 'SKU-1001', quantity: 0, disposition: 'resell' }]);
      expect(malformed.status).toBe(400);
      expect(malformed.body.message).toEqual(expect.stringContaining('lines[0].quantity'));
      expect(malformed.body.message).toEqual(expect.stringContaining('lines[0].disposition'));
      expect((await receive('RMA-000001', [])).status).toBe(400);
      expect((await wms('GET', '/rma-orders/RMA-000001')).body).toMatchObject({ status_code: 100, lines: [{ qty_received_ea: 0, receipts: [] }] });

      expect((await receive('RMA-000001', [{ sku: 'SKU-1001', quantity: 20, disposition: 'restock' }])).status).toBe(202);
      expect(await receive('RMA-000001', [{ sku: 'SKU-1001', quantity: 1, disposition: 'restock' }])).toEqual({
        status: 409,
        body: { statusCode: 409, message: 'RMA order RMA-000001 has status 300; it was received already' },
      });
      expect(await available('SKU-1001', 'DC01')).toBe(520);
      await settled();
      expect(receiver.received.map((r) => r.body.event_code)).toEqual(['RMA_RECEIVED', 'INV_RECEIVED']);
    });

    it('finds returns by RMA number for the operator', async () => {
      await announce(rma20);
      await announce({ ...rma20, ext_ref: '60000002' });
      expect((await call('GET', '/control/wms/returns?rmaNumber=60000002')).body.returns).toEqual([
        expect.objectContaining({ id: 'RMA-000002', rmaNumber: '60000002', status: 'expected', receivedEventId: null, inventoryEventIds: [] }),
      ]);
      expect((await call('GET', '/control/wms/returns')).body.returns).toHaveLength(2);
      expect((await call('GET', '/control/wms/returns/RMA-000001')).body).toMatchObject({ id: 'RMA-000001', warehouseId: 'DC01' });
    });

    it('forgets every return on reset', async () => {
      await announce(rma20);
      await call('POST', '/control/reset');
      expect((await wms('GET', '/rma-orders')).body.rma_orders).toEqual([]);
      expect((await announce(rma20)).body.rma_id).toBe('RMA-000001');
    });
  });

  describe('duplicate and lost RMA_RECEIVED deliveries', () => {
    it('redelivers the same RMA_RECEIVED (same event_id and body, a fresh signature) and nothing else', async () => {
      await announce(rma20);
      const received = await receive('RMA-000001', [{ sku: 'SKU-1001', quantity: 20, disposition: 'restock' }], { 'x-correlation-id': 'corr-rma' });
      await settled();
      const redelivered = await call('POST', '/control/wms/returns/RMA-000001/redeliver-received');
      expect(redelivered).toEqual({ status: 202, body: { eventId: received.body.receivedEventId, eventCode: 'RMA_RECEIVED' } });
      await settled();
      const rmaEvents = receiver.received.filter((r) => r.body.event_code === 'RMA_RECEIVED');
      expect(rmaEvents).toHaveLength(2);
      expect(rmaEvents[1]!.body).toEqual(rmaEvents[0]!.body);
      expect(rmaEvents[1]!.headers['x-correlation-id']).toBe('corr-rma');
      expect(receiver.received.map((r) => r.body.event_code)).toEqual(['RMA_RECEIVED', 'INV_RECEIVED', 'RMA_RECEIVED']);
      expect(await available('SKU-1001', 'DC01')).toBe(520); // stock moves once
    });

    it('refuses to redeliver before the receipt (409) or for an unknown return (404)', async () => {
      await announce(rma20);
      expect((await call('POST', '/control/wms/returns/RMA-000001/redeliver-received')).status).toBe(409);
      expect((await call('POST', '/control/wms/returns/RMA-000009/redeliver-received')).status).toBe(404);
    });

    it('can lose RMA_RECEIVED through the drift control, and deliver it later by redelivery', async () => {
      expect((await call('PUT', '/control/wms/drift/drop-events', { eventCodes: ['RMA_RECEIVED'], count: 1 })).body).toEqual({ pending: { RMA_RECEIVED: 1 } });
      await announce(rma20);
      await receive('RMA-000001', [{ sku: 'SKU-1001', quantity: 20, disposition: 'restock' }]);
      await settled();
      expect(receiver.received.map((r) => r.body.event_code)).toEqual(['INV_RECEIVED']);
      expect((await deliveries()).map((d) => [d.event.event_code, d.status])).toEqual([
        ['RMA_RECEIVED', 'dropped'],
        ['INV_RECEIVED', 'delivered'],
      ]);
      await call('POST', '/control/wms/returns/RMA-000001/redeliver-received');
      await settled();
      expect(receiver.received.map((r) => r.body.event_code)).toEqual(['INV_RECEIVED', 'RMA_RECEIVED']);
    });
  });

  describe('faults', () => {
    afterAll(() => call('DELETE', '/control/wms/faults'));

    it('lost write answers: the RMA order exists, and announcing it again answers it (200)', async () => {
      await call('PUT', '/control/wms/faults', { loseWriteAnswers: true });
      await expect(announce(rma20)).rejects.toThrow();
      await call('DELETE', '/control/wms/faults');
      const again = await announce(rma20);
      expect(again).toMatchObject({ status: 200, body: { rma_id: 'RMA-000001', ext_ref: '60000001' } });
    });

    it('down: nothing is announced; the control surface still receives', async () => {
      await call('PUT', '/control/wms/faults', { down: true });
      await expect(announce(rma20)).rejects.toThrow();
      expect((await call('GET', '/control/wms/returns')).body.returns).toEqual([]);
    });
  });
});
