import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem.js';
import { UNEXPECTED_ERROR } from './openapi-error-codes.js';

/** The RFC 9457 problem document every error of every layer is rendered as (see `toProblem`). */
const problemSchema = {
  type: 'object',
  description: 'An error, as RFC 9457 problem details; `code` is stable and meant for programs, `detail` for people.',
  required: ['type', 'title', 'status', 'detail', 'instance', 'code'],
  properties: {
    type: { type: 'string', description: 'urn:gateway:problem:<code>', example: 'urn:gateway:problem:REQUEST.INVALID' },
    title: { type: 'string', description: 'A short summary of the kind of error.' },
    status: { type: 'integer', minimum: 400, maximum: 599, description: 'The HTTP status of this answer.' },
    detail: { type: 'string', description: 'What went wrong with this request.' },
    instance: { type: 'string', description: 'The path that was called.' },
    code: {
      type: 'string',
      pattern: '^[A-Z][A-Z0-9_]*(\\.[A-Z0-9_]+)*$',
      description: 'Stable error code, e.g. ORDER.NOT_FOUND (INTERNAL for an unexpected error).',
    },
    correlationId: { type: 'string', description: 'The X-Correlation-Id of the request: quote it to support.' },
    errors: {
      type: 'array',
      description: 'Per field, what is wrong with it (validation errors).',
      items: {
        type: 'object',
        required: ['field', 'messages'],
        properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
  // extension members such as retryAfterSeconds or retrySameKey are added per error
  additionalProperties: true,
} as const;

/** Per status, a title and a code it is really answered with somewhere (the example when the operation names none; '' if none is generic). */
const exampleCodes: Record<string, [code: string, title: string]> = {
  '400': ['REQUEST.VALIDATION', 'Bad request'],
  '401': ['AUTH.TOKEN_MISSING', 'Unauthorized'],
  '403': ['AUTH.INSUFFICIENT_SCOPE', 'Forbidden'],
  '413': ['REQUEST.TOO_LARGE', 'Payload too large'],
  '404': ['', 'Not found'],
  '409': ['', 'Conflict'],
  '415': ['REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type'],
  '422': ['', 'Unprocessable entity'],
  '429': ['RATE_LIMIT.EXCEEDED', 'Too many requests'],
  '500': ['INTERNAL', 'Internal server error'],
  '502': ['UPSTREAM.BAD_GATEWAY', 'Bad gateway'],
  '503': ['UPSTREAM.CIRCUIT_OPEN', 'Service unavailable'],
};

/** A code named at the start of a response's description (`ORDER.ALREADY_RELEASED: …`) is that answer's example. */
const leadingCode = /^([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)+)\b/;

/**
 * Gives every 4xx/5xx answer of every operation the problem+json body it really has (Nest's
 * decorators declare only a description), with an example, and declares the 500 every operation
 * can answer. Applied to the served and the committed catalog alike.
 */
export function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Problem: problemSchema as never } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const responses = operation.responses as Record<string, { description?: string; content?: Record<string, unknown>; 'x-error-codes'?: string[] }>;
      responses['500'] ??= { description: UNEXPECTED_ERROR };
      for (const [status, response] of Object.entries(responses)) {
        if (!/^[45]\d\d$/.test(status) || response.content) continue;
        const named = leadingCode.exec(response.description ?? '')?.[1];
        // a code the description names first, else the first the operation is listed with (withErrorCodes), else a generic one
        const code = named ?? response['x-error-codes']?.[0] ?? exampleCodes[status]?.[0];
        const title = exampleCodes[status]?.[1] ?? 'Request failed';
        response.content = {
          [PROBLEM_CONTENT_TYPE]: {
            schema: { $ref: '#/components/schemas/Problem' },
            ...(code
              ? { example: { type: `urn:gateway:problem:${code}`, title, status: Number(status), detail: response.description || title, instance: path, code } }
              : {}),
          },
        };
      }
    }
  }
  return document;
}
