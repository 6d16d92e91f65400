import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '../bootstrap/http-app.js';
import { Public } from '../security/service-auth.guard.js';
import { activeTraceIds, inClientSpan, inSpan, SpanKind } from './spans.js';
import { tracingConfigFromEnv } from './tracing.config.js';
import { initTracing, tracingEnabled } from './tracing.js';

// Its own file: the tracer provider is the process's, set by the first initTracing (here, with no exporter: the default).

@Public()
@Controller('seen')
class SeenController {
  @Get()
  async seen(): Promise<{ ids: unknown; sent: unknown; recording: boolean }> {
    let recording = true;
    const sent = await inClientSpan('GET other', {}, async (headers, span) => {
      recording = span.isRecording();
      return headers.traceparent ?? null;
    });
    return { ids: activeTraceIds() ?? null, sent, recording };
  }
}

@Module({ controllers: [SeenController] })
class SeenModule {}

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
let app: NestFastifyApplication;
beforeAll(async () => {
  initTracing(tracingConfigFromEnv({}, 'tracing-unexported'));
  app = await createHttpApp(SeenModule, { app: 'tracing-unexported', logLevel: 'silent', docs: { title: 't', description: 'd', version: '1' } });
});
afterAll(async () => {
  await app.close();
});

describe('tracing with no exporter (the default)', () => {
  it('is on', () => {
    expect(tracingEnabled()).toBe(true);
  });

  it("continues a caller's trace with real ids, for logs, the answer and the next call, without recording spans", async () => {
    const response = await app.inject({ method: 'GET', url: '/seen', headers: { traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01` } });
    const body = response.json<{ ids: { traceId: string; spanId: string }; sent: string; recording: boolean }>();
    expect(body.recording).toBe(false);
    expect(body.ids.traceId).toBe(TRACE_ID);
    // the server span answers, and the next layer continues from it (no client span of its own: nothing would record it)
    expect(response.headers.traceparent).toBe(`00-${TRACE_ID}-${body.ids.spanId}-00`);
    expect(body.sent).toBe(`00-${TRACE_ID}-${body.ids.spanId}-00`);
  });

  it('starts a trace where there is none, and nests spans in it', async () => {
    const [outer, inner] = await inSpan('outer', { kind: SpanKind.INTERNAL }, async (span) => [
      span.spanContext(),
      await inSpan('inner', { kind: SpanKind.INTERNAL }, async (child) => child.spanContext()),
    ]);
    expect(outer!.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(inner!.traceId).toBe(outer!.traceId);
    expect(inner!.spanId).not.toBe(outer!.spanId);
  });
});
