import { AppError } from '@platform';
import type { RateLimitClass } from '../experience.config.js';

/** 429 with Retry-After: the client's bucket for this class of request is empty. */
export class RateLimitExceededError extends AppError {
  constructor(kind: RateLimitClass, retryAfterSeconds: number) {
    super('RATE_LIMIT.EXCEEDED', 429, 'Too many requests', {
      detail: `Rate limit for ${kind} exceeded; retry after ${retryAfterSeconds} s (see the RateLimit and RateLimit-Policy headers).`,
      retryAfterSeconds,
      extensions: { policy: kind },
    });
  }
}

/** 429 with Retry-After: too many failed token requests for this client id or from this address. */
export class TooManyFailedAttemptsError extends AppError {
  constructor(retryAfterSeconds: number) {
    super('AUTH.TOO_MANY_FAILED_ATTEMPTS', 429, 'Too many requests', {
      detail: `Too many failed token requests for this client or from this address; retry after ${retryAfterSeconds} s.`,
      retryAfterSeconds,
    });
  }
}
