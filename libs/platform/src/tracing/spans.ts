import {
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { tracerOf } from './tracing.js';

export const TRACEPARENT_HEADER = 'traceparent';
export const TRACESTATE_HEADER = 'tracestate';

/** W3C trace context as carried in headers or an event envelope. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** Client, producer and consumer spans are the platform's; server spans carry their app's name (see http-tracing). */
const PLATFORM_SCOPE = 'gateway-platform';
let platformTracer: Tracer | undefined;
/** Looked up once: the API's tracer follows the provider registered later, if any (a lookup per span costs a request a little). */
const platform = () => (platformTracer ??= tracerOf(PLATFORM_SCOPE));

const headerGetter = {
  keys: (carrier: Record<string, unknown>) => Object.keys(carrier),
  get: (carrier: Record<string, unknown>, key: string) => {
    const value = carrier[key];
    if (Array.isArray(value)) return value.map(String);
    return typeof value === 'string' ? value : undefined;
  },
};

/** The remote parent in incoming headers (or an envelope); a missing or malformed traceparent gives none. */
export function extractTraceContext(carrier: Readonly<Record<string, unknown>> | undefined, base: Context = ROOT_CONTEXT): Context {
  return carrier ? propagation.extract(base, carrier, headerGetter) : base;
}

/** traceparent (and tracestate) of the given context, the active one by default; empty outside any trace. */
export function traceCarrier(ctx: Context = context.active()): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** Trace and span id of the active span, for log lines. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? { traceId: spanContext.traceId, spanId: spanContext.spanId } : undefined;
}

/** A traceparent header value for a span (e.g. to answer with). */
export function traceparentOf(span: Span): string {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}`;
}

export interface SpanOptions {
  readonly kind: SpanKind;
  readonly attributes?: Attributes;
  /** Parent context; the active one when absent. */
  readonly parent?: Context;
  readonly links?: Link[];
}

/** Runs `fn` inside a new active span, ended when `fn` settles; a throw marks the span as failed. */
export async function inSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  const tracer = platform();
  const span = tracer.startSpan(name, { kind: options.kind, attributes: options.attributes, links: options.links }, options.parent ?? context.active());
  try {
    return await context.with(trace.setSpan(options.parent ?? context.active(), span), () => fn(span));
  } catch (error) {
    markFailed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

export function markFailed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/**
 * A call to another service: a client span whose context goes along as traceparent
 * (`headers` receives it), so the callee's server span is its child.
 */
export function inClientSpan<T>(name: string, attributes: Attributes, fn: (headers: TraceCarrier, span: Span) => Promise<T>): Promise<T> {
  const active = trace.getActiveSpan();
  // Under a span nothing records (no exporter), a client span would not be recorded either: the
  // callee continues the trace from the active span's ids, and the call skips a span of its own.
  if (active && !active.isRecording()) return fn(traceCarrier(), active);
  return inSpan(name, { kind: SpanKind.CLIENT, attributes }, (span) => fn(traceCarrier(), span));
}

/**
 * An event written now, to be handled later elsewhere: a producer span (ended at once) in the
 * active trace, whose context the event carries; the consumer's span becomes its child.
 */
export function producerContext(eventType: string, attributes: Attributes = {}): TraceCarrier {
  const tracer = platform();
  const span = tracer.startSpan(`${eventType} create`, { kind: SpanKind.PRODUCER, attributes: { 'messaging.operation.type': 'create', ...attributes } });
  const carrier = traceCarrier(trace.setSpan(context.active(), span));
  span.end();
  return carrier;
}

/**
 * Handles an event in a consumer span whose parent is the context the event carries (never
 * the context that happens to be active where the bus delivers it); a new trace when it
 * carries none. `links` relate it to other traces (e.g. the delivery's own).
 */
export function inConsumerSpan<T>(name: string, carrier: TraceCarrier | undefined, attributes: Attributes, fn: () => Promise<T>, links?: Link[]): Promise<T> {
  return inSpan(name, { kind: SpanKind.CONSUMER, attributes, parent: extractTraceContext(carrier as Record<string, unknown> | undefined), links }, fn);
}

/** A link to the active span, if any (e.g. the webhook call that brought an event). */
export function linkToActiveSpan(): Link[] {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? [{ context: spanContext }] : [];
}

export { SpanKind };

/** Marks the active span as failed (e.g. a consumer's delivery that will be retried or dead-lettered). */
export function markActiveSpanFailed(error: unknown): void {
  const span = trace.getActiveSpan();
  if (span) markFailed(span, error);
}
