import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { errorCodesMarkdown, withErrorCodes, type ErrorCodeEntry } from './openapi-error-codes.js';
import { withProblemResponses } from './openapi-problems.js';

const entries: ErrorCodeEntry[] = [
  { code: 'INTERNAL', status: 500, meaning: 'Unexpected.', action: 'Quote the correlation id.', answeredBy: ['every'] },
  { code: 'REQUEST.VALIDATION', status: 400, meaning: 'Invalid fields.', action: 'Fix them.', answeredBy: ['body', 'query'] },
  { code: 'AUTH.TOKEN_MISSING', status: 401, meaning: 'No token.', action: 'Get one.', answeredBy: ['authenticated'] },
  { code: 'IDEMPOTENCY.KEY_MISSING', status: 400, meaning: 'No key.', action: 'Send one.', answeredBy: ['key-required'] },
  { code: 'IDEMPOTENCY.KEY_REUSED', status: 422, meaning: 'Key used with another body.', action: 'Use a new key.', answeredBy: ['idempotent'] },
  { code: 'RATE_LIMIT.EXCEEDED', status: 429, meaning: 'Quota spent.', action: 'Wait.', answeredBy: ['rate-limited'] },
  { code: 'ORDER.NOT_FOUND', status: 404, meaning: 'No such order | of yours.', action: 'Check the id.', answeredBy: [/^GET \/orders\/\{orderId\}$/] },
  { code: 'ERP.NOT_FOUND', status: 404, meaning: 'Internal.', action: 'None.' },
];

const documentOf = () =>
  ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/orders': {
        post: {
          security: [{ bearer: [] }],
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: true }],
          requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
          responses: { '201': { description: 'placed' }, '422': { description: 'Unknown SKU.' }, '429': { description: 'limited' } },
        },
      },
      '/orders/{orderId}': { get: { security: [{ bearer: [] }], responses: { '200': { description: 'ok' }, '404': { description: 'No such order.' } } } },
      '/health': { get: { responses: { '200': { description: 'ok' } } } },
    },
  }) as unknown as OpenAPIObject;

type Responses = Record<string, { description: string; 'x-error-codes'?: string[]; content?: Record<string, { example?: { code?: string } }> }>;

