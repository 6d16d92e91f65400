import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CATEGORY_OF_EVENT } from '../apps/experience-apis/src/webhooks/domain/webhook-events.js';
import { WebhookReceiver } from '../apps/experience-apis/src/webhooks/testing/webhook-receiver.js';
import { experienceConfigFromEnv } from '../apps/experience-apis/src/experience.config.js';
import { waitFor } from './support/eventually.js';
import { call, order, tokenFor } from './support/http.js';
import { resolved, type Schema, schemaErrors } from './support/schema-check.js';
import { SERVICE_TOKEN_KEYS, TestStack } from './support/stack.js';

interface Link {
  rel: string;
  href: string;
  type: string;
  title: string;
}
interface ApiVersion {
  version: string;
  basePath: string | null;
  lifecycle: 'active' | 'deprecated';
  deprecatedAt: string | null;
  sunsetAt: string | null;
  successor: string | null;
  links: Link[];
}
interface CatalogIndex {
  version: string;
  apis: { id: string; name: string; versions: ApiVersion[] }[];
}
interface AsyncApi {
  info: { version: string };
  channels: Record<string, { subscribe: { message: { $ref: string } } }>;
  components: { messages: Record<string, { payload: Schema; headers?: Schema }>; schemas: Record<string, Schema> };
}

