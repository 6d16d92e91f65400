import type { EventEnvelopeDto } from '@contracts';
import { trace, type Attributes } from '@opentelemetry/api';
import { extractTraceContext, inConsumerSpan, inSpan, linkToActiveSpan, producerContext, SpanKind, type TraceCarrier } from '@platform';

/**
 * The event with the trace context of the work that wrote it: a producer span in the active
 * trace, so the consumers' spans join that trace. An event that already carries one (e.g. kept
 * for a retry) keeps it.
 */
export function withTraceContext(envelope: EventEnvelopeDto): EventEnvelopeDto {
  if (envelope.traceparent) return envelope;
  const carrier = producerContext(envelope.type, { 'messaging.message.id': envelope.id, 'gateway.event.subject': envelope.subject });
  return carrier.traceparent ? { ...envelope, ...carrier } : envelope;
}

/** The trace context an event carries, for message headers. */
export function traceCarrierOf(envelope: EventEnvelopeDto): TraceCarrier {
  return {
    ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}),
    ...(envelope.tracestate ? { tracestate: envelope.tracestate } : {}),
  };
}

/** One consumer's handling of one delivery, as a consumer span in the event's trace. */
export function inDeliverySpan<T>(consumer: string, bus: string, event: EventEnvelopeDto, attempt: number, fn: () => Promise<T>): Promise<T> {
  return inConsumerSpan(
    `${event.type} process`,
    traceCarrierOf(event),
    {
      'messaging.system': bus,
      'messaging.operation.type': 'process',
      'messaging.consumer.group.name': consumer,
      'messaging.message.id': event.id,
      'messaging.delivery.attempt': attempt,
      'gateway.event.subject': event.subject,
      'gateway.correlation_id': event.correlationId,
    },
    fn,
  );
}

/**
 * Work that belongs to earlier traces but starts elsewhere (a warehouse webhook, a periodic
 * invoicing pass): run in a span of the first of those traces (e.g. the order's), linked to
 * the others and to the span active now, so the order's trace shows its shipment and invoice
 * and the webhook's trace still leads there. Without a known trace it runs as it is.
 */
export function inEarlierTrace<T>(name: string, traces: readonly TraceCarrier[], attributes: Attributes, fn: () => Promise<T>): Promise<T> {
  const [first, ...others] = traces;
  const activeTraceId = trace.getActiveSpan()?.spanContext().traceId;
  const parent = first && extractTraceContext(first as Record<string, unknown>);
  const parentTraceId = parent && trace.getSpanContext(parent)?.traceId;
  if (!parentTraceId || parentTraceId === activeTraceId) return fn();
  const links = [
    ...others.flatMap((carrier) => {
      const spanContext = trace.getSpanContext(extractTraceContext(carrier as Record<string, unknown>));
      return spanContext ? [{ context: spanContext }] : [];
    }),
    ...linkToActiveSpan(),
  ];
  return inSpan(name, { kind: SpanKind.INTERNAL, attributes, parent, links }, fn);
}
