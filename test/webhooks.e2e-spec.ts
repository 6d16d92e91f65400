import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { WebhookReceiver } from '../apps/experience-apis/src/webhooks/testing/webhook-receiver.js';
import { waitFor } from './support/eventually.js';
import { call, order, tokenFor } from './support/http.js';
import { TestStack } from './support/stack.js';

interface WmsOrder {
  id: string;
  warehouseId: string;
}

describe('B2B webhooks: order events from the process layer reach a partner endpoint, signed, retried, logged', () => {
  let stack: TestStack;
  let receiver: WebhookReceiver;
  let acme: string;
  let globex: string;

  const b2b = (token: string, path: string, init: Parameters<typeof call>[1] = {}) =>
    call(`${stack.experienceUrl}/b2b/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const subscribe = async (token: string, body: Record<string, unknown>) => {
    const response = await b2b(token, '/webhooks', { headers: { 'idempotency-key': randomUUID() }, body });
    expect(response.status).toBe(201);
    return response.body as { subscriptionId: string; secret: string };
  };
  const deliveriesOf = async (token: string, subscriptionId: string) =>
    (await b2b(token, `/webhooks/${subscriptionId}/deliveries?limit=200`)).body.deliveries as any[];

  /** Places an order of one line that one warehouse fills, and ships it from there. */
  const placeAndShip = async (purchaseOrderNumber: string) => {
    const placed = await b2b(acme, '/orders', {
      headers: { 'idempotency-key': purchaseOrderNumber },
      body: order(purchaseOrderNumber, [{ sku: 'SKU-1006', quantity: 2 }]),
    });
    expect(placed.status).toBe(201);
    let legs: WmsOrder[] = [];
    await waitFor(
      async () => {
        legs = (await call<{ orders: WmsOrder[] }>(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${placed.body.erpOrderNumber}`)).body
          .orders;
        return legs.length === 1;
      },
      15_000,
      'the release to the warehouse',
    );
    const shipped = await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${legs[0].id}/ship`, {
      body: { carrier: 'UPSN', trackingNumber: `1Z-${purchaseOrderNumber}` },
    });
    expect(shipped.status).toBe(202);
    return placed.body.orderId as string;
  };
  const hooksOf = (orderId: string, path: string) =>
    receiver.received.filter((h) => h.path === path && (h.body.data.orderId === orderId || h.body.data.orders?.some((o: any) => o.orderId === orderId)));

  beforeAll(async () => {
    stack = await TestStack.start({ webhooks: { pollIntervalMs: 100, retryBaseMs: 200, retryMaxMs: 500, maxAttempts: 4, timeoutMs: 2_000 } });
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    globex = await tokenFor(stack.experienceUrl, 'globex', 'globex-demo-secret');
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  it('subscribes with the secret shown once; lists without it; another partner gets 404; bad input 400', async () => {
    const created = await subscribe(acme, { url: `${receiver.url}/first`, categories: ['order'] });
    expect(created.secret).toMatch(/^whsec_/);
    const list = await b2b(acme, '/webhooks');
    expect(list.status).toBe(200);
    expect(list.body.subscriptions).toEqual([expect.objectContaining({ subscriptionId: created.subscriptionId, url: `${receiver.url}/first` })]);
    expect(JSON.stringify(list.body)).not.toContain(created.secret);
    expect((await b2b(acme, `/webhooks/${created.subscriptionId}`)).body).not.toHaveProperty('secret');
    // the same subscriptions under v2; only the v1 answers are marked deprecated
    expect(list.headers.get('deprecation')).toMatch(/^@\d+$/);
    const v2 = await call(`${stack.experienceUrl}/b2b/v2/webhooks/${created.subscriptionId}`, { headers: { authorization: `Bearer ${acme}` } });
    expect(v2.status).toBe(200);
    expect(v2.body.subscriptionId).toBe(created.subscriptionId);
    expect(v2.headers.get('deprecation')).toBeNull();

    expect((await b2b(globex, `/webhooks/${created.subscriptionId}`)).status).toBe(404);
    expect((await b2b(globex, `/webhooks/${created.subscriptionId}`, { method: 'DELETE' })).status).toBe(404);
    expect((await b2b(globex, '/webhooks')).body.subscriptions).toEqual([]);
    // a CRM client's token is not a partner's: 403, whatever the subscription
    const crm = await tokenFor(stack.experienceUrl, 'crm', 'crm-demo-secret');
    expect((await b2b(crm, '/webhooks')).status).toBe(403);

    const bad = await b2b(acme, '/webhooks', { headers: { 'idempotency-key': randomUUID() }, body: { url: 'ftp:/nope', categories: ['orders'] } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['categories', 'url']);
    expect((await b2b(acme, '/webhooks', { body: { url: `${receiver.url}/x`, categories: ['order'] } })).body.code).toBe('IDEMPOTENCY.KEY_MISSING');

    expect((await b2b(acme, `/webhooks/${created.subscriptionId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await b2b(acme, '/webhooks')).body.subscriptions).toEqual([]);
  });

  it('sends signed order, shipment and invoice events of an order placed and shipped; a failing receiver is retried; redeliver works', async () => {
    const all = await subscribe(acme, { url: `${receiver.url}/acme`, categories: ['order', 'shipment', 'backorder', 'invoice'] });
    const shipmentsOnly = await subscribe(acme, { url: `${receiver.url}/acme-shipments`, categories: ['shipment'] });
    const globexAll = await subscribe(globex, { url: `${receiver.url}/globex`, categories: ['order', 'shipment', 'backorder', 'invoice'] });
    // the main endpoint is down for its first two calls
    let calls = 0;
    receiver.respond = (hook) => (hook.path === '/acme' && ++calls <= 2 ? 500 : 200);

    // a PO of its own per run, so that a second run of this test (CI retries once) ships a new order
    const po = `PO-WH-1-${Date.now().toString(36).toUpperCase()}`;
    const orderId = await placeAndShip(po);
    // the shipment event to /acme may still be in its retries when the invoice's arrives: wait for each
    const typesAt = (path: string) => new Set(hooksOf(orderId, path).map((h) => h.body.type));
    await waitFor(
      () =>
        typesAt('/acme-shipments').has('order.shipment_confirmed') &&
        ['order.shipment_confirmed', 'invoice.issued'].every((type) => typesAt('/acme').has(type)) &&
        hooksOf(orderId, '/acme').some((h) => h.body.type === 'order.status_changed' && h.body.data.status === 'shipped'),
      30_000,
      'the order, shipment and invoice events',
    );

    const received = hooksOf(orderId, '/acme');
    const types = new Set(received.map((h) => h.body.type));
    expect([...types]).toEqual(expect.arrayContaining(['order.status_changed', 'order.shipment_confirmed', 'invoice.issued']));
    // every delivery verifies with the subscription's secret, and only with it
    expect(receiver.verified(all.secret).filter((h) => h.path === '/acme')).toHaveLength(receiver.received.filter((h) => h.path === '/acme').length);
    expect(receiver.verified(shipmentsOnly.secret).some((h) => h.path === '/acme')).toBe(false);
    for (const hook of received) {
      expect(hook.headers['webhook-id']).toBe(hook.body.id);
      expect(hook.headers['webhook-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(hook.rawBody).not.toContain('10100001'); // the ERP customer stays inside
    }
    const shipment = received.find((h) => h.body.type === 'order.shipment_confirmed')!;
    // with the details the partner needs, read from the process layer before sending
    expect(shipment.body.data).toEqual({
      orderId,
      purchaseOrderNumber: po,
      shipmentId: expect.any(String),
      warehouseId: expect.any(String),
      carrier: 'UPSN',
      trackingNumber: `1Z-${po}`,
      shippedAt: expect.any(String),
      lines: [expect.objectContaining({ lineNumber: 1, sku: 'SKU-1006' })],
    });
    const invoice = received.find((h) => h.body.type === 'invoice.issued')!;
    expect(invoice.body.data).toMatchObject({
      invoiceId: expect.any(String),
      orders: [{ orderId, purchaseOrderNumber: po }],
      totalAmount: { amount: expect.any(Number), currency: 'USD' },
    });
    const onOrder = await b2b(acme, `/orders/${orderId}/shipments`);
    expect(onOrder.body.shipments.map((s: any) => s.shipmentId)).toContain(shipment.body.data.shipmentId);
    const statuses = received.filter((h) => h.body.type === 'order.status_changed').map((h) => h.body.data.status);
    expect(statuses).toContain('shipped');

    // the shipments-only subscription got the shipment and nothing else; globex got nothing of acme's
    expect(new Set(hooksOf(orderId, '/acme-shipments').map((h) => h.body.type))).toEqual(new Set(['order.shipment_confirmed']));
    expect(hooksOf(orderId, '/globex')).toEqual([]);

    // the log shows the two failures and the success of the first delivery(ies)
    let log: any[] = [];
    await waitFor(
      async () => {
        log = (await deliveriesOf(acme, all.subscriptionId)).filter((d) => received.some((h) => h.body.id === d.eventId));
        return log.length > 0 && log.every((d) => d.status === 'succeeded');
      },
      15_000,
      'all deliveries to succeed',
    );
    const codes = log.flatMap((d) => d.attemptLog.map((a: any) => a.statusCode));
    expect(codes.filter((c) => c === 500)).toHaveLength(2);
    const retried = log.filter((d) => d.attempts > 1);
    expect(retried.length).toBeGreaterThanOrEqual(1);
    for (const delivery of retried) {
      expect(delivery.attemptLog.at(-1)).toMatchObject({ statusCode: 200, error: null });
      expect(delivery.attemptLog[0]).toMatchObject({ attempt: 1, statusCode: 500, error: 'HTTP 500' });
    }

    // redeliver: the same event again, same id, verifiable
    const target = log.find((d) => d.eventType === 'order.shipment_confirmed')!;
    const before = receiver.received.filter((h) => h.path === '/acme' && h.body.id === target.eventId).length;
    const redelivered = await b2b(acme, `/webhooks/${all.subscriptionId}/deliveries/${target.deliveryId}/redeliver`, { method: 'POST' });
    expect(redelivered.status).toBe(202);
    await waitFor(() => receiver.received.filter((h) => h.path === '/acme' && h.body.id === target.eventId).length > before, 10_000, 'the redelivery');
    expect(receiver.verified(all.secret).filter((h) => h.body.id === target.eventId).length).toBe(before + 1);
    expect((await b2b(globex, `/webhooks/${all.subscriptionId}/deliveries/${target.deliveryId}/redeliver`, { method: 'POST' })).status).toBe(404);
    expect((await b2b(globex, `/webhooks/${all.subscriptionId}/deliveries`)).status).toBe(404);

    await b2b(globex, `/webhooks/${globexAll.subscriptionId}`, { method: 'DELETE' });
    await b2b(acme, `/webhooks/${shipmentsOnly.subscriptionId}`, { method: 'DELETE' });
  });

  it('stops deliveries once the subscription is deleted', async () => {
    const { subscriptionId } = await subscribe(acme, { url: `${receiver.url}/deleted`, categories: ['order', 'shipment', 'invoice'] });
    const watcher = await subscribe(acme, { url: `${receiver.url}/watcher`, categories: ['shipment'] });
    receiver.respond = () => 200;
    expect((await b2b(acme, `/webhooks/${subscriptionId}`, { method: 'DELETE' })).status).toBe(204);

    const orderId = await placeAndShip(`PO-WH-2-${Date.now().toString(36).toUpperCase()}`);
    // the other subscription shows the events went out; the deleted one got none of them
    await waitFor(() => hooksOf(orderId, '/watcher').length >= 1, 30_000, 'the watcher');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hooksOf(orderId, '/deleted')).toEqual([]);
    expect((await b2b(acme, `/webhooks/${subscriptionId}/deliveries`)).status).toBe(404);
    await b2b(acme, `/webhooks/${watcher.subscriptionId}`, { method: 'DELETE' });
  });
});
