import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { withCatalogGovernance, withServiceAuth } from './openapi-governance.js';

const bearer = [{ bearer: [] }];
const documentOf = (): OpenAPIObject =>
  ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths: {
      '/b2b/v1/orders': { get: { summary: 'List orders', tags: ['b2b v1'], security: bearer, responses: { '200': { description: 'ok' } } } },
      '/b2b/v2/orders': {
        post: {
          summary: 'Place an order.',
          description: 'Idempotent.',
          tags: ['b2b v2'],
          security: bearer,
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: true }],
          responses: { '201': { description: 'placed' }, '422': { description: 'key reused' } },
        },
      },
      '/ops/v1/audit': { get: { summary: 'Audit log', tags: ['ops'], security: bearer, responses: {} } },
      '/health/live': { get: { summary: 'Liveness', tags: ['health'], responses: {} } },
    },
  }) as unknown as OpenAPIObject;

const options = {
  servers: [{ url: 'http://127.0.0.1:3000', description: 'local' }],
  oauth2: { tokenUrl: '/oauth/token', scopes: { b2b: 'partners', ops: 'operators' }, scopeOf: (path: string) => path.split('/')[1] },
  deprecatedPaths: /^\/b2b\/v1\//,
  tags: { 'b2b v2': 'The current partner API.' },
};

describe('withCatalogGovernance', () => {
  it('documents bearer operations with the OAuth2 client-credentials scheme and the scope of their path', () => {
    const document = withCatalogGovernance(documentOf(), options);
    expect(document.components?.securitySchemes).toEqual({
      oauth2: expect.objectContaining({
        type: 'oauth2',
        flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: { b2b: 'partners', ops: 'operators' } } },
      }),
    });
    expect(document.paths['/b2b/v2/orders'].post?.security).toEqual([{ oauth2: ['b2b'] }]);
    expect(document.paths['/ops/v1/audit'].get?.security).toEqual([{ oauth2: ['ops'] }]);
    expect(document.paths['/health/live'].get?.security).toBeUndefined();
    expect(document.servers).toEqual(options.servers);
  });

  it('gives every operation a description, every tag in use a description, and deprecates whole path families', () => {
    const document = withCatalogGovernance(documentOf(), options);
    const v1 = document.paths['/b2b/v1/orders'].get!;
    expect(v1.deprecated).toBe(true);
    expect(v1.description).toMatch(/^List orders\. .*`b2b` scope\. Deprecated/);
    expect(document.paths['/b2b/v2/orders'].post?.description).toBe('Idempotent.');
    expect(document.paths['/b2b/v2/orders'].post?.deprecated).toBeUndefined();
    expect(document.tags).toEqual([
      { name: 'b2b v1', description: 'Operations under /b2b.' },
      { name: 'b2b v2', description: 'The current partner API.' },
      { name: 'health', description: 'Operations under /health.' },
      { name: 'ops', description: 'Operations under /ops.' },
    ]);
  });

  it('documents the headers answers carry: correlation id always, Idempotent-Replayed with a key, deprecation headers on deprecated versions', () => {
    const document = withCatalogGovernance(documentOf(), options);
    const placed = document.paths['/b2b/v2/orders'].post!.responses as Record<string, { headers: Record<string, unknown> }>;
    expect(Object.keys(placed['201'].headers)).toEqual(['X-Correlation-Id', 'Idempotent-Replayed']);
    expect(Object.keys(placed['422'].headers)).toEqual(['X-Correlation-Id']);
    const v1 = document.paths['/b2b/v1/orders'].get!.responses as Record<string, { headers: Record<string, unknown> }>;
    expect(Object.keys(v1['200'].headers)).toEqual(['X-Correlation-Id', 'Deprecation', 'Sunset', 'Link']);
  });

  it('links a create to its read when the created body carries the read path parameter', () => {
    const document = documentOf();
    document.paths['/b2b/v2/orders/{orderId}'] = { get: { operationId: 'b2bV2Order', responses: {} } } as never;
    (document.paths['/b2b/v2/orders'].post!.responses['201'] as unknown as Record<string, unknown>).content = {
      'application/json': { schema: { $ref: '#/components/schemas/Placed' } },
    };
    document.components!.schemas = { Placed: { type: 'object', properties: { orderId: { type: 'string' } } } };
    const created = withCatalogGovernance(document, options).paths['/b2b/v2/orders'].post!.responses['201'] as { links: unknown; headers: object };
    expect(created.links).toEqual({ b2bV2Order: expect.objectContaining({ operationId: 'b2bV2Order', parameters: { orderId: '$response.body#/orderId' } }) });
    // and documents the Location the server sends with it
    expect(Object.keys(created.headers)).toEqual(['X-Correlation-Id', 'Idempotent-Replayed', 'Location']);
  });

  it('documents no Location where the created body does not name its read (no read route, or another field)', () => {
    const document = documentOf();
    document.paths['/b2b/v2/orders/{orderNumber}'] = { get: { operationId: 'b2bV2Order', responses: {} } } as never;
    (document.paths['/b2b/v2/orders'].post!.responses['201'] as unknown as Record<string, unknown>).content = {
      'application/json': { schema: { $ref: '#/components/schemas/Placed' } },
    };
    document.components!.schemas = { Placed: { type: 'object', properties: { orderId: { type: 'string' } } } };
    const created = withCatalogGovernance(document, options).paths['/b2b/v2/orders'].post!.responses['201'] as { links?: unknown; headers: object };
    expect([created.links, Object.keys(created.headers)]).toEqual([undefined, ['X-Correlation-Id', 'Idempotent-Replayed']]);
  });

  it('documents the RateLimit fields an operation declares on its 429 on its other answers, not on those given before the limiter counts', () => {
    const document = documentOf();
    const limiter = {
      'Retry-After': { schema: { type: 'integer' } },
      'RateLimit-Policy': { schema: { type: 'string' } },
      RateLimit: { schema: { type: 'string' } },
    };
    Object.assign(document.paths['/b2b/v2/orders'].post!.responses, {
      '400': { description: 'invalid' },
      '401': { description: 'no token' },
      '403': { description: 'no scope' },
      '429': { description: 'limited', headers: limiter },
    });
    const responses = withCatalogGovernance(document, options).paths['/b2b/v2/orders'].post!.responses as Record<string, { headers: object }>;
    const headersOf = (status: string) => Object.keys(responses[status]!.headers);
    expect(headersOf('201')).toEqual(['X-Correlation-Id', 'Idempotent-Replayed', 'RateLimit-Policy', 'RateLimit']);
    expect(headersOf('400')).toEqual(['X-Correlation-Id', 'RateLimit-Policy', 'RateLimit']);
    expect(headersOf('422')).toEqual(['X-Correlation-Id', 'RateLimit-Policy', 'RateLimit']);
    expect(headersOf('429')).toEqual(['X-Correlation-Id', 'RateLimit-Policy', 'RateLimit', 'Retry-After']);
    expect([headersOf('401'), headersOf('403')]).toEqual([['X-Correlation-Id'], ['X-Correlation-Id']]);
    // an operation that is not limited gets none
    expect(Object.keys((withCatalogGovernance(documentOf(), options).paths['/b2b/v2/orders'].post!.responses['201'] as { headers: object }).headers)).toEqual([
      'X-Correlation-Id',
      'Idempotent-Replayed',
    ]);
  });

  it('keeps the bearer scheme where no OAuth2 issuer is given (process and system layers)', () => {
    const document = withCatalogGovernance(documentOf(), {});
    expect(document.components?.securitySchemes).toHaveProperty('bearer');
    expect(document.paths['/ops/v1/audit'].get?.security).toEqual(bearer);
    expect(document.paths['/ops/v1/audit'].get?.description).toBe('Audit log.');
  });
});

