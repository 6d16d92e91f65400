import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, eventually, order, tokenFor } from './support/http.js';
import { experienceConfigFromEnv } from '../apps/experience-apis/src/experience.config.js';
import { processConfigFromEnv } from '../apps/process-apis/src/process.config.js';
import { systemConfigFromEnv } from '../apps/system-apis/src/system.config.js';
import { WebhookReceiver } from '../apps/experience-apis/src/webhooks/testing/webhook-receiver.js';
import { ChannelEventsGate } from './support/channel-events-gate.js';
import { SERVICE_TOKEN_KEYS, serviceHeaders, TestStack, WMS_WEBHOOK_SECRET } from './support/stack.js';

const METRICS_TOKEN = 'e2e-metrics-token-0123456789abcdef';
const RESET_MS = 1_500;

/** One sample of the Prometheus text format: `name{label="value",…} value`. */
interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

/** The samples of a scrape (comments skipped); label values unescaped (\\, \", \n). */
function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, raw] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[key!] = raw!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the one sample with this name whose labels include `labels` (0 when there is none: a counter not moved yet). */
function valueOf(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value ?? 0;
}

/** The metric families an app exposes (histograms by their base name). */
const familiesOf = (samples: readonly Sample[]) => new Set(samples.map((s) => s.name.replace(/_(bucket|sum|count)$/, '')));