describe('the API catalog (/catalog): the index, the event catalog, the guides, public', () => {
  let stack: TestStack;
  let receiver: WebhookReceiver;
  let acme: string;

  const get = <T = any>(path: string, headers: Record<string, string> = {}) => call<T>(`${stack.experienceUrl}${path}`, { headers });
  const versionOf = (index: CatalogIndex, id: string, version: string) => index.apis.find((api) => api.id === id)!.versions.find((v) => v.version === version)!;

  beforeAll(async () => {
    stack = await TestStack.start({ webhooks: { pollIntervalMs: 100 } });
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  it('lists each API with its versions and lifecycle; B2B v1 deprecated on the dates its answers carry', async () => {
    const { status, headers, body } = await get<CatalogIndex>('/catalog');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('application/json');
    expect(body.version).toBe('1');
    expect(body.apis.map((api) => [api.id, api.versions.map((v) => v.version)])).toEqual([
      ['b2b', ['v1', 'v2']],
      ['edi', ['v1']],
      ['crm', ['v1']],
      ['ops', ['v1']],
      ['events', [JSON.parse(readFileSync('openapi/asyncapi.json', 'utf8')).info.version]],
    ]);
    const v1 = versionOf(body, 'b2b', 'v1');
    expect(v1).toMatchObject({ basePath: '/b2b/v1', lifecycle: 'deprecated', successor: 'v2' });
    // the same dates as the Deprecation and Sunset headers of a v1 answer
    const answer = await call(`${stack.experienceUrl}/b2b/v1/webhooks`, { headers: { authorization: `Bearer ${acme}` } });
    expect(answer.status).toBe(200);
    expect(new Date(v1.sunsetAt!).toUTCString()).toBe(answer.headers.get('sunset'));
    expect(`@${Date.parse(v1.deprecatedAt!) / 1000}`).toBe(answer.headers.get('deprecation'));
    expect(v1.links.find((l) => l.rel === 'deprecation')?.href).toBe('/b2b/docs/v2-migration');
    for (const [id, version] of [
      ['b2b', 'v2'],
      ['edi', 'v1'],
      ['crm', 'v1'],
      ['ops', 'v1'],
    ])
      expect(versionOf(body, id, version)).toMatchObject({ lifecycle: 'active', deprecatedAt: null, sunsetAt: null, successor: null });
  });

  it('is a page for a browser (Accept: text/html) with the same APIs, versions and dates', async () => {
    const json = (await get<CatalogIndex>('/catalog')).body;
    const page = await get<string>('/catalog', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('vary')).toContain('accept');
    for (const api of json.apis) expect(page.body).toContain(api.name);
    expect(page.body).toContain(`sunset ${versionOf(json, 'b2b', 'v1').sunsetAt!.slice(0, 10)}`);
    expect(page.body).toContain('href="/catalog/asyncapi.json"');
  });

  it('links only what resolves: every link answers 200 without a token, each reference names the tag of operations under its base path', async () => {
    const { body } = await get<CatalogIndex>('/catalog');
    const links = body.apis.flatMap((api) => api.versions.flatMap((version) => version.links.map((link) => ({ api: api.id, version, link }))));
    expect(new Set(links.map(({ link }) => link.rel))).toEqual(new Set(['openapi', 'asyncapi', 'reference', 'guide', 'deprecation']));
    const answers = await Promise.all(
      [...new Set(links.map(({ link }) => link.href.split('#')[0]))].map(async (href) => {
        const response = await fetch(`${stack.experienceUrl}${href}`);
        await response.arrayBuffer();
        return [href, response.status, response.headers.get('content-type')?.split(';')[0]];
      }),
    );
    expect(answers.filter(([, status]) => status !== 200)).toEqual([]);
    // each link says what it gets
    for (const { link } of links) expect(answers.find(([href]) => href === link.href.split('#')[0])?.[2]).toBe(link.type);

    const openapi = (await get('/docs/json')).body as { paths: Record<string, Record<string, { tags?: string[] }>> };
    for (const { version, link } of links.filter(({ link }) => link.rel === 'reference')) {
      const tag = decodeURIComponent(link.href.split('#/')[1]);
      const tagged = Object.keys(openapi.paths).filter((path) => Object.values(openapi.paths[path]).some((operation) => operation.tags?.includes(tag)));
      expect({ tag, underBasePath: tagged.filter((path) => path.startsWith(`${version.basePath}/`)).length > 0 }).toEqual({ tag, underBasePath: true });
    }
  });

  it('takes the v1 dates from B2B_V1_DEPRECATED_AT and B2B_V1_SUNSET_AT, as the headers do', async () => {
    const { b2bVersions } = experienceConfigFromEnv({
      SERVICE_TOKEN_KEYS,
      B2B_V1_DEPRECATED_AT: '2027-01-15T00:00:00Z',
      B2B_V1_SUNSET_AT: '2027-09-30T12:00:00Z',
    });
    const url = await stack.startExtraExperience({ b2bVersions });
    const v1 = versionOf((await call<CatalogIndex>(`${url}/catalog`)).body, 'b2b', 'v1');
    expect(v1).toMatchObject({ lifecycle: 'deprecated', deprecatedAt: '2027-01-15T00:00:00.000Z', sunsetAt: '2027-09-30T12:00:00.000Z' });
    const answer = await call(`${url}/b2b/v1/webhooks`, { headers: { authorization: `Bearer ${await tokenFor(url, 'acme', 'acme-demo-secret')}` } });
    expect(answer.headers.get('sunset')).toBe('Thu, 30 Sep 2027 12:00:00 GMT');
  });

  it('serves the event catalog as committed (openapi/asyncapi.json), with a channel and payload schema for every webhook event type', async () => {
    const { status, body } = await get<AsyncApi>('/catalog/asyncapi.json');
    expect(status).toBe(200);
    expect(body).toEqual(JSON.parse(readFileSync('openapi/asyncapi.json', 'utf8')));
    for (const type of Object.keys(CATEGORY_OF_EVENT)) {
      const message = body.components.messages[body.channels[`webhooks/${type}`].subscribe.message.$ref.split('/').pop()!];
      const payload = resolved(body, message.payload);
      expect(payload.properties!.type.enum).toEqual([type]);
      expect(Object.keys(resolved(body, payload.properties!.data).properties ?? {}).length).toBeGreaterThan(1);
    }
  });

  it('describes exactly what a subscribed partner receives: body and headers of real deliveries fit their messages', async () => {
    const events = (await get<AsyncApi>('/catalog/asyncapi.json')).body;
    const subscribed = await call(`${stack.experienceUrl}/b2b/v2/webhooks`, {
      headers: { authorization: `Bearer ${acme}`, 'idempotency-key': randomUUID() },
      body: { url: `${receiver.url}/catalog`, categories: ['order', 'shipment', 'backorder', 'invoice'] },
    });
    expect(subscribed.status).toBe(201);
    const placed = await call(`${stack.experienceUrl}/b2b/v2/orders`, {
      headers: { authorization: `Bearer ${acme}`, 'idempotency-key': 'PO-CATALOG-1' },
      body: order('PO-CATALOG-1', [{ sku: 'SKU-1006', quantity: 2 }]),
    });
    expect(placed.status).toBe(201);
    let wmsOrders: { id: string }[] = [];
    await waitFor(
      async () => {
        const erpOrderNumber = (await call(`${stack.experienceUrl}/b2b/v1/orders/${placed.body.orderId}`, { headers: { authorization: `Bearer ${acme}` } }))
          .body.erpOrderNumber;
        wmsOrders = (await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${erpOrderNumber}`)).body.orders;
        return wmsOrders.length === 1;
      },
      15_000,
      'the release to the warehouse',
    );
    expect(
      (await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${wmsOrders[0].id}/ship`, { body: { carrier: 'UPSN', trackingNumber: '1Z-CATALOG' } }))
        .status,
    ).toBe(202);
    const types = ['order.status_changed', 'order.shipment_confirmed', 'invoice.issued'];
    await waitFor(() => types.every((type) => receiver.received.some((hook) => hook.body.type === type)), 30_000, 'the deliveries');

    for (const hook of receiver.received) {
      const message = events.components.messages[events.channels[`webhooks/${hook.body.type}`].subscribe.message.$ref.split('/').pop()!];
      expect({ type: hook.body.type, errors: schemaErrors(events, message.payload, hook.body) }).toEqual({ type: hook.body.type, errors: [] });
      const headers = resolved(events, message.headers!);
      const sent = Object.fromEntries(Object.keys(headers.properties!).map((name) => [name, hook.headers[name.toLowerCase()]]));
      expect({ type: hook.body.type, errors: schemaErrors(events, headers, sent) }).toEqual({ type: hook.body.type, errors: [] });
    }
    // the shipment's details were added (and documented) before it was sent
    expect(receiver.received.find((hook) => hook.body.type === 'order.shipment_confirmed')?.body.data).toMatchObject({
      carrier: 'UPSN',
      trackingNumber: '1Z-CATALOG',
    });
  });

  it('serves the guides it links as Markdown, and nothing else from docs/', async () => {
    const guide = await get('/catalog/guides/webhooks');
    expect(guide.status).toBe(200);
    expect(guide.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(guide.body).toContain('# B2B webhooks');
    for (const path of ['/catalog/guides/security', '/catalog/guides/..%2FREADME', '/catalog/guides/webhooks.md']) {
      const refused = await get(path);
      // the problem's media type, whatever its parameters
      expect({ path, status: refused.status, type: refused.headers.get('content-type')?.split(';')[0], code: refused.body.code }).toEqual({
        path,
        status: 404,
        type: 'application/problem+json',
        code: 'CATALOG.GUIDE_NOT_FOUND',
      });
    }
  });
});
