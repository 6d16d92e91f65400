import { afterEach, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { z } from 'zod';
import { createHttpApp } from '../bootstrap/http-app.js';
import { metricsEnabled, readEnv } from '../config/env.js';
import { BreakerModule } from '../http/breaker.module.js';
import { Public } from '../security/service-auth.guard.js';
import { MetricsModule } from './metrics.module.js';
import { MetricsRegistry } from './metrics.registry.js';

@Public()
@Controller('ping')
class PingController {
  @Get()
  ping(): { ok: boolean } {
    return { ok: true };
  }
}

const appWithMetrics = (enabled: boolean | undefined) => {
  @Module({ imports: [BreakerModule, MetricsModule.forRoot(enabled === undefined ? {} : { enabled })], controllers: [PingController] })
  class SwitchModule {}
  return createHttpApp(SwitchModule, { app: 'metrics-switch', logLevel: 'silent', docs: { title: 't', description: 'd', version: '1' } });
};

let app: NestFastifyApplication | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** http_requests_total as the app's own registry holds it, whether or not /metrics is served. */
const requestsCounted = async (target: NestFastifyApplication) =>
  ((await target.get(MetricsRegistry).registry.getSingleMetric('http_requests_total')?.get())?.values ?? []).reduce((sum, v) => sum + v.value, 0);

describe('METRICS_ENABLED', () => {
  const parse = (value?: string) => readEnv(z.object({ METRICS_ENABLED: metricsEnabled }), value === undefined ? {} : { METRICS_ENABLED: value });

  it("is on unless set to 'false'", () => {
    expect(parse()).toEqual({ METRICS_ENABLED: true });
    expect(parse('true')).toEqual({ METRICS_ENABLED: true });
    expect(parse('false')).toEqual({ METRICS_ENABLED: false });
  });

  it('refuses any other spelling, naming the variable', () => {
    for (const bad of ['no', '0', 'FALSE', '']) expect(() => parse(bad)).toThrow("METRICS_ENABLED: must be 'true' or 'false'");
  });
});

describe('the metrics switch', () => {
  it('records every answered request and serves GET /metrics when on (the default)', async () => {
    app = await appWithMetrics(undefined);
    for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'GET', url: '/ping' })).statusCode).toBe(200);
    expect(await requestsCounted(app)).toBe(3);
    const scrape = await app.inject({ method: 'GET', url: '/metrics' });
    expect(scrape.statusCode).toBe(200);
    expect(scrape.body).toContain('http_requests_total{method="GET",route="/ping",status="200",client="anonymous"} 3');
  });

  it('records nothing and answers GET /metrics with 404 when off', async () => {
    app = await appWithMetrics(false);
    for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'GET', url: '/ping' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    expect(await requestsCounted(app)).toBe(0);
  });
});
