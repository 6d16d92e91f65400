import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import type { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { useInMemorySpanExporter } from '@platform';
import { call, eventually, order, tokenFor } from './support/http.js';
import { TestStack } from './support/stack.js';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const appOf = (span: ReadableSpan) => span.attributes['gateway.app'];
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const traceparentParts = (value: string | null) => /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(value ?? '');

/** One trace's spans, with the questions the assertions ask of its tree. */
class Trace {
  private readonly byId: Map<string, ReadableSpan>;
  constructor(readonly spans: ReadableSpan[]) {
    this.byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  }
  where(predicate: (span: ReadableSpan) => boolean): ReadableSpan[] {
    return this.spans.filter(predicate);
  }
  server(app: string, name?: string): ReadableSpan[] {
    return this.where((s) => s.kind === SpanKind.SERVER && appOf(s) === app && (!name || s.name === name));
  }
  parent(span: ReadableSpan): ReadableSpan | undefined {
    const id = parentOf(span);
    return id ? this.byId.get(id) : undefined;
  }
  ancestors(span: ReadableSpan): ReadableSpan[] {
    const chain: ReadableSpan[] = [];
    for (let p = this.parent(span); p; p = this.parent(p)) chain.push(p);
    return chain;
  }
  descends(span: ReadableSpan, from: ReadableSpan): boolean {
    return this.ancestors(span).includes(from);
  }
}

describe('tracing: one order in one trace, across the layers, the backend and the events', () => {
  let exporter: InMemorySpanExporter;
  let stack: TestStack;
  let acme: string;
  const traceOf = (traceId: string) => new Trace(exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId));

  beforeAll(async () => {
    exporter = useInMemorySpanExporter();
    stack = await TestStack.start();
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('places, releases, ships and invoices an order in the trace its partner started', async () => {
    const traceId = hex(16);
    const partnerSpanId = hex(8);
    const placed = await call(`${stack.experienceUrl}/b2b/v2/orders`, {
      headers: { authorization: `Bearer ${acme}`, 'idempotency-key': `trace-${traceId}`, traceparent: `00-${traceId}-${partnerSpanId}-01` },
      body: order('PO-TRACE-1', [{ sku: 'SKU-1003', quantity: 2, uom: 'EA' }]),
    });
    expect(placed.status).toBe(201);
    const { orderId, erpOrderNumber } = placed.body as { orderId: string; erpOrderNumber: string };
    // the answer names the experience layer's span in the partner's trace
    const answered = traceparentParts(placed.headers.get('traceparent'));
    expect(answered?.[1]).toBe(traceId);

    // the warehouse releases, then ships (its webhook carries no trace context), the ERP invoices
    const wmsOrders = await eventually(
      async () => (await call<{ orders: { id: string }[] }>(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${erpOrderNumber}`)).body.orders,
      (orders) => orders.length === 1,
    );
    expect(wmsOrders).toHaveLength(1);
    expect(
      (await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${wmsOrders[0].id}/ship`, { body: { carrier: 'UPSN', trackingNumber: '1Z-TRACE' } }))
        .status,
    ).toBe(202);
    const invoiced = await eventually(
      () => call(`${stack.experienceUrl}/b2b/v1/orders/${orderId}`, { headers: { authorization: `Bearer ${acme}` } }),
      (r) => r.body.invoices?.length === 1 && r.body.invoices[0].status === 'open',
      20_000,
    );
    expect(invoiced.body.invoices[0].status).toBe('open');
    // the shipment's and the invoice's channel events reach the experience layer in the same trace
    const trace = await eventually(
      () => traceOf(traceId),
      (t) =>
        ['order.shipment_confirmed process', 'invoice.issued process'].every((name) => t.where((s) => s.name === name).length > 0) &&
        t.where((s) => !t.parent(s)).every((s) => parentOf(s) === partnerSpanId), // nothing still in flight
      10_000,
    );

    // experience server span: child of the partner's span, and the one the answer named
    const [experience] = trace.server('experience-apis', 'POST /b2b/v2/orders');
    expect(experience).toBeDefined();
    expect(parentOf(experience)).toBe(partnerSpanId);
    expect(experience.spanContext().spanId).toBe(answered?.[2]);
    expect(experience.attributes['http.response.status_code']).toBe(201);
    expect(experience.attributes['http.route']).toBe('/b2b/v2/orders');
    expect(experience.attributes['gateway.correlation_id']).toBe(placed.headers.get('x-correlation-id'));

    // process server span: child of an experience client span under the experience server span
    const [processOrders] = trace.server('process-apis').filter((s) => trace.descends(s, experience) && s.attributes['http.request.method'] === 'POST');
    expect(processOrders).toBeDefined();
    const experienceClient = trace.parent(processOrders)!;
    expect(experienceClient.kind).toBe(SpanKind.CLIENT);
    expect(experienceClient.attributes['peer.service']).toBe('process-apis');
    expect(trace.descends(experienceClient, experience)).toBe(true);

    // system server span: child of a process client span; under it the backend (sandbox ERP) call
    const systemUnderOrder = trace.server('system-apis').filter((s) => trace.descends(s, processOrders));
    expect(systemUnderOrder.length).toBeGreaterThan(0);
    for (const system of systemUnderOrder) {
      const processClient = trace.parent(system)!;
      expect(processClient.kind).toBe(SpanKind.CLIENT);
      expect(processClient.attributes['peer.service']).toBe('system-apis');
    }
    const erpCalls = trace.where((s) => s.kind === SpanKind.CLIENT && s.attributes['peer.service'] === 'erp' && trace.descends(s, processOrders));
    expect(erpCalls.length).toBeGreaterThan(0);
    expect(systemUnderOrder).toContain(trace.parent(erpCalls[0]));

    // release: the order.accepted event, written by the order's request, handled in a consumer span under it
    const release = trace.where((s) => s.name === 'order.accepted process' && s.kind === SpanKind.CONSUMER);
    expect(release.length).toBeGreaterThan(0);
    expect(trace.descends(release[0], processOrders)).toBe(true);
    expect(trace.parent(release[0])?.kind).toBe(SpanKind.PRODUCER);
    // ... which called the system layer, which called the WMS
    const wmsRelease = trace.where((s) => s.kind === SpanKind.CLIENT && s.attributes['peer.service'] === 'wms' && trace.descends(s, release[0]));
    expect(wmsRelease.length).toBeGreaterThan(0);
    expect(appOf(trace.parent(wmsRelease[0])!)).toBe('system-apis');

    // shipment: applied in the order's trace, linked to the trace the WMS webhook started
    const [shipment] = trace.where((s) => s.name === 'shipment.confirmed apply');
    expect(shipment).toBeDefined();
    expect(shipment.links.map((l) => l.context.traceId)).toEqual([expect.not.stringMatching(traceId)]);
    const webhookTrace = traceOf(shipment.links[0].context.traceId);
    expect(webhookTrace.server('system-apis', 'POST /wms/v1/events/native')).toHaveLength(1);
    // its channel event reached the experience layer in the order's trace
    const shipmentForwarded = trace.where((s) => s.name === 'order.shipment_confirmed process' && trace.descends(s, shipment));
    expect(shipmentForwarded.length).toBeGreaterThan(0);
    expect(trace.server('experience-apis').some((s) => trace.descends(s, shipmentForwarded[0]))).toBe(true);

    // invoice: issued in the ERP in the order's trace; its event forwarded to the experience layer
    const [issue] = trace.where((s) => s.name === 'invoice issue');
    expect(issue).toBeDefined();
    expect(trace.where((s) => s.kind === SpanKind.CLIENT && s.attributes['peer.service'] === 'erp' && trace.descends(s, issue)).length).toBeGreaterThan(0);
    const [invoiceForwarded] = trace.where((s) => s.name === 'invoice.issued process');
    expect(trace.descends(invoiceForwarded, issue)).toBe(true);
    expect(trace.server('experience-apis').some((s) => trace.descends(s, invoiceForwarded))).toBe(true);

    // one tree: the partner's span is the only parent outside the trace's own spans
    expect(trace.where((s) => !trace.parent(s))).toEqual([experience]);
  });

  it('starts a new trace for a request without traceparent, and answers with it', async () => {
    const read = await call(`${stack.experienceUrl}/b2b/v2/items`, { headers: { authorization: `Bearer ${acme}` } });
    expect(read.status).toBe(200);
    const [, traceId, spanId] = traceparentParts(read.headers.get('traceparent')) ?? [];
    expect(traceId).toBeDefined();
    const trace = traceOf(traceId);
    const [server] = trace.server('experience-apis', 'GET /b2b/v2/items');
    expect(server.spanContext().spanId).toBe(spanId);
    expect(server.parentSpanContext).toBeUndefined();
  });

  it.each([
    ['not a traceparent', 'garbage'],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${hex(8)}-01`],
    ['upper-case hex', `00-${hex(16).toUpperCase()}-${hex(8)}-01`],
  ])('ignores %s: a new trace, no error', async (_what, traceparent) => {
    const read = await call(`${stack.experienceUrl}/b2b/v2/items`, { headers: { authorization: `Bearer ${acme}`, traceparent } });
    expect(read.status).toBe(200);
    const [, traceId] = traceparentParts(read.headers.get('traceparent')) ?? [];
    expect(traceId).toBeDefined();
    expect(traceparent).not.toContain(traceId);
    const [server] = traceOf(traceId).server('experience-apis', 'GET /b2b/v2/items');
    expect(server.parentSpanContext).toBeUndefined();
  });
});
