import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { exampleOf, withExamples } from './openapi-examples.js';

const schemas = {
  Order: {
    type: 'object',
    properties: {
      orderId: { type: 'string', format: 'uuid' },
      purchaseOrderNumber: { type: 'string', example: 'PO-1001' },
      status: { type: 'string', enum: ['accepted', 'on_hold'] },
      placedAt: { type: 'string', format: 'date-time' },
      lines: { type: 'array', minItems: 2, items: { $ref: '#/components/schemas/Line' } },
      parent: { $ref: '#/components/schemas/Order' },
    },
  },
  Line: { type: 'object', properties: { quantity: { type: 'integer', minimum: 1 }, sku: { type: 'string', minLength: 6 }, gift: { type: 'boolean' } } },
};

describe('exampleOf', () => {
  it('builds a whole example from the examples properties declare, else a value of their type within their bounds; a recursive schema stops', () => {
    expect(exampleOf({ $ref: '#/components/schemas/Order' }, schemas)).toEqual({
      orderId: '3f1b7c1e-8a4d-4e2b-9c6f-2d5e8a7b1c90',
      purchaseOrderNumber: 'PO-1001',
      status: 'accepted',
      placedAt: '2026-03-02T09:30:00.000Z',
      lines: [
        { quantity: 1, sku: 'textxx', gift: true },
        { quantity: 1, sku: 'textxx', gift: true },
      ],
    });
  });

  it('takes the example a schema declares as a whole', () => {
    expect(exampleOf({ type: 'array', items: { type: 'string' }, example: ['order', 'shipment'] }, {})).toEqual(['order', 'shipment']);
  });
});

describe('withExamples', () => {
  const document = () =>
    ({
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      components: { schemas },
      paths: {
        '/orders': {
          post: {
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Line' } } } },
            responses: {
              '201': { description: 'placed', content: { 'application/json': { schema: { $ref: '#/components/schemas/Line' } } } },
              '422': { description: 'refused', content: { 'application/problem+json': { schema: { type: 'object' }, example: { code: 'ORDER.X' } } } },
              '204': { description: 'nothing' },
            },
          },
        },
      },
    }) as unknown as OpenAPIObject;

  it('gives every JSON request and response body without one an example, and keeps those it has', () => {
    const post = withExamples(document()).paths['/orders'].post! as unknown as {
      requestBody: { content: Record<string, { example?: unknown }> };
      responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
    };
    const line = { quantity: 1, sku: 'textxx', gift: true };
    expect(post.requestBody.content['application/json']!.example).toEqual(line);
    expect(post.responses['201']!.content!['application/json']!.example).toEqual(line);
    expect(post.responses['422']!.content!['application/problem+json']!.example).toEqual({ code: 'ORDER.X' });
    expect(post.responses['204']!.content).toBeUndefined();
  });
});
