import { Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import type { ApiClient } from '../auth/partner.repository.js';
import { basicCredentials } from '../auth/basic-credentials.js';
import { ExperienceApisConfig, type BucketPolicy, type RateLimitClass } from '../experience.config.js';
import { ClientLimitsRepository } from './client-limits.repository.js';
import type { BucketDecision } from './domain/token-bucket.js';
import { RateLimitExceededError } from './rate-limit.error.js';
import { RateLimitStore } from './stores/rate-limit.store.js';

const CLASS_KEY = 'rate-limit:class';
/** Marks a route that runs before any token exists (the token endpoint): limited per client id and per address. */
export const RateLimitedAs = (kind: RateLimitClass) => SetMetadata(CLASS_KEY, kind);

type LimitedRequest = FastifyRequest & { client?: ApiClient; body?: unknown };

const READS = new Set(['GET', 'HEAD']);

/**
 * Token buckets per client and request class (draft-ietf-httpapi-ratelimit-headers-10 fields on every
 * limited answer, 429 problem+json with Retry-After when empty). Runs after the guards, so the client
 * is the one the verified token names; a route without a client (health, docs, internal hops) is not
 * limited, and a request the guard refused never gets here.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: RateLimitStore,
    private readonly limits: ClientLimitsRepository,
    private readonly config: ExperienceApisConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http' || !this.config.rateLimits.enabled) return next.handle();
    const request = context.switchToHttp().getRequest<LimitedRequest>();
    const marked = this.reflector.getAllAndOverride<RateLimitClass | undefined>(CLASS_KEY, [context.getHandler(), context.getClass()]);
    const buckets = marked ? await this.unauthenticated(marked, request) : await this.ofClient(request);
    if (!buckets.length) return next.handle();
    const kind = marked ?? classOf(request.method);
    // every bucket is taken; the answer reports the tightest one
    const taken = await Promise.all(buckets.map(async ({ key, policy }) => ({ policy, decision: await this.store.take(key, policy) })));
    const tightest = taken.reduce((a, b) => ((!b.decision.allowed && a.decision.allowed) || b.decision.remaining < a.decision.remaining ? b : a));
    void context
      .switchToHttp()
      .getResponse<FastifyReply>()
      .headers(rateLimitHeaders(kind, tightest.policy, tightest.decision));
    const refused = taken.filter((t) => !t.decision.allowed);
    if (refused.length) throw new RateLimitExceededError(kind, Math.max(...refused.map((t) => t.decision.retryAfterSeconds)));
    return next.handle();
  }

  private async ofClient(request: LimitedRequest): Promise<{ key: string; policy: BucketPolicy }[]> {
    if (!request.client) return [];
    const kind = classOf(request.method);
    return [{ key: `${kind}:client:${request.client.clientId}`, policy: await this.limits.policy(request.client.clientId, kind) }];
  }

  private async unauthenticated(kind: RateLimitClass, request: LimitedRequest): Promise<{ key: string; policy: BucketPolicy }[]> {
    const clientId = claimedClientId(request);
    const buckets = [{ key: `${kind}:address:${request.ip}`, policy: await this.limits.policy(undefined, kind) }];
    if (clientId) buckets.push({ key: `${kind}:client:${clientId}`, policy: await this.limits.policy(clientId, kind) });
    return buckets;
  }
}

function classOf(method: string): RateLimitClass {
  return READS.has(method) ? 'reads' : 'writes';
}

/** The client id a token request names (body or HTTP Basic), before anything proves it. */
export function claimedClientId(request: LimitedRequest): string | undefined {
  let basic: { id: string } | undefined;
  try {
    basic = basicCredentials(request.headers.authorization);
  } catch {
    return undefined; // malformed percent-encoding: the token endpoint refuses it itself
  }
  if (basic) return basic.id;
  const body = request.body as { client_id?: unknown } | undefined;
  return typeof body?.client_id === 'string' && body.client_id.length <= 128 ? body.client_id : undefined;
}

/**
 * `RateLimit-Policy: "writes";q=10;w=2` (quota = the burst, window = seconds to refill it from empty) and
 * `RateLimit: "writes";r=7;t=1` (tokens left, seconds until the bucket is full again).
 */
export function rateLimitHeaders(kind: RateLimitClass, policy: BucketPolicy, decision: BucketDecision): Record<string, string> {
  const window = Math.max(1, Math.ceil(policy.burst / policy.perSecond));
  return {
    'ratelimit-policy': `"${kind}";q=${policy.burst};w=${window}`,
    ratelimit: `"${kind}";r=${decision.remaining};t=${decision.resetSeconds}`,
  };
}
