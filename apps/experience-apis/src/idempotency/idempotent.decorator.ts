import { applyDecorators, Headers, Injectable, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import { IDEMPOTENCY_KEY_PATTERN, type StoredResponse } from './idempotency.service.js';

/** Answers a StoredResponse: its status, `Idempotent-Replayed: true` for a replay (else false), its body. */
@Injectable()
export class IdempotentReplayInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<StoredResponse<unknown>>): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((response) => {
        void reply.status(response.status).header('idempotent-replayed', String(response.replayed));
        return response.body;
      }),
    );
  }
}

export interface IdempotentOptions {
  /**
   * `required`: a write that must not happen twice (orders, quotes, subscriptions); a request without
   * the key is a 400. `optional`: a request idempotent by nature (a cancel) that replays only when keyed.
   */
  readonly key: 'required' | 'optional';
  /** The header's documentation: what the key is unique per, and its scope. */
  readonly description: string;
}

/**
 * An endpoint whose handler returns the StoredResponse of IdempotencyService.run / runIfKeyed:
 * documents the `Idempotency-Key` header and answers with the stored status and body, marked
 * `Idempotent-Replayed`. Take the key with `@IdempotencyKey()`.
 */
export function Idempotent(options: IdempotentOptions): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: options.key === 'required',
      description: options.description,
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: IDEMPOTENCY_KEY_PATTERN.source, example: '6f1c2b9e-3f4d-4a5b-8c7d-9e0f1a2b3c4d' },
    }),
    UseInterceptors(IdempotentReplayInterceptor),
  );
}

/** The request's Idempotency-Key, undefined when absent (IdempotencyService refuses that where the key is required). */
export const IdempotencyKey = (): ParameterDecorator => Headers('idempotency-key');
