import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_URL_PATH } from '@opentelemetry/semantic-conventions';
import { CORRELATION_HEADER } from '../context/request-context.js';
import { extractTraceContext, TRACEPARENT_HEADER, traceparentOf } from './spans.js';
import { ensureTracing, tracerOf, tracingEnabled } from './tracing.js';

/** The app (and so the layer) that served a request, on every server span. */
export const ATTR_GATEWAY_APP = 'gateway.app';
/** The business correlation id of the work (see request-context): finds the traces of one correlation id. */
export const ATTR_GATEWAY_CORRELATION_ID = 'gateway.correlation_id';

const SERVER_SPAN = Symbol('gateway.serverSpan');
const SERVER_CONTEXT = Symbol('gateway.serverContext');
type TracedRequest = FastifyRequest & { [SERVER_SPAN]: Span | null; [SERVER_CONTEXT]: Context | null };

/**
 * The trace context a request's handling runs in (its server span active), for the hook that starts
 * the request's context (createHttpApp) to run it in; undefined when tracing is off.
 */
export function requestTraceContext(request: FastifyRequest): Context | undefined {
  return (request as Partial<TracedRequest>)[SERVER_CONTEXT] ?? undefined;
}

/**
 * A server span per request, from the first hook to the response: its parent is the caller's
 * traceparent (a malformed one is ignored: a new trace), it is the active span for the whole
 * handler (createHttpApp's request context hook runs the request in `requestTraceContext`), and the
 * response names it in a traceparent header. Registered before Nest's routes.
 * With tracing disabled (OTEL_SDK_DISABLED=true) no hook is added: a request costs nothing here.
 */
export function traceHttpRequests(fastify: FastifyInstance, app: string): void {
  ensureTracing();
  if (!tracingEnabled()) return;
  const tracer = tracerOf(app);
  // on the request itself, declared up front so every request has the same shape (a WeakMap entry
  // per request cost the collector more than anything else tracing does)
  fastify.decorateRequest(SERVER_SPAN, null);
  fastify.decorateRequest(SERVER_CONTEXT, null);
  fastify.addHook('onRequest', (request, reply, done) => {
    const route = request.routeOptions.url;
    const span = tracer.startSpan(route ? `${request.method} ${route}` : request.method, { kind: SpanKind.SERVER }, extractTraceContext(request.headers));
    // attributes only where they are kept (a span is not recorded when nothing exports it)
    if (span.isRecording()) {
      const query = request.url.indexOf('?');
      span.setAttributes({
        [ATTR_HTTP_REQUEST_METHOD]: request.method,
        [ATTR_URL_PATH]: query === -1 ? request.url : request.url.slice(0, query),
        [ATTR_GATEWAY_APP]: app,
        ...(route ? { [ATTR_HTTP_ROUTE]: route } : {}),
      });
    }
    (request as TracedRequest)[SERVER_SPAN] = span;
    void reply.header(TRACEPARENT_HEADER, traceparentOf(span));
    // made active by the request context hook (http-app), in the one AsyncLocalStorage run a request
    // gets: a run of its own here would cost every request a second one
    (request as TracedRequest)[SERVER_CONTEXT] = trace.setSpan(context.active(), span);
    done();
  });
  const end = (request: FastifyRequest, status?: number) => {
    const span = (request as TracedRequest)[SERVER_SPAN];
    if (!span) return;
    (request as TracedRequest)[SERVER_SPAN] = null;
    if (!span.isRecording()) return;
    if (status !== undefined) {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    } else {
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'request aborted' });
    }
    span.end();
  };
  fastify.addHook('onResponse', (request, reply, done) => {
    const correlationId = reply.getHeader(CORRELATION_HEADER);
    if (typeof correlationId === 'string') (request as TracedRequest)[SERVER_SPAN]?.setAttribute(ATTR_GATEWAY_CORRELATION_ID, correlationId);
    end(request, reply.statusCode);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    end(request);
    done();
  });
}

/** A client span's attributes: which service, method and path (the name stays low-cardinality: `POST system-apis`). */
export function clientSpanAttributes(peer: string, method: string, path: string): Attributes {
  const query = path.indexOf('?');
  return { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_URL_PATH]: query === -1 ? path : path.slice(0, query), 'peer.service': peer };
}

/** Puts the answer's status on a client span: from the response, or from the error an upstream answer became. */
export function recordResponseStatus<T extends { status: number }>(span: Span, response: Promise<T>): Promise<T> {
  // nothing to record on a span that is not kept: no extra promise per call
  return span.isRecording() ? withResponseStatus(span, response) : response;
}

async function withResponseStatus<T extends { status: number }>(span: Span, response: Promise<T>): Promise<T> {
  try {
    const answered = await response;
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, answered.status);
    return answered;
  } catch (error) {
    const status = (error as { upstreamStatus?: unknown }).upstreamStatus;
    if (typeof status === 'number') span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
    throw error;
  }
}
