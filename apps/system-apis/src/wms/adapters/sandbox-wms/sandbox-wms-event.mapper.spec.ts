import { describe, expect, it } from '@jest/globals';
import type { SandboxWmsEventDto } from './sandbox-wms-event.dto.js';
import { toEventEnvelope } from './sandbox-wms-event.mapper.js';

const shipped: SandboxWmsEventDto = {
  event_id: 'EV-000042',
  event_code: 'OB_SHIPPED',
  event_ts: '2026-11-24T15:00:00Z',
  site_id: 'DC01',
  ob_order_id: 'OB-000001',
  ext_ref: '4500000001',
  lines: [
    { line_no: 1, item_code: 'SKU-1001', qty: 2, uom: 'CS', lot_no: 'L1' },
    { line_no: 2, item_code: 'SKU-1002', qty: 5, uom: 'EA', serial_nos: ['SN-1'] },
  ],
  carrier_scac: 'UPSN',
  tracking_no: '1Z999',
};
const packSizes = new Map([['SKU-1001', 12]]);

describe('toEventEnvelope', () => {
  it('maps a shipment to shipment.confirmed v1 with canonical names and base units', () => {
    expect(toEventEnvelope(shipped, packSizes, 'corr-1')).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      type: 'shipment.confirmed',
      version: 1,
      occurredAt: '2026-11-24T15:00:00.000Z',
      correlationId: 'corr-1',
      causationId: 'EV-000042',
      source: 'system-apis/wms',
      subject: 'order/4500000001',
      data: {
        warehouseId: 'DC01',
        wmsOrderId: 'OB-000001',
        erpOrderNumber: '4500000001',
        carrier: 'UPSN',
        trackingNumber: '1Z999',
        lines: [
          { lineNumber: 1, sku: 'SKU-1001', quantity: 24, uom: 'EA', lot: 'L1' },
          { lineNumber: 2, sku: 'SKU-1002', quantity: 5, uom: 'EA', serialNumbers: ['SN-1'] },
        ],
      },
    });
  });

  it('derives the same id from the same native event_id, whoever redelivers it', () => {
    const first = toEventEnvelope(shipped, packSizes, 'corr-1');
    const again = toEventEnvelope({ ...shipped }, packSizes, 'corr-2');
    expect(again.id).toBe(first.id);
    expect(toEventEnvelope({ ...shipped, event_id: 'EV-000043' }, packSizes, 'corr-1').id).not.toBe(first.id);
  });

  it.each([
    ['OB_RELEASED', 'fulfillment.released'],
    ['OB_PICKED', 'fulfillment.picked'],
    ['OB_SHORT_PICKED', 'fulfillment.short_picked'],
    ['OB_PACKED', 'fulfillment.packed'],
    ['OB_SHIPPED', 'shipment.confirmed'],
    ['OB_DELIVERED', 'shipment.delivered'],
    ['INV_ADJUSTED', 'inventory.adjusted'],
    ['INV_RECEIVED', 'inventory.received'],
    ['INV_COUNTED', 'inventory.counted'],
  ] as const)('maps %s to %s', (code, type) => {
    expect(toEventEnvelope({ ...shipped, event_code: code }, packSizes, 'c').type).toBe(type);
  });

  it('maps an inventory event: no order, signed quantities, subject is the warehouse', () => {
    const adjusted: SandboxWmsEventDto = {
      event_id: 'EV-7',
      event_code: 'INV_ADJUSTED',
      event_ts: '2026-11-24T15:00:00Z',
      site_id: 'DC02',
      lines: [{ item_code: 'SKU-1001', qty: -1, uom: 'CS' }],
    };
    const event = toEventEnvelope(adjusted, packSizes, 'c');
    expect(event.subject).toBe('warehouse/DC02');
    expect(event.data).toEqual({ warehouseId: 'DC02', lines: [{ sku: 'SKU-1001', quantity: -12, uom: 'EA' }] });
  });

  it('refuses an unknown event code, a bad timestamp and cases without a pack size', () => {
    expect(() => toEventEnvelope({ ...shipped, event_code: 'OB_LOST' as never }, packSizes, 'c')).toThrow(/Unknown WMS event code/);
    expect(() => toEventEnvelope({ ...shipped, event_ts: 'yesterday' }, packSizes, 'c')).toThrow(/not a timestamp/);
    expect(() => toEventEnvelope(shipped, new Map(), 'c')).toThrow(/without a pack size/);
  });
});
