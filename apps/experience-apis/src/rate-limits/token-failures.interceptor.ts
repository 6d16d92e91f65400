import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { AppError } from '@platform';
import { ExperienceApisConfig, type BucketPolicy } from '../experience.config.js';
import { claimedClientId } from './rate-limit.interceptor.js';
import { TooManyFailedAttemptsError } from './rate-limit.error.js';
import { RateLimitStore } from './stores/rate-limit.store.js';

/**
 * Slows secret guessing on the token endpoint: each failed request (unknown client or wrong secret) takes a
 * token from a bucket per claimed client id and one per address, holding `max` failures and refilling over
 * the window; while either is empty, token requests for that client id or from that address get 429 before
 * any secret is checked. Successful requests take nothing.
 */
@Injectable()
export class TokenFailuresInterceptor implements NestInterceptor {
  private readonly policy: BucketPolicy;

  constructor(
    private readonly store: RateLimitStore,
    config: ExperienceApisConfig,
  ) {
    const { max, windowSeconds } = config.rateLimits.tokenFailures;
    this.policy = { burst: max, perSecond: max / windowSeconds };
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const clientId = claimedClientId(request);
    const keys = [`token-failures:address:${request.ip}`, ...(clientId ? [`token-failures:client:${clientId}`] : [])];
    // cost 0 only looks: a bucket without a whole token left has had `max` failures within the window
    const looks = await Promise.all(keys.map((key) => this.store.take(key, this.policy, 0)));
    const wait = Math.max(0, ...looks.map((d) => d.retryAfterSeconds));
    if (wait > 0) throw new TooManyFailedAttemptsError(wait);
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof AppError && error.code === 'AUTH.INVALID_CLIENT')) throw error;
        return from(Promise.all(keys.map((key) => this.store.take(key, this.policy)))).pipe(
          mergeMap(() => {
            throw error;
          }),
        );
      }),
    );
  }
}
