import { applyDecorators } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';

const HEADERS = {
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', example: 3 } },
  'RateLimit-Policy': {
    description: 'The quota policy (draft-ietf-httpapi-ratelimit-headers-10): name, quota q (the burst) and window w in seconds. Sent on every limited answer.',
    schema: { type: 'string', example: '"writes";q=10;w=2' },
  },
  RateLimit: {
    description: 'What is left of the quota: r requests, t seconds until it is whole again. Sent on every limited answer.',
    schema: { type: 'string', example: '"writes";r=0;t=2' },
  },
} as const;

/** OpenAPI: the 429 every operation of a rate-limited surface may answer (docs/b2b-partners.md, Rate limits). */
export const ApiRateLimited = (extra = '') =>
  applyDecorators(
    ApiTooManyRequestsResponse({
      description: `Rate limit of your client for this class of request (reads: GET; writes: POST, PUT, PATCH, DELETE) exceeded: problem+json \`RATE_LIMIT.EXCEEDED\`.${extra}`,
      headers: HEADERS,
    }),
  );
