import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { withProblemResponses } from './openapi-problems.js';

const PROBLEM = 'application/problem+json';

function documentWith(responses: Record<string, { description: string; content?: Record<string, unknown> }>): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths: { '/orders/{orderId}': { get: { responses } } } } as OpenAPIObject;
}

describe('withProblemResponses', () => {
  it('gives each error answer the problem schema, with the code its description names as the example', () => {
    const document = withProblemResponses(
      documentWith({
        '200': { description: 'The order.' },
        '404': { description: 'No such order of yours.' },
        '409': { description: 'ORDER.ALREADY_RELEASED: the warehouse has it.' },
        '429': { description: 'Too many requests.' },
      }),
    );
    const responses = document.paths['/orders/{orderId}'].get!.responses as Record<
      string,
      { content?: Record<string, { schema: unknown; example?: Record<string, unknown> }> }
    >;
    expect(responses['200'].content).toBeUndefined();
    for (const status of ['404', '409', '429', '500']) expect(responses[status].content![PROBLEM].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(responses['409'].content![PROBLEM].example).toMatchObject({
      status: 409,
      code: 'ORDER.ALREADY_RELEASED',
      type: 'urn:gateway:problem:ORDER.ALREADY_RELEASED',
    });
    expect(responses['429'].content![PROBLEM].example).toMatchObject({ status: 429, code: 'RATE_LIMIT.EXCEEDED', instance: '/orders/{orderId}' });
    // no generic code for a 404: an invented example would mislead
    expect(responses['404'].content![PROBLEM].example).toBeUndefined();
    expect(responses['500'].content![PROBLEM].example).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(document.components!.schemas!.Problem).toMatchObject({ required: expect.arrayContaining(['type', 'title', 'status', 'code']) });
  });

  it('keeps a body an operation already declares', () => {
    const own = { 'text/plain': { schema: { type: 'string' } } };
    const document = withProblemResponses(documentWith({ '400': { description: 'A TA1.', content: own } }));
    expect((document.paths['/orders/{orderId}'].get!.responses['400'] as { content: unknown }).content).toBe(own);
  });

  it.each(['experience-apis', 'process-apis', 'system-apis'])('the committed %s catalog documents a body on every error answer', (name) => {
    const catalog = JSON.parse(readFileSync(`openapi/${name}.json`, 'utf8')) as OpenAPIObject;
    const bare = Object.entries(catalog.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) =>
        Object.entries((operation as { responses: Record<string, { content?: unknown }> }).responses)
          .filter(([status, response]) => /^[45]/.test(status) && !response.content)
          .map(([status]) => `${method.toUpperCase()} ${path} ${status}`),
      ),
    );
    expect(bare).toEqual([]);
    expect(catalog.components!.schemas!.Problem).toBeDefined();
  });
});
