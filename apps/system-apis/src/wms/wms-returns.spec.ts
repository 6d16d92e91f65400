import { beforeEach, describe, expect, it } from '@jest/globals';
import type { WmsReturnReceiptDto } from '@contracts';
import { v5 as uuidV5 } from 'uuid';
import { call, FakeProcessLayer, type Json, useSandboxAndSystem } from '../../../../test/support/system-test-kit.js';
import { WMS_EVENT_NAMESPACE } from './adapters/sandbox-wms/sandbox-wms-event.mapper.js';

describe('WMS return receipts and the return.goods_received event through the system layer', () => {
  const processLayer = new FakeProcessLayer();
  const spec = useSandboxAndSystem({ processLayer, env: { BREAKER_RESET_MS: '500' } });
  const { api, control } = spec;
  const settled = () => spec.wmsSettled(10_000);
  const announce = (
    rmaNumber: string,
    lines: { lineNumber: number; sku: string; quantity: number; lot?: string }[] = [{ lineNumber: 1, sku: 'SKU-1001', quantity: 20 }],
  ) => api<WmsReturnReceiptDto>('POST', '/wms/v1/return-receipts', { rmaNumber, warehouseId: 'DC01', lines });
  /** The warehouse operator receives the return announced under `rmaNumber`. */
  const receive = async (rmaNumber: string, lines: { sku: string; quantity: number; disposition: string; lot?: string }[], correlationId = 'corr-rma') => {
    const [found] = (await control<{ returns: { id: string }[] }>('GET', `/wms/returns?rmaNumber=${rmaNumber}`)).body.returns;
    const received = await control<{ receivedEventId: string }>('POST', `/wms/returns/${found!.id}/receive`, { lines }, { 'x-correlation-id': correlationId });
    expect(received.status).toBe(202);
    return { id: found!.id, eventId: received.body.receivedEventId };
  };

  beforeEach(async () => {
    expect((await control('POST', '/reset')).status).toBe(204);
    processLayer.clear();
  });
  describe('POST /wms/v1/return-receipts', () => {
    it('announces the return in eaches (201); the same RMA number again answers the first receipt (200)', async () => {
      const first = await announce('RMA-T-1', [
        { lineNumber: 1, sku: 'SKU-1001', quantity: 20 },
        { lineNumber: 2, sku: 'SKU-1003', quantity: 4, lot: 'L-SHIPPED' },
      ]);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        receiptId: 'RMA-000001',
        rmaNumber: 'RMA-T-1',
        warehouseId: 'DC01',
        status: 'expected',
        overReceived: false,
        lines: [
          { lineNumber: 1, sku: 'SKU-1001', expectedQuantity: 20, receivedQuantity: 0, receipts: [] },
          { lineNumber: 2, sku: 'SKU-1003', expectedQuantity: 4, receivedQuantity: 0, receipts: [] },
        ],
      });
      const again = await api<WmsReturnReceiptDto>('POST', '/wms/v1/return-receipts', {
        rmaNumber: 'RMA-T-1',
        warehouseId: 'DC02',
        lines: [{ lineNumber: 1, sku: 'SKU-1002', quantity: 1 }],
      });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      const [native] = (await control<{ returns: Json[] }>('GET', '/wms/returns?rmaNumber=RMA-T-1')).body.returns;
      // the WMS got eaches and the lot expected back
      expect(native!.lines).toMatchObject([
        { lineNumber: 1, sku: 'SKU-1001', expected: 20, lot: null },
        { lineNumber: 2, sku: 'SKU-1003', expected: 4, lot: 'L-SHIPPED' },
      ]);
    });

    it("turns the WMS's refusal into 422 WMS.REJECTED, and rejects a bad body with 400 before calling it", async () => {
      const unknown = await api('POST', '/wms/v1/return-receipts', {
        rmaNumber: 'RMA-T-2',
        warehouseId: 'DC09',
        lines: [{ lineNumber: 1, sku: 'SKU-1001', quantity: 1 }],
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body).toMatchObject({ status: 422, code: 'WMS.REJECTED', detail: 'Unknown site_id DC09' });
      const bad = await api('POST', '/wms/v1/return-receipts', {
        rmaNumber: 'R'.repeat(36),
        warehouseId: 'DC01',
        lines: [{ lineNumber: 0, sku: 'SKU-1001', quantity: 1.5 }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['lines[0].lineNumber', 'lines[0].quantity', 'rmaNumber']);
      expect((await api('GET', '/wms/v1/return-receipts?rmaNumber=RMA-T-2')).body).toEqual([]);
    });
  });

  describe('receipt', () => {
    it('forwards RMA_RECEIVED as return.goods_received (subject the RMA, no order), followed by the restock as inventory.received and inventory.changed', async () => {
      await announce('RMA-T-3');
      const { eventId } = await receive(
        'RMA-T-3',
        [
          { sku: 'SKU-1001', quantity: 15, disposition: 'restock' },
          { sku: 'SKU-1001', quantity: 5, disposition: 'scrap' },
        ],
        'corr-rma-3',
      );
      await settled();
      expect(processLayer.events.map((e) => e.type)).toEqual(['return.goods_received', 'inventory.received', 'inventory.changed']);
      const [event, received, changed] = processLayer.events;
      expect(event).toEqual({
        id: uuidV5(`wms:${eventId}`, WMS_EVENT_NAMESPACE),
        type: 'return.goods_received',
        version: 1,
        occurredAt: expect.any(String),
        correlationId: 'corr-rma-3',
        causationId: eventId,
        source: 'system-apis/wms',
        subject: 'rma/RMA-T-3',
        data: {
          rmaNumber: 'RMA-T-3',
          warehouseId: 'DC01',
          receiptId: 'RMA-000001',
          overReceived: false,
          lines: [
            { lineNumber: 1, sku: 'SKU-1001', quantity: 15, disposition: 'restock', lot: 'RMA-000001' },
            { lineNumber: 1, sku: 'SKU-1001', quantity: 5, disposition: 'scrap' },
          ],
        },
      });
      expect(received).toMatchObject({
        subject: 'warehouse/DC01',
        data: { warehouseId: 'DC01', lines: [{ sku: 'SKU-1001', quantity: 15, lot: 'RMA-000001' }] },
      });
      expect(received!.data).not.toHaveProperty('erpOrderNumber');
      expect(changed).toMatchObject({ subject: 'inventory/SKU-1001/DC01', data: { reason: 'receipt', available: 515 } });

      const read = await api<WmsReturnReceiptDto[]>('GET', '/wms/v1/return-receipts?rmaNumber=RMA-T-3');
      expect(read.status).toBe(200);
      expect(read.body).toEqual([
        {
          receiptId: 'RMA-000001',
          rmaNumber: 'RMA-T-3',
          warehouseId: 'DC01',
          status: 'received',
          overReceived: false,
          lines: [
            {
              lineNumber: 1,
              sku: 'SKU-1001',
              expectedQuantity: 20,
              receivedQuantity: 20,
              receipts: [
                { disposition: 'restock', quantity: 15, lot: 'RMA-000001' },
                { disposition: 'scrap', quantity: 5 },
              ],
            },
          ],
        },
      ]);
    });

    it('flags an over-receipt and an item not expected, in the event and the receipt', async () => {
      await announce('RMA-T-4', [{ lineNumber: 1, sku: 'SKU-1003', quantity: 2 }]);
      await receive('RMA-T-4', [
        { sku: 'SKU-1003', quantity: 3, disposition: 'refurbish', lot: 'L-9' },
        { sku: 'SKU-1004', quantity: 1, disposition: 'scrap' },
      ]);
      await settled();
      const [event] = processLayer.events;
      expect(event).toMatchObject({ type: 'return.goods_received', subject: 'rma/RMA-T-4' });
      expect(event!.data).toEqual({
        rmaNumber: 'RMA-T-4',
        warehouseId: 'DC01',
        receiptId: 'RMA-000001',
        overReceived: true,
        lines: [
          { lineNumber: 1, sku: 'SKU-1003', quantity: 3, disposition: 'refurbish', lot: 'L-9' },
          { lineNumber: 2, sku: 'SKU-1004', quantity: 1, disposition: 'scrap' },
        ],
      });
      // nothing restocked: no stock event
      expect(processLayer.events).toHaveLength(1);
      const [receipt] = (await api<WmsReturnReceiptDto[]>('GET', '/wms/v1/return-receipts?rmaNumber=RMA-T-4')).body;
      expect(receipt).toMatchObject({ status: 'received', overReceived: true });
      expect(receipt!.lines.map((l) => [l.lineNumber, l.sku, l.expectedQuantity, l.receivedQuantity])).toEqual([
        [1, 'SKU-1003', 2, 3],
        [2, 'SKU-1004', 0, 1],
      ]);
    });

    it('gives a redelivered RMA_RECEIVED the same id, so the process layer drops the duplicate', async () => {
      await announce('RMA-T-5');
      const { id } = await receive('RMA-T-5', [{ sku: 'SKU-1001', quantity: 20, disposition: 'restock' }]);
      await settled();
      const first = processLayer.ofType('return.goods_received');
      expect((await control('POST', `/wms/returns/${id}/redeliver-received`)).status).toBe(202);
      await settled();
      const both = processLayer.ofType('return.goods_received');
      expect(both).toHaveLength(2);
      expect(both[1]).toEqual(first[0]);
    });

    it.each([500, 400])('answers 503 when the process layer refuses the event (%s), so the WMS delivers it again', async (refusalStatus) => {
      processLayer.refusalStatus = refusalStatus;
      processLayer.refuse.set('return.goods_received', 1);
      await announce('RMA-T-6');
      const { eventId } = await receive('RMA-T-6', [{ sku: 'SKU-1001', quantity: 2, disposition: 'scrap' }]);
      const delivery = (await settled()).find((d) => d.event.event_id === eventId);
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(processLayer.ofType('return.goods_received').map((e) => e.causationId)).toEqual([eventId]);
    });
  });

  describe('POST /wms/v1/events/native (RMA_RECEIVED)', () => {
    const native = (overrides: Json = {}) => ({
      event_id: 'EV-RMA-1',
      event_code: 'RMA_RECEIVED',
      event_ts: '2026-12-07T10:00:00Z',
      site_id: 'DC02',
      rma_id: 'RMA-000042',
      ext_ref: 'RMA-2026-42',
      over_received: false,
      lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'CS', lot_no: 'L1', disposition_code: 'REFURB' }],
      ...overrides,
    });

    it('checks the signature: unsigned or forged, 401 and nothing forwarded', async () => {
      const body = native();
      const unsigned = await call(spec.systemUrl, 'POST', '/wms/v1/events/native', body);
      expect(unsigned.status).toBe(401);
      expect(unsigned.body.code).toBe('AUTH.INVALID_SIGNATURE');
      const forged = await call(spec.systemUrl, 'POST', '/wms/v1/events/native', body, {
        'x-wms-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`,
      });
      expect(forged.status).toBe(401);
      expect(processLayer.events).toEqual([]);
      const signed = await api('POST', '/wms/v1/events/native', body, { 'x-correlation-id': 'corr-native-rma' });
      expect(signed.status).toBe(202);
      expect(processLayer.events).toHaveLength(1);
      expect(processLayer.events[0]).toMatchObject({
        id: signed.body.eventId,
        type: 'return.goods_received',
        subject: 'rma/RMA-2026-42',
        correlationId: 'corr-native-rma',
        data: { rmaNumber: 'RMA-2026-42', warehouseId: 'DC02', receiptId: 'RMA-000042', lines: [{ quantity: 12, disposition: 'refurbish', lot: 'L1' }] },
      });
    });

    it('rejects an RMA_RECEIVED without its RMA order, flag or a known disposition (400), forwarding nothing', async () => {
      for (const bad of [
        native({ rma_id: undefined }),
        native({ over_received: 'no' }),
        native({ lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'EA', disposition_code: 'RESELL' }] }),
      ]) {
        expect((await api('POST', '/wms/v1/events/native', bad)).status).toBe(400);
      }
      // a line without a disposition cannot be mapped faithfully: 502, nothing forwarded
      const missing = await api('POST', '/wms/v1/events/native', native({ lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'EA' }] }));
      expect(missing.status).toBe(502);
      expect(missing.body.code).toBe('WMS.UNMAPPABLE_RESPONSE');
      expect(processLayer.events).toEqual([]);
    });
  });
});
