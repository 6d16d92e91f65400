import { describe, expect, it } from '@jest/globals';
import type { InventoryPositionDto } from '@contracts';
import type { SandboxWmsEventDto, WmsEventCode } from './sandbox-wms-event.dto.js';
import { toEventEnvelope } from './sandbox-wms-event.mapper.js';
import { stockTouchedBy, toInventoryChangedEnvelope } from './sandbox-wms-inventory-event.mapper.js';

const received: SandboxWmsEventDto = {
  event_id: 'EV-100',
  event_code: 'INV_RECEIVED',
  event_ts: '2026-11-24T15:00:00Z',
  site_id: 'DC02',
  lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 36, uom: 'EA', lot_no: 'RCV-1' }],
};
const position: InventoryPositionDto = {
  sku: 'SKU-1001',
  warehouseId: 'DC02',
  onHand: 436,
  allocated: 0,
  reserved: 0,
  safetyStock: 0,
  qualityHold: 0,
  inTransit: [],
  available: 436,
};
const uuidV5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('stockTouchedBy', () => {
  it.each([
    ['INV_RECEIVED', 'receipt'],
    ['INV_ADJUSTED', 'adjustment'],
    ['INV_COUNTED', 'cycle_count'],
    ['OB_RELEASED', 'allocation'],
    ['OB_PICKED', 'pick'],
    ['OB_SHORT_PICKED', 'pick'],
  ] as const)('%s changes stock: %s', (code, reason) => {
    expect(stockTouchedBy({ ...received, event_code: code })).toEqual([{ sku: 'SKU-1001', warehouseId: 'DC02', reason }]);
  });

  it.each(['OB_PACKED', 'OB_SHIPPED', 'OB_DELIVERED'] as WmsEventCode[])('%s changes no stock (the WMS takes stock off when it picks)', (code) => {
    expect(stockTouchedBy({ ...received, event_code: code })).toEqual([]);
  });

  it('names each sku of the event once, in line order, short-picked lines of nothing included', () => {
    const picked: SandboxWmsEventDto = {
      ...received,
      event_code: 'OB_SHORT_PICKED',
      lines: [
        { line_no: 1, item_code: 'SKU-1002', qty: 2, uom: 'CS', lot_no: 'A' },
        { line_no: 1, item_code: 'SKU-1002', qty: 3, uom: 'EA', lot_no: 'B' },
        { line_no: 2, item_code: 'SKU-1001', qty: 0, uom: 'EA' },
      ],
    };
    expect(stockTouchedBy(picked).map((t) => t.sku)).toEqual(['SKU-1002', 'SKU-1001']);
  });
});

describe('toInventoryChangedEnvelope', () => {
  const cause = toEventEnvelope(received, new Map(), 'corr-9');
  const [touched] = stockTouchedBy(received);

  it('maps to inventory.changed v1 with the position read after the change, caused by the derived event', () => {
    expect(toInventoryChangedEnvelope(received, cause, touched, position)).toEqual({
      id: expect.stringMatching(uuidV5),
      type: 'inventory.changed',
      version: 1,
      occurredAt: '2026-11-24T15:00:00.000Z',
      correlationId: 'corr-9',
      causationId: cause.id,
      source: 'system-apis/wms',
      subject: 'inventory/SKU-1001/DC02',
      data: { ...position, reason: 'receipt' },
    });
  });

  it('derives the same id from the same native event, sku and site, and another id otherwise', () => {
    const first = toInventoryChangedEnvelope(received, cause, touched, position);
    expect(toInventoryChangedEnvelope({ ...received }, cause, touched, { ...position, onHand: 1 }).id).toBe(first.id);
    expect(first.id).not.toBe(cause.id);
    expect(toInventoryChangedEnvelope({ ...received, event_id: 'EV-101' }, cause, touched, position).id).not.toBe(first.id);
    expect(toInventoryChangedEnvelope(received, cause, { ...touched, sku: 'SKU-1002' }, position).id).not.toBe(first.id);
    expect(toInventoryChangedEnvelope(received, cause, { ...touched, warehouseId: 'DC01' }, position).id).not.toBe(first.id);
  });
});
