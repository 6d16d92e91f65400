import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import { Database, routeTable, signServiceToken, type RouteEntry } from '@platform';
import { processConfigFromEnv } from '../apps/process-apis/src/process.config.js';
import { systemConfigFromEnv } from '../apps/system-apis/src/system.config.js';
import { experienceConfigFromEnv } from '../apps/experience-apis/src/experience.config.js';
import { call, eventually, order, tokenFor } from './support/http.js';
import { SERVICE_KEYS, SERVICE_TOKEN_KEYS, serviceHeaders, signedWmsEvent, TestStack } from './support/stack.js';

/**
 * Health probes stay open (load balancers); the OpenAPI docs (/docs, /docs/json, /docs-yaml: the same as openapi/ in the repository) hold no data;
 * /metrics is Prometheus' and takes METRICS_TOKEN rather than a service token (test/metrics.e2e-spec.ts). Everything else is probed.
 */
const exempt = (route: RouteEntry) =>
  route.url.startsWith('/health/') || route.url === '/metrics' || /^\/docs($|\/|-yaml$)/.test(route.url) || route.method === 'OPTIONS';
/** A concrete path for a route pattern: every `:param` (and a wildcard) gets a plausible value. */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, '5b0f4c1e-1111-4a7e-9b2a-1f2e3d4c5b6a').replace('*', 'x');
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('security: service tokens, operator identity, the WMS webhook signature, partner tokens, the audit log', () => {
  let stack: TestStack;
  let acme: string;

  beforeAll(async () => {
    stack = await TestStack.start();
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  describe('every non-health route of the process (:3001) and system (:3002) layers', () => {
    /** Each refusal's problem code, by route: the catalog must list it on that operation (x-error-codes). */
    const refusals: { method: string; url: string; code: string }[] = [];
    const probe = async (baseUrl: string, route: RouteEntry, headers: Record<string, string> = {}) => {
      const response = await fetch(`${baseUrl}${concrete(route.url)}`, {
        method: route.method,
        headers: route.method === 'GET' || route.method === 'HEAD' ? headers : { ...headers, 'content-type': 'application/json' },
        body: route.method === 'GET' || route.method === 'HEAD' ? undefined : '{}',
      });
      const text = await response.text();
      if (response.status === 401 || response.status === 403) refusals.push({ method: route.method, url: route.url, code: text && JSON.parse(text).code });
      return response.status;
    };

    it.each([
      ['process', 'process-apis'],
      ['system', 'system-apis'],
    ] as const)('of the %s layer refuses an anonymous call (401) and a token for another audience (403)', async (layer, audience) => {
      const app = layer === 'process' ? stack.process : stack.system;
      const baseUrl = layer === 'process' ? stack.processUrl : stack.systemUrl;
      const routes = routeTable(app).filter((r) => !exempt(r));
      // the table is Fastify's own: the layer's controllers are all there (a sanity floor, not a hand list)
      expect(routes.filter((r) => r.method !== 'HEAD').length).toBeGreaterThanOrEqual(15);
      // genuine service tokens (right keys, kid, exp), but for the other layer / the experience layer
      const wrongAudience = await signServiceToken(
        SERVICE_KEYS,
        layer === 'process' ? 'experience-apis' : 'process-apis',
        layer === 'process' ? 'system-apis' : 'process-apis',
      );
      const experienceAudience = await signServiceToken(SERVICE_KEYS, 'process-apis', 'experience-apis');
      const results: { route: string; anonymous: number; wrongAudience: number; experienceAudience: number; partner: number }[] = [];
      for (const route of routes) {
        results.push({
          route: `${route.method} ${route.url}`,
          anonymous: await probe(baseUrl, route),
          wrongAudience: await probe(baseUrl, route, bearer(wrongAudience)),
          experienceAudience: await probe(baseUrl, route, bearer(experienceAudience)),
          // a partner's access token (audience b2b) is no key to the inner layers either
          partner: await probe(baseUrl, route, bearer(acme)),
        });
      }
      expect(results.filter((r) => r.anonymous !== 401)).toEqual([]);
      expect(results.filter((r) => r.wrongAudience !== 403 || r.experienceAudience !== 403)).toEqual([]);
      expect(results.filter((r) => r.partner !== (layer === 'process' ? 403 : 401))).toEqual([]);
      // the catalog lists every code these refusals carry on the operation refused
      const catalog = JSON.parse(readFileSync(`openapi/${audience}.json`, 'utf8')) as { paths: Record<string, Record<string, { 'x-error-codes'?: string[] }>> };
      const documented = refusals
        .filter(({ method }) => method !== 'HEAD')
        .map(({ method, url, code }) => ({
          operation: `${method} ${url}`,
          code,
          listed: catalog.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]?.['x-error-codes'],
        }));
      expect(documented.filter(({ listed }) => listed).length).toBeGreaterThan(50);
      expect(documented.filter(({ code, listed }) => listed && !listed.includes(code))).toEqual([]);
      process.stdout.write(
        `${audience}: ${routes.length} routes probed (${routes.filter((r) => r.method !== 'HEAD').length} without HEAD): ` +
          `${results.filter((r) => r.anonymous === 401).length} anonymous 401, ${results.filter((r) => r.wrongAudience === 403).length} wrong-audience 403\n`,
      );
    });

    it('refuses a service token of a caller the layer does not serve, an expired one, one from the future, one living too long, one of an unknown kid', async () => {
      const now = Math.floor(Date.now() / 1000);
      const forged = (claims: { iss?: string; aud?: string; iat?: number; exp?: number; kid?: string; secret?: Uint8Array }) =>
        new SignJWT({ typ: 'service' })
          .setProtectedHeader({ alg: 'HS256', kid: claims.kid ?? SERVICE_KEYS.signing.kid })
          .setIssuer(claims.iss ?? 'experience-apis')
          .setAudience(claims.aud ?? 'process-apis')
          .setIssuedAt(claims.iat ?? now)
          .setExpirationTime(claims.exp ?? now + 300)
          .sign(claims.secret ?? SERVICE_KEYS.signing.secret);
      const orders = async (token: string) =>
        (await call(`${stack.processUrl}/v1/orders/5b0f4c1e-1111-4a7e-9b2a-1f2e3d4c5b6a?customerId=10100001`, { headers: bearer(token) })).status;
      expect(await orders(await forged({}))).toBe(404); // a good token gets through to the route
      expect(await orders(await forged({ iss: 'process-apis' }))).toBe(403); // the process layer does not call itself
      expect(await orders(await forged({ iat: now - 400, exp: now - 100 }))).toBe(401);
      expect(await orders(await forged({ iat: now + 300, exp: now + 500 }))).toBe(401);
      expect(await orders(await forged({ exp: now + 86_400 }))).toBe(401);
      expect(await orders(await forged({ kid: 'unknown-kid' }))).toBe(401);
      expect(await orders(await forged({ secret: new TextEncoder().encode('another-secret-of-at-least-32-characters!!') }))).toBe(401);
      const system = await call(`${stack.systemUrl}/erp/v1/customers/10100001`, {
        headers: bearer(await forged({ iss: 'experience-apis', aud: 'system-apis' })),
      });
      expect(system.status).toBe(403); // the experience layer never calls the system layer
    });

    it('refuses service tokens on the operations routes: they need an operator', async () => {
      const ops = routeTable(stack.process).filter((r) => r.url.startsWith('/v1/ops/') && r.method !== 'HEAD');
      expect(ops.length).toBeGreaterThanOrEqual(5);
      const service = await serviceHeaders('process-apis');
      for (const route of ops) {
        const response = await call(`${stack.processUrl}${concrete(route.url)}`, {
          method: route.method,
          headers: service,
          body: route.method === 'GET' ? undefined : {},
        });
        expect([route.url, response.status, response.body.code]).toEqual([route.url, 403, 'AUTH.OPERATOR_REQUIRED']);
      }
      const operator = await call(`${stack.processUrl}/v1/ops/dead-letters`, { headers: await stack.opsHeaders() });
      expect(operator.status).toBe(200);
    });
  });

  describe('the WMS webhook', () => {
    it('refuses a forged OB_SHIPPED (unsigned, wrong secret, stale): no shipment, no invoice', async () => {
      const b2b = (path: string, init: Parameters<typeof call>[1] = {}) =>
        call(`${stack.experienceUrl}/b2b/v1${path}`, { ...init, headers: { ...bearer(acme), ...init.headers } });
      const placed = await b2b('/orders', {
        headers: { 'idempotency-key': 'sec-forged-ship' },
        body: order('PO-SEC-FORGED', [{ sku: 'SKU-1003', quantity: 2 }]),
      });
      expect(placed.status).toBe(201);
      const { orderId, erpOrderNumber } = placed.body;
      const [wmsOrder] = (await eventually(
        async () =>
          (await call<{ orders: { id: string; warehouseId: string }[] }>(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${erpOrderNumber}`))
            .body.orders,
        (orders) => orders.length === 1,
      )) as { id: string; warehouseId: string }[];
      await eventually(
        () => b2b(`/orders/${orderId}`),
        (r) => r.body.status === 'released',
      );
      const forged = {
        event_id: 'EV-FORGED-1',
        event_code: 'OB_SHIPPED',
        event_ts: new Date().toISOString(),
        site_id: wmsOrder!.warehouseId,
        ob_order_id: wmsOrder!.id,
        ext_ref: erpOrderNumber,
        lines: [{ line_no: 1, item_code: 'SKU-1003', qty: 2, uom: 'EA', lot_no: 'FAKE' }],
        carrier_scac: 'UPSN',
        tracking_no: '1Z-FORGED',
      };
      const url = `${stack.systemUrl}/wms/v1/events/native`;
      const unsigned = await call(url, { body: forged });
      expect(unsigned).toMatchObject({ status: 401, body: { code: 'AUTH.INVALID_SIGNATURE' } });
      expect((await call(url, signedWmsEvent(forged, 'not-the-wms-webhook-secret'))).status).toBe(401);
      const stale = Math.floor(Date.now() / 1000) - 3600;
      const staleBody = JSON.stringify(forged);
      const staleSignature = createHmac('sha256', 'e2e-wms-webhook-secret-0123456789').update(`${stale}.${staleBody}`).digest('hex');
      expect(
        (await call(url, { rawBody: staleBody, headers: { 'content-type': 'application/json', 'x-wms-signature': `t=${stale},v1=${staleSignature}` } })).status,
      ).toBe(401);
      // a signature over other bytes than those sent
      const tampered = signedWmsEvent({ ...forged, tracking_no: 'other' });
      expect((await call(url, { rawBody: JSON.stringify(forged), headers: tampered.headers })).status).toBe(401);

      const view = await b2b(`/orders/${orderId}`);
      expect(view.body.status).toBe('released');
      expect(view.body.shipments ?? []).toEqual([]);
      expect(view.body.invoices ?? []).toEqual([]);
      expect((await b2b(`/orders/${orderId}/shipments`)).body.shipments).toEqual([]);
    });

    it('refuses a forged inventory.changed posted to the process layer: availability does not move', async () => {
      const available = async () =>
        (await call(`${stack.experienceUrl}/b2b/v1/availability?sku=SKU-1010&quantity=1&region=OH`, { headers: bearer(acme) })).body.totalAvailable as number;
      const before = await available();
      const forged = {
        id: '5b0f4c1e-9999-4a7e-9b2a-1f2e3d4c5b6a',
        type: 'inventory.changed',
        version: 1,
        occurredAt: new Date().toISOString(),
        correlationId: 'e2e-forged',
        source: 'system-apis/wms',
        subject: 'inventory/SKU-1010/DC02',
        data: {
          sku: 'SKU-1010',
          warehouseId: 'DC02',
          onHand: 100_000,
          allocated: 0,
          reserved: 0,
          safetyStock: 0,
          qualityHold: 0,
          inTransit: [],
          available: 100_000,
          reason: 'cycle_count',
        },
      };
      expect((await call(`${stack.processUrl}/v1/events`, { body: forged })).status).toBe(401);
      const wrongAudience = bearer(await signServiceToken(SERVICE_KEYS, 'system-apis', 'system-apis'));
      expect((await call(`${stack.processUrl}/v1/events`, { body: forged, headers: wrongAudience })).status).toBe(403);
      expect((await call(`${stack.processUrl}/v1/events`, { body: forged, headers: bearer(acme) })).status).toBe(403);
      expect(await available()).toBe(before);
      expect(before).toBeLessThan(100_000);
    });
  });

  describe('partner and operator tokens', () => {
    const experience = (path: string, init: Parameters<typeof call>[1] = {}) => call(`${stack.experienceUrl}${path}`, init);

    it('publishes the signing keys as a JWKS with key ids, and rotates them with overlap', async () => {
      const jwks = (await experience('/.well-known/jwks.json')).body as { keys: { kid: string; kty: string; alg: string; d?: string }[] };
      expect(jwks.keys.length).toBeGreaterThanOrEqual(1);
      expect(jwks.keys.every((k) => k.kty === 'EC' && k.alg === 'ES256' && typeof k.kid === 'string' && k.d === undefined)).toBe(true);
      const kidOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid as string;
      const before = await tokenFor(stack.experienceUrl, 'globex', 'globex-demo-secret');
      expect(jwks.keys.map((k) => k.kid)).toContain(kidOf(before));

      const ops = await stack.opsHeaders();
      const rotated = await experience('/ops/v1/signing-keys/rotate', { method: 'POST', headers: ops });
      expect(rotated.status).toBe(200);
      expect(rotated.body.retiring).toContain(kidOf(before));
      const after = await tokenFor(stack.experienceUrl, 'globex', 'globex-demo-secret');
      expect(kidOf(after)).toBe(rotated.body.kid);
      const both = (await experience('/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid);
      expect(both).toEqual(expect.arrayContaining([kidOf(before), kidOf(after)]));
      // a token signed before the rotation still works during the overlap, and so does the new one
      for (const token of [before, after]) expect((await experience('/b2b/v1/orders', { headers: bearer(token) })).status).toBe(200);
      // a partner token is no operator token
      expect((await experience('/ops/v1/signing-keys/rotate', { method: 'POST', headers: bearer(after) })).status).toBe(403);
    });

    it('keeps no signing key in clear in the database when TOKEN_SIGNING_SECRET is set', async () => {
      const rows = await stack.experience.get(Database).query<{ private_jwk: string }>('SELECT private_jwk FROM token_signing_keys');
      expect(rows.length).toBeGreaterThanOrEqual(1);
      for (const row of rows) {
        expect(row.private_jwk.startsWith('enc:v1:')).toBe(true);
        expect(row.private_jwk).not.toContain('"d"');
      }
    });

    it('disabling a client revokes its tokens within seconds; enabling it lets it ask for new ones', async () => {
      const ops = await stack.opsHeaders();
      const token = await tokenFor(stack.experienceUrl, 'globex', 'globex-demo-secret');
      expect((await experience('/b2b/v1/orders', { headers: bearer(token) })).status).toBe(200);
      expect((await experience('/ops/v1/clients/globex/disable', { method: 'POST', headers: ops })).body).toMatchObject({ clientId: 'globex', active: false });
      const refused = await eventually(
        () => experience('/b2b/v1/orders', { headers: bearer(token) }),
        (r) => r.status === 401,
        10_000,
      );
      expect(refused.body.code).toBe('AUTH.TOKEN_REVOKED');
      const denied = await experience('/oauth/token', { body: { grant_type: 'client_credentials', client_id: 'globex', client_secret: 'globex-demo-secret' } });
      expect(denied.status).toBe(401);

      expect((await experience('/ops/v1/clients/globex/enable', { method: 'POST', headers: ops })).status).toBe(200);
      const fresh = await tokenFor(stack.experienceUrl, 'globex', 'globex-demo-secret');
      expect((await experience('/b2b/v1/orders', { headers: bearer(fresh) })).status).toBe(200);
      expect((await experience('/b2b/v1/orders', { headers: bearer(token) })).status).toBe(401); // the old one stays revoked
      expect((await experience('/ops/v1/clients/nobody/disable', { method: 'POST', headers: ops })).status).toBe(404);
    });

    it("rotating a client's secret revokes its tokens and its old secret", async () => {
      const ops = await stack.opsHeaders();
      const token = await tokenFor(stack.experienceUrl, 'crm', 'crm-demo-secret');
      const rotated = await experience('/ops/v1/clients/crm/secret', { method: 'POST', headers: ops });
      expect(rotated.status).toBe(200);
      expect(rotated.body.clientSecret).toEqual(expect.any(String));
      await eventually(
        () => experience('/crm/v1/accounts/CRM-SEC-1/orders', { headers: bearer(token) }),
        (r) => r.status === 401,
        10_000,
      );
      await expect(tokenFor(stack.experienceUrl, 'crm', 'crm-demo-secret')).rejects.toThrow(/401/);
      const fresh = await tokenFor(stack.experienceUrl, 'crm', rotated.body.clientSecret);
      expect([200, 404]).toContain((await experience('/crm/v1/accounts/CRM-SEC-1/orders', { headers: bearer(fresh) })).status);
    });

    it('an operator disabled at the experience layer is refused by the process layer within seconds', async () => {
      const second = await stack.opsHeaders('ops-2', 'ops-2-demo-secret');
      expect((await call(`${stack.processUrl}/v1/ops/dead-letters`, { headers: second })).status).toBe(200);
      await experience('/ops/v1/clients/ops-2/disable', { method: 'POST', headers: await stack.opsHeaders() });
      const refused = await eventually(
        () => call(`${stack.processUrl}/v1/ops/dead-letters`, { headers: second }),
        (r) => r.status === 401,
        15_000,
      );
      expect(refused.body.code).toBe('AUTH.TOKEN_REVOKED');
    });
  });

  describe('the audit log', () => {
    it('records operator actions with their operator, and refused calls without flooding, behind an operator route', async () => {
      const ops = await stack.opsHeaders();
      expect((await call(`${stack.processUrl}/v1/ops/billing-runs`, { body: { throughDate: '2026-01-01' }, headers: ops })).status).toBe(200);
      const billing = await call(`${stack.processUrl}/v1/ops/audit?action=billing.run`, { headers: ops });
      expect(billing.status).toBe(200);
      expect(billing.body.items).toEqual([expect.objectContaining({ actorKind: 'operator', actor: 'ops', target: '2026-01-01', outcome: 'success' })]);

      // the route probes above were refused many times, from one address: a few rows, with the repeats counted
      const refused = (await call(`${stack.processUrl}/v1/ops/audit?action=auth.refused&limit=200`, { headers: ops })).body.items as {
        detail: { code: string };
      }[];
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.length).toBeLessThan(30);

      const experienceAudit = await call(`${stack.experienceUrl}/ops/v1/audit?limit=200`, { headers: ops });
      expect(experienceAudit.status).toBe(200);
      const actions = (experienceAudit.body.items as { action: string; actor: string; target?: string }[]).map((e) => [e.action, e.actor, e.target]);
      expect(actions).toEqual(
        expect.arrayContaining([
          ['signing_key.rotated', 'ops', expect.any(String)],
          ['client.disabled', 'ops', 'globex'],
          ['client.enabled', 'ops', 'globex'],
          ['client.secret_rotated', 'ops', 'crm'],
          ['client.disabled', 'ops', 'ops-2'],
        ]),
      );
      // not for anyone else
      expect((await call(`${stack.processUrl}/v1/ops/audit`)).status).toBe(401);
      expect((await call(`${stack.processUrl}/v1/ops/audit`, { headers: await serviceHeaders('process-apis') })).status).toBe(403);
      expect((await call(`${stack.experienceUrl}/ops/v1/audit`, { headers: bearer(acme) })).status).toBe(403);
    });
  });

  describe('configuration', () => {
    it('distributed apps refuse to start without their keys, naming the variable', () => {
      expect(() => processConfigFromEnv({})).toThrow(/SERVICE_TOKEN_KEYS/);
      expect(() => systemConfigFromEnv({})).toThrow(/SERVICE_TOKEN_KEYS/);
      expect(() => systemConfigFromEnv({ SERVICE_TOKEN_KEYS })).toThrow(/WMS_WEBHOOK_SECRET/);
      expect(() => experienceConfigFromEnv({})).toThrow(/SERVICE_TOKEN_KEYS/);
      expect(() => processConfigFromEnv({ SERVICE_TOKEN_KEYS: 'k1:too-short' })).toThrow(/at least 32 characters/);
      expect(() => experienceConfigFromEnv({ SERVICE_TOKEN_KEYS, TOKEN_TTL_SECONDS: '86400' })).toThrow(/TOKEN_TTL_SECONDS/);
      expect(processConfigFromEnv({ SERVICE_TOKEN_KEYS: `new:${'n'.repeat(32)},${SERVICE_TOKEN_KEYS}` }).security.serviceKeys.signing.kid).toBe('new');
    });
  });
});
