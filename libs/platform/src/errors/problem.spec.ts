import { describe, expect, it } from '@jest/globals';
import { HttpException, NotFoundException } from '@nestjs/common';
import { AppError, ValidationError } from './app-error.js';
import { toProblem } from './problem.js';
import { UpstreamError, UpstreamUnavailableError } from './upstream.error.js';

describe('toProblem', () => {
  it('renders an AppError with its code, field errors and correlation id', () => {
    const { problem } = toProblem(new ValidationError([{ field: 'lines[0].sku', messages: ['required'] }]), '/b2b/v1/orders', 'c-1');
    expect(problem).toEqual({
      type: 'urn:gateway:problem:REQUEST.VALIDATION',
      title: 'Invalid request',
      status: 400,
      detail: 'The request has invalid fields.',
      instance: '/b2b/v1/orders',
      code: 'REQUEST.VALIDATION',
      correlationId: 'c-1',
      errors: [{ field: 'lines[0].sku', messages: ['required'] }],
    });
  });

  it('maps Fastify body errors to 413 and 400', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
    expect(toProblem(tooLarge, '/x', undefined).problem).toMatchObject({ status: 413, code: 'REQUEST.TOO_LARGE' });
    const malformed = Object.assign(new SyntaxError('Unexpected end of JSON input'), { statusCode: 400 });
    expect(toProblem(malformed, '/x', undefined).problem).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED' });
  });

  it('unwraps the HttpException Nest puts around a Fastify body error', () => {
    const invalidJson = Object.assign(new Error("Body is not valid JSON but content-type is set to 'application/json'"), {
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      statusCode: 400,
    });
    const wrapped = new HttpException(invalidJson.message, 400, { cause: invalidJson });
    expect(toProblem(wrapped, '/x', undefined).problem).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED', title: 'Malformed request body' });
  });

  it("keeps Nest HTTP exceptions' status", () => {
    expect(toProblem(new NotFoundException('Cannot GET /nope'), '/nope', undefined).problem).toMatchObject({ status: 404, code: 'ROUTE.NOT_FOUND' });
  });

  it("never leaks an unexpected error's message", () => {
    const { problem } = toProblem(new Error('password=hunter2 at db.ts:12'), '/x', 'c-2');
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });

  it('passes a downstream 4xx through and turns a downstream 5xx into 502, 503 keeping Retry-After', () => {
    const rejected = toProblem(
      new UpstreamError('process-apis', 422, { code: 'ORDER.INVALID_LINES', detail: 'bad', errors: [{ field: 'f', messages: ['m'] }] }),
      '/x',
      undefined,
    );
    expect(rejected.problem).toMatchObject({ status: 422, code: 'ORDER.INVALID_LINES', errors: [{ field: 'f', messages: ['m'] }] });
    expect(toProblem(new UpstreamError('system-apis', 500, undefined), '/x', undefined).problem.status).toBe(502);
    const unavailable = toProblem(new UpstreamError('system-apis', 503, { code: 'UPSTREAM.CIRCUIT_OPEN' }, 7), '/x', undefined);
    expect(unavailable.problem).toMatchObject({ status: 503, code: 'UPSTREAM.CIRCUIT_OPEN' });
    expect(unavailable.retryAfterSeconds).toBe(7);
    expect(toProblem(new UpstreamUnavailableError('erp', 'open', 9), '/x', undefined).retryAfterSeconds).toBe(9);
  });

  it("keeps a downstream 4xx's Retry-After (an order in flight under another key), and adds none of its own", () => {
    const inFlight = toProblem(new UpstreamError('process-apis', 409, { code: 'ORDER.PURCHASE_ORDER_IN_FLIGHT' }, 2), '/x', undefined);
    expect(inFlight.problem).toMatchObject({ status: 409, code: 'ORDER.PURCHASE_ORDER_IN_FLIGHT' });
    expect(inFlight.retryAfterSeconds).toBe(2);
    expect(toProblem(new UpstreamError('process-apis', 409, { code: 'ORDER.ALREADY_RELEASED' }), '/x', undefined).retryAfterSeconds).toBeUndefined();
    expect(toProblem(new UpstreamError('system-apis', 500, undefined, 3), '/x', undefined).retryAfterSeconds).toBeUndefined();
  });

  it('renders extension members of an AppError', () => {
    const error = new AppError('AUTH.INVALID_CLIENT', 401, 'Invalid client', { extensions: { error: 'invalid_client' } });
    expect(toProblem(error, '/oauth/token', undefined).problem.error).toBe('invalid_client');
  });
});
