import { trace, type Context, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { defaultInstanceId, type TracingConfig } from './tracing.config.js';

/** The processors of the one provider; a test attaches its in-memory exporter here after start-up. */
class SpanProcessors implements SpanProcessor {
  readonly list: SpanProcessor[] = [];
  onStart(span: Span, parent: Context): void {
    for (const p of this.list) p.onStart(span, parent);
  }
  onEnd(span: ReadableSpan): void {
    for (const p of this.list) p.onEnd(span);
  }
  async forceFlush(): Promise<void> {
    await Promise.all(this.list.map((p) => p.forceFlush()));
  }
  async shutdown(): Promise<void> {
    await Promise.all(this.list.map((p) => p.shutdown()));
  }
}

interface Tracing {
  readonly config: TracingConfig;
  readonly processors: SpanProcessors;
}

let tracing: Tracing | undefined;

/**
 * Sets up the process's one tracer provider (W3C trace context, AsyncLocalStorage context):
 * spans are exported over OTLP/HTTP in batches when an endpoint is configured, and dropped
 * otherwise (ids are still made and propagated, so logs and headers carry them). Only the first
 * call counts: the embedded mode hosts several apps in one process, and they share it.
 */
export function initTracing(config: TracingConfig): void {
  if (tracing) return;
  const processors = new SpanProcessors();
  if (config.otlpEndpoint) {
    const url = `${config.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
    processors.list.push(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName, 'service.instance.id': config.instanceId }),
    spanProcessors: [processors],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  tracing = { config, processors };
}

/** The provider, set up with defaults (no export) when the app's start-up did not configure one (tests, tools). */
export function ensureTracing(): void {
  initTracing({ serviceName: 'gateway', instanceId: defaultInstanceId() });
}

/** This process's instance id, as logs and spans carry it. */
export function instanceId(): string {
  return tracing?.config.instanceId ?? fallbackInstanceId;
}
const fallbackInstanceId = defaultInstanceId();

/** The tracer an app's spans are made with: its name is the span's instrumentation scope. */
export function tracerOf(name: string): Tracer {
  return trace.getTracer(name);
}

/** Waits until the spans ended so far are exported (a batch exporter sends on a timer otherwise). */
export async function flushTracing(): Promise<void> {
  await tracing?.processors.forceFlush();
}

/** Tests: every span ended from now on also goes, synchronously, to the returned in-memory exporter. */
export function useInMemorySpanExporter(): InMemorySpanExporter {
  ensureTracing();
  const exporter = new InMemorySpanExporter();
  tracing!.processors.list.push(new SimpleSpanProcessor(exporter));
  return exporter;
}
