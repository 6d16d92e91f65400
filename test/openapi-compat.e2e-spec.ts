import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
// @ts-expect-error: a plain ES module script without type declarations
import { compareSpecs } from '../scripts/openapi-compat.mjs';

interface Change {
  code: string;
  location: string;
  reason?: string;
}
const compare = compareSpecs as (base: string, head: string) => Promise<{ breaking: Change[]; compatible: Change[] }>;

/** A small catalog shaped like the experience layer's: a frozen v1 and a current v2 order API. */
const catalog = () => ({
  openapi: '3.0.0',
  info: { title: 'compat', version: '1' },
  paths: {
    '/b2b/v1/orders': {
      get: {
        parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } }],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderV1' } } } } },
      },
    },
    '/b2b/v2/orders': {
      post: {
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderRequest' } } } },
        responses: { '201': { description: 'created', content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderV2' } } } } },
      },
      get: {
        parameters: [{ name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['open', 'shipped'] } }],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderV2' } } } } },
      },
    },
  },
  components: {
    schemas: {
      OrderRequest: {
        type: 'object',
        required: ['sku', 'quantity'],
        properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 }, note: { type: 'string' } },
      },
      OrderV1: { type: 'object', required: ['orderId'], properties: { orderId: { type: 'string' }, status: { type: 'string' } } },
      OrderV2: { type: 'object', required: ['orderId'], properties: { orderId: { type: 'string' }, status: { type: 'string' } } },
    },
  },
});
type Catalog = ReturnType<typeof catalog>;
const changed = async (edit: (document: Catalog) => void) => {
  const head = catalog();
  edit(head);
  return compare(JSON.stringify(catalog()), JSON.stringify(head));
};
const codes = (changes: Change[]) => changes.map((change) => `${change.code} ${change.location}`);

describe('openapi:compat (breaking-change check of the catalog)', () => {
  it('passes the committed catalog against itself', async () => {
    const text = readFileSync('openapi/process-apis.json', 'utf8');
    expect((await compare(text, text)).breaking).toEqual([]);
  });

  it('fails on a removed path', async () => {
    const { breaking } = await changed((document) => delete (document.paths as Partial<Catalog['paths']>)['/b2b/v2/orders']);
    expect(codes(breaking)).toEqual(['path.remove paths./b2b/v2/orders']);
  });

  it('fails on a new required request field, passes a new optional one', async () => {
    const required = await changed((document) => {
      const schema = document.components.schemas.OrderRequest as { properties: Record<string, unknown>; required: string[] };
      schema.properties.channel = { type: 'string' };
      schema.required.push('channel');
    });
    expect(codes(required.breaking)).toContain('request.body.scope.remove paths./b2b/v2/orders.post.requestBody.content.application/json.schema');

    const optional = await changed((document) => {
      (document.components.schemas.OrderRequest.properties as Record<string, unknown>).channel = { type: 'string', maxLength: 20 };
    });
    expect(optional.breaking).toEqual([]);
    expect(codes(optional.compatible)).toContain('request.body.scope.add paths./b2b/v2/orders.post.requestBody.content.application/json.schema');
  });

  it('fails on a tighter request constraint (quantity minimum raised)', async () => {
    const { breaking } = await changed((document) => {
      document.components.schemas.OrderRequest.properties.quantity.minimum = 5;
    });
    expect(breaking.map((change) => change.code)).toEqual(['request.body.scope.remove']);
  });

  it('fails on query parameters removed, newly required or accepting fewer values; passes a new optional one', async () => {
    const { breaking, compatible } = await changed((document) => {
      (document.paths['/b2b/v2/orders'].get as { parameters: unknown[] }).parameters = [
        { name: 'status', in: 'query', required: true, schema: { type: 'string', enum: ['open'] } },
        { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
      ];
      document.paths['/b2b/v1/orders'].get.parameters = [];
    });
    expect(codes(breaking).sort()).toEqual([
      'parameter.remove paths./b2b/v1/orders.get.parameters.query:limit',
      'parameter.required.add paths./b2b/v2/orders.get.parameters.query:status',
      'parameter.schema.enum paths./b2b/v2/orders.get.parameters.query:status',
    ]);
    expect(codes(compatible)).toEqual(['parameter.add paths./b2b/v2/orders.get.parameters.query:cursor']);
  });

  it('passes a new response field', async () => {
    const { breaking } = await changed((document) => {
      (document.components.schemas.OrderV2.properties as Record<string, unknown>).promisedDate = { type: 'string', format: 'date' };
    });
    expect(breaking).toEqual([]);
  });

  it('takes only additions under /b2b/v1: a response header dropped there fails where the same change in v2 passes', async () => {
    const withHeader = () => {
      const document = catalog();
      for (const route of ['/b2b/v1/orders', '/b2b/v2/orders'] as const)
        (document.paths[route].get.responses['200'] as Record<string, unknown>).headers = { 'X-Total-Count': { schema: { type: 'integer' } } };
      return document;
    };
    const dropped = async (route: '/b2b/v1/orders' | '/b2b/v2/orders') => {
      const head = withHeader();
      delete (head.paths[route].get.responses['200'] as Record<string, unknown>).headers;
      return compare(JSON.stringify(withHeader()), JSON.stringify(head));
    };
    const v2 = await dropped('/b2b/v2/orders');
    expect(v2.breaking).toEqual([]);
    expect(codes(v2.compatible)).toEqual(['response.optional.header.remove paths./b2b/v2/orders.get.responses.200.headers.X-Total-Count']);
    const v1 = await dropped('/b2b/v1/orders');
    expect(v1.breaking).toEqual([expect.objectContaining({ code: 'response.optional.header.remove', reason: 'B2B v1 is frozen: additions only' })]);

    const added = await changed((document) => {
      (document.paths as Record<string, unknown>)['/b2b/v1/orders/{orderId}'] = { get: { responses: { '200': { description: 'ok' } } } };
    });
    expect(added.breaking).toEqual([]);
    expect(codes(added.compatible)).toEqual(['path.add paths./b2b/v1/orders/{orderId}']);
  });

  describe('the command against a git base', () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'openapi-compat-'));
    const script = path.resolve('scripts/openapi-compat.mjs');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, stdio: 'pipe' });
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [script, ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, OPENAPI_BASE_REF: '' } });
    const write = (document: unknown) => writeFileSync(path.join(repo, 'openapi', 'experience-apis.json'), JSON.stringify(document));
    afterAll(() => rmSync(repo, { recursive: true, force: true }));

    it('skips without a base, fails a breaking change against the previous commit naming it, passes once it is allowed with a reason', () => {
      git('init', '-q', '-b', 'main');
      mkdirSync(path.join(repo, 'openapi'));
      write(catalog());
      git('add', '.');
      git('commit', '-q', '-m', 'base');
      expect(run().stdout).toMatch(/no base commit.*skipped/);

      const head = catalog();
      delete (head.paths as Partial<Catalog['paths']>)['/b2b/v1/orders'];
      write(head);
      git('commit', '-q', '-am', 'v1 orders removed');
      const refused = run();
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('openapi/experience-apis.json: BREAKING path.remove at paths./b2b/v1/orders');

      const allowed = [{ spec: 'experience-apis.json', code: 'path.remove', location: 'paths./b2b/v1/orders', reason: 'v1 sunset' }];
      writeFileSync(path.join(repo, '.openapi-compat-allowed.json'), JSON.stringify(allowed));
      const passed = run('HEAD~1', '--verbose');
      expect(passed.status).toBe(0);
      expect(passed.stdout).toContain('allowed path.remove at paths./b2b/v1/orders: v1 sunset');
    });
  });
});