describe('metrics: GET /metrics on every layer, per-app registries, METRICS_TOKEN, readiness of the bus', () => {
  let stack: TestStack;
  let gate: ChannelEventsGate;
  let acme: string;
  const scrape = async (baseUrl: string) => {
    const response = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return parsePrometheus(await response.text());
  };
  const scrapeAll = async () => ({
    experience: await scrape(stack.experienceUrl),
    process: await scrape(stack.processUrl),
    system: await scrape(stack.systemUrl),
  });
  const b2b = (path: string, init: Parameters<typeof call>[1] = {}) =>
    call(`${stack.experienceUrl}/b2b/v1${path}`, { ...init, headers: { authorization: `Bearer ${acme}`, ...init.headers } });

  beforeAll(async () => {
    // the channel events pass a gate the test can close (an experience outage as the process layer sees it)
    gate = await ChannelEventsGate.start();
    stack = await TestStack.start({
      metricsToken: METRICS_TOKEN,
      channelEventsUrl: gate.url,
      retries: { retryMaxMs: 1_000 },
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: RESET_MS, timeoutMs: 2_000 },
    });
    gate.target = stack.experienceUrl;
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
  });
  afterAll(async () => {
    await stack?.stop();
    await gate?.stop();
  });

  it('refuses a scrape without the METRICS_TOKEN bearer token, or with another one, with 401 problem+json on every layer', async () => {
    for (const url of [stack.experienceUrl, stack.processUrl, stack.systemUrl]) {
      for (const headers of [{}, { authorization: 'Bearer not-the-metrics-token' }, { authorization: METRICS_TOKEN }, await serviceHeaders('process-apis')]) {
        const refused = await call(`${url}/metrics`, { headers });
        expect(refused.status).toBe(401);
        expect(refused.headers.get('content-type')).toContain('application/problem+json');
        expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
        expect(refused.body).toMatchObject({ status: 401, code: 'METRICS.TOKEN_INVALID' });
      }
    }
  });

  it('reads METRICS_TOKEN on every app, refusing a short one with a message naming it', () => {
    const env = { SERVICE_TOKEN_KEYS, WMS_WEBHOOK_SECRET };
    for (const read of [experienceConfigFromEnv, processConfigFromEnv, systemConfigFromEnv]) {
      expect(read({ ...env, METRICS_TOKEN: METRICS_TOKEN }).metricsToken).toBe(METRICS_TOKEN);
      expect(read(env).metricsToken).toBeUndefined();
      expect(() => read({ ...env, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
    }
  });

  it('counts an order from placement to invoice: business counters, durations, HTTP requests by route template and client', async () => {
    const before = await scrapeAll();
    expect((await call(`${stack.experienceUrl}/no/such/path/42`)).status).toBe(404);

    const placed = await b2b('/orders', { headers: { 'idempotency-key': 'metrics-1' }, body: order('PO-METRICS-1', [{ sku: 'SKU-1010', quantity: 2 }]) });
    expect(placed.status).toBe(201);
    const { orderId, erpOrderNumber } = placed.body;
    // the partner reads it back twice, under one route template
    for (let i = 0; i < 2; i++) expect((await b2b(`/orders/${orderId}`)).status).toBe(200);
    const [leg] = await eventually(
      async () => (await call<{ orders: { id: string }[] }>(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${erpOrderNumber}`)).body.orders,
      (orders) => orders.length === 1,
    );
    expect(
      (await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${leg!.id}/ship`, { body: { carrier: 'UPSN', trackingNumber: '1Z-METRICS' } })).status,
    ).toBe(202);
    await eventually(
      () => b2b(`/orders/${orderId}`),
      (r) => r.body.invoices?.length === 1 && r.body.invoices[0].status === 'open',
      15_000,
    );
    // the counters move right after the commits the order view reads; the issue is counted after its commit too
    const after = await eventually(scrapeAll, (s) => valueOf(s.process, 'invoices_issued_total') > valueOf(before.process, 'invoices_issued_total'));
    const delta = (app: keyof typeof before, name: string, labels: Record<string, string> = {}) =>
      valueOf(after[app], name, labels) - valueOf(before[app], name, labels);

    // business counters of the process layer: exactly this order's
    expect(delta('process', 'orders_placed_total', { status: 'accepted' })).toBe(1);
    expect(delta('process', 'orders_placed_total', { status: 'rejected' })).toBe(0);
    expect(delta('process', 'orders_cancelled_total')).toBe(0);
    expect(delta('process', 'shipments_total')).toBe(1);
    expect(delta('process', 'invoices_issued_total')).toBe(1);
    expect(delta('process', 'order_to_ship_seconds_count')).toBe(1);
    expect(delta('process', 'shipment_to_invoice_seconds_count')).toBe(1);
    expect(valueOf(after.process, 'order_to_ship_seconds_bucket', { le: '+Inf' })).toBe(valueOf(after.process, 'order_to_ship_seconds_count'));
    expect(delta('process', 'consumer_deliveries_total', { consumer: 'leg-release', result: 'applied' })).toBe(1);

    // HTTP: the partner's call at the edge, the experience layer's at the process layer, by route template
    expect(delta('experience', 'http_requests_total', { method: 'POST', route: '/b2b/v1/orders', status: '201', client: 'acme' })).toBe(1);
    expect(
      delta('experience', 'http_requests_total', { method: 'GET', route: '/b2b/v1/orders/:orderId', status: '200', client: 'acme' }),
    ).toBeGreaterThanOrEqual(2);
    expect(delta('experience', 'http_request_duration_seconds_count', { method: 'POST', route: '/b2b/v1/orders', status: '201' })).toBe(1);
    expect(delta('process', 'http_requests_total', { method: 'POST', route: '/v1/orders', status: '201', client: 'experience-apis' })).toBe(1);
    expect(
      after.system.filter((s) => s.name === 'http_requests_total' && s.labels.client === 'process-apis').reduce((sum, s) => sum + s.value, 0),
    ).toBeGreaterThan(before.system.filter((s) => s.name === 'http_requests_total' && s.labels.client === 'process-apis').reduce((sum, s) => sum + s.value, 0));
    // never a raw URL: no label anywhere carries the order id, and a path no route matched is `unmatched`
    expect(delta('experience', 'http_requests_total', { method: 'GET', route: 'unmatched', status: '404', client: 'anonymous' })).toBe(1);
    expect(after.experience.filter((s) => s.labels.route?.startsWith('/no/'))).toEqual([]);
    for (const samples of Object.values(after)) expect(samples.filter((s) => Object.values(s.labels).some((v) => v.includes(orderId)))).toEqual([]);

    // the queues are read at scrape time, from the database
    expect(valueOf(after.process, 'invoices_pending', { status: 'pending' })).toBe(0);
    expect(valueOf(after.process, 'dead_letters_open', { consumer: 'leg-release' })).toBe(0);
    for (const name of ['outbox_backlog', 'outbox_backlog_oldest_age_seconds']) expect(after.process.some((s) => s.name === name)).toBe(true);
    expect(after.process.some((s) => s.name === 'consumer_lag' && s.labels.consumer === 'leg-release')).toBe(true);
    for (const name of ['webhook_deliveries_backlog', 'edi_outbound_backlog', 'edi_outbound_backlog_oldest_age_seconds']) {
      expect(after.experience.some((s) => s.name === name)).toBe(true);
    }
  });

  it('counts an order put on credit hold and cancelled once, however often the cancel is sent', async () => {
    const { PartnerRepository } = await import('../apps/experience-apis/src/auth/partner.repository.js');
    await stack.experience.get(PartnerRepository).seed([{ partnerId: 'held-co', name: 'Held Co', customerId: '10100005', secret: 'held-secret' }]);
    const held = await tokenFor(stack.experienceUrl, 'held-co', 'held-secret');
    const before = await scrape(stack.processUrl);

    const placed = await call(`${stack.experienceUrl}/b2b/v1/orders`, {
      headers: { authorization: `Bearer ${held}`, 'idempotency-key': 'metrics-held' },
      body: order('PO-METRICS-HELD', [{ sku: 'SKU-1005', quantity: 1 }]),
    });
    expect(placed.body.status).toBe('on_hold');
    for (let i = 0; i < 2; i++) {
      const cancelled = await call(`${stack.experienceUrl}/b2b/v1/orders/${placed.body.orderId}/cancel`, {
        method: 'POST',
        headers: { authorization: `Bearer ${held}` },
      });
      expect(cancelled.body.status).toBe('cancelled');
    }

    const after = await scrape(stack.processUrl);
    const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('orders_placed_total', { status: 'on_hold' })).toBe(1);
    expect(delta('orders_placed_total', { status: 'accepted' })).toBe(0);
    expect(delta('orders_cancelled_total')).toBe(1);
    expect(delta('http_requests_total', { method: 'POST', route: '/v1/orders/:orderId/cancel', status: '200', client: 'experience-apis' })).toBe(2);
  });

  it('keeps one registry per app: each layer shows its own metrics and breakers only, though all run in one process', async () => {
    const { experience, process, system } = await scrapeAll();
    const [e, p, s] = [familiesOf(experience), familiesOf(process), familiesOf(system)];
    for (const name of [
      'orders_placed_total',
      'shipments_total',
      'invoices_issued_total',
      'outbox_backlog',
      'consumer_lag',
      'dead_letters_open',
      'invoices_pending',
    ]) {
      expect([p.has(name), e.has(name), s.has(name)]).toEqual([true, false, false]);
    }
    for (const name of ['webhook_deliveries_backlog', 'edi_outbound_backlog']) expect([e.has(name), p.has(name), s.has(name)]).toEqual([true, false, false]);
    for (const names of [e, p, s])
      for (const name of ['http_requests_total', 'http_request_duration_seconds', 'breaker_state', 'breaker_events_total']) expect(names.has(name)).toBe(true);
    // a registry shared by the apps would show every app's breakers, and each metric once per app
    const breakers = (samples: typeof experience) => [...new Set(samples.filter((x) => x.name === 'breaker_state').map((x) => x.labels.breaker!))];
    // each layer's own downstreams (the process layer also pushes channel events up, the system layer warehouse events)
    expect(breakers(experience)).toContain('process-apis:orders');
    expect(breakers(process)).toEqual(expect.arrayContaining(['system-apis:erp', 'system-apis:wms', 'system-apis:oms']));
    expect(breakers(system)).toEqual(expect.arrayContaining(['erp', 'wms', 'oms']));
    const all = [...breakers(experience), ...breakers(process), ...breakers(system)];
    expect(all.length).toBe(new Set(all).size);
    expect(breakers(process).filter((b) => b.startsWith('process-apis:'))).toEqual([]);
    expect(experience.filter((x) => x.name === 'http_requests_total' && x.labels.route === '/v1/orders')).toEqual([]);
    for (const samples of [experience, process, system]) {
      const series = samples.map((x) => `${x.name}${JSON.stringify(x.labels)}`);
      expect(series.length).toBe(new Set(series).size);
    }
  });

  it('shows queues as they fill and drain: channel events held back (consumer lag, redeliveries), webhooks to a failing receiver (backlog)', async () => {
    const receiver = await WebhookReceiver.start();
    receiver.respond = () => 500;
    try {
      const subscribed = await call(`${stack.experienceUrl}/b2b/v2/webhooks`, {
        headers: { authorization: `Bearer ${acme}`, 'idempotency-key': 'metrics-webhook' },
        body: { url: `${receiver.url}/hooks`, categories: ['order'] },
      });
      expect(subscribed.status).toBe(201);
      const forwarder = { consumer: 'experience-forwarder' };
      const before = await scrape(stack.processUrl);

      // the experience layer is unreachable for channel events: they wait, redelivered, and nothing is dead-lettered
      gate.hold(() => true);
      expect(
        (await b2b('/orders', { headers: { 'idempotency-key': 'metrics-queued' }, body: order('PO-METRICS-Q', [{ sku: 'SKU-1010', quantity: 1 }]) })).status,
      ).toBe(201);
      const held = await eventually(
        () => scrape(stack.processUrl),
        (s) =>
          valueOf(s, 'consumer_lag', forwarder) >= 1 &&
          valueOf(s, 'consumer_redeliveries_total', forwarder) > valueOf(before, 'consumer_redeliveries_total', forwarder),
        10_000,
      );
      expect(valueOf(held, 'consumer_deliveries_total', { ...forwarder, result: 'outage_retry' })).toBeGreaterThan(
        valueOf(before, 'consumer_deliveries_total', { ...forwarder, result: 'outage_retry' }),
      );
      expect(valueOf(held, 'dead_letters_open', forwarder)).toBe(0);

      gate.release();
      const drained = await eventually(
        () => scrape(stack.processUrl),
        (s) => valueOf(s, 'consumer_lag', forwarder) === 0,
        10_000,
      );
      expect(valueOf(drained, 'consumer_deliveries_total', { ...forwarder, result: 'applied' })).toBeGreaterThan(
        valueOf(before, 'consumer_deliveries_total', { ...forwarder, result: 'applied' }),
      );

      // the order's status change is queued for the partner's receiver, which keeps failing: the backlog shows it
      const waiting = await eventually(
        () => scrape(stack.experienceUrl),
        (s) => valueOf(s, 'webhook_deliveries_backlog') >= 1 && receiver.received.length >= 1,
        10_000,
      );
      expect(valueOf(waiting, 'webhook_deliveries_backlog_oldest_age_seconds')).toBeGreaterThan(0);
      receiver.respond = () => 204;
      await eventually(
        () => scrape(stack.experienceUrl),
        (s) => valueOf(s, 'webhook_deliveries_backlog') === 0,
        15_000,
      );
    } finally {
      gate.release();
      await receiver.stop();
    }
  });

  it('shows a breaker opened by an ERP outage as breaker_state 2, with its failures and rejects counted, as readiness reports it', async () => {
    const erp = { breaker: 'erp' };
    const headers = await serviceHeaders('system-apis');
    const readErp = () => call(`${stack.systemUrl}/erp/v1/customers/10100001`, { headers });
    const before = await scrape(stack.systemUrl);
    expect(valueOf(before, 'breaker_state', erp)).toBe(0);
    await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'PUT', body: { down: true } });
    try {
      // the system layer's ERP breaker also counts the start-up's successful reads in its window: fail until it opens
      let failed = 0;
      do {
        expect((await readErp()).status).toBeGreaterThanOrEqual(500);
        failed++;
      } while (valueOf(await scrape(stack.systemUrl), 'breaker_state', erp) !== 2 && failed < 30);
      const refused = await readErp(); // answered by the open breaker, without a call to the ERP
      expect(refused.status).toBe(503);
      expect(refused.body.code).toBe('UPSTREAM.CIRCUIT_OPEN');

      const open = await scrape(stack.systemUrl);
      expect(valueOf(open, 'breaker_state', erp)).toBe(2);
      const moved = (event: string) => valueOf(open, 'breaker_events_total', { ...erp, event }) - valueOf(before, 'breaker_events_total', { ...erp, event });
      // at least ours: the process layer's background ERP reads (payment follow-up, credit re-check) go through this breaker too
      expect(moved('failure')).toBeGreaterThanOrEqual(failed);
      expect(moved('reject')).toBeGreaterThanOrEqual(1);
      // the other backends' breakers stay closed, and readiness says the same as the metrics
      expect(valueOf(open, 'breaker_state', { breaker: 'wms' })).toBe(0);
      const ready = await call(`${stack.systemUrl}/health/ready`);
      expect(ready.body.details.breakers.erp.state).toBe('open');

      // partners' orders fail meanwhile: counted at the edge by route, status and client
      const edgeBefore = await scrape(stack.experienceUrl);
      for (let i = 0; i < 2; i++) {
        const order503 = await b2b('/orders', {
          headers: { 'idempotency-key': `metrics-outage-${i}` },
          body: order(`PO-MO-${i}`, [{ sku: 'SKU-1010', quantity: 1 }]),
        });
        expect(order503.status).toBe(503);
      }
      const labels = { method: 'POST', route: '/b2b/v1/orders', status: '503', client: 'acme' };
      expect(valueOf(await scrape(stack.experienceUrl), 'http_requests_total', labels) - valueOf(edgeBefore, 'http_requests_total', labels)).toBe(2);
    } finally {
      await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'DELETE' });
    }
    // after the reset timeout the half-open probe succeeds and closes it
    await new Promise((resolve) => setTimeout(resolve, RESET_MS + 300));
    await eventually(readErp, (r) => r.status === 200, 5_000);
    expect(valueOf(await scrape(stack.systemUrl), 'breaker_state', erp)).toBe(0);
  });

  it("reports the event bus in the process layer's readiness", async () => {
    const ready = await call(`${stack.processUrl}/health/ready`);
    expect(ready.status).toBe(200);
    const name = stack.eventBusKind === 'nats' ? 'nats' : 'event-bus';
    expect(ready.body.details[name]).toMatchObject({ status: 'up', kind: stack.eventBusKind });
  });
});
