import {
  context,
  isSpanContextValid,
  propagation,
  trace,
  TraceFlags,
  type Context,
  type Span as ApiSpan,
  type SpanOptions,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  InMemorySpanExporter,
  RandomIdGenerator,
  SamplingDecision,
  SimpleSpanProcessor,
  type ReadableSpan,
  type Sampler,
  type SamplingResult,
  type Span,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { RequestContextManager } from './request-context-manager.js';
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

/**
 * Records a span only when something will receive it (an exporter, a test's in-memory one). With
 * none, the default, a span is non-recording: it still has real ids, so log lines, answers and
 * calls to the next layer carry them (flagged not sampled), but nothing is timed, no attributes
 * are kept and nothing is handed on when it ends; that is most of what a recording span costs a
 * request (bench/telemetry.mjs). A recording layer records every span, whatever the caller's flag
 * says: its callers may be layers that export nothing.
 */
class RecordWhenExported implements Sampler {
  constructor(private readonly processors: SpanProcessors) {}
  shouldSample(): SamplingResult {
    return { decision: this.processors.list.length ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD };
  }
  toString(): string {
    return 'RecordWhenExported';
  }
}

/**
 * The SDK's tracers while something receives spans; otherwise (no exporter, the default) a span is
 * just a pair of ids, as the SDK would make it for a span it does not record (RecordWhenExported),
 * without the SDK's per-span work (sampling, attribute checks, its own span counters): the ids still
 * go into log lines, answers and calls to the next layer. Checked per span, so an exporter a test
 * attaches later takes effect at once.
 */
class IdsUnlessExported implements TracerProvider {
  private readonly ids = new RandomIdGenerator();

  constructor(
    private readonly sdk: NodeTracerProvider,
    private readonly processors: SpanProcessors,
  ) {}

  getTracer(name: string, version?: string, options?: { schemaUrl?: string }): Tracer {
    const recording = this.sdk.getTracer(name, version, options);
    const startSpan = (spanName: string, spanOptions?: SpanOptions, ctx: Context = context.active()): ApiSpan => {
      if (this.processors.list.length) return recording.startSpan(spanName, spanOptions, ctx);
      const parent = spanOptions?.root ? undefined : trace.getSpanContext(ctx);
      const valid = parent !== undefined && isSpanContextValid(parent);
      return trace.wrapSpanContext({
        traceId: valid ? parent.traceId : this.ids.generateTraceId(),
        spanId: this.ids.generateSpanId(),
        traceFlags: TraceFlags.NONE,
        traceState: valid ? parent.traceState : undefined,
      });
    };
    // startActiveSpan (unused here) stays the SDK's
    return { startSpan, startActiveSpan: recording.startActiveSpan.bind(recording) as Tracer['startActiveSpan'] };
  }
}

interface Tracing {
  readonly config: TracingConfig;
  readonly processors: SpanProcessors;
}

let tracing: Tracing | undefined;

/**
 * Sets up the process's one tracer provider (W3C trace context, the active span in the request context):
 * spans are recorded and exported over OTLP/HTTP in batches when an endpoint is configured;
 * otherwise they are not recorded, but still made, with their ids, and propagated, so logs and
 * headers carry them (see IdsUnlessExported).
 * Disabled (OTEL_SDK_DISABLED=true), no provider is registered: the API's no-op one makes
 * non-recording spans, and no server spans are started at all (see traceHttpRequests).
 * Only the first call counts: the embedded mode hosts several apps in one process, and they share it.
 */
export function initTracing(config: TracingConfig): void {
  if (tracing) return;
  const processors = new SpanProcessors();
  if (config.disabled) {
    tracing = { config, processors };
    return;
  }
  if (config.otlpEndpoint) {
    const url = `${config.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
    processors.list.push(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName, 'service.instance.id': config.instanceId }),
    spanProcessors: [processors],
    sampler: new RecordWhenExported(processors),
  });
  // what provider.register() does, with the SDK's tracers behind IdsUnlessExported
  context.setGlobalContextManager(new RequestContextManager());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(new IdsUnlessExported(provider, processors));
  tracing = { config, processors };
}

/** The provider, set up with defaults (no export) when the app's start-up did not configure one (tests, tools). */
export function ensureTracing(): void {
  initTracing({ serviceName: 'gateway', instanceId: defaultInstanceId() });
}

/** False when OTEL_SDK_DISABLED=true: nothing is traced in this process. */
export function tracingEnabled(): boolean {
  return !tracing?.config.disabled;
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
