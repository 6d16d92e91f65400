import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dropSchema } from '../../../../test/support/test-database.js';
import { baseUrlOf, Database, defaultBreakerOptions, generateServiceKeys, parseServiceKeys } from '@platform';
import { startExperienceApp } from '../experience.app.js';
import { defaultRateLimitConfig, defaultWebhooksConfig, demoPartners, type ExperienceApisConfig, type WebhooksConfig } from '../experience.config.js';
import { WebhookDeliveryRepository } from './deliveries/webhook-delivery.repository.js';
import { partnerEventsOf } from './domain/webhook-events.js';
import { WebhookReceiver } from './testing/webhook-receiver.js';
import { waitFor } from '../../../../test/support/eventually.js';

const postgresUrl = process.env.DATABASE_URL;
Logger.overrideLogger(false); // the worker's warnings about the failures these tests cause

const quick: Partial<WebhooksConfig> = { pollIntervalMs: 50, retryBaseMs: 100, retryMaxMs: 300, maxAttempts: 3, timeoutMs: 1_000 };

/** A stand-in for the process layer, which the worker asks for shipment and invoice details: 404 unless a test says otherwise. */
let processAnswer: (path: string) => { status: number; body: unknown } = () => ({ status: 404, body: { code: 'ORDER.NOT_FOUND', status: 404 } });
const processCalls: string[] = [];
let processUrl = '';

function configFor(url: string | undefined, schema: string, webhooks: Partial<WebhooksConfig>): ExperienceApisConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    processUrl,
    database: { url, dataDir: 'memory://', schema },
    breaker: defaultBreakerOptions,
    bodyLimitBytes: 262_144,
    auth: { keyEncryptionSecret: 'module-test-signing-secret-0123456789abcdef', tokenTtlSeconds: 3600, issuer: 'distribution-gateway' },
    serviceKeys: parseServiceKeys(generateServiceKeys()),
    idempotency: { retentionHours: 24, inFlightTimeoutMs: 60_000 },
    demoPartners: demoPartners(),
    edi: { demoTradingPartners: [], outboundIntervalMs: 60_000 },
    webhooks: { ...defaultWebhooksConfig, ...webhooks },
    rateLimits: defaultRateLimitConfig,
  };
}

async function api(baseUrl: string, path: string, init: { method?: string; token?: string; key?: string; body?: unknown } = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.key ? { 'idempotency-key': init.key } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

async function tokenOf(baseUrl: string, clientId: string): Promise<string> {
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: `${clientId}-demo-secret` }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

const orderRef = (partnerId: string, po: string) => ({ orderId: randomUUID(), partnerId, customerId: '10100001', channel: 'b2b', purchaseOrderNumber: po });
const channelEvent = (type: string, data: object) => ({ id: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), data });

