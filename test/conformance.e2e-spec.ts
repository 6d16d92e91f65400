import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { seedCustomers } from '../apps/sandbox/src/seed/customers.seed.js';
import { seedItems } from '../apps/sandbox/src/seed/items.seed.js';
import { sample850Interchange } from '../apps/experience-apis/src/edi/testing/sample-interchange.js';
import { call, eventually, order, tokenFor } from './support/http.js';
import { TestStack } from './support/stack.js';
import {
  describeFinding,
  distinctFindings,
  operationsOf,
  runConformance,
  type AllowedFinding,
  type Case,
  type ConformanceHooks,
  type Operation,
  type Picker,
  type RunReport,
} from './support/conformance.js';

/**
 * The contract conformance run of the experience API (issue 14): requests generated from
 * openapi/experience-apis.json, answers checked against it. `npm test` runs a few examples per
 * operation in both CI passes; `npm run conformance` runs more. CONFORMANCE_SEED and
 * CONFORMANCE_EXAMPLES reproduce a run (a failure prints both, and each request as curl).
 */
const EXAMPLES = Number(process.env.CONFORMANCE_EXAMPLES ?? 3);
const SEED = Number(process.env.CONFORMANCE_SEED ?? 20261206);

const catalog = JSON.parse(readFileSync(new URL('../openapi/experience-apis.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/**
 * Known findings that need more than a fix in a DTO or decorator; each names the operation, the
 * check and why it is not fixed yet. Empty is the goal.
 */
const ALLOWED: readonly AllowedFinding[] = [];

const skus = seedItems.map((item) => item.sku);
const customerIds = seedCustomers.map((customer) => customer.id);

describe('contract conformance: the experience API answers as its OpenAPI catalog says', () => {
  let stack: TestStack;
  const tokens = new Map<string, string>();
  /** Resources that exist, by path parameter, for the seeded cases. */
  const existing: Record<string, string[]> = {};
  /** A subscription with deliveries, and those deliveries: the delivery cases take both from here. */
  let deliveryPaths: { subscriptionId: string; deliveryId: string }[] = [];
  /** Subscriptions only the unsubscribe cases use, so the reads keep theirs. */
  const deletable: Record<string, string[]> = {};
  let isa = 900_000_000;

  /** Which client calls an operation: the one its scope is for (EDI routes: the trading partner's own client). */
  const clientOf = (operation: Operation): string | undefined => {
    if (operation.path.startsWith('/edi/')) return 'umbrella-edi';
    // a partner has at most 20 subscriptions: the v1 subscribe cases get a partner of their own, or v2's would leave them none
    if (operation.id === 'webhooksV1Subscribe') return 'globex';
    if (operation.scopes.includes('ops')) return 'ops';
    if (operation.scopes.includes('crm')) return 'crm';
    if (operation.scopes.includes('b2b')) return 'acme';
    return undefined;
  };
  const secrets: Record<string, string> = {
    acme: 'acme-demo-secret',
    globex: 'globex-demo-secret',
    crm: 'crm-demo-secret',
    ops: 'ops-demo-secret',
    'umbrella-edi': 'umbrella-edi-demo-secret',
  };

  const as = (client: string) => ({ authorization: `Bearer ${tokens.get(client)}` });
  const seedCall = async (client: string, path: string, init: Parameters<typeof call>[1] = {}) => {
    const response = await call(`${stack.experienceUrl}${path}`, { ...init, headers: { ...as(client), ...init.headers } });
    if (response.status >= 300) throw new Error(`seeding ${path} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  /** Ids of resources made for the run: orders to read and cancel, webhook subscriptions and a delivery, clients to disable. */
  async function seed(): Promise<void> {
    const subscribe = async () =>
      (
        await seedCall('acme', '/b2b/v2/webhooks', {
          headers: { 'idempotency-key': randomUUID() },
          body: { url: 'https://127.0.0.1:9/conformance', categories: ['order'], description: 'conformance run' },
        })
      ).subscriptionId as string;
    // one subscription the reads and deliveries cases use (never deleted), three for each unsubscribe operation
    const kept = await subscribe();
    existing.subscriptionId = [kept];
    for (const operation of ['webhooksV1Delete', 'webhooksV2Delete']) deletable[operation] = [await subscribe(), await subscribe(), await subscribe()];
    for (const version of ['v1', 'v2', 'v2']) {
      const placed = await seedCall('acme', `/b2b/${version}/orders`, {
        headers: { 'idempotency-key': randomUUID() },
        body: order(`PO-CONF-${randomUUID().slice(0, 8)}`, [{ sku: 'SKU-1006', quantity: 1 }]),
      });
      (existing.orderId ??= []).push(placed.orderId);
    }
    // a shipped order to request returns of, and a return the reads find
    const shipped = await seedCall('acme', '/b2b/v2/orders', {
      headers: { 'idempotency-key': randomUUID() },
      body: order(`PO-CONF-RET-${randomUUID().slice(0, 8)}`, [{ sku: 'SKU-1006', quantity: 20 }]),
    });
    const legs = await eventually(
      async () =>
        (await call<{ orders: { id: string }[] }>(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${shipped.erpOrderNumber}`)).body.orders,
      (found) => found.length > 0,
      15_000,
    );
    for (const leg of legs) await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${leg.id}/ship`, { body: {} });
    await eventually(
      () => seedCall('acme', `/b2b/v2/orders/${shipped.orderId}`),
      (view) => view.status === 'shipped',
      15_000,
    );
    existing.returnableOrderId = [shipped.orderId];
    const returned = await seedCall('acme', '/b2b/v2/returns', {
      headers: { 'idempotency-key': randomUUID() },
      body: { orderId: shipped.orderId, lines: [{ lineNumber: 1, quantity: 1, reasonCode: 'DAMAGED' }] },
    });
    existing.returnId = [returned.returnId];
    const invoices = await seedCall('acme', '/b2b/v1/invoices');
    existing.invoiceId = (invoices.invoices as { invoiceId: string }[]).map((invoice) => invoice.invoiceId);
    // the placed orders' status events reach the kept subscription as deliveries (failing: nobody listens)
    const deliveries = await eventually(
      async () => (await seedCall('acme', `/b2b/v2/webhooks/${kept}/deliveries`)).deliveries as { deliveryId: string }[],
      (found) => found.length > 0,
      15_000,
    );
    deliveryPaths = deliveries.map((delivery) => ({ subscriptionId: kept, deliveryId: delivery.deliveryId }));
    const account = 'conformance-account-1';
    await seedCall('crm', `/crm/v1/accounts/${account}`, {
      method: 'PUT',
      body: { name: 'Conformance Pumps LLC', address: { street: '1 Test Rd', city: 'Portland', postalCode: '97201', region: 'OR', country: 'US' } },
    });
    existing.crmAccountId = [account];
    existing.partnerId = ['umbrella-edi'];
    // throw-away clients: the ops cases disable, enable and rotate them, never the clients the run calls with
    await seedCall('ops', '/ops/v1/partners', { body: { clientId: 'conformance-partner', name: 'Conformance partner', customerId: '10100003' } });
    await seedCall('ops', '/ops/v1/crm-clients', { body: { clientId: 'conformance-crm', name: 'Conformance CRM' } });
    existing.clientId = ['conformance-partner', 'conformance-crm'];
    await seedCall('ops', '/ops/v1/edi/trading-partners', {
      body: {
        tradingPartnerId: 'conformance-edi',
        name: 'Conformance EDI',
        customerId: '10100003',
        isaQualifier: 'ZZ',
        isaId: 'CONFORMEDI',
        gsId: 'CONFORMEDI',
        documents: ['855'],
      },
    });
    existing.tradingPartnerId = ['conformance-edi'];
  }

  /** Values of the sandbox and of the seeded resources where the schema alone cannot produce one that exists. */
  function mapCase(operation: Operation, request: Case, pick: Picker): void {
    // a cursor is opaque and only valid as the server issued it: a seeded case reads the first page,
    // a random one must be refused with a documented 4xx
    if (request.query.cursor !== undefined) {
      if (request.seeded) delete request.query.cursor;
      else Object.assign(request, { kind: 'negative', mutation: 'query: cursor not one the server issued' });
    }
    // X12 is a grammar no schema states: every case sends an 850, for a SKU of the seed or (unseeded) the generated text
    if (operation.id === 'ediReceive' && typeof request.body === 'string') {
      const sku = request.seeded ? pick.pick(['SKU-1020', 'SKU-1021']) : `X${request.body.replace(/[^A-Za-z0-9]/g, '').slice(0, 20)}`;
      request.body = sample850Interchange({ isa13: String(++isa), orders: [{ po: `CONF-${isa}`, lines: [{ qty: 1 + pick.pick([0, 1, 2]), vp: sku }] }] });
    }
    // a rule across fields no JSON Schema states (the description does): the four separators differ
    const separators = (request.body as { separators?: Record<string, string> } | undefined)?.separators;
    if (operation.id === 'tradingPartnersOpsOnboard' && separators && typeof separators === 'object') {
      const chosen = { repetition: '^', ...separators };
      if (new Set(Object.values(chosen)).size !== Object.keys(chosen).length)
        Object.assign(request, { kind: 'negative', mutation: 'body: separators not all different' });
    }
    if (!request.seeded) return;
    if ('deliveryId' in request.pathParams || operation.path.endsWith('/deliveries')) {
      Object.assign(request.pathParams, pick.pick(deliveryPaths));
      if (!operation.path.includes('{deliveryId}')) delete request.pathParams.deliveryId;
    } else {
      for (const name of Object.keys(request.pathParams)) {
        const ids = (name === 'subscriptionId' && deletable[operation.id]) || existing[name];
        if (ids?.length) request.pathParams[name] = pick.pick(ids);
      }
    }
    if (request.query.sku !== undefined) request.query.sku = pick.pick(skus);
    const body = request.body as Record<string, any> | undefined;
    if (!body || typeof body !== 'object') return;
    if (Array.isArray(body.lines)) {
      // SKUs of the catalog in quantities a seed stock can promise
      body.lines.forEach((line: Record<string, unknown>) => {
        line.sku = pick.pick(skus);
        line.quantity = 1 + pick.pick([0, 1, 2, 3]);
      });
    }
    // a return is asked of the shipped order (its lines: the generated ones, with seed SKUs; a decision either way)
    if (operation.id === 'b2bV2ReturnsRequestReturn') {
      body.orderId = pick.pick(existing.returnableOrderId);
      delete body.purchaseOrderNumber;
    }
    if ('customerId' in body) body.customerId = pick.pick(customerIds);
    if (Array.isArray(body.partNumbers)) body.partNumbers.forEach((reference: Record<string, unknown>) => (reference.sku = pick.pick(skus)));
    if (operation.id === 'tradingPartnersOpsOnboard') delete body.clientId;
    if (operation.id === 'token') {
      const client = pick.pick(Object.keys(secrets));
      Object.assign(body, { grant_type: 'client_credentials', client_id: client, client_secret: secrets[client] });
      delete request.headers.authorization;
    }
  }

  const hooks: ConformanceHooks = {
    headers: (operation) => {
      const client = clientOf(operation);
      return client ? as(client) : {};
    },
    mapCase: (operation, request, pick) => {
      // deliveries go nowhere: a subscription's URL keeps its path, on a port that refuses at once
      const body = request.body as Record<string, unknown> | undefined;
      if (body && typeof body === 'object' && typeof body.url === 'string' && URL.canParse(body.url)) {
        const url = new URL(body.url);
        body.url = `${url.protocol}//127.0.0.1:9${url.pathname}`;
      }
      mapCase(operation, request, pick);
    },
  };

  let report: RunReport;

  beforeAll(async () => {
    stack = await TestStack.start({ webhooks: { retryBaseMs: 60_000, retryMaxMs: 60_000 } });
    for (const [client, secret] of Object.entries(secrets)) tokens.set(client, await tokenFor(stack.experienceUrl, client, secret));
    await seed();
  });
  afterAll(() => stack?.stop());

  it(
    `generated requests for every operation get documented statuses, problem+json errors and bodies that match the catalog (seed ${SEED}, ${EXAMPLES} examples)`,
    async () => {
      // health has its own e2e checks (its readiness depends on the backends of the moment)
      const operations = operationsOf(catalog, (operation) => !operation.path.startsWith('/health'));
      report = await runConformance(catalog, operations, { baseUrl: stack.experienceUrl, seed: SEED, examples: EXAMPLES, hooks, allowed: ALLOWED });
      const distinct = distinctFindings(report.findings);
      console.log(
        [
          `conformance: seed ${report.seed}, ${report.examples} examples per operation, ${report.operations} operations, ${report.requests} requests in ${report.durationMs} ms`,
          `conformance: ${report.findings.length} findings (${distinct.size} distinct), ${report.allowedFindings.length} allowed`,
          ...Object.entries(report.statuses).map(([operation, counts]) => `  ${operation}: ${JSON.stringify(counts)}`),
        ].join('\n'),
      );
      if (distinct.size) {
        const details = [...distinct.entries()].map(([key, findings]) => `${key} (${findings.length}x)\n${describeFinding(findings[0], stack.experienceUrl)}`);
        throw new Error(
          `${distinct.size} distinct conformance findings (reproduce: CONFORMANCE_SEED=${SEED} CONFORMANCE_EXAMPLES=${EXAMPLES} npm run conformance):\n\n${details.join('\n\n')}`,
        );
      }
      // a run that only met refusals would prove little: every operation the seed can serve answered 2xx at least once
      // (reading an invoice needs one, and the seed issues none: shipping and billing take longer than the run;
      // a seeded order is released to the warehouse within moments, after which a cancel is a documented 409,
      // so cancelling is left to b2b-orders.e2e-spec)
      const servable = operations.filter((operation) => !operation.path.includes('{invoiceId}') && !operation.path.endsWith('/cancel'));
      const neverSucceeded = servable.filter((operation) => !Object.keys(report.statuses[operation.id] ?? {}).some((status) => status.startsWith('2')));
      expect(neverSucceeded.map((operation) => operation.id)).toEqual([]);
    },
    Math.max(120_000, EXAMPLES * 40_000),
  );
});

