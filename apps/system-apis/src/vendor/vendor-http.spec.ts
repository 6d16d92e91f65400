import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind } from '@opentelemetry/api';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { BreakerRegistry, defaultBreakerOptions, inSpan, useInMemorySpanExporter } from '@platform';
import { VendorHttp } from './vendor-http.js';

describe('VendorHttp tracing: the backend call is a client span, and the backend gets its traceparent', () => {
  const seen: IncomingHttpHeaders[] = [];
  let backend: Server;
  let http: VendorHttp;
  let exporter: InMemorySpanExporter;

  beforeAll(async () => {
    exporter = useInMemorySpanExporter();
    backend = createServer((request, response) => {
      seen.push(request.headers);
      const status = request.url === '/missing' ? 404 : 200;
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(status === 200 ? { ok: true } : { error: 'no such thing' }));
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    http = new VendorHttp(
      {
        backend: 'wms',
        baseUrl: `http://127.0.0.1:${(backend.address() as AddressInfo).port}`,
        timeoutMs: 2_000,
        breaker: defaultBreakerOptions,
        nativeMessage: () => undefined,
      },
      new BreakerRegistry(),
    );
  });
  afterAll(async () => {
    http.close();
    await new Promise((resolve) => backend.close(resolve));
  });

  it('sends the client span as traceparent, under the active span', async () => {
    const parentId = await inSpan('system-apis request', { kind: SpanKind.SERVER }, async (span) => {
      await http.request({ method: 'get', url: '/orders' });
      return span.spanContext().spanId;
    });
    const client = exporter.getFinishedSpans().find((s) => s.name === 'GET wms')!;
    expect(client.kind).toBe(SpanKind.CLIENT);
    expect(client.parentSpanContext?.spanId).toBe(parentId);
    expect(client.attributes).toMatchObject({ 'peer.service': 'wms', 'url.path': '/orders', 'http.response.status_code': 200 });
    expect(seen.at(-1)?.traceparent).toBe(`00-${client.spanContext().traceId}-${client.spanContext().spanId}-01`);
  });

  it("records a refused call's status and marks the span failed", async () => {
    await expect(http.request({ method: 'get', url: '/missing' }, 'WMS.ORDER_NOT_FOUND')).rejects.toMatchObject({ status: 404 });
    const client = exporter
      .getFinishedSpans()
      .filter((s) => s.name === 'GET wms')
      .at(-1)!;
    expect(client.attributes['http.response.status_code']).toBe(404);
    expect(client.status.code).toBe(2); // ERROR
  });
});