let fakeProcess: Server;
beforeAll(async () => {
  fakeProcess = createServer((request, response) => {
    processCalls.push(request.url ?? '');
    const answer = processAnswer(request.url ?? '');
    response
      .writeHead(answer.status, { 'content-type': answer.status >= 400 ? 'application/problem+json' : 'application/json' })
      .end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => fakeProcess.listen(0, '127.0.0.1', resolve));
  processUrl = `http://127.0.0.1:${(fakeProcess.address() as AddressInfo).port}`;
});
afterAll(async () => {
  fakeProcess.closeAllConnections();
  await new Promise((resolve) => fakeProcess.close(resolve));
});

describe.each([['pglite', undefined], ...(postgresUrl ? [['postgres', postgresUrl] as const] : [])])('webhooks module on %s', (_kind, url) => {
  const schemas: string[] = [];
  const apps: NestFastifyApplication[] = [];
  let dev: string;
  let closed: string;
  let acme: string;
  let globex: string;
  let receiver: WebhookReceiver;
  let devApp: NestFastifyApplication;

  const start = async (webhooks: Partial<WebhooksConfig>, schema = `webhooks_${randomBytes(4).toString('hex')}`) => {
    schemas.push(schema);
    const app = await startExperienceApp(configFor(url, schema, webhooks));
    apps.push(app);
    return { app, url: await baseUrlOf(app), schema };
  };

  const enqueue = (app: NestFastifyApplication, event: ReturnType<typeof channelEvent>) =>
    app.get(Database).transaction((tx) => app.get(WebhookDeliveryRepository).enqueue(tx, partnerEventsOf(event)));

  const subscribe = async (token: string, body: Record<string, unknown>, baseUrl = dev) => {
    const response = await api(baseUrl, '/b2b/v1/webhooks', { token, key: randomUUID(), body });
    expect(response.status).toBe(201);
    return response.body as { subscriptionId: string; secret: string };
  };

  const deliveriesOf = async (subscriptionId: string, token = acme, baseUrl = dev) =>
    (await api(baseUrl, `/b2b/v1/webhooks/${subscriptionId}/deliveries`, { token })).body.deliveries as any[];

  beforeAll(async () => {
    ({ app: devApp, url: dev } = await start({ ...quick, allowPrivateUrls: true }));
    ({ url: closed } = await start({ ...quick, allowPrivateUrls: false }));
    acme = await tokenOf(dev, 'acme');
    globex = await tokenOf(dev, 'globex');
    receiver = await WebhookReceiver.start();
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await receiver?.stop();
    if (url) for (const schema of new Set(schemas)) await dropSchema(url, schema);
  });

  it('subscribes with the secret shown once, replays it for the same key, lists and reads without it', async () => {
    const body = { url: `${receiver.url}/a`, categories: ['order', 'shipment'], description: 'ERP integration' };
    const first = await api(dev, '/b2b/v1/webhooks', { token: acme, key: 'sub-1', body });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    expect(first.body).toMatchObject({ url: body.url, categories: ['order', 'shipment'], description: 'ERP integration' });
    expect(first.body.secret).toMatch(/^whsec_/);

    const replay = await api(dev, '/b2b/v1/webhooks', { token: acme, key: 'sub-1', body });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const reused = await api(dev, '/b2b/v1/webhooks', { token: acme, key: 'sub-1', body: { ...body, categories: ['invoice'] } });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');

    const list = await api(dev, '/b2b/v1/webhooks', { token: acme });
    expect(list.body.subscriptions.map((s: any) => s.subscriptionId)).toContain(first.body.subscriptionId);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
    const one = await api(dev, `/b2b/v1/webhooks/${first.body.subscriptionId}`, { token: acme });
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty('secret');
    expect(one.body.subscriptionId).toBe(first.body.subscriptionId);
  });

  it("hides a partner's subscriptions from another partner (404, as if it did not exist)", async () => {
    const { subscriptionId } = await subscribe(acme, { url: `${receiver.url}/private`, categories: ['order'] });
    for (const [method, path] of [
      ['GET', `/b2b/v1/webhooks/${subscriptionId}`],
      ['DELETE', `/b2b/v1/webhooks/${subscriptionId}`],
      ['GET', `/b2b/v1/webhooks/${subscriptionId}/deliveries`],
      ['POST', `/b2b/v1/webhooks/${subscriptionId}/deliveries/${randomUUID()}/redeliver`],
    ]) {
      const response = await api(dev, path, { method, token: globex });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await api(dev, '/b2b/v1/webhooks', { token: globex })).body.subscriptions.map((s: any) => s.subscriptionId)).not.toContain(subscriptionId);
    expect((await api(dev, `/b2b/v1/webhooks/${subscriptionId}`, { token: acme })).status).toBe(200);
    expect((await api(dev, '/b2b/v1/webhooks/not-a-uuid', { token: acme })).status).toBe(404);
    expect((await api(dev, '/b2b/v1/webhooks', { token: undefined })).status).toBe(401);
  });

  it('refuses bad input with 400 naming each field', async () => {
    const bad = async (body: unknown, withKey = true) => {
      const response = await api(dev, '/b2b/v1/webhooks', { token: acme, key: withKey ? randomUUID() : undefined, body });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      return response.body;
    };
    expect((await bad({ url: 'not a url', categories: ['order'] })).errors.map((e: any) => e.field)).toEqual(['url']);
    expect((await bad({ url: `${receiver.url}/x`, categories: ['order', 'refund'] })).errors.map((e: any) => e.field)).toEqual(['categories']);
    expect((await bad({ url: `${receiver.url}/x`, categories: [] })).errors.map((e: any) => e.field)).toEqual(['categories']);
    expect((await bad({ url: `${receiver.url}/x`, categories: ['order'], secret: 'mine' })).errors.map((e: any) => e.field)).toEqual(['secret']);
    expect((await bad({ url: `${receiver.url}/x`, categories: ['order'] }, false)).code).toBe('IDEMPOTENCY.KEY_MISSING');
    const { subscriptionId } = await subscribe(acme, { url: `${receiver.url}/y`, categories: ['order'] });
    const badQuery = await api(dev, `/b2b/v1/webhooks/${subscriptionId}/deliveries?status=lost&limit=0`, { token: acme });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors.map((e: any) => e.field).sort()).toEqual(['limit', 'status']);
    expect((await api(dev, `/b2b/v1/webhooks/${subscriptionId}/deliveries?cursor=bm9wZQ`, { token: acme })).status).toBe(400);
  });

  it('signs each delivery, retries a failing receiver with backoff until it answers, and logs every attempt', async () => {
    const { subscriptionId, secret } = await subscribe(acme, { url: `${receiver.url}/retry`, categories: ['shipment'] });
    const event = channelEvent('order.shipment_confirmed', { order: orderRef('acme', 'PO-77'), shipmentId: 'shp-1', warehouseId: 'DC01' });
    let calls = 0;
    receiver.respond = (hook) => (hook.path === '/retry' && ++calls <= 2 ? 500 : 204);
    expect(await enqueue(devApp, event)).toBeGreaterThanOrEqual(1); // with the first test's order+shipment subscription

    await waitFor(async () => (await deliveriesOf(subscriptionId))[0]?.status === 'succeeded', 10_000, 'the delivery to succeed');
    const hooks = receiver.received.filter((h) => h.path === '/retry');
    expect(hooks).toHaveLength(3);
    expect(receiver.verified(secret).filter((h) => h.path === '/retry')).toHaveLength(3);
    expect(receiver.verified('whsec_wrong')).toHaveLength(0);
    expect(new Set(hooks.map((h) => h.headers['webhook-id']))).toEqual(new Set([event.id]));
    expect(new Set(hooks.map((h) => h.rawBody)).size).toBe(1);
    expect(hooks[0].body).toEqual({
      id: event.id,
      type: 'order.shipment_confirmed',
      occurredAt: event.occurredAt,
      data: { orderId: (event.data as any).order.orderId, purchaseOrderNumber: 'PO-77', shipmentId: 'shp-1', warehouseId: 'DC01' },
    });
    expect(hooks[0].rawBody).not.toContain('10100001');
    expect(hooks[0].headers['webhook-signature']).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/);

    const [delivery] = await deliveriesOf(subscriptionId);
    expect(delivery).toMatchObject({
      eventId: event.id,
      eventType: 'order.shipment_confirmed',
      status: 'succeeded',
      attempts: 3,
      lastStatusCode: 204,
      lastError: null,
    });
    expect(delivery.attemptLog.map((a: any) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 500, 'HTTP 500'],
      [2, 500, 'HTTP 500'],
      [3, 204, null],
    ]);
    // backoff: each retry waited at least half the capped delay (base 100 ms, then 200 ms)
    const starts = delivery.attemptLog.map((a: any) => Date.parse(a.startedAt));
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(50);
    expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(100);
    expect(delivery.deliveredAt).not.toBeNull();
  });

  it('marks a delivery failed after the last attempt, and a redeliver sends it again', async () => {
    const { subscriptionId, secret } = await subscribe(acme, { url: `${receiver.url}/down`, categories: ['order'] });
    let up = false;
    receiver.respond = (hook) => (hook.path === '/down' && !up ? 503 : 200);
    const event = channelEvent('order.status_changed', { order: orderRef('acme', 'PO-78'), status: 'released', note: null });
    await enqueue(devApp, event);
    await waitFor(async () => (await deliveriesOf(subscriptionId))[0]?.status === 'failed', 10_000, 'the delivery to fail');
    const [failed] = await deliveriesOf(subscriptionId);
    expect(failed).toMatchObject({ attempts: 3, lastStatusCode: 503, lastError: 'HTTP 503', nextAttemptAt: null });
    expect((await api(dev, `/b2b/v1/webhooks/${subscriptionId}/deliveries?status=failed`, { token: acme })).body.deliveries).toHaveLength(1);

    up = true;
    const redeliver = await api(dev, `/b2b/v1/webhooks/${subscriptionId}/deliveries/${failed.deliveryId}/redeliver`, { method: 'POST', token: acme });
    expect(redeliver.status).toBe(202);
    expect(redeliver.body).toMatchObject({ deliveryId: failed.deliveryId, status: 'pending' });
    await waitFor(async () => (await deliveriesOf(subscriptionId))[0]?.status === 'succeeded', 10_000, 'the redelivery');
    const [delivered] = await deliveriesOf(subscriptionId);
    expect(delivered.attempts).toBe(4);
    expect(delivered.attemptLog.at(-1)).toMatchObject({ attempt: 4, statusCode: 200 });
    const verified = receiver.verified(secret).filter((h) => h.path === '/down');
    expect(verified).toHaveLength(4);
    expect(new Set(verified.map((h) => h.body.id))).toEqual(new Set([event.id]));

    const unknown = await api(dev, `/b2b/v1/webhooks/${subscriptionId}/deliveries/${randomUUID()}/redeliver`, { method: 'POST', token: acme });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('WEBHOOK.DELIVERY_NOT_FOUND');
  });

  it("delivers to the event's partner's subscriptions of its category only, once per event", async () => {
    const acmeInvoices = await subscribe(acme, { url: `${receiver.url}/acme-invoices`, categories: ['invoice'] });
    const globexInvoices = await subscribe(globex, { url: `${receiver.url}/globex-invoices`, categories: ['invoice', 'order'] });
    receiver.respond = () => 200;
    const invoice = channelEvent('invoice.issued', {
      invoiceId: 'inv-9',
      invoiceNumber: '90000009',
      customerId: 'x',
      orders: [orderRef('acme', 'PO-A'), orderRef('globex', 'PO-G')],
    });
    await enqueue(devApp, invoice);
    expect(await enqueue(devApp, invoice)).toBe(0); // the same event again: nothing more
    await waitFor(() => receiver.received.filter((h) => h.path.endsWith('-invoices')).length >= 2, 10_000, 'both invoices');
    const [toAcme] = receiver.verified(acmeInvoices.secret).filter((h) => h.path === '/acme-invoices');
    const [toGlobex] = receiver.verified(globexInvoices.secret).filter((h) => h.path === '/globex-invoices');
    expect(toAcme.body.data.orders.map((o: any) => o.purchaseOrderNumber)).toEqual(['PO-A']);
    expect(toGlobex.body.data.orders.map((o: any) => o.purchaseOrderNumber)).toEqual(['PO-G']);
    // acme's order and shipment subscriptions don't get invoices
    expect(receiver.received.filter((h) => h.body.id === invoice.id)).toHaveLength(2);
  });

  it("adds the shipment's carrier, tracking and lines, read from the process layer for the partner's customer", async () => {
    // alone with its subscription, so the process layer's one failure is this delivery's
    for (const { subscriptionId } of (await api(dev, '/b2b/v1/webhooks', { token: acme })).body.subscriptions) {
      await api(dev, `/b2b/v1/webhooks/${subscriptionId}`, { method: 'DELETE', token: acme });
    }
    const { subscriptionId, secret } = await subscribe(acme, { url: `${receiver.url}/tracked`, categories: ['shipment'] });
    receiver.respond = () => 200;
    const ref = orderRef('acme', 'PO-90');
    const lines = [{ lineNumber: 1, sku: 'SKU-1006', quantity: 2, uom: 'EA', lot: 'L1' }];
    let unavailable = 1;
    processAnswer = (path) => {
      if (!path.startsWith(`/v1/orders/${ref.orderId}`)) return { status: 404, body: {} };
      if (unavailable-- > 0) return { status: 503, body: { code: 'UPSTREAM.UNAVAILABLE', status: 503 } };
      const shipment = {
        shipmentId: 'shp-90',
        warehouseId: 'DC02',
        wmsOrderId: 'W-1',
        carrier: 'UPSN',
        trackingNumber: '1Z-90',
        shippedAt: '2026-11-25T11:00:00.000Z',
        lines,
      };
      return { status: 200, body: { orderId: ref.orderId, shipments: [shipment] } };
    };
    try {
      await enqueue(devApp, channelEvent('order.shipment_confirmed', { order: ref, shipmentId: 'shp-90', warehouseId: 'DC02' }));
      await waitFor(async () => (await deliveriesOf(subscriptionId))[0]?.status === 'succeeded', 10_000, 'the delivery');
    } finally {
      processAnswer = () => ({ status: 404, body: {} });
    }
    // the process layer was down at first: that attempt never reached the partner, the next one did
    const [delivery] = await deliveriesOf(subscriptionId);
    expect(delivery.attemptLog[0]).toMatchObject({ statusCode: null, error: expect.stringMatching(/^not sent: details unavailable/) });
    expect(delivery.attemptLog[1]).toMatchObject({ statusCode: 200 });
    const hooks = receiver.verified(secret).filter((h) => h.path === '/tracked');
    expect(hooks).toHaveLength(1);
    expect(hooks[0].body.data).toEqual({
      orderId: ref.orderId,
      purchaseOrderNumber: 'PO-90',
      shipmentId: 'shp-90',
      warehouseId: 'DC02',
      carrier: 'UPSN',
      trackingNumber: '1Z-90',
      shippedAt: '2026-11-25T11:00:00.000Z',
      lines,
    });
    expect(processCalls.filter((c) => c.startsWith(`/v1/orders/${ref.orderId}`)).every((c) => c.includes('customerId=10100001'))).toBe(true);
  });

  it("adds a return's lines and credit, read from the process layer for the partner and its customer; the event's status stays", async () => {
    const { subscriptionId, secret } = await subscribe(acme, { url: `${receiver.url}/returns`, categories: ['return'] });
    const others = await subscribe(acme, { url: `${receiver.url}/no-returns`, categories: ['order', 'shipment', 'backorder', 'invoice'] });
    receiver.respond = () => 200;
    const ref = orderRef('acme', 'PO-RMA');
    const returnId = randomUUID();
    const lines = [
      {
        lineNumber: 1,
        sku: 'SKU-1006',
        uom: 'EA',
        reasonCode: 'DAMAGED',
        requestedQuantity: 2,
        authorizedQuantity: 2,
        refusal: null,
        warehouseId: 'DC01',
        receivedQuantity: 2,
        dispositions: [{ disposition: 'restock', quantity: 2 }],
        creditedQuantity: 2,
      },
    ];
    const credit = {
      creditMemoNumber: '90000042',
      currency: 'USD',
      netAmount: 17.8,
      taxAmount: 1.02,
      grossAmount: 18.82,
      invoiceNumbers: ['90000041'],
      creditedAt: '2026-12-07T10:15:00.000Z',
    };
    processAnswer = (path) =>
      path.startsWith(`/v1/returns/${returnId}`)
        ? { status: 200, body: { returnId, rmaNumber: 'RMA-2026-000042', status: 'credited', partnerId: 'acme', customerId: '10100001', lines, credit } }
        : { status: 404, body: {} };
    const event = channelEvent('return.received', { returnId, rmaNumber: 'RMA-2026-000042', status: 'received', order: ref });
    try {
      await enqueue(devApp, event);
      await waitFor(async () => (await deliveriesOf(subscriptionId))[0]?.status === 'succeeded', 10_000, 'the delivery');
    } finally {
      processAnswer = () => ({ status: 404, body: {} });
    }
    const hooks = receiver.verified(secret).filter((h) => h.path === '/returns');
    expect(hooks).toHaveLength(1);
    expect(hooks[0].headers['webhook-event']).toBe('return.received');
    expect(hooks[0].body.data).toEqual({
      orderId: ref.orderId,
      purchaseOrderNumber: 'PO-RMA',
      returnId,
      rmaNumber: 'RMA-2026-000042',
      status: 'received',
      lines,
      credit,
    });
    expect(hooks[0].rawBody).not.toContain('10100001');
    const reads = processCalls.filter((c) => c.startsWith(`/v1/returns/${returnId}`));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((c) => c.includes('customerId=10100001') && c.includes('partnerId=acme'))).toBe(true);
    // a subscription without the return category (as every one made before it existed) gets none
    expect(receiver.received.some((h) => h.path === '/no-returns' && h.body.id === event.id)).toBe(false);
    for (const id of [subscriptionId, others.subscriptionId]) await api(dev, `/b2b/v1/webhooks/${id}`, { method: 'DELETE', token: acme });
  });

  it('pages the delivery log newest first with a cursor', async () => {
    const { subscriptionId } = await subscribe(acme, { url: `${receiver.url}/paged`, categories: ['order'] });
    receiver.respond = () => 200;
    const events = [];
    for (let i = 0; i < 3; i++) {
      const event = channelEvent('order.status_changed', { order: orderRef('acme', `PO-P${i}`), status: 'released', note: null });
      events.push(event);
      await enqueue(devApp, event);
    }
    const page1 = await api(dev, `/b2b/v1/webhooks/${subscriptionId}/deliveries?limit=2`, { token: acme });
    expect(page1.body.deliveries).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await api(dev, `/b2b/v1/webhooks/${subscriptionId}/deliveries?limit=2&cursor=${page1.body.nextCursor}`, { token: acme });
    expect(page2.body.deliveries).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    // every delivery once across the pages, newest first (deliveries queued within one clock tick tie; the id orders them)
    const listed = [...page1.body.deliveries, ...page2.body.deliveries];
    expect(listed.map((d: any) => d.eventId).sort()).toEqual(events.map((e) => e.id).sort());
    const created = listed.map((d: any) => Date.parse(d.createdAt));
    expect(created).toEqual([...created].sort((x, y) => y - x));
  });

  it('stops deliveries when the subscription is deleted, queued retries included', async () => {
    const { subscriptionId } = await subscribe(acme, { url: `${receiver.url}/gone`, categories: ['backorder'] });
    receiver.respond = (hook) => (hook.path === '/gone' ? 500 : 200);
    const lines = [{ lineNumber: 1, sku: 'SKU-1', quantity: 2, uom: 'EA', promisedDate: null }];
    await enqueue(devApp, channelEvent('order.backordered', { order: orderRef('acme', 'PO-79'), lines }));
    await waitFor(() => receiver.received.some((h) => h.path === '/gone'), 10_000, 'the first attempt');
    expect((await api(dev, `/b2b/v1/webhooks/${subscriptionId}`, { method: 'DELETE', token: acme })).status).toBe(204);
    const seen = receiver.received.filter((h) => h.path === '/gone').length;
    expect(await enqueue(devApp, channelEvent('order.backordered', { order: orderRef('acme', 'PO-80'), lines }))).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(receiver.received.filter((h) => h.path === '/gone').length).toBeLessThanOrEqual(seen + 1); // at most the attempt in flight
    expect((await api(dev, `/b2b/v1/webhooks/${subscriptionId}`, { token: acme })).status).toBe(404);
    expect((await api(dev, `/b2b/v1/webhooks/${subscriptionId}`, { method: 'DELETE', token: acme })).status).toBe(404);
  });

  it('keeps delivering to others while one receiver is slow, and times the slow one out', async () => {
    const slow = await subscribe(acme, { url: `${receiver.url}/slow`, categories: ['order'] });
    const fast = await subscribe(acme, { url: `${receiver.url}/fast`, categories: ['order'] });
    receiver.respond = (hook) => (hook.path === '/slow' ? new Promise((resolve) => setTimeout(() => resolve(200), 3_000)) : 200);
    const event = channelEvent('order.status_changed', { order: orderRef('acme', 'PO-81'), status: 'shipped', note: null });
    await enqueue(devApp, event);
    const startedAt = Date.now();
    await waitFor(() => receiver.received.some((h) => h.path === '/fast' && h.body.id === event.id), 5_000, 'the fast receiver');
    expect(Date.now() - startedAt).toBeLessThan(900);
    await waitFor(async () => (await deliveriesOf(slow.subscriptionId))[0]?.attempts >= 1, 5_000, 'the slow attempt to time out');
    expect((await deliveriesOf(slow.subscriptionId))[0].attemptLog[0]).toMatchObject({ statusCode: null, error: 'timed out after 1000 ms' });
    expect((await deliveriesOf(fast.subscriptionId))[0].status).toBe('succeeded');
    await api(dev, `/b2b/v1/webhooks/${slow.subscriptionId}`, { method: 'DELETE', token: acme });
  });

  describe('without the development setting (WEBHOOKS_ALLOW_PRIVATE_URLS=false)', () => {
    it.each([
      ['http://hooks.example.com/in', 'WEBHOOK.URL_NOT_HTTPS'],
      ['https://127.0.0.1:8443/in', 'WEBHOOK.URL_NOT_ALLOWED'],
      ['https://10.20.30.40/in', 'WEBHOOK.URL_NOT_ALLOWED'],
      ['https://169.254.169.254/latest/meta-data', 'WEBHOOK.URL_NOT_ALLOWED'],
      ['https://[::1]/in', 'WEBHOOK.URL_NOT_ALLOWED'],
      ['https://[::ffff:127.0.0.1]/in', 'WEBHOOK.URL_NOT_ALLOWED'],
      ['https://[fd00::1]/in', 'WEBHOOK.URL_NOT_ALLOWED'],
      ['https://localhost/in', 'WEBHOOK.URL_NOT_ALLOWED'],
    ])('refuses %s with 422 %s', async (url, code) => {
      const token = await tokenOf(closed, 'acme');
      const response = await api(closed, '/b2b/v1/webhooks', { token, key: randomUUID(), body: { url, categories: ['order'] } });
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code, errors: [{ field: 'url' }] });
      expect((await api(closed, '/b2b/v1/webhooks', { token })).body.subscriptions).toEqual([]);
    });

    it('checks again at delivery time: a stored URL that resolves to loopback is never called', async () => {
      const app = apps[1];
      const subscriptionId = randomUUID();
      // as if localhost had resolved to a public address when it subscribed (DNS rebinding)
      await app
        .get(Database)
        .query(`INSERT INTO webhook_subscriptions (subscription_id, partner_id, url, categories, secret) VALUES ($1, 'acme', $2, ARRAY['order'], 'whsec_x')`, [
          subscriptionId,
          `https://localhost:${new URL(receiver.url).port}/rebound`,
        ]);
      await enqueue(app, channelEvent('order.status_changed', { order: orderRef('acme', 'PO-82'), status: 'released', note: null }));
      const token = await tokenOf(closed, 'acme');
      await waitFor(async () => (await deliveriesOf(subscriptionId, token, closed))[0]?.attempts >= 1, 5_000, 'the refused attempt');
      const [delivery] = await deliveriesOf(subscriptionId, token, closed);
      expect(delivery.attemptLog[0].statusCode).toBeNull();
      expect(delivery.attemptLog[0].error).toMatch(/^destination refused: localhost .*(127\.0\.0\.1|::1)/);
      expect(receiver.received.some((h) => h.path === '/rebound')).toBe(false);
    });
  });

  (url ? it : it.skip)('sends each delivery once when two instances poll the same database', async () => {
    // a second instance on the first one's schema
    const second = await start({ ...quick, allowPrivateUrls: true }, schemas[0]);
    const { subscriptionId } = await subscribe(acme, { url: `${receiver.url}/shared`, categories: ['order'] });
    receiver.respond = () => new Promise((resolve) => setTimeout(() => resolve(200), 50));
    const events = Array.from({ length: 30 }, (_, i) =>
      channelEvent('order.status_changed', { order: orderRef('acme', `PO-S${i}`), status: 'released', note: null }),
    );
    for (const event of events) await enqueue(second.app, event);
    await waitFor(
      async () => (await api(dev, `/b2b/v1/webhooks/${subscriptionId}/deliveries?status=succeeded&limit=50`, { token: acme })).body.deliveries.length === 30,
      15_000,
      'all deliveries',
    );
    const ids = receiver.received.filter((h) => h.path === '/shared').map((h) => h.body.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });
});
