import { beforeEach, describe, expect, it } from '@jest/globals';
import type { EventEnvelopeDto, InventoryChangedDataDto, InventoryPositionDto } from '@contracts';
import { v5 as uuidV5 } from 'uuid';
import { FakeProcessLayer, inDays, type Json, useSandboxAndSystem } from '../../../../test/support/system-test-kit.js';
import { WMS_EVENT_NAMESPACE } from './adapters/sandbox-wms/sandbox-wms-event.mapper.js';

type Changed = EventEnvelopeDto<InventoryChangedDataDto & Json>;

/** The fake process layer with this suite's view of the inventory.changed events it accepted. */
class InventoryProcessLayer extends FakeProcessLayer {
  changed(): Changed[] {
    return this.ofType<InventoryChangedDataDto & Json>('inventory.changed');
  }
}

describe('WMS inventory through the system layer: positions and inventory.changed events', () => {
  const processLayer = new InventoryProcessLayer();
  const spec = useSandboxAndSystem({ processLayer, env: { BREAKER_RESET_MS: '500' } });
  const { control } = spec;
  /** Status and body only: a test compares a whole answer. */
  const api = async <T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const { status, body: answer } = await spec.api<T>(method, path, body, headers);
    return { status, body: answer };
  };
  const settled = () => spec.wmsSettled(8_000);
  const changedId = (eventId: string, sku: string, site: string) => uuidV5(`wms:${eventId}:${sku}:${site}`, WMS_EVENT_NAMESPACE);
  const derivedId = (eventId: string) => uuidV5(`wms:${eventId}`, WMS_EVENT_NAMESPACE);

  beforeEach(async () => {
    expect((await control('POST', '/reset')).status).toBe(204);
    processLayer.clear();
  });
  describe('GET /wms/v1/inventory', () => {
    it('answers every position of every sku with safety stock and transfers in transit, in three native calls', async () => {
      const { status, body } = await api<InventoryPositionDto[]>('GET', '/wms/v1/inventory');
      expect(status).toBe(200);
      const native = (await control<{ calls: { method: string; path: string }[] }>('GET', '/wms/calls')).body.calls;
      expect(native.map((c) => `${c.method} ${c.path}`).sort()).toEqual(['GET /wms/api/replenishment-params', 'GET /wms/api/stock', 'GET /wms/api/transfers']);

      expect(new Set(body.map((p) => p.sku)).size).toBe(24);
      const keys = body.map((p) => `${p.sku}/${p.warehouseId}`);
      expect(keys).toEqual([...keys].sort());
      const at = (sku: string, warehouseId: string) => body.find((p) => p.sku === sku && p.warehouseId === warehouseId)!;

      // SKU-1001 keeps its 500 / 400 / 350, with no safety stock and nothing in transit.
      const common = { sku: 'SKU-1001', allocated: 0, reserved: 0, safetyStock: 0, inTransit: [] };
      expect(body.filter((p) => p.sku === 'SKU-1001')).toEqual([
        { ...common, warehouseId: 'DC01', onHand: 548, qualityHold: 48, available: 500 },
        { ...common, warehouseId: 'DC02', onHand: 400, qualityHold: 0, available: 400 },
        { ...common, warehouseId: 'DC03', onHand: 362, qualityHold: 12, available: 350 },
      ]);
      // 24 eaches of SKU-1002 are safety stock in DC01; 4 cases are on their way to DC03 (the open transfer is not).
      const sku1002 = at('SKU-1002', 'DC01');
      expect(sku1002.safetyStock).toBe(24);
      expect(sku1002.available).toBe(sku1002.onHand - sku1002.allocated - sku1002.qualityHold - 24);
      expect(at('SKU-1002', 'DC03').inTransit).toEqual([{ quantity: 48, eta: inDays(3) }]);
      expect(at('SKU-1005', 'DC02')).toMatchObject({ safetyStock: 48, inTransit: [{ quantity: 30, eta: inDays(2) }] });
      for (const p of body) expect(p.available).toBe(Math.max(0, p.onHand - p.allocated - p.reserved - p.safetyStock - p.qualityHold));

      // The same figures as the one-sku reads.
      for (const sku of ['SKU-1002', 'SKU-1005']) {
        expect((await api('GET', `/wms/v1/inventory?sku=${sku}`)).body).toEqual(body.filter((p) => p.sku === sku));
      }
    });

    it('still validates a sku when one is given', async () => {
      expect((await api('GET', '/wms/v1/inventory?sku=')).status).toBe(400);
      expect((await api('GET', '/wms/v1/inventory?sku=SKU-9999')).body).toEqual([]);
    });
  });

  describe('inventory.changed', () => {
    it('follows a receipt with the new figures of that sku and warehouse', async () => {
      const receipt = await control('POST', '/wms/receipts', { sku: 'SKU-1001', warehouseId: 'DC02', quantity: 36 }, { 'x-correlation-id': 'corr-receipt' });
      expect(receipt.status).toBe(202);
      const eventId = receipt.body.eventId as string;
      const changed = await processLayer.waitFor((e) => e.type === 'inventory.changed');
      expect(changed).toEqual({
        id: changedId(eventId, 'SKU-1001', 'DC02'),
        type: 'inventory.changed',
        version: 1,
        occurredAt: expect.any(String),
        correlationId: 'corr-receipt',
        causationId: derivedId(eventId),
        source: 'system-apis/wms',
        subject: 'inventory/SKU-1001/DC02',
        data: {
          sku: 'SKU-1001',
          warehouseId: 'DC02',
          onHand: 436,
          allocated: 0,
          reserved: 0,
          safetyStock: 0,
          qualityHold: 0,
          inTransit: [],
          available: 436,
          reason: 'receipt',
        },
      });
      await settled();
      // The fulfilment-style event first, then the inventory.changed it caused.
      expect(processLayer.events.map((e) => [e.type, e.id])).toEqual([
        ['inventory.received', derivedId(eventId)],
        ['inventory.changed', changed.id],
      ]);
    });

    it('follows an adjustment and a cycle count with their figures, safety stock and transit included', async () => {
      const adjusted = await control(
        'POST',
        '/wms/adjustments',
        { sku: 'SKU-1001', warehouseId: 'DC01', delta: -17, reason: 'DAMAGED' },
        { 'x-correlation-id': 'corr-adj' },
      );
      const counted = await control('POST', '/wms/cycle-counts', { sku: 'SKU-1002', warehouseId: 'DC01', counted: 200 }, { 'x-correlation-id': 'corr-count' });
      const transit = await control('POST', '/wms/cycle-counts', { sku: 'SKU-1002', warehouseId: 'DC03', counted: 10 });
      await settled();

      expect(processLayer.events.map((e) => e.type)).toEqual([
        'inventory.adjusted',
        'inventory.changed',
        'inventory.counted',
        'inventory.changed',
        'inventory.counted',
        'inventory.changed',
      ]);
      expect(processLayer.events[0].data).toMatchObject({ warehouseId: 'DC01', reason: 'DAMAGED', lines: [{ sku: 'SKU-1001', quantity: -17, uom: 'EA' }] });
      const [adjustment, count, transitCount] = processLayer.changed();
      expect(adjustment).toMatchObject({
        id: changedId(adjusted.body.eventId, 'SKU-1001', 'DC01'),
        correlationId: 'corr-adj',
        subject: 'inventory/SKU-1001/DC01',
        data: { onHand: 531, qualityHold: 48, available: 483, reason: 'adjustment' },
      });
      expect(count).toMatchObject({
        id: changedId(counted.body.eventId, 'SKU-1002', 'DC01'),
        correlationId: 'corr-count',
        causationId: derivedId(counted.body.eventId),
        data: { sku: 'SKU-1002', warehouseId: 'DC01', safetyStock: 24, reason: 'cycle_count' },
      });
      expect(count.data.available).toBe(200 - count.data.allocated - 24);
      expect(transitCount).toMatchObject({
        id: changedId(transit.body.eventId, 'SKU-1002', 'DC03'),
        data: { available: 10 - transitCount.data.allocated, inTransit: [{ quantity: 48, eta: inDays(3) }], reason: 'cycle_count' },
      });
      // The event carries what a read of the position answers right after.
      const [position] = (await api<InventoryPositionDto[]>('GET', '/wms/v1/inventory?sku=SKU-1001')).body;
      expect({ ...adjustment.data, reason: undefined }).toEqual({ ...position, reason: undefined });
    });

    it('follows an allocation and a pick of a fulfilment order, one event per sku, none for packing or shipping', async () => {
      const { status, body: fulfillment } = await api(
        'POST',
        '/wms/v1/fulfillment-orders',
        {
          erpOrderNumber: '4500000088',
          warehouseId: 'DC03',
          shipTo: { name: 'Acme', line1: '1 Main St', city: 'Reno', region: 'NV', postalCode: '89501', country: 'US' },
          lines: [
            { lineNumber: 1, sku: 'SKU-1001', quantity: 24 },
            { lineNumber: 2, sku: 'SKU-1003', quantity: 2 },
          ],
        },
        { 'x-correlation-id': 'corr-release' },
      );
      expect(status).toBe(201);
      await settled();
      const allocation = processLayer.changed();
      expect(allocation.map((e) => [e.subject, e.data.reason, e.correlationId])).toEqual([
        ['inventory/SKU-1001/DC03', 'allocation', 'corr-release'],
        ['inventory/SKU-1003/DC03', 'allocation', 'corr-release'],
      ]);
      expect(allocation[0].data).toMatchObject({ onHand: 362, allocated: 24, available: 326 });

      processLayer.events.length = 0;
      await control('POST', `/wms/fulfillment-orders/${fulfillment.wmsOrderId}/ship`, { lines: [{ sku: 'SKU-1001', quantity: 20 }] });
      await settled();
      expect(processLayer.events.map((e) => e.type)).toEqual([
        'fulfillment.short_picked',
        'inventory.changed',
        'inventory.changed',
        'fulfillment.packed',
        'shipment.confirmed',
      ]);
      const [sku1001, sku1003] = processLayer.changed();
      expect(sku1001.data).toMatchObject({ sku: 'SKU-1001', onHand: 342, allocated: 0, available: 330, reason: 'pick' });
      // Nothing of SKU-1003 was picked: its allocation went back (to the seed's own allocation).
      expect(sku1003.data).toMatchObject({ sku: 'SKU-1003', allocated: allocation[1].data.allocated - 2, onHand: allocation[1].data.onHand, reason: 'pick' });
    });

    it('gives a redelivered WMS event the same ids', async () => {
      await control('POST', '/wms/receipts', { sku: 'SKU-1001', warehouseId: 'DC01', quantity: 12 }, { 'x-correlation-id': 'corr-again' });
      const [{ event: native }] = await settled();
      const first = processLayer.events.map((e) => e.id);
      expect(first).toHaveLength(2);

      processLayer.events.length = 0;
      const again = await api('POST', '/wms/v1/events/native', native, { 'x-correlation-id': 'corr-again' });
      expect(again).toEqual({ status: 202, body: { eventId: first[0] } });
      expect(processLayer.events.map((e) => e.id)).toEqual(first);
    });

    it('fails the webhook when inventory.changed cannot be published, so the WMS retries the event', async () => {
      processLayer.refuse.set('inventory.changed', 1);
      const receipt = await control('POST', '/wms/receipts', { sku: 'SKU-1001', warehouseId: 'DC03', quantity: 6 });
      const [delivery] = await settled();
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, event: { event_id: receipt.body.eventId } });
      // The first attempt's inventory.received was published and is published again on the retry, with the same id.
      expect(processLayer.events.map((e) => e.type)).toEqual(['inventory.received', 'inventory.received', 'inventory.changed']);
      expect(processLayer.events[0].id).toBe(processLayer.events[1].id);
      expect(processLayer.changed()[0]).toMatchObject({ id: changedId(receipt.body.eventId, 'SKU-1001', 'DC03'), data: { available: 356, reason: 'receipt' } });
    });
  });
});
