import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, eventually, order, tokenFor } from './support/http.js';
import { TestStack } from './support/stack.js';

const METRICS_TOKEN = 'e2e-metrics-token-0123456789abcdef';
/** Far beyond any wait below: what a test sees change, an event made it see. */
const LONG_MAX_AGE_MS = 600_000;

type Warehouse = { warehouseId: string; available: number };

/** GET /v1/availability requests the process layer has answered, from its own /metrics (every status, every caller). */
async function processAvailabilityReads(stack: TestStack): Promise<number> {
  const text = await (await fetch(`${stack.processUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('http_requests_total{') && line.includes('route="/v1/availability"') && line.includes('method="GET"'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('availability at the edge: cached per sku, unit and ship-to, dropped by the process layer’s signals, ETag and 304', () => {
  let stack: TestStack;
  let acme: string;
  let globex: string;
  const read = (path: string, token = acme, headers: Record<string, string> = {}) =>
    call(`${stack.experienceUrl}/b2b${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  const dc01 = (body: { warehouses: Warehouse[] }) => body.warehouses.find((w) => w.warehouseId === 'DC01')?.available ?? 0;

  beforeAll(async () => {
    stack = await TestStack.start({ metricsToken: METRICS_TOKEN, availabilityCache: { maxAgeMs: LONG_MAX_AGE_MS } });
    [acme, globex] = await Promise.all([
      tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret'),
      tokenFor(stack.experienceUrl, 'globex', 'globex-demo-secret'),
    ]);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers a second read, for any quantity, any version and any partner, without calling the process layer', async () => {
    const first = await read('/v1/availability?sku=SKU-1003&quantity=5&region=OH');
    expect(first.status).toBe(200);
    const calls = await processAvailabilityReads(stack);
    expect(calls).toBeGreaterThan(0);

    const again = await read('/v2/availability?sku=SKU-1003&quantity=7&region=OH', globex);
    expect(again.status).toBe(200);
    // the same figures and the projection's asOf, with this request's quantity
    expect(again.body).toEqual({ ...first.body, requestedQuantity: 7 });
    expect(await processAvailabilityReads(stack)).toBe(calls);

    // another ship-to or unit is another answer: read once each
    expect((await read('/v1/availability?sku=SKU-1003&quantity=5&region=CA')).status).toBe(200);
    expect((await read('/v1/availability?sku=SKU-1003&quantity=1&uom=CS&region=OH')).status).toBe(200);
    expect(await processAvailabilityReads(stack)).toBe(calls + 2);
  });

  it('reads a sku once for many concurrent misses', async () => {
    const calls = await processAvailabilityReads(stack);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => read(`/v2/availability?sku=SKU-1004&quantity=${i + 1}`)));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(new Set(answers.map((a) => a.body.totalAvailable)).size).toBe(1);
    expect(await processAvailabilityReads(stack)).toBe(calls + 1);
  });

  it('shows a WMS stock change as soon as its event has gone through, long before the max age', async () => {
    const before = (await read('/v1/availability?sku=SKU-1006&quantity=1')).body;
    const received = await call(`${stack.sandboxUrl}/control/wms/receipts`, { body: { sku: 'SKU-1006', warehouseId: 'DC01', quantity: 36 } });
    expect(received.status).toBe(202);
    const after = await eventually(
      async () => (await read('/v1/availability?sku=SKU-1006&quantity=1')).body,
      (a) => dc01(a) === dc01(before) + 36,
      5_000,
    );
    expect(after.totalAvailable).toBe(before.totalAvailable + 36);
  });

  it('shows an order’s reservation placed through another experience instance (the process layer’s signal, not this edge’s own write)', async () => {
    const before = (await read('/v1/availability?sku=SKU-1008&quantity=1&region=NJ')).body;
    expect(before.totalAvailable).toBeGreaterThan(3);
    const otherEdge = await stack.startExtraExperience({});
    const token = await tokenFor(otherEdge, 'acme', 'acme-demo-secret');
    const placed = await call(`${otherEdge}/b2b/v2/orders`, {
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'edge-cache-other-instance' },
      body: order('PO-EDGE-CACHE-1', [{ sku: 'SKU-1008', quantity: 3 }]),
    });
    expect(placed.status).toBe(201);
    const after = await eventually(
      async () => (await read('/v1/availability?sku=SKU-1008&quantity=1&region=NJ')).body,
      (a) => a.totalAvailable === before.totalAvailable - 3,
      5_000,
    );
    expect(after.totalAvailable).toBe(before.totalAvailable - 3);
  });

  it('reads back a partner’s own order at once', async () => {
    const before = (await read('/v2/availability?sku=SKU-1009&quantity=1')).body;
    const placed = await call(`${stack.experienceUrl}/b2b/v2/orders`, {
      headers: { authorization: `Bearer ${acme}`, 'idempotency-key': 'edge-cache-own-order' },
      body: order('PO-EDGE-CACHE-2', [{ sku: 'SKU-1009', quantity: 2 }]),
    });
    expect(placed.status).toBe(201);
    expect((await read('/v2/availability?sku=SKU-1009&quantity=1')).body.totalAvailable).toBe(before.totalAvailable - 2);
  });

  it('tags an answer with a weak ETag: 304 without a body while it holds, 200 with a new ETag once the stock changed', async () => {
    const path = '/v2/availability?sku=SKU-1002&quantity=12';
    const first = await read(path);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[^"]+"$/);
    expect((await read(path)).headers.get('etag')).toBe(etag);
    // another quantity is another answer (requestedQuantity), so another tag
    expect((await read('/v2/availability?sku=SKU-1002&quantity=13')).headers.get('etag')).not.toBe(etag);

    for (const ifNoneMatch of [etag, etag.slice(2), `W/"other", ${etag}`, '*']) {
      const notModified = await read(path, acme, { 'if-none-match': ifNoneMatch });
      expect(notModified.status).toBe(304);
      expect(notModified.body).toBeUndefined();
      expect(notModified.headers.get('etag')).toBe(etag);
    }
    expect((await read(path, acme, { 'if-none-match': 'W/"other"' })).status).toBe(200);

    expect((await call(`${stack.sandboxUrl}/control/wms/adjustments`, { body: { sku: 'SKU-1002', warehouseId: 'DC02', delta: -12 } })).status).toBe(202);
    const changed = await eventually(
      () => read(path, acme, { 'if-none-match': etag }),
      (r) => r.status === 200,
      5_000,
    );
    expect(changed.body.totalAvailable).toBe(first.body.totalAvailable - 12);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await read(path, acme, { 'if-none-match': changed.headers.get('etag')! })).status).toBe(304);
  });
});

describe('availability at the edge, turned off (B2B_AVAILABILITY_CACHE_MS=0)', () => {
  let stack: TestStack;
  let acme: string;

  beforeAll(async () => {
    stack = await TestStack.start({ metricsToken: METRICS_TOKEN, availabilityCache: { maxAgeMs: 0 } });
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('reads every answer from the process layer, still tagged and still answering 304', async () => {
    const read = (headers: Record<string, string> = {}) =>
      call(`${stack.experienceUrl}/b2b/v1/availability?sku=SKU-1003&quantity=5`, { headers: { authorization: `Bearer ${acme}`, ...headers } });
    const first = await read();
    expect(first.status).toBe(200);
    const calls = await processAvailabilityReads(stack);
    const notModified = await read({ 'if-none-match': first.headers.get('etag')! });
    expect(notModified.status).toBe(304);
    expect((await read()).body).toEqual(first.body);
    expect(await processAvailabilityReads(stack)).toBe(calls + 2);
  });
});
