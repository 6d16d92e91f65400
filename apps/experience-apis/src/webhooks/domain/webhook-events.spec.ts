import { describe, expect, it } from '@jest/globals';
import { type EventDetails, partnerEventsOf, withDetails } from './webhook-events.js';

const ref = (orderId: string, partnerId: string | null, po: string) => ({
  orderId,
  partnerId,
  customerId: '10100001',
  channel: 'b2b',
  purchaseOrderNumber: po,
});
const event = (type: string, data: object) => ({ id: '6f1c2a4e-0000-4000-8000-000000000001', type, occurredAt: '2026-11-25T10:00:00.000Z', data });
const bodyOf = (e: { body: string }) => JSON.parse(e.body);

describe('partner webhook events', () => {
  it('maps each event type to its category, with the partner-facing fields only', () => {
    const [status] = partnerEventsOf(event('order.status_changed', { order: ref('o-1', 'acme', 'PO-1'), status: 'shipped', note: null }));
    expect(status).toMatchObject({ partnerId: 'acme', category: 'order', eventType: 'order.status_changed' });
    expect(bodyOf(status)).toEqual({
      id: '6f1c2a4e-0000-4000-8000-000000000001',
      type: 'order.status_changed',
      occurredAt: '2026-11-25T10:00:00.000Z',
      data: { orderId: 'o-1', purchaseOrderNumber: 'PO-1', status: 'shipped', note: null },
    });
    expect(status.body).not.toContain('10100001');

    const [shipment] = partnerEventsOf(event('order.shipment_confirmed', { order: ref('o-1', 'acme', 'PO-1'), shipmentId: 's-1', warehouseId: 'DC01' }));
    expect(shipment.category).toBe('shipment');
    expect(bodyOf(shipment).data).toEqual({ orderId: 'o-1', purchaseOrderNumber: 'PO-1', shipmentId: 's-1', warehouseId: 'DC01' });

    const lines = [{ lineNumber: 1, sku: 'SKU-1', quantity: 5, uom: 'EA', promisedDate: null, internal: 'x' }];
    const [backorder] = partnerEventsOf(event('order.backordered', { order: ref('o-1', 'acme', 'PO-1'), lines }));
    expect(backorder.category).toBe('backorder');
    expect(bodyOf(backorder).data.lines).toEqual([{ lineNumber: 1, sku: 'SKU-1', quantity: 5, uom: 'EA', promisedDate: null }]);
  });

  it("sends an invoice once to each partner, with only that partner's orders", () => {
    const invoice = {
      invoiceId: 'inv-1',
      invoiceNumber: '90000001',
      customerId: '10100001',
      orders: [ref('o-1', 'acme', 'PO-1'), ref('o-2', 'globex', 'PO-G'), ref('o-3', 'acme', 'PO-3')],
    };
    const copies = partnerEventsOf(event('invoice.paid', invoice));
    expect(copies.map((c) => c.partnerId)).toEqual(['acme', 'globex']);
    expect(bodyOf(copies[0]).data).toEqual({
      invoiceId: 'inv-1',
      invoiceNumber: '90000001',
      orders: [
        { orderId: 'o-1', purchaseOrderNumber: 'PO-1' },
        { orderId: 'o-3', purchaseOrderNumber: 'PO-3' },
      ],
    });
    expect(copies[1].body).not.toContain('PO-1');
    expect(copies.every((c) => c.category === 'invoice')).toBe(true);
  });

  it('ignores unknown event types and orders no partner placed', () => {
    expect(partnerEventsOf(event('order.internal_thing', { order: ref('o-1', 'acme', 'PO-1') }))).toEqual([]);
    expect(partnerEventsOf(event('order.status_changed', { order: ref('o-1', null, 'PO-1'), status: 'released' }))).toEqual([]);
  });

  it('asks for details of shipment and invoice events only, and never lets them overwrite the event fields', () => {
    const [status] = partnerEventsOf(event('order.status_changed', { order: ref('o-1', 'acme', 'PO-1'), status: 'shipped', note: null }));
    const [shipment] = partnerEventsOf(event('order.shipment_confirmed', { order: ref('o-1', 'acme', 'PO-1'), shipmentId: 's-1', warehouseId: 'DC01' }));
    const [invoice] = partnerEventsOf(event('invoice.issued', { invoiceId: 'i-1', invoiceNumber: '9', customerId: 'c', orders: [ref('o-1', 'acme', 'PO-1')] }));
    expect([status.needsDetails, shipment.needsDetails, invoice.needsDetails]).toEqual([false, true, true]);
    // details as they might come back from the process layer, with more fields than typed
    const detailed = JSON.parse(withDetails(shipment.body, { carrier: 'UPSN', shipmentId: 'forged', trackingNumber: '1Z' } as unknown as EventDetails));
    expect(detailed.data).toEqual({
      orderId: 'o-1',
      purchaseOrderNumber: 'PO-1',
      shipmentId: 's-1',
      warehouseId: 'DC01',
      carrier: 'UPSN',
      trackingNumber: '1Z',
    });
    expect(detailed.id).toBe(JSON.parse(shipment.body).id);
  });

  it('maps the return events to the return category, per partner, with the return, RMA number and status and no ERP customer', () => {
    const returned = { returnId: 'r-1', rmaNumber: 'RMA-2026-000001', order: ref('o-1', 'acme', 'PO-1') };
    for (const [type, status] of [
      ['return.authorized', 'partially_authorized'],
      ['return.received', 'exception'],
      ['return.credited', 'credited'],
    ] as const) {
      const copies = partnerEventsOf(event(type, { ...returned, status }));
      expect(copies).toHaveLength(1);
      expect(copies[0]).toMatchObject({ partnerId: 'acme', category: 'return', eventType: type, needsDetails: true });
      expect(bodyOf(copies[0]).data).toEqual({ orderId: 'o-1', purchaseOrderNumber: 'PO-1', returnId: 'r-1', rmaNumber: 'RMA-2026-000001', status });
      expect(copies[0].body).not.toContain('10100001');
    }
    // an EDI partner's order is not a webhook partner's concern unless it has a partner id
    expect(partnerEventsOf(event('return.authorized', { ...returned, status: 'authorized', order: ref('o-1', null, 'PO-1') }))).toEqual([]);
    // the details never overwrite the status the event reached (a later read may show a later one)
    const [authorized] = partnerEventsOf(event('return.authorized', { ...returned, status: 'authorized' }));
    const detailed = JSON.parse(withDetails(authorized.body, { lines: [], credit: null, status: 'credited' } as unknown as EventDetails));
    expect(detailed.data).toMatchObject({ status: 'authorized', lines: [], credit: null });
  });
});
