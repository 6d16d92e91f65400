import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Database } from '@platform';
import { call, eventually, order, tokenFor } from './support/http.js';
import { CHANNEL_EVENTS_TOKEN, TestStack } from './support/stack.js';

interface Received {
  type: string;
  subject: string;
  payload: { data: Record<string, any> };
}

describe('channel events: order, shipment, backorder and invoice events reach the experience layer once', () => {
  let stack: TestStack;
  let acme: string;
  const b2b = (path: string, init: Parameters<typeof call>[1] = {}) =>
    call(`${stack.experienceUrl}/b2b/v1${path}`, { ...init, headers: { authorization: `Bearer ${acme}`, ...init.headers } });
  const received = (subject: string) =>
    stack.experience
      .get(Database)
      .query<Received>('SELECT type, subject, payload FROM channel_events WHERE subject = $1 OR payload -> $2 @> $3 ORDER BY received_at', [
        subject,
        'data',
        JSON.stringify({ orders: [{ orderId: subject.replace('order/', '') }] }),
      ]);

  beforeAll(async () => {
    stack = await TestStack.start({ retries: { retryBaseMs: 100, retryMaxMs: 500, maxAttempts: 100 } });
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('tells the experience layer of the status changes, the shipment and the invoice, with whose order it is, across an outage of the experience layer', async () => {
    const placed = await b2b('/orders', { headers: { 'idempotency-key': 'events-1' }, body: order('PO-EVENTS', [{ sku: 'SKU-1003', quantity: 3 }]) });
    expect(placed.status).toBe(201);
    const { orderId, erpOrderNumber } = placed.body;
    const [wmsOrder] = await eventually(
      async () => (await call<{ orders: { id: string }[] }>(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${erpOrderNumber}`)).body.orders,
      (orders) => orders.length === 1,
    );
    await eventually(
      () => b2b(`/orders/${orderId}`),
      (r) => r.body.status === 'released',
    );

    // the experience layer is down while the order ships: the events wait in the process layer and arrive after
    await stack.stopExperience();
    expect(
      (await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${wmsOrder!.id}/ship`, { body: { carrier: 'UPSN', trackingNumber: '1Z-EVENTS' } }))
        .status,
    ).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await stack.restartExperience();

    const events = await eventually(
      () => received(`order/${orderId}`),
      // redeliveries after an outage need not come in order
      (rows) =>
        ['invoice.issued', 'order.shipment_confirmed'].every((type) => rows.some((r) => r.type === type)) &&
        ['accepted', 'released', 'shipped'].every((status) => rows.some((r) => r.payload.data.status === status)),
      20_000,
    );
    const ref = { orderId, partnerId: 'acme', customerId: '10100001', channel: 'b2b', purchaseOrderNumber: 'PO-EVENTS' };
    const statuses = events.filter((e) => e.type === 'order.status_changed').map((e) => e.payload.data.status);
    expect(statuses).toEqual(expect.arrayContaining(['accepted', 'released', 'shipped']));
    expect(statuses.indexOf('accepted')).toBeLessThan(statuses.indexOf('released'));
    expect(events.find((e) => e.type === 'order.status_changed')!.payload.data.order).toEqual(ref);
    const shipment = events.find((e) => e.type === 'order.shipment_confirmed');
    expect(shipment?.payload.data).toEqual({ order: ref, shipmentId: expect.any(String), warehouseId: expect.any(String) });
    const invoice = events.find((e) => e.type === 'invoice.issued');
    expect(invoice?.payload.data).toEqual({
      invoiceId: expect.any(String),
      invoiceNumber: expect.stringMatching(/^9\d{7}$/),
      customerId: '10100001',
      orders: [ref],
    });
    // once each, though the process layer retried while the experience layer was down
    expect(events.filter((e) => e.type === 'order.shipment_confirmed')).toHaveLength(1);
  });

  it('announces a backorder with its lines and date', async () => {
    // more than the network holds: the rest is backordered at order entry
    const placed = await b2b('/orders', { headers: { 'idempotency-key': 'events-2' }, body: order('PO-EVENTS-BO', [{ sku: 'SKU-1001', quantity: 2_000 }]) });
    expect(placed.status).toBe(201);
    const backordered = placed.body.lines[0].backordered;
    expect(backordered.quantity).toBeGreaterThan(0);
    const events = await eventually(
      () => received(`order/${placed.body.orderId}`),
      (rows) => rows.some((r) => r.type === 'order.backordered'),
    );
    expect(events.find((e) => e.type === 'order.backordered')!.payload.data.lines).toEqual([
      { lineNumber: 1, sku: 'SKU-1001', quantity: backordered.quantity, uom: 'EA', promisedDate: backordered.promisedDate },
    ]);
  });

  it('takes events only from the process layer, and acknowledges a redelivered one without applying it again', async () => {
    const [event] = await stack.experience.get(Database).query<{ payload: Record<string, unknown> }>('SELECT payload FROM channel_events LIMIT 1');
    const url = `${stack.experienceUrl}/internal/v1/channel-events`;
    const forged = await call(url, { body: event!.payload, headers: { 'x-channel-events-token': 'not-the-token' } });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('content-type')).toContain('application/problem+json');
    expect((await call(url, { body: event!.payload })).status).toBe(401);
    const again = await call(url, { body: event!.payload, headers: { 'x-channel-events-token': CHANNEL_EVENTS_TOKEN } });
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ eventId: event!.payload.id, duplicate: true });
    const malformed = await call(url, { body: { id: 'nope' }, headers: { 'x-channel-events-token': CHANNEL_EVENTS_TOKEN } });
    expect(malformed.status).toBe(400);
  });
});
