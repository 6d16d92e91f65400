import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../errors/app-error.js';
import { Public } from '../security/service-auth.guard.js';
import { MetricsRegistry } from './metrics.registry.js';

export interface MetricsOptions {
  /** When set, a scrape needs `Authorization: Bearer <token>` (METRICS_TOKEN). */
  readonly token?: string;
  /** false (METRICS_ENABLED=false): no HTTP metrics are recorded and GET /metrics is not served (404). On by default. */
  readonly enabled?: boolean;
}

export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `GET /metrics`: Prometheus text. Unversioned and outside the partner catalog, like /health: its
 * path and format are Prometheus' convention. No service token (Prometheus has none); METRICS_TOKEN,
 * when set, is the scraper's bearer token instead.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsRegistry,
    @Inject(METRICS_OPTIONS) private readonly options: MetricsOptions,
  ) {}

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    this.authorize(authorization, reply);
    void reply.header('content-type', this.metrics.contentType);
    return this.metrics.text();
  }

  private authorize(authorization: string | undefined, reply: FastifyReply): void {
    if (!this.options.token) return;
    const [scheme, token] = (authorization ?? '').split(' ');
    // compared as digests: equal lengths for timingSafeEqual, and no early exit on the first wrong character
    if (scheme?.toLowerCase() === 'bearer' && token && timingSafeEqual(digest(token), digest(this.options.token))) return;
    void reply.header('www-authenticate', 'Bearer realm="metrics"');
    throw new UnauthorizedError('Scraping the metrics needs the bearer token configured as METRICS_TOKEN.', 'METRICS.TOKEN_INVALID');
  }
}
