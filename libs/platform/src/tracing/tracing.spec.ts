import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { waitFor } from '../../../../test/support/eventually.js';
import { currentCorrelationId, runWithContext } from '../context/request-context.js';
import { activeTraceIds, extractTraceContext, inClientSpan, inConsumerSpan, inSpan, producerContext, traceCarrier } from './spans.js';
import { tracingConfigFromEnv } from './tracing.config.js';
import { flushTracing, initTracing, instanceId, useInMemorySpanExporter } from './tracing.js';

/** A collector stand-in: what the OTLP/HTTP exporter posts. */
const received: { url?: string; body: string }[] = [];
let collector: Server;
let exporter: InMemorySpanExporter;

beforeAll(async () => {
  collector = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ url: request.url, body });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  initTracing(tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'tracing-spec', INSTANCE_ID: 'spec-1' }, 'ignored'));
  exporter = useInMemorySpanExporter();
});
afterAll(async () => {
  await new Promise((resolve) => collector.close(resolve));
});

describe('tracing configuration', () => {
  it('refuses a bad INSTANCE_ID or endpoint, naming the variable', () => {
    expect(() => tracingConfigFromEnv({ INSTANCE_ID: 'a b' }, 'x')).toThrow(/INSTANCE_ID/);
    expect(() => tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' }, 'x')).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });

  it("reads OTEL_SDK_DISABLED as 'true' or 'false' (tracing on when unset), and refuses anything else", () => {
    expect(tracingConfigFromEnv({}, 'x').disabled).toBe(false);
    expect(tracingConfigFromEnv({ OTEL_SDK_DISABLED: 'false' }, 'x').disabled).toBe(false);
    expect(tracingConfigFromEnv({ OTEL_SDK_DISABLED: 'true' }, 'x').disabled).toBe(true);
    for (const bad of ['yes', '1', 'TRUE'])
      expect(() => tracingConfigFromEnv({ OTEL_SDK_DISABLED: bad }, 'x')).toThrow("OTEL_SDK_DISABLED: must be 'true' or 'false'");
  });

  it("defaults the service name to the app's and the instance id to host-pid", () => {
    const config = tracingConfigFromEnv({}, 'process-apis');
    expect(config).toMatchObject({ serviceName: 'process-apis', otlpEndpoint: undefined });
    expect(config.instanceId).toMatch(new RegExp(`-${process.pid}$`));
  });

  it('keeps the first configuration of the process', () => {
    initTracing({ serviceName: 'other', instanceId: 'other-1' });
    expect(instanceId()).toBe('spec-1');
  });
});

describe('export', () => {
  it('sends the spans over OTLP/HTTP to <endpoint>/v1/traces, with service name and instance id', async () => {
    await inSpan('exported-span', { kind: SpanKind.INTERNAL }, async () => undefined);
    await flushTracing();
    await waitFor(() => received.some((r) => r.body.includes('exported-span')), 5_000, 'the export');
    const sent = received.find((r) => r.body.includes('exported-span'))!;
    expect(sent.url).toBe('/v1/traces');
    expect(sent.body).toContain('tracing-spec');
    expect(sent.body).toContain('spec-1');
  });
});

describe('active span and request context', () => {
  it('share one storage: a span inside a correlation id keeps it, and a new correlation id inside a span keeps the span', async () => {
    await runWithContext({ correlationId: 'corr-outer' }, () =>
      inSpan('outer', { kind: SpanKind.SERVER }, async (span) => {
        expect(currentCorrelationId()).toBe('corr-outer');
        expect(activeTraceIds()?.spanId).toBe(span.spanContext().spanId);
        await new Promise((resolve) => setImmediate(resolve));
        runWithContext({ correlationId: 'corr-inner' }, () => {
          expect(activeTraceIds()?.spanId).toBe(span.spanContext().spanId);
          expect(currentCorrelationId()).toBe('corr-inner');
        });
        expect(currentCorrelationId()).toBe('corr-outer');
      }),
    );
    expect(activeTraceIds()).toBeUndefined();
  });

  it('binds a function to a context', () => {
    const span = trace.getTracer('spec').startSpan('bound');
    const bound = context.bind(trace.setSpan(ROOT_CONTEXT, span), () => activeTraceIds()?.spanId);
    expect(bound()).toBe(span.spanContext().spanId);
    span.end();
  });
});

describe('span helpers', () => {
  it('sends the client span as traceparent, and marks a failed call', async () => {
    let sent: string | undefined;
    await expect(
      inClientSpan('GET backend', {}, async (headers) => {
        sent = headers.traceparent;
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const span = exporter.getFinishedSpans().find((s) => s.name === 'GET backend')!;
    expect(sent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    expect(span.status.code).toBe(2); // ERROR
  });

  it("continues the producer's trace in the consumer, whatever is active where it is delivered", async () => {
    const carrier = await inSpan('request', { kind: SpanKind.SERVER }, async () => producerContext('order.accepted'));
    const unrelated = trace.getTracer('spec').startSpan('unrelated');
    let consumerTrace: string | undefined;
    await context.with(trace.setSpan(ROOT_CONTEXT, unrelated), () =>
      inConsumerSpan('order.accepted process', carrier, {}, async () => {
        consumerTrace = traceCarrier().traceparent;
      }),
    );
    unrelated.end();
    const spans = exporter.getFinishedSpans();
    const producer = spans.find((s) => s.name === 'order.accepted create')!;
    const consumer = spans.find((s) => s.name === 'order.accepted process')!;
    expect(producer.kind).toBe(SpanKind.PRODUCER);
    expect(consumer.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
    expect(consumer.spanContext().traceId).toBe(producer.spanContext().traceId);
    expect(consumerTrace).toContain(producer.spanContext().traceId);
  });

  it('starts a new trace for an event without context, and ignores a malformed traceparent', async () => {
    expect(trace.getSpanContext(extractTraceContext({ traceparent: 'nonsense' }))).toBeUndefined();
    await inConsumerSpan('orphan process', { traceparent: '00-zz-yy-01' }, {}, async () => undefined);
    expect(exporter.getFinishedSpans().find((s) => s.name === 'orphan process')!.parentSpanContext).toBeUndefined();
  });
});
