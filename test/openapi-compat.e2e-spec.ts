import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
// @ts-expect-error: a plain ES module script without type declarations
import { compareAsyncApi, compareSpecs } from '../scripts/openapi-compat.mjs';

interface Change {
  code: string;
  location: string;
  reason?: string;
}
const compare = compareSpecs as (base: string, head: string) => Promise<{ breaking: Change[]; compatible: Change[] }>;
const compareEvents = compareAsyncApi as (base: string, head: string) => { breaking: Change[]; compatible: Change[] };

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

describe('openapi:compat on the event catalog (openapi/asyncapi.json)', () => {
  type Message = { name: string; payload: object; headers?: object };
  type Events = {
    channels: Record<string, { subscribe: { message: { $ref: string } | { oneOf: { $ref: string }[] } } }>;
    components: { messages: Record<string, Message>; schemas: Record<string, { properties: Record<string, any>; required?: string[] }> };
  };
  const committed = readFileSync('openapi/asyncapi.json', 'utf8');
  const changed = (edit: (document: Events) => void) => {
    const head = JSON.parse(committed) as Events;
    edit(head);
    return compareEvents(committed, JSON.stringify(head));
  };
  const webhook = 'webhooks/order.backordered';
  const at = (channel: string, message: string, path = '') => `channels.${channel}.subscribe.message.${message}${path}`;

  it('passes the committed event catalog against itself', () => {
    expect(compareEvents(committed, committed)).toEqual({ breaking: [], compatible: [] });
  });

  it('fails on a removed channel and on a message removed from a channel', () => {
    const { breaking } = changed((document) => {
      delete document.channels['gateway.events.invoice.paid'];
      document.channels[webhook].subscribe.message = { $ref: '#/components/messages/OrderBackorderedWebhookV2' };
      document.components.messages.OrderBackorderedWebhookV2 = { ...document.components.messages.OrderBackorderedWebhookV1, name: 'OrderBackorderedWebhookV2' };
    });
    expect(codes(breaking).sort()).toEqual([
      'channel.remove channels.gateway.events.invoice.paid',
      'message.remove ' + at(webhook, 'OrderBackorderedWebhookV1'),
    ]);
  });

  it('passes a new channel, a new message beside the old one (a v2 next to v1) and a new optional payload field', () => {
    const { breaking, compatible } = changed((document) => {
      document.channels['webhooks/order.returned'] = { subscribe: { message: { $ref: '#/components/messages/OrderBackorderedWebhookV1' } } };
      document.channels[webhook].subscribe.message = {
        oneOf: [{ $ref: '#/components/messages/OrderBackorderedWebhookV1' }, { $ref: '#/components/messages/OrderBackorderedWebhookV2' }],
      };
      document.components.messages.OrderBackorderedWebhookV2 = { name: 'OrderBackorderedWebhookV2', payload: { type: 'object' } };
      document.components.schemas.BackorderedLineDto.properties.warehouseId = { type: 'string' };
    });
    expect(breaking).toEqual([]);
    expect(codes(compatible)).toEqual(
      expect.arrayContaining([
        'channel.add channels.webhooks/order.returned',
        'message.add ' + at(webhook, 'OrderBackorderedWebhookV2'),
        'payload.property.add ' + at(webhook, 'OrderBackorderedWebhookV1', '.payload.data.lines[].warehouseId'),
      ]),
    );
  });

  it('fails on a payload property removed, newly required, or a type narrowed; names each place', () => {
    const { breaking } = changed((document) => {
      const { schemas } = document.components;
      delete schemas.WebhookOrderRefDto.properties.purchaseOrderNumber; // invoice orders[]
      schemas.OrderStatusChangedWebhookDataDto.required!.push('reason');
      schemas.OrderStatusChangedWebhookDataDto.properties.reason = { type: 'string' };
      schemas.BackorderedLineDto.properties.promisedDate = { type: 'string', format: 'date' }; // null no longer allowed
      schemas.InvoiceWebhookDataDto.properties.invoiceId = { type: 'integer' };
    });
    const status = 'webhooks/order.status_changed';
    expect(codes(breaking)).toEqual(
      expect.arrayContaining([
        'payload.property.remove ' + at('webhooks/invoice.issued', 'InvoiceIssuedWebhookV1', '.payload.data.orders[].purchaseOrderNumber'),
        'payload.required.add ' + at(status, 'OrderStatusChangedWebhookV1', '.payload.data.reason'),
        'payload.schema.nullable ' + at(webhook, 'OrderBackorderedWebhookV1', '.payload.data.lines[].promisedDate'),
        'payload.schema.nullable ' + at('gateway.events.order.backordered', 'OrderBackorderedV1', '.payload.data.lines[].promisedDate'),
        'payload.schema.type ' + at('webhooks/invoice.paid', 'InvoicePaidWebhookV1', '.payload.data.invoiceId'),
      ]),
    );
    expect(breaking.every((change) => change.reason === 'breaks existing consumers or producers')).toBe(true);
  });

  it('fails on a new value of an enum consumers switch on, and on a delivery header dropped', () => {
    const { breaking } = changed((document) => {
      (document.components.schemas.OrderStatusChangedWebhookDataDto.properties.status.enum as string[]).push('lost');
      delete document.components.schemas.WebhookHeadersDto.properties['Webhook-Signature'];
    });
    expect(codes(breaking)).toEqual(
      expect.arrayContaining([
        'payload.schema.enum.add ' + at('webhooks/order.status_changed', 'OrderStatusChangedWebhookV1', '.payload.data.status'),
        'headers.property.remove ' + at(webhook, 'OrderBackorderedWebhookV1', '.headers.Webhook-Signature'),
      ]),
    );
  });

  it('is run by the command on asyncapi.json: a removed message fails naming it, an added one passes', () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'asyncapi-compat-'));
    try {
      const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, stdio: 'pipe' });
      const run = () =>
        spawnSync(process.execPath, [path.resolve('scripts/openapi-compat.mjs'), 'HEAD~1'], {
          cwd: repo,
          encoding: 'utf8',
          env: { ...process.env, OPENAPI_BASE_REF: '' },
        });
      const write = (edit: (document: Events) => void) => {
        const document = JSON.parse(committed) as Events;
        edit(document);
        writeFileSync(path.join(repo, 'openapi', 'asyncapi.json'), JSON.stringify(document));
      };
      git('init', '-q', '-b', 'main');
      mkdirSync(path.join(repo, 'openapi'));
      write(() => undefined);
      git('add', '.');
      git('commit', '-q', '-m', 'base');

      write((document) => {
        document.channels[webhook].subscribe.message = {
          oneOf: [{ $ref: '#/components/messages/OrderBackorderedWebhookV1' }, { $ref: '#/components/messages/OrderBackorderedWebhookV2' }],
        };
        document.components.messages.OrderBackorderedWebhookV2 = { name: 'OrderBackorderedWebhookV2', payload: { type: 'object' } };
      });
      git('commit', '-q', '-am', 'v2 beside v1');
      const added = run();
      expect(added.status).toBe(0);
      expect(added.stdout).toContain('openapi/asyncapi.json: 0 breaking, 0 allowed, 1 compatible change(s)');

      write((document) => {
        document.channels[webhook].subscribe.message = { $ref: '#/components/messages/OrderBackorderedWebhookV2' };
        document.components.messages.OrderBackorderedWebhookV2 = { name: 'OrderBackorderedWebhookV2', payload: { type: 'object' } };
      });
      git('commit', '-q', '-am', 'v1 dropped');
      const removed = run();
      expect(removed.status).toBe(1);
      expect(removed.stderr).toContain(`openapi/asyncapi.json: BREAKING message.remove at ${at(webhook, 'OrderBackorderedWebhookV1')}`);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
