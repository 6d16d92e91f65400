import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sample850Interchange } from '../apps/experience-apis/src/edi/testing/sample-interchange.js';
import { call, eventually, order, tokenFor } from './support/http.js';
import { serviceHeaders, TestStack } from './support/stack.js';

describe('admin API: onboarding, secret rotation with overlap, failed deliveries, exception resolution (operator scope, audited)', () => {
  let stack: TestStack;
  let ops: Record<string, string>;
  let acme: string;
  const b2bAs = (token: string, path: string, init: Parameters<typeof call>[1] = {}) =>
    call(`${stack.experienceUrl}/b2b/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });

  beforeAll(async () => {
    // fast, few webhook retries: a dead endpoint's deliveries fail within a second
    stack = await TestStack.start({ webhooks: { pollIntervalMs: 100, retryBaseMs: 100, retryMaxMs: 200, maxAttempts: 2, timeoutMs: 1_000 } });
    ops = await stack.opsHeaders();
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
  });
  afterAll(async () => {
    await stack.stop();
  });

  describe('onboarding partners and CRM clients', () => {
    it('onboards a partner that gets a token and places an order at once; lists it; audits it', async () => {
      const url = `${stack.experienceUrl}/ops/v1/partners`;
      const body = { clientId: 'initech', name: 'Initech Supply', customerId: '10100003', rateLimits: { writes: { perSecond: 5, burst: 10 } } };
      expect((await call(url, { body })).status).toBe(401);
      const asPartner = await call(url, { body, headers: { authorization: `Bearer ${acme}` } });
      expect(asPartner.status).toBe(403);
      expect(asPartner.headers.get('content-type')).toContain('application/problem+json');

      const onboarded = await call(url, { body, headers: ops });
      expect(onboarded.status).toBe(201);
      expect(onboarded.body).toMatchObject({
        clientId: 'initech',
        kind: 'partner',
        scopes: ['b2b'],
        customerId: '10100003',
        active: true,
        rateLimits: { writes: { perSecond: 5, burst: 10 } },
        clientSecret: expect.any(String),
      });
      const token = await tokenFor(stack.experienceUrl, 'initech', onboarded.body.clientSecret);
      const placed = await b2bAs(token, '/orders', {
        headers: { 'idempotency-key': 'initech-1' },
        body: order('PO-INITECH-1', [{ sku: 'SKU-1001', quantity: 2 }]),
      });
      expect(placed.status).toBe(201);
      expect(placed.body.orderId).toEqual(expect.any(String));

      // the same id again (or a demo client's) is a conflict; an ERP customer that does not exist is refused
      expect((await call(url, { body, headers: ops })).status).toBe(409);
      const taken = await call(url, { body: { ...body, clientId: 'crm' }, headers: ops });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('CLIENT.ALREADY_EXISTS');
      const unknown = await call(url, { body: { ...body, clientId: 'nobody-co', customerId: '99999999' }, headers: ops });
      expect(unknown.status).toBe(422);
      expect(unknown.body.code).toBe('CLIENT.UNKNOWN_CUSTOMER');
      const invalid = await call(url, { body: { clientId: 'Bad Id!', name: '', customerId: '10100003' }, headers: ops });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['clientId', 'name']);

      const one = await call(`${url}/initech`, { headers: ops });
      expect(one.status).toBe(200);
      expect(one.body.clientSecret).toBeUndefined();
      expect((await call(`${url}/crm`, { headers: ops })).status).toBe(404); // a CRM client, not a partner
      const first = await call(`${url}?limit=1`, { headers: ops });
      expect(first.body.clients).toHaveLength(1);
      const ids: string[] = first.body.clients.map((c: { clientId: string }) => c.clientId);
      for (let cursor = first.body.nextCursor; cursor;) {
        const next = await call(`${url}?limit=1&cursor=${cursor}`, { headers: ops });
        ids.push(...next.body.clients.map((c: { clientId: string }) => c.clientId));
        cursor = next.body.nextCursor;
      }
      expect(ids).toEqual(expect.arrayContaining(['acme', 'globex', 'initech']));
      expect(ids).not.toContain('crm');
      expect(new Set(ids).size).toBe(ids.length);

      // disabled through the existing client route: its token stops working
      expect((await call(`${stack.experienceUrl}/ops/v1/clients/initech/disable`, { method: 'POST', headers: ops })).status).toBe(200);
      expect((await b2bAs(token, '/availability?sku=SKU-1001&quantity=1')).status).toBe(401);

      const audit = await call(`${stack.experienceUrl}/ops/v1/audit?action=client.onboarded`, { headers: ops });
      expect(audit.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actor: 'ops', target: 'initech', detail: expect.objectContaining({ kind: 'partner', customerId: '10100003' }) }),
        ]),
      );
    });

    it('onboards a CRM client with the crm scope', async () => {
      const url = `${stack.experienceUrl}/ops/v1/crm-clients`;
      const onboarded = await call(url, { body: { clientId: 'portal-crm', name: 'Sales portal' }, headers: ops });
      expect(onboarded.status).toBe(201);
      expect(onboarded.body).toMatchObject({ clientId: 'portal-crm', kind: 'crm', scopes: ['crm'], clientSecret: expect.any(String) });
      expect(onboarded.body.customerId).toBeUndefined();
      const token = await tokenFor(stack.experienceUrl, 'portal-crm', onboarded.body.clientSecret);
      // a crm token is not a partner token
      expect((await b2bAs(token, '/availability?sku=SKU-1001&quantity=1')).status).toBe(403);
      expect((await call(`${url}/portal-crm`, { headers: ops })).body).toMatchObject({ clientId: 'portal-crm', active: true });
      expect((await call(url, { body: { clientId: 'portal-crm', name: 'again' }, headers: ops })).status).toBe(409);
    });
  });

  describe('onboarding EDI trading partners', () => {
    const url = () => `${stack.experienceUrl}/ops/v1/edi/trading-partners`;
    const hooli = {
      tradingPartnerId: 'hooli-edi',
      name: 'Hooli Facilities (X12)',
      customerId: '10100006',
      isaQualifier: 'ZZ',
      isaId: 'HOOLIFAC',
      gsId: 'HOOLIFAC',
      separators: { element: '*', component: '>', segment: '~' },
      usage: 'T',
      documents: ['855', '856', '810'],
      partNumbers: [
        { buyerPartNumber: 'HOO-GLOVE-L', sku: 'SKU-1003' },
        { buyerPartNumber: 'HOO-TOWEL-9', sku: 'SKU-1020' },
      ],
    };

    it('onboards a trading partner with its client and part numbers: its 850 with a buyer part number becomes an order; disabled, its interchanges are refused and no 856 is queued', async () => {
      expect((await call(url(), { body: hooli })).status).toBe(401);
      expect((await call(url(), { body: hooli, headers: { authorization: `Bearer ${acme}` } })).status).toBe(403);
      const onboarded = await call(url(), { body: hooli, headers: ops });
      expect(onboarded.status).toBe(201);
      expect(onboarded.body).toMatchObject({
        tradingPartnerId: 'hooli-edi',
        clientId: 'hooli-edi',
        customerId: '10100006',
        ourIsaId: 'DISTGATEWAY',
        separators: { element: '*', component: '>', segment: '~', repetition: '^' },
        documents: ['855', '856', '810'],
        partNumbers: hooli.partNumbers,
        active: true,
        clientSecret: expect.any(String),
      });
      // the same id, or the same ISA id under another name, is a conflict; an unknown ERP customer is refused
      expect((await call(url(), { body: hooli, headers: ops })).body.code).toBe('EDI.TRADING_PARTNER_EXISTS');
      const sameIsa = await call(url(), { body: { ...hooli, tradingPartnerId: 'hooli-2' }, headers: ops });
      expect([sameIsa.status, sameIsa.body.code]).toEqual([409, 'EDI.ISA_ID_TAKEN']);
      expect((await call(`${stack.experienceUrl}/ops/v1/partners/hooli-2`, { headers: ops })).status).toBe(404); // its client rolled back with it
      const unknown = await call(url(), { body: { ...hooli, tradingPartnerId: 'nobody-edi', isaId: 'NOBODY', customerId: '99999999' }, headers: ops });
      expect([unknown.status, unknown.body.code]).toEqual([422, 'CLIENT.UNKNOWN_CUSTOMER']);
      const badSeparators = await call(url(), {
        body: { ...hooli, tradingPartnerId: 'bad-edi', isaId: 'BAD', separators: { element: '*', component: '*', segment: 'A' } },
        headers: ops,
      });
      expect(badSeparators.status).toBe(400);

      const token = await tokenFor(stack.experienceUrl, 'hooli-edi', onboarded.body.clientSecret);
      const send = (isa13: string, po: string) =>
        call<string>(`${stack.experienceUrl}/edi/v1/interchanges`, {
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/edi-x12' },
          rawBody: sample850Interchange({ isa13, senderId: 'HOOLIFAC', orders: [{ po, lines: [{ qty: 4, bp: 'HOO-GLOVE-L' }] }] }),
        });
      const accepted = await send('000000501', 'HOOLI-PO-1');
      expect(accepted.status).toBe(200);
      expect(accepted.headers.get('edi-acknowledgment')).toBe('997');
      expect(accepted.headers.get('edi-status')).toBe('A');
      const orders = await eventually(
        () => b2bAs(token, '/orders?purchaseOrderNumber=HOOLI-PO-1'),
        (r) => r.body.orders?.length === 1,
      );
      expect(orders.body.orders[0].lines).toEqual([expect.objectContaining({ sku: 'SKU-1003', quantity: 4 })]);

      const disabled = await call(`${url()}/hooli-edi/disable`, { method: 'POST', headers: ops });
      expect(disabled.status).toBe(200);
      expect(disabled.body.active).toBe(false);
      const refused = await send('000000502', 'HOOLI-PO-2');
      expect(refused.status).toBe(403);
      expect((refused.body as unknown as { code: string }).code).toBe('EDI.TRADING_PARTNER_DISABLED');
      expect((await b2bAs(token, '/orders?purchaseOrderNumber=HOOLI-PO-2')).body.orders).toEqual([]);
      expect((await call(`${url()}/hooli-edi`, { headers: ops })).body.active).toBe(false);

      // no documents go out while disabled: its order ships, and no 856 is queued for it. A webhook to a dead URL,
      // queued by the same event in the same inbox transaction, shows that the event was handled.
      const hook = await b2bAs(token, '/webhooks', {
        headers: { 'idempotency-key': 'hooli-hook' },
        body: { url: 'http://127.0.0.1:9/dead', categories: ['shipment'] },
      });
      expect(hook.status).toBe(201);
      const erpOrderNumber: string = orders.body.orders[0].erpOrderNumber;
      const [wmsOrder] = (
        await eventually(
          () => call(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${erpOrderNumber}`),
          (r) => r.body.orders?.length === 1,
          15_000,
        )
      ).body.orders;
      expect(
        (await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${wmsOrder.id}/ship`, { body: { carrier: 'UPSN', trackingNumber: '1Z-HOOLI' } }))
          .status,
      ).toBe(202);
      const shipped = await eventually(
        () => call(`${stack.experienceUrl}/ops/v1/webhook-deliveries?status=failed&partnerId=hooli-edi`, { headers: ops }),
        (r) => r.body.deliveries?.some((d: { eventType: string }) => d.eventType === 'order.shipment_confirmed'),
        20_000,
      );
      expect(shipped.body.deliveries.map((d: { eventType: string }) => d.eventType)).toContain('order.shipment_confirmed');
      for (const status of ['pending', 'failed', 'built', 'skipped']) {
        const jobs = await call(`${stack.experienceUrl}/ops/v1/edi/outbound-documents?status=${status}&tradingPartnerId=hooli-edi`, { headers: ops });
        expect([status, jobs.body.documents]).toEqual([status, []]);
      }

      expect((await call(`${url()}/hooli-edi/enable`, { method: 'POST', headers: ops })).body.active).toBe(true);
      expect((await send('000000503', 'HOOLI-PO-3')).status).toBe(200);

      const list = await call(url(), { headers: ops });
      expect(list.body.tradingPartners.map((p: { tradingPartnerId: string }) => p.tradingPartnerId)).toEqual(['hooli-edi', 'umbrella-edi']);
      expect((await call(`${url()}/nobody`, { headers: ops })).status).toBe(404);
      const audit = await call(`${stack.experienceUrl}/ops/v1/audit?since=2000-01-01T00:00:00Z&limit=200`, { headers: ops });
      const actions = audit.body.items.filter((e: { target?: string }) => e.target === 'hooli-edi').map((e: { action: string }) => e.action);
      expect(actions).toEqual(['client.onboarded', 'edi.trading_partner.onboarded', 'edi.trading_partner.disabled', 'edi.trading_partner.enabled']);
    });
  });

  describe('secret rotation with an overlap window', () => {
    it('lets both secrets get tokens during the window, then only the new one; without a body the old secret stops at once (as before)', async () => {
      const { PartnerRepository } = await import('../apps/experience-apis/src/auth/partner.repository.js');
      await stack.experience
        .get(PartnerRepository)
        .seed([{ partnerId: 'rotating-co', name: 'Rotating Co', customerId: '10100001', secret: 'rotating-secret' }]);
      const held = await tokenFor(stack.experienceUrl, 'rotating-co', 'rotating-secret');
      const url = `${stack.experienceUrl}/ops/v1/clients/rotating-co/secret`;
      expect((await call(url, { body: { overlapSeconds: 8 * 24 * 3600 }, headers: ops })).status).toBe(400);
      expect((await call(url, { body: { overlapSeconds: -1 }, headers: ops })).status).toBe(400);

      const rotated = await call(url, { body: { overlapSeconds: 2 }, headers: ops });
      expect(rotated.status).toBe(200);
      expect(rotated.body).toMatchObject({
        clientId: 'rotating-co',
        active: true,
        clientSecret: expect.any(String),
        previousSecretValidUntil: expect.any(String),
      });
      const fresh: string = rotated.body.clientSecret;
      // during the window: both secrets get tokens, the token held keeps working
      const viaOld = await call(`${stack.experienceUrl}/oauth/token`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        rawBody: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'rotating-co', client_secret: 'rotating-secret' }).toString(),
      });
      expect(viaOld.status).toBe(200);
      expect(viaOld.body.expires_in).toBeLessThanOrEqual(2); // a token got with the old secret ends with the window
      const viaNew = await tokenFor(stack.experienceUrl, 'rotating-co', fresh);
      expect((await b2bAs(viaNew, '/availability?sku=SKU-1001&quantity=1')).status).toBe(200);
      expect((await b2bAs(held, '/availability?sku=SKU-1001&quantity=1')).status).toBe(200);

      // after it: the old secret is refused, the new one still works
      const afterWindow = await eventually(
        () =>
          tokenFor(stack.experienceUrl, 'rotating-co', 'rotating-secret').then(
            () => 200,
            () => 401,
          ),
        (status) => status === 401,
        10_000,
      );
      expect(afterWindow).toBe(401);
      expect((await b2bAs(await tokenFor(stack.experienceUrl, 'rotating-co', fresh), '/availability?sku=SKU-1001&quantity=1')).status).toBe(200);

      // no body: the old secret and its tokens stop at once, as before the overlap existed
      const again = await call(url, { method: 'POST', headers: ops });
      expect(again.status).toBe(200);
      expect(again.body.previousSecretValidUntil).toBeUndefined();
      await expect(tokenFor(stack.experienceUrl, 'rotating-co', fresh)).rejects.toThrow(/401/);
      expect((await b2bAs(viaNew, '/availability?sku=SKU-1001&quantity=1')).status).toBe(401);
      await tokenFor(stack.experienceUrl, 'rotating-co', again.body.clientSecret);

      const audit = await call(`${stack.experienceUrl}/ops/v1/audit?action=client.secret_rotated`, { headers: ops });
      expect(audit.body.items.filter((e: { target: string }) => e.target === 'rotating-co')).toEqual([
        expect.objectContaining({ actor: 'ops', detail: expect.objectContaining({ overlapSeconds: 2 }) }),
        expect.objectContaining({ actor: 'ops' }),
      ]);
    });
  });

  describe('order exceptions (process layer)', () => {
    it('lists an open exception, resolves it once with a note (a second resolve is 409), lists it as resolved, and audits it', async () => {
      const placed = await b2bAs(acme, '/orders', {
        headers: { 'idempotency-key': 'admin-exc-1' },
        body: order('PO-ADMIN-EXC', [{ sku: 'SKU-1003', quantity: 1 }]),
      });
      expect(placed.status).toBe(201);
      const { orderId, erpOrderNumber } = placed.body;
      await eventually(
        () => b2bAs(acme, `/orders/${orderId}`),
        (r) => r.body.legs?.[0]?.status === 'released',
      );
      const wmsOrders = await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${erpOrderNumber}`);
      const [wmsOrder] = wmsOrders.body.orders;
      // delivered before it was shipped: an exception, not applied
      const delivered = await call(`${stack.processUrl}/v1/events`, {
        headers: await serviceHeaders('process-apis', 'system-apis'),
        body: {
          id: 'ad000000-0000-4000-8000-000000000001',
          type: 'shipment.delivered',
          version: 1,
          occurredAt: new Date().toISOString(),
          correlationId: 'e2e-admin-exception',
          source: 'system-apis/wms',
          subject: `order/${erpOrderNumber}`,
          data: { warehouseId: wmsOrder.warehouseId, wmsOrderId: wmsOrder.id, erpOrderNumber, lines: [] },
        },
      });
      expect(delivered.status).toBe(202);
      const url = `${stack.processUrl}/v1/ops/order-exceptions`;
      const open = await eventually(
        () => call(`${url}?status=open&orderId=${orderId}`, { headers: ops }),
        (r) => r.body.exceptions?.length === 1,
      );
      const [exception] = open.body.exceptions;
      expect(exception).toMatchObject({ orderId, eventType: 'shipment.delivered', status: 'open' });
      expect((await call(`${url}?status=open`, { headers: ops })).body.exceptions.map((e: { id: string }) => e.id)).toContain(exception.id);

      // operators only, and a note is required
      expect((await call(`${url}/${exception.id}/resolve`, { body: { resolution: 'x' }, headers: { authorization: `Bearer ${acme}` } })).status).toBe(403);
      expect((await call(`${url}/${exception.id}/resolve`, { body: { resolution: 'x' } })).status).toBe(401);
      const noNote = await call(`${url}/${exception.id}/resolve`, { body: {}, headers: ops });
      expect(noNote.status).toBe(400);
      expect(noNote.headers.get('content-type')).toContain('application/problem+json');
      expect((await call(`${url}/999999999/resolve`, { body: { resolution: 'x' }, headers: ops })).status).toBe(404);

      const resolved = await call(`${url}/${exception.id}/resolve`, { body: { resolution: 'carrier confirmed; closed by hand' }, headers: ops });
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({
        id: exception.id,
        status: 'resolved',
        resolvedBy: 'ops',
        resolution: 'carrier confirmed; closed by hand',
        resolvedAt: expect.any(String),
      });
      const again = await call(`${url}/${exception.id}/resolve`, { body: { resolution: 'twice' }, headers: ops });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ORDER_EXCEPTION.ALREADY_RESOLVED');

      expect((await call(`${url}?status=open&orderId=${orderId}`, { headers: ops })).body.exceptions).toEqual([]);
      expect((await call(`${url}?status=resolved&orderId=${orderId}`, { headers: ops })).body.exceptions).toEqual([
        expect.objectContaining({ id: exception.id, resolution: 'carrier confirmed; closed by hand' }),
      ]);
      const audit = await call(`${stack.processUrl}/v1/ops/audit?action=order_exception.resolved`, { headers: ops });
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          actorKind: 'operator',
          actor: 'ops',
          target: exception.id,
          outcome: 'success',
          detail: expect.objectContaining({ orderId, resolution: 'carrier confirmed; closed by hand' }),
        }),
      ]);
    });
  });
  describe('failed webhook deliveries and orders across partners', () => {
    it('lists the failed deliveries of two partners to dead endpoints, with partner, attempts and last error, a page at a time', async () => {
      const globex = await tokenFor(stack.experienceUrl, 'globex', 'globex-demo-secret');
      const dead = 'http://127.0.0.1:9/dead'; // discard port: nothing listens, the connection is refused
      for (const [token, key] of [
        [acme, 'admin-wh-acme'],
        [globex, 'admin-wh-globex'],
      ]) {
        const subscribed = await b2bAs(token, '/webhooks', { headers: { 'idempotency-key': key }, body: { url: dead, categories: ['order'] } });
        expect(subscribed.status).toBe(201);
        const placed = await b2bAs(token, '/orders', {
          headers: { 'idempotency-key': `${key}-order` },
          body: order(`PO-${key}`, [{ sku: 'SKU-1003', quantity: 1 }]),
        });
        expect(placed.status).toBe(201);
      }
      const url = `${stack.experienceUrl}/ops/v1/webhook-deliveries`;
      expect((await call(url, { headers: { authorization: `Bearer ${acme}` } })).status).toBe(403);
      expect((await call(url)).status).toBe(401);
      const failed = await eventually(
        () => call(`${url}?status=failed`, { headers: ops }),
        (r) => ['acme', 'globex'].every((p) => r.body.deliveries?.some((d: { partnerId: string; url: string }) => d.partnerId === p && d.url === dead)),
        20_000,
      );
      expect(failed.body.deliveries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            partnerId: 'acme',
            url: dead,
            status: 'failed',
            attempts: 2,
            lastError: expect.any(String),
            finishedAt: expect.any(String),
          }),
          expect.objectContaining({ partnerId: 'globex', url: dead, status: 'failed', attempts: 2, lastError: expect.any(String) }),
        ]),
      );
      const globexOnly = await call(`${url}?status=failed&partnerId=globex`, { headers: ops });
      expect(globexOnly.body.deliveries.every((d: { partnerId: string }) => d.partnerId === 'globex')).toBe(true);
      // paged one at a time: the same deliveries, none twice
      const ids: string[] = [];
      for (let cursor: string | undefined = '', pages = 0; cursor !== undefined && pages < 50; pages++) {
        const page: { body: { deliveries: { deliveryId: string }[]; nextCursor?: string } } = await call(
          `${url}?status=failed&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          { headers: ops },
        );
        ids.push(...page.body.deliveries.map((d: { deliveryId: string }) => d.deliveryId));
        cursor = page.body.nextCursor;
      }
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expect.arrayContaining(failed.body.deliveries.map((d: { deliveryId: string }) => d.deliveryId)));
      expect((await call(`${url}?status=bogus`, { headers: ops })).status).toBe(400);
      expect((await call(`${url}?cursor=not-a-cursor`, { headers: ops })).status).toBe(400);
      // nothing waits to be built for the EDI partners here: the outbound list answers, empty
      const outbound = await call(`${stack.experienceUrl}/ops/v1/edi/outbound-documents?status=failed`, { headers: ops });
      expect(outbound.status).toBe(200);
      expect(Array.isArray(outbound.body.documents)).toBe(true);
    });

    it('lists a placement that failed while the ERP was down at the process layer, for operators only', async () => {
      await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'PUT', body: { down: true } });
      try {
        const refused = await b2bAs(acme, '/orders', {
          headers: { 'idempotency-key': 'admin-erp-down' },
          body: order('PO-ADMIN-ERP-DOWN', [{ sku: 'SKU-1003', quantity: 1 }]),
        });
        expect(refused.status).toBeGreaterThanOrEqual(500);
      } finally {
        await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'DELETE' });
      }
      const url = `${stack.processUrl}/v1/ops/orders`;
      const failed = await call(`${url}?status=failed&partnerId=acme`, { headers: ops });
      expect(failed.status).toBe(200);
      expect(failed.body.orders).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            partnerId: 'acme',
            customerId: '10100001',
            channel: 'b2b',
            purchaseOrderNumber: 'PO-ADMIN-ERP-DOWN',
            requestKey: 'admin-erp-down',
            status: 'failed',
            reason: expect.any(String),
          }),
        ]),
      );
      expect((await call(`${url}?status=rejected`, { headers: ops })).body.orders.every((o: { status: string }) => o.status === 'rejected')).toBe(true);
      expect((await call(`${url}?status=shipped`, { headers: ops })).status).toBe(400);
      // partners and layers do not see it
      expect((await call(url, { headers: { authorization: `Bearer ${acme}` } })).status).toBe(403);
      expect((await call(url)).status).toBe(401);
      expect((await call(url, { headers: await serviceHeaders('process-apis', 'experience-apis') })).status).toBe(403);
    });
  });
});
