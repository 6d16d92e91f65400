import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import playwright, { type Browser, type Page } from 'playwright-core';
import { WebhookReceiver } from '../apps/experience-apis/src/webhooks/testing/webhook-receiver.js';
import { sample850Interchange } from '../apps/experience-apis/src/edi/testing/sample-interchange.js';
import { ChannelEventsGate } from './support/channel-events-gate.js';
import { call, eventually, order, tokenFor } from './support/http.js';
import { serviceHeaders, TestStack } from './support/stack.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Set to a folder (e.g. docs/images) to keep the console's screenshots, as docs/operations.md shows them. */
const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS;
const RUN = randomUUID().slice(0, 8).toUpperCase();

interface Entry {
  at: string;
  source: string;
  what: string;
  reference?: string;
  detail?: string;
  problem?: boolean;
}

describe('operations console: one order across every system, the ops API through the edge, and the page in a real Chromium', () => {
  let stack: TestStack;
  let gate: ChannelEventsGate;
  let receiver: WebhookReceiver;
  let acme: string;
  let ops: Record<string, string>;
  const exp = (path: string, init: Parameters<typeof call>[1] = {}) => call(`${stack.experienceUrl}${path}`, init);
  const asOps = (path: string, init: Parameters<typeof call>[1] = {}) => exp(path, { ...init, headers: { ...ops, ...init.headers } });
  const b2b = (path: string, init: Parameters<typeof call>[1] = {}) =>
    exp(`/b2b/v2${path}`, { ...init, headers: { authorization: `Bearer ${acme}`, ...init.headers } });
  const control = (path: string, init: Parameters<typeof call>[1] = {}) => call(`${stack.sandboxUrl}/control${path}`, init);

  /** Places one order and takes it through release, shipment and invoice. */
  async function invoicedOrder(po: string, correlationId: string): Promise<{ orderId: string; erpOrderNumber: string; invoiceNumber: string }> {
    const placed = await b2b('/orders', {
      headers: { 'idempotency-key': `console-${po}`, 'x-correlation-id': correlationId },
      body: order(po, [{ sku: 'SKU-1012', quantity: 2 }]),
    });
    expect(placed.status).toBe(201);
    const { orderId, erpOrderNumber } = placed.body;
    await eventually(
      () => b2b(`/orders/${orderId}`),
      (r) => r.body.status === 'released',
    );
    const wms = (await control(`/wms/fulfillment-orders?erpOrderNumber=${erpOrderNumber}`)).body.orders as { id: string }[];
    expect((await control(`/wms/fulfillment-orders/${wms[0].id}/ship`, { body: { carrier: 'UPS', trackingNumber: `1Z${RUN}` } })).status).toBe(202);
    const invoiced = await eventually(
      () => b2b(`/orders/${orderId}`),
      (r) => r.body.invoices?.[0]?.status === 'open',
      20_000,
    );
    return { orderId, erpOrderNumber, invoiceNumber: invoiced.body.invoices[0].erpBillingDocument };
  }

  const timelineOf = async (orderId: string) => {
    const response = await asOps(`/ops/v1/orders/${orderId}/timeline`);
    expect(response.status).toBe(200);
    return response.body as { order: any; entries: Entry[]; sources: { source: string; status: string; error?: string }[] };
  };
  const sourceStatus = (timeline: { sources: { source: string; status: string }[] }) => Object.fromEntries(timeline.sources.map((s) => [s.source, s.status]));

  beforeAll(async () => {
    gate = await ChannelEventsGate.start();
    stack = await TestStack.start({
      channelEventsUrl: gate.url,
      retries: { retryBaseMs: 100, retryMaxMs: 300, maxAttempts: 2 },
      webhooks: { pollIntervalMs: 100, retryBaseMs: 200, retryMaxMs: 500, maxAttempts: 3, timeoutMs: 2_000 },
      reconciliation: { settleMs: 300, shipmentGraceMs: 1_000 },
    });
    gate.target = stack.experienceUrl;
    receiver = await WebhookReceiver.start();
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    ops = await stack.opsHeaders();
    const subscribed = await b2b('/webhooks', {
      headers: { 'idempotency-key': randomUUID() },
      body: { url: `${receiver.url}/acme`, categories: ['order', 'shipment', 'invoice'] },
    });
    expect(subscribed.status).toBe(201);
  });
  afterAll(async () => {
    await receiver?.stop();
    await stack?.stop();
    await gate?.stop();
  });

  it('is for operators: no token 401, a partner 403, and the way through to the process layer reaches its ops API only', async () => {
    const someOrder = randomUUID();
    expect((await exp(`/ops/v1/orders/${someOrder}/timeline`)).status).toBe(401);
    const partner = { authorization: `Bearer ${acme}` };
    expect((await exp(`/ops/v1/orders/${someOrder}/timeline`, { headers: partner })).status).toBe(403);
    expect((await exp('/ops/v1/process/dead-letters', { headers: partner })).status).toBe(403);
    expect((await exp('/ops/v1/breakers', { headers: partner })).status).toBe(403);
    // the operator's own token goes on, so the process layer checks it again
    expect((await asOps('/ops/v1/process/dead-letters')).status).toBe(200);
    for (const path of ['/ops/v1/process/..%2F..%2Fv1%2Forders', '/ops/v1/process/dead-letters%3Fx', '/ops/v1/process/no-such-route']) {
      const response = await asOps(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    const unknown = await asOps(`/ops/v1/orders/${someOrder}/timeline`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('ORDER.NOT_FOUND');
    expect((await asOps('/ops/v1/orders/not-an-order/timeline')).body.code).toBe('ORDER.NOT_FOUND');
  });

  it('finds an order by PO, correlation id, order id and ERP number, and shows its timeline across gateway, ERP, WMS, OMS, events, webhooks and the invoice', async () => {
    const po = `PO-CONSOLE-${RUN}`;
    const correlationId = `console-${RUN.toLowerCase()}`;
    const { orderId, erpOrderNumber, invoiceNumber } = await invoicedOrder(po, correlationId);
    await eventually(
      async () => receiver.received.filter((h) => h.body.data?.orderId === orderId || h.body.data?.orders?.some((o: any) => o.orderId === orderId)).length,
      (n) => n >= 3,
      20_000,
    );

    for (const q of [po, correlationId, orderId, erpOrderNumber]) {
      const found = await asOps(`/ops/v1/process/orders/search?q=${encodeURIComponent(q)}`);
      expect(found.status).toBe(200);
      expect(found.body.orders.map((o: any) => o.orderId)).toEqual([orderId]);
    }
    expect((await asOps('/ops/v1/process/orders/search?q=PO-NOBODY-ORDERED')).body.orders).toEqual([]);
    expect((await asOps('/ops/v1/process/orders/search?q=')).status).toBe(400);

    const timeline = await eventually(
      () => timelineOf(orderId),
      (t) => t.entries.some((e) => e.source === 'webhooks' && e.what.startsWith('invoice.issued') && e.what.endsWith('succeeded')),
      20_000,
    );
    expect(timeline.order).toMatchObject({ orderId, purchaseOrderNumber: po, status: 'shipped', erpOrderNumber, correlationId, partnerId: 'acme' });
    expect(sourceStatus(timeline)).toEqual({ gateway: 'ok', events: 'ok', erp: 'ok', wms: 'ok', oms: 'ok', webhooks: 'ok', edi: 'not_applicable' });
    const has = (source: string, what: RegExp) => expect(timeline.entries.filter((e) => e.source === source && what.test(e.what))).not.toHaveLength(0);
    has('gateway', /^order received over b2b from acme$/);
    has('gateway', /^released to DC\d\d$/);
    has('gateway', /^shipment from DC\d\d recorded$/);
    has('erp', new RegExp(`^sales order ${erpOrderNumber}$`));
    has('erp', new RegExp(`^invoice ${invoiceNumber} issued$`));
    has('wms', /: shipped$/);
    has('oms', /^OMS /);
    has('events', /^order\.accepted raised$/);
    has('events', /^invoice\.issued raised$/);
    has('webhooks', /^order\.status_changed webhook to acme: succeeded$/);
    has('webhooks', /^order\.shipment_confirmed webhook to acme: succeeded$/);
    expect(timeline.entries.find((e) => e.source === 'gateway' && e.what.startsWith('shipment'))?.detail).toContain(`1Z${RUN}`);
    expect(timeline.entries.filter((e) => e.problem)).toEqual([]);
    const times = timeline.entries.map((e) => e.at);
    expect(times).toEqual([...times].sort());
  });

  it('still answers while the ERP is down: the ERP is listed unavailable, everything else is there', async () => {
    const [first] = (await asOps(`/ops/v1/process/orders/search?q=${encodeURIComponent(`PO-CONSOLE-${RUN}`)}`)).body.orders;
    expect((await control('/erp/faults', { method: 'PUT', body: { down: true } })).status).toBe(200);
    try {
      const timeline = await timelineOf(first.orderId);
      expect(sourceStatus(timeline)).toMatchObject({ gateway: 'ok', erp: 'unavailable', wms: 'ok', oms: 'ok' });
      expect(timeline.sources.find((s) => s.source === 'erp')?.error).toMatch(/^UPSTREAM\./);
      expect(timeline.entries.some((e) => e.source === 'erp' && e.what.startsWith('sales order'))).toBe(false);
      expect(timeline.entries.some((e) => e.source === 'gateway' && e.what.startsWith('shipment'))).toBe(true);
    } finally {
      await control('/erp/faults', { method: 'DELETE' });
    }
  });

  it("shows an EDI order's 855 with the trading partner's documents", async () => {
    const umbrella = await tokenFor(stack.experienceUrl, 'umbrella-edi', 'umbrella-edi-demo-secret');
    const po = `EDI-CONSOLE-${RUN}`;
    const isa13 = String(100_000_000 + Math.floor(Math.random() * 800_000_000));
    const sent = await call<string>(`${stack.experienceUrl}/edi/v1/interchanges`, {
      headers: { authorization: `Bearer ${umbrella}`, 'content-type': 'application/edi-x12' },
      rawBody: sample850Interchange({ isa13, orders: [{ po, lines: [{ id: '1', qty: 3, vp: 'SKU-1005' }] }] }),
    });
    expect(sent.status).toBe(200);
    const [found] = (await asOps(`/ops/v1/process/orders/search?q=${po}`)).body.orders;
    expect(found).toMatchObject({ channel: 'edi', purchaseOrderNumber: po });
    const timeline = await timelineOf(found.orderId);
    expect(sourceStatus(timeline).edi).toBe('ok');
    expect(timeline.entries.filter((e) => e.source === 'edi').map((e) => e.what)).toContain('855 sent to umbrella-edi');
  });

  it('counts orders per hour for the chart, and checks its window', async () => {
    const stats = await asOps('/ops/v1/process/order-stats?hours=3');
    expect(stats.status).toBe(200);
    expect(stats.body.buckets).toHaveLength(3);
    const hours = stats.body.buckets.map((b: any) => Date.parse(b.hour));
    expect(hours[2] - hours[0]).toBe(2 * 3_600_000);
    const placed = stats.body.buckets.reduce((n: number, b: any) => n + b.placed, 0);
    expect(placed).toBeGreaterThanOrEqual(2); // the B2B and the EDI order of this suite, at least (a run near the hour splits them)
    for (const hours of ['0', '169', 'x']) expect((await asOps(`/ops/v1/process/order-stats?hours=${hours}`)).status).toBe(400);
  });

  describe('the page, in headless Chromium', () => {
    let browser: Browser | undefined;
    let page: Page;
    const shot = async (name: string) => {
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/console-${name}.png`, fullPage: true });
    };

    beforeAll(async () => {
      if (!existsSync(CHROMIUM)) {
        // CI installs Debian's chromium (.ci/run); a machine without it says so instead of passing silently
        if (process.env.CI) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
        console.warn(`ops-console: no Chromium at ${CHROMIUM}; the browser tests are skipped (apt-get install chromium, or set CHROMIUM_PATH)`);
        return;
      }
      if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
      browser = await playwright.chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function login(clientId: string, secret: string): Promise<void> {
      await page.fill('#client-id', clientId);
      await page.fill('#client-secret', secret);
      await page.click('#login-form button[type=submit]');
    }

    it('logs an operator in, and only an operator', async () => {
      if (!browser) return;
      await page.goto(`${stack.experienceUrl}/console`);
      await login('ops', 'not-the-secret');
      await page.waitForFunction(() => document.getElementById('login-error')?.textContent === 'Unknown client or wrong secret.');
      await login('acme', 'acme-demo-secret');
      await page.waitForFunction(() => document.getElementById('login-error')?.textContent?.includes('not an operator'));
      expect(await page.isVisible('#app')).toBe(false);
      await shot('login');
      await login('ops', 'ops-demo-secret');
      await page.waitForSelector('#app:not([hidden])');
      await page.waitForSelector('#chart canvas');
      expect(Number(await page.getAttribute('#chart', 'data-total'))).toBeGreaterThanOrEqual(2);
    });

    it('finds an order by its PO and shows its timeline across the systems', async () => {
      if (!browser) return;
      await page.fill('#search-q', `PO-CONSOLE-${RUN}`);
      await page.click('#search-form button');
      await page.waitForSelector('#timeline-entries tbody tr');
      for (const source of ['gateway', 'erp', 'wms', 'oms', 'events', 'webhooks'])
        expect(await page.locator(`#timeline-entries tr[data-source="${source}"]`).count()).toBeGreaterThan(0);
      expect(await page.textContent('#timeline h3')).toBe(`Order PO-CONSOLE-${RUN} (shipped)`);
      await shot('timeline');
    });

    it('replays a dead letter: the event reaches the experience layer and the letter leaves the list', async () => {
      if (!browser) return;
      const po = `PO-CONSOLE-DL-${RUN}`;
      gate.refuse((event) => (event.data as any).order?.purchaseOrderNumber === po);
      const placed = await b2b('/orders', { headers: { 'idempotency-key': `console-${po}` }, body: order(po, [{ sku: 'SKU-1012', quantity: 1 }]) });
      expect(placed.status).toBe(201);
      const ofThisOrder = (items: any[]) => items.find((d) => d.event.data.order?.orderId === placed.body.orderId);
      const letter = ofThisOrder(
        await eventually(
          async () => (await asOps('/ops/v1/process/dead-letters?status=open')).body.items as any[],
          (items) => ofThisOrder(items) !== undefined,
          20_000,
        ),
      );
      expect(letter).toMatchObject({ consumer: 'experience-forwarder', status: 'open' });
      gate.refuse(undefined);

      await page.click('nav button[data-tab="dead-letters"]');
      const row = page.locator(`#dead-letters tr[data-id="${letter.id}"]`);
      await row.waitFor();
      await shot('dead-letters');
      await row.locator('button', { hasText: 'Replay' }).click();
      await row.waitFor({ state: 'detached' });
      expect(await page.textContent('#app-error')).toBe('');
      const replayed = (await asOps(`/ops/v1/process/dead-letters?status=replayed`)).body.items.find((d: any) => d.id === letter.id);
      expect(replayed).toMatchObject({ status: 'replayed' });
      expect(gate.delivered.some((e) => e.id === letter.eventId)).toBe(true);
      // and the order's timeline tells the story: the dead letter, replayed
      const timeline = await timelineOf(placed.body.orderId);
      expect(timeline.entries.find((e) => e.reference === letter.id)).toMatchObject({
        source: 'events',
        what: `dead letter: ${letter.type} at experience-forwarder (replayed)`,
        problem: false,
      });
    });

    it('resolves an order exception with a note of what was done', async () => {
      if (!browser) return;
      const placed = await b2b('/orders', {
        headers: { 'idempotency-key': `console-exc-${RUN}` },
        body: order(`PO-CONSOLE-EXC-${RUN}`, [{ sku: 'SKU-1003', quantity: 1 }]),
      });
      expect(placed.status).toBe(201);
      const { orderId, erpOrderNumber } = placed.body;
      await eventually(
        () => b2b(`/orders/${orderId}`),
        (r) => r.body.status === 'released',
      );
      const [wmsOrder] = (await control(`/wms/fulfillment-orders?erpOrderNumber=${erpOrderNumber}`)).body.orders;
      // delivered before it was shipped: not applied, an exception for a person
      const delivered = await call(`${stack.processUrl}/v1/events`, {
        headers: await serviceHeaders('process-apis', 'system-apis'),
        body: {
          id: randomUUID(),
          type: 'shipment.delivered',
          version: 1,
          occurredAt: new Date().toISOString(),
          correlationId: `console-exc-${RUN}`,
          source: 'system-apis/wms',
          subject: `order/${erpOrderNumber}`,
          data: { warehouseId: wmsOrder.warehouseId, wmsOrderId: wmsOrder.id, erpOrderNumber, lines: [] },
        },
      });
      expect(delivered.status).toBe(202);
      const exceptionsOf = async () => (await asOps(`/ops/v1/process/order-exceptions?orderId=${orderId}`)).body.exceptions as any[];
      const [exception] = await eventually(exceptionsOf, (list) => list.length === 1);
      expect(exception).toMatchObject({ status: 'open', eventType: 'shipment.delivered' });

      await page.click('nav button[data-tab="exceptions"]');
      const row = page.locator('#exceptions tr', { hasText: orderId });
      await row.locator('input').fill('carrier confirmed: delivered after all');
      await shot('exceptions');
      await row.locator('button', { hasText: 'Resolve' }).click();
      await row.waitFor({ state: 'detached' });
      expect(await exceptionsOf()).toEqual([
        expect.objectContaining({ id: exception.id, status: 'resolved', resolvedBy: 'ops', resolution: 'carrier confirmed: delivered after all' }),
      ]);
      const timeline = await timelineOf(orderId);
      expect(timeline.entries.find((e) => e.what.startsWith('exception:'))).toMatchObject({
        what: 'exception: shipment.delivered not applied (resolved)',
        problem: false,
      });
    });

    it('runs a reconciliation and shows the stock drift it found', async () => {
      if (!browser) return;
      const drifted = await control('/wms/drift/stock', { body: { warehouseId: 'DC02', sku: 'SKU-1005', delta: 4 } });
      expect(drifted.status).toBe(200);
      await page.click('nav button[data-tab="reconciliation"]');
      await page.click('#run-reconciliation');
      const finding = page.locator('#run-findings tr', { hasText: 'SKU-1005' });
      await finding.waitFor({ timeout: 30_000 });
      expect(await finding.textContent()).toContain('DC02');
      await shot('reconciliation');
    });

    it('shows the breakers of the three layers', async () => {
      if (!browser) return;
      await page.click('nav button[data-tab="breakers"]');
      await page.waitForSelector('#breakers tr');
      const layers = await page.locator('#breakers tr td:first-child').allTextContents();
      expect(new Set(layers)).toEqual(new Set(['experience-apis', 'process-apis', 'system-apis']));
      await shot('breakers');
      await page.click('#logout');
      await page.waitForSelector('#login:not([hidden])');
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    });
  });
});