describe('withServiceAuth (an inner layer: service tokens, operators, a vendor signature)', () => {
  const innerDocument = (): OpenAPIObject =>
    ({
      openapi: '3.0.0',
      info: { title: 'process', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      paths: {
        '/v1/orders': { post: { summary: 'Place an order.', responses: {} } },
        '/v1/ops/dead-letters': { get: { summary: 'Dead letters.', security: bearer, responses: {} } },
        '/wms/v1/events/native': { post: { summary: 'A WMS event.', responses: {} } },
        '/health/ready': { get: { summary: 'Readiness.', security: bearer, responses: {} } },
      },
    }) as unknown as OpenAPIObject;
  const auth = {
    publicPaths: /^\/health\//,
    operators: { paths: /^\/v1\/ops\// },
    vendorSigned: { paths: /^\/wms\/v1\/events\/native$/, header: 'X-WMS-Signature', description: 'HMAC' },
  };

  it('requires a service or operator token everywhere, an operator alone on operator paths, the signature on vendor routes, nothing on public ones', () => {
    const document = withCatalogGovernance(withServiceAuth(innerDocument(), auth), { serviceAuth: auth });
    const op = (path: string, method: 'get' | 'post') => (document.paths[path] as Record<string, { security?: unknown; description?: string }>)[method]!;
    expect(op('/v1/orders', 'post').security).toEqual([{ serviceToken: [] }, { operatorToken: [] }]);
    expect(op('/v1/ops/dead-letters', 'get').security).toEqual([{ operatorToken: [] }]);
    expect(op('/wms/v1/events/native', 'post').security).toEqual([{ vendorSignature: [] }, { serviceToken: [] }, { operatorToken: [] }]);
    expect(op('/health/ready', 'get').security).toBeUndefined();
    expect(op('/v1/ops/dead-letters', 'get').description).toBe('Dead letters. Needs an operator token (scope `ops`).');
    expect(op('/v1/orders', 'post').description).toBe('Place an order. Needs a service token or an operator token (scope `ops`).');
    expect(Object.keys(document.components!.securitySchemes!).sort()).toEqual(['operatorToken', 'serviceToken', 'vendorSignature']);
    expect(document.components!.securitySchemes!.vendorSignature).toEqual({ type: 'apiKey', in: 'header', name: 'X-WMS-Signature', description: 'HMAC' });
  });

  it('leaves a catalog without serviceAuth as it is', () => {
    const document = innerDocument();
    expect(withServiceAuth(document, undefined)).toBe(document);
    expect((document.paths['/v1/orders'] as Record<string, { security?: unknown }>).post!.security).toBeUndefined();
  });
});
