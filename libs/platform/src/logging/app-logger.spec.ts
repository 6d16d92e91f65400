import { describe, expect, it } from '@jest/globals';
import { runWithContext } from '../context/request-context.js';
import { ContextLogger, createAppLogger } from './app-logger.js';
import { inSpan, SpanKind } from '../tracing/spans.js';
import { initTracing, instanceId } from '../tracing/tracing.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } };
}

describe('ContextLogger', () => {
  const nest = new ContextLogger();

  it('writes each line to the logger of the app whose work is running, with its correlation id', () => {
    const system = capture();
    const process = capture();
    const systemLogger = createAppLogger('system-apis', 'info', system.stream);
    const processLogger = createAppLogger('process-apis', 'info', process.stream);

    runWithContext({ logger: systemLogger, correlationId: 'c-1' }, () => nest.log('mapped', 'SapAdapter'));
    runWithContext({ logger: processLogger, correlationId: 'c-2' }, () => nest.log({ orderId: 'o-1' }, 'order placed', 'PlaceOrderService'));

    expect(system.lines).toEqual([expect.objectContaining({ app: 'system-apis', correlationId: 'c-1', context: 'SapAdapter', msg: 'mapped' })]);
    expect(process.lines).toEqual([
      expect.objectContaining({ app: 'process-apis', correlationId: 'c-2', context: 'PlaceOrderService', orderId: 'o-1', msg: 'order placed' }),
    ]);
  });

  it("keeps the app's logger in nested work that only sets a new correlation id", () => {
    const out = capture();
    const logger = createAppLogger('process-apis', 'info', out.stream);
    runWithContext({ logger }, () => runWithContext({ correlationId: 'sync-1' }, () => nest.warn('catalog sync failed', 'CatalogService')));
    expect(out.lines[0]).toMatchObject({ app: 'process-apis', correlationId: 'sync-1', level: 40 });
  });

  it("respects each app's level and moves Nest's start-up chatter to debug", () => {
    const out = capture();
    const logger = createAppLogger('experience-apis', 'info', out.stream);
    runWithContext({ logger }, () => {
      nest.log('Mapped {/b2b/v1/items, GET} route', 'RouterExplorer');
      nest.debug('detail', 'Anything');
      nest.log('purged 3 expired idempotency keys', 'IdempotencyService');
    });
    expect(out.lines.map((line) => line.msg)).toEqual(['purged 3 expired idempotency keys']);
  });

  it("records the stack Nest passes to error() and an Error's message", () => {
    const out = capture();
    const logger = createAppLogger('system-apis', 'info', out.stream);
    runWithContext({ logger }, () => {
      nest.error('boom', 'Error: boom\n    at somewhere (file.ts:1:1)', 'ExceptionsHandler');
      nest.error(new Error('socket hang up'));
    });
    expect(out.lines[0]).toMatchObject({ msg: 'boom', context: 'ExceptionsHandler', stack: expect.stringContaining('at somewhere') });
    expect(out.lines[1]).toMatchObject({ msg: 'socket hang up', err: expect.objectContaining({ message: 'socket hang up' }) });
  });
});

describe('trace and instance ids on every line', () => {
  initTracing({ serviceName: 'logger-spec', instanceId: 'host-a-4242' });

  it('carries the trace and span id of the active span, and the instance id', async () => {
    const out = capture();
    const logger = createAppLogger('process-apis', 'info', out.stream);
    let ids: { traceId: string; spanId: string } | undefined;
    await inSpan('work', { kind: SpanKind.INTERNAL }, async (span) => {
      ids = { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId };
      logger.info('inside');
    });
    expect(ids!.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(out.lines[0]).toMatchObject({ app: 'process-apis', instanceId: 'host-a-4242', traceId: ids!.traceId, spanId: ids!.spanId, msg: 'inside' });
  });

  it('has no trace id outside a span, but still the instance id', () => {
    const out = capture();
    createAppLogger('system-apis', 'info', out.stream).info('outside');
    expect(out.lines[0]).toMatchObject({ instanceId: instanceId(), msg: 'outside' });
    expect(out.lines[0]).not.toHaveProperty('traceId');
    expect(out.lines[0]).not.toHaveProperty('spanId');
  });
});
