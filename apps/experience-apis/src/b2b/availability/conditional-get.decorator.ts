import { applyDecorators, Injectable, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor, type Type } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import type { Tagged } from './availability-edge.cache.js';

/** If-None-Match names this tag: `*`, or a list of tags compared weakly (RFC 9110 §13.1.2: the W/ prefix is ignored). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const ours = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === ours);
}

/** Answers a Tagged body with its ETag, or 304 with no body when the request's If-None-Match names it. */
@Injectable()
export class ConditionalGetInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<Tagged<unknown>>): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map(({ etag, body }) => {
        void reply.header('etag', etag);
        if (!matchesIfNoneMatch(request.headers['if-none-match'], etag)) return body;
        void reply.status(304);
        return undefined;
      }),
    );
  }
}

const ETAG_HEADER = {
  ETag: {
    description: 'Weak validator of this answer, derived from its content: send it back as If-None-Match to get 304 while nothing changed.',
    schema: { type: 'string', example: 'W/"3q2-7wJr8o1mVh6bTnQ-24"' },
  },
} as const;

/**
 * A GET whose handler returns Tagged<T>: answers with an ETag and honours If-None-Match (304, no
 * body); documents the header, the 200 with its ETag and the 304.
 */
export function ConditionalGet(type: Type<unknown>, description?: string): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'The ETag of an answer you hold: 304 with no body while it is still the answer.',
      schema: { type: 'string', example: 'W/"3q2-7wJr8o1mVh6bTnQ-24"' },
    }),
    ApiOkResponse({ type, description, headers: ETAG_HEADER }),
    ApiResponse({ status: 304, description: 'Not Modified: the answer is still the one your If-None-Match names; no body.', headers: ETAG_HEADER }),
    UseInterceptors(ConditionalGetInterceptor),
  );
}
