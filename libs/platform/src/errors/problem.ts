import { HttpException } from '@nestjs/common';
import { AppError, FieldError } from './app-error.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  correlationId?: string;
  errors?: FieldError[];
  [member: string]: unknown;
}

export interface RenderedProblem {
  readonly problem: Problem;
  readonly retryAfterSeconds?: number;
}

const typeFor = (code: string) => `urn:gateway:problem:${code}`;

/** Fastify's own errors (body parsing, limits) carry a code and a statusCode. */
const fastifyErrors: Record<string, { status: number; code: string; title: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'REQUEST.TOO_LARGE', title: 'Payload too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported media type' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'REQUEST.MALFORMED', title: 'Malformed request body' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'REQUEST.MALFORMED', title: 'Malformed request body' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'REQUEST.MALFORMED', title: 'Malformed request body' },
};

const httpStatusCodes: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.UNAUTHORIZED',
  403: 'AUTH.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'REQUEST.RATE_LIMITED',
};

/** Maps any thrown value to an RFC 9457 problem document; never leaks a stack or an internal message. */
export function toProblem(error: unknown, instance: string, correlationId: string | undefined): RenderedProblem {
  if (error instanceof AppError) {
    return {
      problem: {
        ...error.extensions,
        type: typeFor(error.code),
        title: error.title,
        status: error.status,
        detail: error.detail ?? error.title,
        instance,
        code: error.code,
        correlationId,
        ...(error.errors ? { errors: error.errors } : {}),
      },
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }
  // Nest's Fastify adapter wraps Fastify's 4xx errors (body parsing, limits) in an HttpException.
  const fastifyError = error instanceof HttpException ? (error.cause ?? error) : error;
  const fastifyCode = (fastifyError as { code?: unknown } | undefined)?.code;
  if (typeof fastifyCode === 'string' && fastifyErrors[fastifyCode]) {
    const known = fastifyErrors[fastifyCode];
    return problemOf(known.status, known.code, known.title, (fastifyError as Error).message, instance, correlationId);
  }
  if (error instanceof SyntaxError || (error as { statusCode?: number })?.statusCode === 400) {
    return problemOf(400, 'REQUEST.MALFORMED', 'Malformed request body', (error as Error).message, instance, correlationId);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    const detail = Array.isArray(message) ? message.join('; ') : String(message);
    return problemOf(status, httpStatusCodes[status] ?? `HTTP.${status}`, error.name.replace(/Exception$/, ''), detail, instance, correlationId);
  }
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return problemOf(statusCode, httpStatusCodes[statusCode] ?? `HTTP.${statusCode}`, 'Bad request', (error as Error).message, instance, correlationId);
  }
  if (isDataException(error)) {
    // The database refused a value of this request as data (SQLSTATE class 22: bad encoding, out of range,
    // invalid text representation): the caller's input, not the service's health, so no 5xx that a breaker counts.
    return problemOf(400, 'REQUEST.INVALID', 'Invalid request', 'A value of this request cannot be stored (invalid data).', instance, correlationId);
  }
  return problemOf(
    500,
    'INTERNAL',
    'Internal server error',
    'An unexpected error occurred; quote the correlation id when reporting it.',
    instance,
    correlationId,
  );
}

/** A PostgreSQL (or PGlite) data exception, SQLSTATE class 22, here or in the error's causes. */
export function isDataException(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const { code, severity } = current as { code?: unknown; severity?: unknown };
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code) && typeof severity === 'string') return true;
  }
  return false;
}

function problemOf(status: number, code: string, title: string, detail: string, instance: string, correlationId: string | undefined): RenderedProblem {
  return { problem: { type: typeFor(code), title, status, detail, instance, code, correlationId } };
}