describe('withErrorCodes', () => {
  it('lists on each operation the codes it can answer, by what it takes and by its path, and on each response those of its status', () => {
    const document = withErrorCodes(documentOf(), entries);
    const place = document.paths['/orders'].post! as unknown as { 'x-error-codes': string[]; responses: Responses };
    expect(place['x-error-codes']).toEqual([
      'AUTH.TOKEN_MISSING',
      'IDEMPOTENCY.KEY_MISSING',
      'IDEMPOTENCY.KEY_REUSED',
      'INTERNAL',
      'RATE_LIMIT.EXCEEDED',
      'REQUEST.VALIDATION',
    ]);
    expect(place.responses['422']).toEqual({ description: 'Unknown SKU.', 'x-error-codes': ['IDEMPOTENCY.KEY_REUSED'] });
    expect(place.responses['429']!['x-error-codes']).toEqual(['RATE_LIMIT.EXCEEDED']);
    // statuses a listed code has but the operation did not declare are declared, described by their codes
    expect(place.responses['400']).toEqual({
      description: 'REQUEST.VALIDATION: Invalid fields. IDEMPOTENCY.KEY_MISSING: No key.',
      'x-error-codes': ['REQUEST.VALIDATION', 'IDEMPOTENCY.KEY_MISSING'],
    });
    expect(place.responses['401']!['x-error-codes']).toEqual(['AUTH.TOKEN_MISSING']);

    const read = document.paths['/orders/{orderId}'].get! as unknown as { 'x-error-codes': string[] };
    expect(read['x-error-codes']).toEqual(['AUTH.TOKEN_MISSING', 'INTERNAL', 'ORDER.NOT_FOUND']);
    // a code without answeredBy (another layer's) is listed nowhere; a public route gets only what any route can answer
    expect((document.paths['/health'].get! as unknown as { 'x-error-codes': string[] })['x-error-codes']).toEqual(['INTERNAL']);
  });

  it('gives each error answer an example with a code it is listed with (through withProblemResponses)', () => {
    const document = withProblemResponses(withErrorCodes(documentOf(), entries));
    const responses = document.paths['/orders/{orderId}'].get!.responses as unknown as Responses;
    expect(responses['404']!.content!['application/problem+json']!.example).toMatchObject({ code: 'ORDER.NOT_FOUND', status: 404 });
    expect(responses['500']!.description).toBe('Unexpected error; the correlation id identifies it in the logs.');
  });

  it('keeps the codes of two operations apart where they share one response object (a class-level decorator)', () => {
    const document = documentOf();
    const shared = { description: 'Not yours.' };
    (document.paths['/orders'].post!.responses as Record<string, unknown>)['404'] = shared;
    (document.paths['/orders/{orderId}'].get!.responses as Record<string, unknown>)['404'] = shared;
    const coded = withErrorCodes(document, [
      ...entries,
      { code: 'ORDER.NOT_PLACEABLE', status: 404, meaning: 'x', action: 'y', answeredBy: [/^POST \/orders$/] },
    ]);
    expect((coded.paths['/orders'].post!.responses as unknown as Responses)['404']!['x-error-codes']).toEqual(['ORDER.NOT_PLACEABLE']);
    expect((coded.paths['/orders/{orderId}'].get!.responses as unknown as Responses)['404']!['x-error-codes']).toEqual(['ORDER.NOT_FOUND']);
  });

  it('declares Retry-After where a listed code sends it, and on the 5xx of an idempotent write; keeps one declared already', () => {
    const document = documentOf();
    (document.paths['/orders'].post!.responses as Record<string, unknown>)['429'] = {
      description: 'limited',
      headers: { 'Retry-After': { description: 'own' } },
    };
    const coded = withErrorCodes(document, [
      ...entries,
      { code: 'UPSTREAM.UNAVAILABLE', status: 503, meaning: 'Down.', action: 'Retry.', answeredBy: ['every'], retryAfter: true },
    ]);
    const place = coded.paths['/orders'].post!.responses as unknown as Record<string, { headers?: Record<string, { description: string }> }>;
    expect(Object.keys(place['503']!.headers!)).toEqual(['Retry-After']);
    expect(Object.keys(place['500']!.headers!)).toEqual(['Retry-After']);
    expect(place['429']!.headers!['Retry-After']!.description).toBe('own');
    expect(place['422']!.headers).toBeUndefined();
    // not idempotent: a 500 says nothing about retrying
    expect((coded.paths['/orders/{orderId}'].get!.responses as unknown as Record<string, { headers?: object }>)['500']!.headers).toBeUndefined();
  });

  it('refuses a code listed twice', () => {
    expect(() => withErrorCodes(documentOf(), [...entries, { ...entries[0]!, status: 503 }])).toThrow('error code INTERNAL is listed twice');
  });
});

describe('errorCodesMarkdown', () => {
  it('renders every code by family, sorted, with status, meaning and action; a pipe in a cell is escaped', () => {
    const markdown = errorCodesMarkdown(entries, '# Error codes\n');
    expect(markdown.startsWith('# Error codes\n\n## AUTH\n')).toBe(true);
    expect(markdown.match(/^## \w+/gm)).toEqual(['## AUTH', '## ERP', '## IDEMPOTENCY', '## INTERNAL', '## ORDER', '## RATE_LIMIT', '## REQUEST']);
    expect(markdown).toContain('| `ORDER.NOT_FOUND` | 404 | No such order \\| of yours. | Check the id. |');
    expect(markdown).toContain('| `ERP.NOT_FOUND` | 404 | Internal. | None. |');
  });
});
