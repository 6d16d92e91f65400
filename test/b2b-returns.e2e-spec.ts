import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { WebhookReceiver } from '../apps/experience-apis/src/webhooks/testing/webhook-receiver.js';
import { waitFor } from './support/eventually.js';
import { call, clearSandboxCalls, order, sandboxCalls, tokenFor } from './support/http.js';
import { TestStack } from './support/stack.js';

interface WmsOrder {
  id: string;
}

describe('B2B v2 returns: request under an Idempotency-Key, partner-scoped reads, return webhooks', () => {
  let stack: TestStack;
  let receiver: WebhookReceiver;
  let acme: string;
  let globex: string;
  /** A run's own suffix, so a retried run (CI retries once) places new orders. */
  const run = Date.now().toString(36).toUpperCase();

  const v2 = (token: string, path: string, init: Parameters<typeof call>[1] = {}) =>
    call(`${stack.experienceUrl}/b2b/v2${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const requestReturn = (token: string, key: string, body: unknown, headers: Record<string, string> = {}) =>
    v2(token, '/returns', { headers: { 'idempotency-key': key, ...headers }, body });

  /** Places a one-line order that one warehouse fills; ships it unless told not to. */
  const place = async (purchaseOrderNumber: string, ship: boolean) => {
    const placed = await v2(acme, '/orders', {
      headers: { 'idempotency-key': purchaseOrderNumber },
      body: order(purchaseOrderNumber, [{ sku: 'SKU-1006', quantity: 4 }]),
    });
    expect(placed.status).toBe(201);
    if (!ship) return placed.body.orderId as string;
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
    const orderId = placed.body.orderId as string;
    await waitFor(async () => (await v2(acme, `/orders/${orderId}`)).body.status === 'shipped', 15_000, 'the order to ship');
    return orderId;
  };

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

  let shippedOrderId: string;
  let authorizedReturnId: string;
  let rmaNumber: string;
  let subscription: { subscriptionId: string; secret: string };
  let othersOnly: { subscriptionId: string; secret: string };

  it('authorizes a return of shipped goods with an RMA number (201, Location), replays the same key, refuses another body under it', async () => {
    subscription = (
      await v2(acme, '/webhooks', { headers: { 'idempotency-key': randomUUID() }, body: { url: `${receiver.url}/returns`, categories: ['return'] } })
    ).body;
    othersOnly = (
      await v2(acme, '/webhooks', {
        headers: { 'idempotency-key': randomUUID() },
        body: { url: `${receiver.url}/no-returns`, categories: ['order', 'shipment', 'backorder', 'invoice'] },
      })
    ).body;
    shippedOrderId = await place(`PO-RET-1-${run}`, true);
    const key = randomUUID();
    const body = { orderId: shippedOrderId, lines: [{ lineNumber: 1, quantity: 2, reasonCode: 'DAMAGED' }], notes: 'crushed' };
    const created = await requestReturn(acme, key, body);
    expect(created.status).toBe(201);
    expect(created.headers.get('idempotent-replayed')).toBe('false');
    expect(created.body).toMatchObject({
      returnId: expect.any(String),
      rmaNumber: expect.any(String),
      status: 'authorized',
      orderId: shippedOrderId,
      purchaseOrderNumber: `PO-RET-1-${run}`,
      lines: [{ lineNumber: 1, sku: 'SKU-1006', requestedQuantity: 2, authorizedQuantity: 2, refusal: null, reasonCode: 'DAMAGED' }],
      credit: null,
      notes: 'crushed',
    });
    // the partner view: never the ERP customer, the partner or the channel
    for (const field of ['customerId', 'partnerId', 'channel']) expect(created.body).not.toHaveProperty(field);
    authorizedReturnId = created.body.returnId;
    rmaNumber = created.body.rmaNumber;
    expect(created.headers.get('location')).toBe(`/b2b/v2/returns/${authorizedReturnId}`);

    const replay = await requestReturn(acme, key, body);
    expect([replay.status, replay.headers.get('idempotent-replayed'), replay.headers.get('location')]).toEqual([201, 'true', created.headers.get('location')]);
    expect(replay.body).toEqual(created.body);

    const other = await requestReturn(acme, key, { ...body, lines: [{ lineNumber: 1, quantity: 1, reasonCode: 'DAMAGED' }] });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');

    const read = await v2(acme, `/returns/${authorizedReturnId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ returnId: authorizedReturnId, rmaNumber, orderId: shippedOrderId });
  });

  it('refuses bad input with 400 problem+json naming the fields, before the process layer or a backend sees it', async () => {
    await clearSandboxCalls(stack.sandboxUrl);
    const before = (await v2(acme, '/returns?limit=200')).body.returns.length;
    const cases: [unknown, string[]][] = [
      [{ orderId: shippedOrderId, lines: [] }, ['lines']],
      [{ lines: [{ lineNumber: 1, quantity: 1, reasonCode: 'DAMAGED' }] }, ['orderId', 'purchaseOrderNumber']],
      [{ orderId: shippedOrderId, lines: [{ lineNumber: 1, quantity: 1, reasonCode: 'TOO_EXPENSIVE' }] }, ['lines[0].reasonCode']],
      [{ orderId: shippedOrderId, lines: [{ lineNumber: 1, quantity: 0, reasonCode: 'DAMAGED' }] }, ['lines[0].quantity']],
    ];
    for (const [body, fields] of cases) {
      const refused = await requestReturn(acme, randomUUID(), body, { 'x-correlation-id': 'bad-return' });
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ code: 'REQUEST.VALIDATION', status: 400, instance: '/b2b/v2/returns', correlationId: 'bad-return' });
      expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(fields);
    }
    const keyless = await v2(acme, '/returns', {
      headers: { 'x-correlation-id': 'bad-return' },
      body: { orderId: shippedOrderId, lines: [{ lineNumber: 1, quantity: 1, reasonCode: 'DAMAGED' }] },
    });
    expect([keyless.status, keyless.body.code]).toEqual([400, 'IDEMPOTENCY.KEY_MISSING']);
    // nothing was recorded and no backend was called
    expect((await v2(acme, '/returns?limit=200')).body.returns).toHaveLength(before);
    // (the shipped order's invoicing may still call the ERP meanwhile: the refused requests' correlation id must appear nowhere)
    for (const system of ['erp', 'wms', 'oms'] as const)
      expect((await sandboxCalls(stack.sandboxUrl, system)).filter((c) => (c as { correlationId?: string }).correlationId === 'bad-return')).toEqual([]);
  });

  it("answers a line that never shipped with a refusal and its reason; another partner's order is not found", async () => {
    const unshipped = await place(`PO-RET-2-${run}`, false);
    const refused = await requestReturn(acme, randomUUID(), {
      purchaseOrderNumber: `PO-RET-2-${run}`,
      lines: [{ sku: 'SKU-1006', quantity: 1, reasonCode: 'NOT_NEEDED' }],
    });
    expect(refused.status).toBe(201);
    expect(refused.body).toMatchObject({
      status: 'refused',
      rmaNumber: null,
      orderId: unshipped,
      lines: [{ sku: 'SKU-1006', requestedQuantity: 1, authorizedQuantity: 0, refusal: 'NOT_SHIPPED' }],
    });
    const stranger = await requestReturn(globex, randomUUID(), { orderId: shippedOrderId, lines: [{ lineNumber: 1, quantity: 1, reasonCode: 'DAMAGED' }] });
    expect([stranger.status, stranger.body.code]).toEqual([404, 'ORDER.NOT_FOUND']);
  });

  it("lists the partner's returns newest first with filters and a cursor; another partner sees none of them", async () => {
    const all = await v2(acme, '/returns?limit=200');
    expect(all.status).toBe(200);
    const mine = all.body.returns.filter((r: { orderId: string }) => r.orderId === shippedOrderId);
    expect(mine.map((r: { returnId: string }) => r.returnId)).toEqual([authorizedReturnId]);
    for (const field of ['customerId', 'partnerId', 'channel']) expect(all.body.returns[0]).not.toHaveProperty(field);

    const byOrder = await v2(acme, `/returns?orderId=${shippedOrderId}`);
    expect(byOrder.body.returns.map((r: { returnId: string }) => r.returnId)).toEqual([authorizedReturnId]);
    const refused = await v2(acme, '/returns?status=refused&limit=200');
    expect(refused.body.returns.length).toBeGreaterThanOrEqual(1);
    expect(refused.body.returns.every((r: { status: string }) => r.status === 'refused')).toBe(true);
    expect((await v2(acme, '/returns?status=nonsense')).status).toBe(400);
    expect((await v2(acme, '/returns?orderId=not-a-uuid')).status).toBe(400);

    // page by page: every return once, in the same order as the single page
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { returns: { returnId: string }[]; nextCursor: string | null } } = await v2(
        acme,
        `/returns?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.returns.length).toBeLessThanOrEqual(1);
      ids.push(...page.body.returns.map((r) => r.returnId));
      cursor = page.body.nextCursor;
    } while (cursor && ids.length < 50);
    expect(ids).toEqual(all.body.returns.map((r: { returnId: string }) => r.returnId));
    expect(ids.length).toBeGreaterThanOrEqual(2);

    // another partner: not in its list, and 404 on the read
    expect((await v2(globex, '/returns?limit=200')).body.returns.map((r: { returnId: string }) => r.returnId)).not.toContain(authorizedReturnId);
    const stranger = await v2(globex, `/returns/${authorizedReturnId}`);
    expect([stranger.status, stranger.body.code]).toEqual([404, 'RETURN.NOT_FOUND']);
    expect(stranger.headers.get('content-type')).toContain('application/problem+json');
    expect((await v2(acme, `/returns/${randomUUID()}`)).status).toBe(404);
  });

  it('sends return.authorized, return.received and return.credited to the return subscription, signed, with lines and credit', async () => {
    const hooks = (type: string) =>
      receiver.received.filter((h) => h.path === '/returns' && h.body.type === type && h.body.data.returnId === authorizedReturnId);
    await waitFor(() => hooks('return.authorized').length > 0, 20_000, 'return.authorized');
    const [authorized] = hooks('return.authorized');
    expect(authorized.body.data).toMatchObject({
      returnId: authorizedReturnId,
      rmaNumber,
      status: 'authorized',
      orderId: shippedOrderId,
      purchaseOrderNumber: `PO-RET-1-${run}`,
      lines: [expect.objectContaining({ lineNumber: 1, sku: 'SKU-1006', authorizedQuantity: 2 })],
    });

    // the warehouse receives the goods (control surface), then the ERP credits them
    let wmsReturn: { id: string } | undefined;
    await waitFor(
      async () => {
        [wmsReturn] =
          (await call<{ returns: { id: string }[] }>(`${stack.sandboxUrl}/control/wms/returns?rmaNumber=${encodeURIComponent(rmaNumber)}`)).body.returns ?? [];
        return !!wmsReturn;
      },
      20_000,
      'the RMA order in the WMS',
    );
    const received = await call(`${stack.sandboxUrl}/control/wms/returns/${wmsReturn!.id}/receive`, {
      body: { lines: [{ sku: 'SKU-1006', quantity: 2, disposition: 'restock' }] },
    });
    expect(received.status).toBe(202);
    await waitFor(() => hooks('return.received').length > 0 && hooks('return.credited').length > 0, 30_000, 'return.received and return.credited');
    expect(hooks('return.received')[0].body.data).toMatchObject({ status: 'received', rmaNumber, lines: [expect.objectContaining({ receivedQuantity: 2 })] });
    const credited = hooks('return.credited')[0].body.data;
    expect(credited).toMatchObject({
      status: 'credited',
      rmaNumber,
      credit: { creditMemoNumber: expect.any(String), currency: 'USD', invoiceNumbers: expect.any(Array) },
    });

    const all = receiver.received.filter((h) => h.path === '/returns' && h.body.data.returnId === authorizedReturnId);
    expect(receiver.verified(subscription.secret).filter((h) => h.path === '/returns' && h.body.data.returnId === authorizedReturnId)).toHaveLength(all.length);
    for (const hook of all) {
      expect(hook.headers['webhook-id']).toBe(hook.body.id);
      expect(hook.headers['webhook-event']).toBe(hook.body.type);
      expect(hook.rawBody).not.toContain('10100001'); // the ERP customer stays inside
    }
    // a subscription without the return category gets none
    expect(receiver.received.some((h) => h.path === '/no-returns' && h.body.type.startsWith('return.'))).toBe(false);

    const read = await v2(acme, `/returns/${authorizedReturnId}`);
    expect(read.body).toMatchObject({
      status: 'credited',
      credit: { net: { amount: expect.stringMatching(/^\d+\.\d{2,4}$/), currency: 'USD' }, total: { currency: 'USD' } },
    });
    await v2(acme, `/webhooks/${othersOnly.subscriptionId}`, { method: 'DELETE' });
  });
});