describe('contract conformance: the checker itself', () => {
  // a two-operation API that breaks its own contract in every way the run checks for
  const contract = {
    openapi: '3.0.0',
    paths: {
      '/things': {
        post: {
          operationId: 'createThing',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 } } } } },
          },
          responses: {
            '201': { content: { 'application/json': { schema: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } } } },
            '400': { content: { 'application/problem+json': { schema: { type: 'object' } } } },
          },
        },
      },
      '/boom': {
        get: {
          operationId: 'boom',
          responses: {
            '200': { content: { 'application/json': { schema: { type: 'object' } } } },
            '500': { content: { 'application/problem+json': { schema: { type: 'object' } } } },
          },
        },
      },
    },
  };
  let server: Server;
  let baseUrl = '';

  beforeAll(async () => {
    server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        if (request.url === '/boom') return response.writeHead(500, { 'content-type': 'application/problem+json' }).end('{}');
        const body = JSON.parse(text || '{}') as { name?: unknown };
        // refuses nothing (an invalid body gets an undocumented 200) and answers its id as a number
        if (typeof body.name !== 'string') return response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 5 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('finds a 5xx, an undocumented status, a response schema violation and an invalid request accepted, and prints them for curl', async () => {
    const report = await runConformance(contract, operationsOf(contract), { baseUrl, seed: 1, examples: 2, hooks: { headers: () => ({}) } });
    const checks = new Set(report.findings.map((finding) => `${finding.operation} ${finding.check}`));
    expect([...checks].sort()).toEqual(
      ['boom server error', 'createThing invalid request accepted', 'createThing response schema', 'createThing undocumented status'].sort(),
    );
    const printed = describeFinding(
      report.findings.find((finding) => finding.check === 'response schema')!,
      baseUrl,
    );
    expect(printed).toContain(`curl -X POST '${baseUrl}/things'`);
    expect(printed).toContain('body/id must be string');
  });

  it('reports a known finding as allowed instead of failing on it', async () => {
    const report = await runConformance(
      contract,
      operationsOf(contract, (operation) => operation.id === 'boom'),
      {
        baseUrl,
        seed: 1,
        examples: 1,
        hooks: { headers: () => ({}) },
        allowed: [{ operation: 'boom', check: 'server error', reason: 'the fake server fails on purpose' }],
      },
    );
    expect(report.findings).toEqual([]);
    expect(report.allowedFindings.map((finding) => finding.check)).toEqual(['server error']);
  });
});
