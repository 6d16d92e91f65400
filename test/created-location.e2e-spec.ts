import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { WebhookReceiver } from '../apps/experience-apis/src/webhooks/testing/webhook-receiver.js';
import { call, order, tokenFor, type JsonResponse } from './support/http.js';
import { TestStack } from './support/stack.js';

describe('Location on a 201: the path of what was created, which GETs it, on a replay too', () => {
  let stack: TestStack;
  let acme: string;
  let ops: Record<string, string>;
  let receiver: WebhookReceiver;
  const asAcme = (path: string, init: Parameters<typeof call>[1] = {}) =>
    call(`${stack.experienceUrl}${path}`, { ...init, headers: { authorization: `Bearer ${acme}`, ...init.headers } });

  beforeAll(async () => {
    stack = await TestStack.start();
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    ops = await stack.opsHeaders();
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await receiver?.stop();
    await stack.stop();
  });

  /** The created resource, read back at the Location the 201 named. */
  const readBack = async (created: JsonResponse, headers: Record<string, string>) => {
    const location = created.headers.get('location');
    expect(location).toMatch(/^\/[^?#]+$/);
    return call(`${stack.experienceUrl}${location}`, { headers });
  };

  it.each(['v1', 'v2'])('POST /b2b/%s/orders: Location /b2b/<version>/orders/{orderId}, the same on the replay', async (version) => {
    const key = randomUUID();
    const request = order(`PO-LOC-${version}`, [{ sku: 'SKU-1001', quantity: 1 }]);
    const placed = await asAcme(`/b2b/${version}/orders`, { headers: { 'idempotency-key': key }, body: request });
    expect(placed.status).toBe(201);
    expect(placed.headers.get('location')).toBe(`/b2b/${version}/orders/${placed.body.orderId}`);
    const read = await readBack(placed, { authorization: `Bearer ${acme}` });
    expect([read.status, read.body.orderId, read.body.purchaseOrderNumber]).toEqual([200, placed.body.orderId, `PO-LOC-${version}`]);

    const replay = await asAcme(`/b2b/${version}/orders`, { headers: { 'idempotency-key': key }, body: request });
    expect([replay.status, replay.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(replay.headers.get('location')).toBe(placed.headers.get('location'));
  });

  it.each(['v1', 'v2'])('POST /b2b/%s/webhooks: Location of the subscription under the version called, the same on the replay', async (version) => {
    const key = randomUUID();
    const request = { url: `${receiver.url}/location-${version}`, categories: ['order'] };
    const subscribed = await asAcme(`/b2b/${version}/webhooks`, { headers: { 'idempotency-key': key }, body: request });
    expect(subscribed.status).toBe(201);
    expect(subscribed.headers.get('location')).toBe(`/b2b/${version}/webhooks/${subscribed.body.subscriptionId}`);
    const read = await readBack(subscribed, { authorization: `Bearer ${acme}` });
    expect([read.status, read.body.subscriptionId, read.body.url]).toEqual([200, subscribed.body.subscriptionId, request.url]);

    const replay = await asAcme(`/b2b/${version}/webhooks`, { headers: { 'idempotency-key': key }, body: request });
    expect([replay.status, replay.headers.get('idempotent-replayed'), replay.headers.get('location')]).toEqual([
      201,
      'true',
      subscribed.headers.get('location'),
    ]);
  });

  it('POST /ops/v1/edi/trading-partners: Location of the onboarded trading partner', async () => {
    const onboarded = await call(`${stack.experienceUrl}/ops/v1/edi/trading-partners`, {
      headers: ops,
      body: {
        tradingPartnerId: 'loc-edi',
        name: 'Location EDI',
        customerId: '10100006',
        isaQualifier: 'ZZ',
        isaId: 'LOCEDI',
        gsId: 'LOCEDI',
        separators: { element: '*', component: '>', segment: '~' },
        usage: 'T',
        documents: ['855'],
      },
    });
    expect([onboarded.status, onboarded.headers.get('location')]).toEqual([201, '/ops/v1/edi/trading-partners/loc-edi']);
    expect((await readBack(onboarded, ops)).body).toMatchObject({ tradingPartnerId: 'loc-edi' });
  });

  it('POST /ops/v1/partners and /ops/v1/crm-clients: Location of the onboarded client', async () => {
    const partner = await call(`${stack.experienceUrl}/ops/v1/partners`, {
      headers: ops,
      body: { clientId: 'loc-partner', name: 'Location Partner', customerId: '10100003' },
    });
    expect([partner.status, partner.headers.get('location')]).toEqual([201, '/ops/v1/partners/loc-partner']);
    expect((await readBack(partner, ops)).body).toMatchObject({ clientId: 'loc-partner', kind: 'partner' });

    const crm = await call(`${stack.experienceUrl}/ops/v1/crm-clients`, { headers: ops, body: { clientId: 'loc-crm', name: 'Location CRM' } });
    expect([crm.status, crm.headers.get('location')]).toEqual([201, '/ops/v1/crm-clients/loc-crm']);
    expect((await readBack(crm, ops)).body).toMatchObject({ clientId: 'loc-crm' });
  });

  it('sends the RateLimit fields on the answers the catalog documents them on: a 201 and a 404, not a 401', async () => {
    const placed = await asAcme('/b2b/v2/orders', {
      headers: { 'idempotency-key': randomUUID() },
      body: order('PO-LOC-RL', [{ sku: 'SKU-1001', quantity: 1 }]),
    });
    const missing = await asAcme(`/b2b/v2/orders/${randomUUID()}`);
    const anonymous = await call(`${stack.experienceUrl}/b2b/v2/orders/${randomUUID()}`);
    expect([placed.status, missing.status, anonymous.status]).toEqual([201, 404, 401]);
    expect(placed.headers.get('ratelimit-policy')).toMatch(/^"writes";q=\d+;w=\d+$/);
    expect(missing.headers.get('ratelimit')).toMatch(/^"reads";r=\d+;t=\d+$/);
    expect(anonymous.headers.get('ratelimit')).toBeNull();
  });

  it('sends no Location on a refused create, nor on a 200 (a quote holds nothing to read back)', async () => {
    const refused = await asAcme('/b2b/v2/orders', { headers: { 'idempotency-key': randomUUID() }, body: { lines: [] } });
    expect([refused.status, refused.headers.get('location')]).toEqual([400, null]);
    const quote = await asAcme('/b2b/v2/quotes', {
      headers: { 'idempotency-key': randomUUID() },
      body: { lines: [{ lineNumber: 1, sku: 'SKU-1001', quantity: 1 }] },
    });
    expect([quote.status, quote.headers.get('location')]).toEqual([200, null]);
  });
});
