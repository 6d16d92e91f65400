import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Writable } from 'node:stream';
import { createHttpApp } from '../bootstrap/http-app.js';
import { createAppLogger } from '../logging/app-logger.js';
import { runWithContext } from '../context/request-context.js';
import { Public } from '../security/service-auth.guard.js';
import { activeTraceIds, inClientSpan, inSpan, SpanKind } from './spans.js';
import { tracingConfigFromEnv } from './tracing.config.js';
import { initTracing, tracingEnabled } from './tracing.js';

// Its own file: the tracer provider is the process's, set by the first initTracing (here, disabled).

@Public()
@Controller('seen')
class SeenController {
  /** What the handler sees: the active trace, and the traceparent a call to another service would carry. */
  @Get()
  async seen(): Promise<{ ids: unknown; sent: unknown }> {
    const sent = await inClientSpan('GET other', {}, async (headers) => headers.traceparent ?? null);
    return { ids: activeTraceIds() ?? null, sent };
  }
}

@Module({ controllers: [SeenController] })
class SeenModule {}

let app: NestFastifyApplication;
beforeAll(async () => {
  initTracing(tracingConfigFromEnv({ OTEL_SDK_DISABLED: 'true' }, 'tracing-off'));
  app = await createHttpApp(SeenModule, { app: 'tracing-off', logLevel: 'silent', docs: { title: 't', description: 'd', version: '1' } });
});
afterAll(async () => {
  await app.close();
});

describe('OTEL_SDK_DISABLED=true', () => {
  it('turns tracing off for the process', () => {
    expect(tracingEnabled()).toBe(false);
  });

  it('makes no recording spans', async () => {
    const recording = await inSpan('work', { kind: SpanKind.INTERNAL }, async (span) => span.isRecording());
    expect(recording).toBe(false);
  });

  it("neither continues nor answers a caller's traceparent, and sends none on", async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/seen',
      headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers.traceparent).toBeUndefined();
    expect(response.json()).toEqual({ ids: null, sent: null });
    expect(response.headers['x-correlation-id']).toBeDefined();
  });

  it('still logs, with the correlation id and without trace ids', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString('utf8')), done()) });
    const logger = createAppLogger('tracing-off', 'info', sink);
    runWithContext({ correlationId: 'corr-1', logger }, () => logger.info('hello'));
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ app: 'tracing-off', correlationId: 'corr-1', msg: 'hello' });
    expect(line.traceId).toBeUndefined();
  });
});
