// Shared plumbing of the system layer's integration specs: an HTTP helper, a fake process layer,
// and the start-up of the real sandbox behind the real system app. Not a spec (jest matches
// *.spec.ts only); it knows the sandbox app, as the tests are the only code allowed to.
import { afterAll, beforeAll } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CreateErpInvoiceDto, CreateErpSalesOrderDto, ErpInvoiceDto, ErpSalesOrderDto, EventEnvelopeDto } from '@contracts';
import { createHmac } from 'node:crypto';
import { baseUrlOf, parseServiceKeys, signServiceToken } from '@platform';
import { createSandboxApp, defaultSandboxConfig } from '../../apps/sandbox/src/sandbox.app.js';
import { startSystemApp } from '../../apps/system-apis/src/system.app.js';
import { eventually } from './eventually.js';
import { systemConfigFromEnv } from '../../apps/system-apis/src/system.config.js';

export type Json = Record<string, any>;

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** One HTTP call; a body is sent as JSON, and a JSON answer is parsed (an empty one is `undefined`). */
export async function call<T = any>(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** The service-token keys and the WMS webhook secret of the system apps these specs start. */
export const SERVICE_TOKEN_KEYS = 'spec-1:system-spec-service-token-secret-0123456789';
export const WMS_WEBHOOK_SECRET = 'system-spec-wms-webhook-secret';

/** Headers of a call from the process layer: its service token for the system layer. */
export async function asProcessLayer(): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await signServiceToken(parseServiceKeys(SERVICE_TOKEN_KEYS), 'process-apis', 'system-apis')}` };
}

/** The headers the WMS signs a native webhook call with, for `body` sent as JSON.stringify(body). */
export function wmsSignature(body: unknown, secret = WMS_WEBHOOK_SECRET): Record<string, string> {
  const t = Math.floor(Date.now() / 1000);
  return {
    'x-wms-signature': `t=${t},v1=${createHmac('sha256', secret)
      .update(`${t}.${JSON.stringify(body)}`)
      .digest('hex')}`,
  };
}

/** What a legitimate caller of `path` sends: the WMS's signature on its webhook, the process layer's service token elsewhere. */
export async function callerHeaders(path: string, body?: unknown): Promise<Record<string, string>> {
  return path.startsWith('/wms/v1/events/native') ? wmsSignature(body) : asProcessLayer();
}

/** A call to the system layer at `systemUrl` with the headers of its legitimate caller (and `headers` over them). */
export async function callSystem<T = any>(
  systemUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<Reply<T>> {
  return call<T>(systemUrl, method, path, body, { ...(await callerHeaders(path, body)), ...headers });
}

/**
 * A billed order, made through the system layer: customer 10100001 orders `lines` (an ERP sales order), then each
 * of `invoices` bills some of its items, shipped to Ohio.
 */
export async function billedErpOrder(
  systemUrl: string,
  order: Pick<CreateErpSalesOrderDto, 'purchaseOrderNumber' | 'lines'>,
  invoices: Pick<CreateErpInvoiceDto, 'externalReference' | 'lines'>[] = [],
): Promise<{ order: ErpSalesOrderDto; invoices: ErpInvoiceDto[] }> {
  const created = await callSystem<ErpSalesOrderDto>(systemUrl, 'POST', '/erp/v1/sales-orders', { customerId: '10100001', ...order });
  if (created.status !== 201) throw new Error(`ERP sales order: ${created.status} ${JSON.stringify(created.body)}`);
  const billed: ErpInvoiceDto[] = [];
  for (const { externalReference, lines } of invoices) {
    const body: CreateErpInvoiceDto = { customerId: '10100001', erpOrderNumber: created.body.erpOrderNumber, externalReference, shipToRegion: 'OH', lines };
    const invoice = await callSystem<ErpInvoiceDto>(systemUrl, 'POST', '/erp/v1/invoices', body);
    if (invoice.status !== 201) throw new Error(`ERP invoice: ${invoice.status} ${JSON.stringify(invoice.body)}`);
    billed.push(invoice.body);
  }
  return { order: created.body, invoices: billed };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** ISO day of UTC midnight today + `days`: the sandbox dates its purchase orders and transfers relative to the day it was seeded. */
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A port free right now (the system app must know its own port before the sandbox's WMS webhook can point at it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The process layer as the system layer sees it: records the events it accepts on POST /v1/events.
 * It refuses (500, or `refusalStatus`) every event while `failing` is set, and the next few of a type while `refuse` counts them down.
 */
export class FakeProcessLayer {
  readonly events: EventEnvelopeDto<Json>[] = [];
  failing = false;
  /** The status of a refusal: 500, or e.g. 400 as a process layer that does not know the event's type would answer. */
  refusalStatus = 500;
  /** Event type -> how many more to refuse with a 500. */
  readonly refuse = new Map<string, number>();
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (req.method !== 'POST' || req.url !== '/v1/events') {
          res.statusCode = 404;
          res.end('{"title":"not found"}');
          return;
        }
        const refused = this.failing || this.refuses(JSON.parse(raw) as EventEnvelopeDto<Json>);
        res.statusCode = refused ? this.refusalStatus : 202;
        res.end(refused ? '{"title":"boom"}' : '{}');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Forgets the events received and the refusals scripted (refusals are 500s again). */
  clear(): void {
    this.events.length = 0;
    this.refuse.clear();
    this.refusalStatus = 500;
  }

  /** The events of one type received so far, in order. */
  ofType<T extends object = Json>(type: string): EventEnvelopeDto<T>[] {
    return this.events.filter((e) => e.type === type) as unknown as EventEnvelopeDto<T>[];
  }

  async waitFor(predicate: (event: EventEnvelopeDto<Json>) => boolean, timeoutMs = 5_000): Promise<EventEnvelopeDto<Json>> {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(25)) {
      const event = this.events.find(predicate);
      if (event) return event;
    }
    throw new Error('event not received');
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Counts down a refusal of the event's type, or records the event. */
  private refuses(event: EventEnvelopeDto<Json>): boolean {
    const refusals = this.refuse.get(event.type) ?? 0;
    if (refusals > 0) this.refuse.set(event.type, refusals - 1);
    else this.events.push(event);
    return refusals > 0;
  }
}

export interface SandboxAndSystem {
  sandbox: NestFastifyApplication;
  system: NestFastifyApplication;
  sandboxUrl: string;
  systemUrl: string;
  /** Closes the system app, then the sandbox. */
  close(): Promise<void>;
}

/**
 * Starts the real sandbox (ephemeral port, its WMS webhook pointed at the system app) and the real system app over it.
 * `processUrl` defaults to a port nothing listens on; `env` adds to (or overrides) the system layer's variables.
 */
export async function startSandboxAndSystem(options: { processUrl?: string; env?: NodeJS.ProcessEnv } = {}): Promise<SandboxAndSystem> {
  const systemPort = await freePort();
  const sandbox = await createSandboxApp({
    ...defaultSandboxConfig,
    port: 0,
    wmsWebhookUrl: `http://127.0.0.1:${systemPort}/wms/v1/events/native`,
    wmsWebhookSecret: WMS_WEBHOOK_SECRET,
  });
  try {
    const sandboxUrl = await baseUrlOf(sandbox);
    const config = systemConfigFromEnv({
      SYSTEM_PORT: String(systemPort),
      SANDBOX_URL: sandboxUrl,
      PROCESS_URL: options.processUrl ?? 'http://127.0.0.1:9',
      BACKEND_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'silent',
      SERVICE_TOKEN_KEYS,
      WMS_WEBHOOK_SECRET,
      ...options.env,
    });
    const system = await startSystemApp(config);
    const systemUrl = await baseUrlOf(system);
    return {
      sandbox,
      system,
      sandboxUrl,
      systemUrl,
      async close() {
        await system.close();
        await sandbox.close();
      },
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}

/** The started sandbox and system app of one describe block (see `useSandboxAndSystem`); its members may be destructured. */
export class SystemSpec {
  /** Set once the apps started (beforeAll). */
  sandboxUrl = '';
  systemUrl = '';

  /** A call to the system layer with the headers of its legitimate caller (and `headers` over them). */
  readonly api = <T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>> =>
    callSystem<T>(this.systemUrl, method, path, body, headers);

  /** A call to the sandbox's control surface (`path` below /control). */
  readonly control = <T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>> =>
    call<T>(this.sandboxUrl, method, `/control${path}`, body, headers);

  /** The calls the sandbox ERP recorded since the last clear, as `METHOD path` with the path decoded. */
  readonly erpCalls = async (): Promise<string[]> =>
    (await this.control<{ calls: { method: string; path: string }[] }>('GET', '/erp/calls')).body.calls.map((c) => `${c.method} ${decodeURIComponent(c.path)}`);

  readonly clearErpCalls = (): Promise<Reply> => this.control('DELETE', '/erp/calls');

  /** Waits until the sandbox WMS has delivered (or given up on) every webhook event so far; answers its deliveries. */
  readonly wmsSettled = async (timeoutMs: number): Promise<Json[]> => {
    const deliveries = async () => (await this.control<{ events: Json[] }>('GET', '/wms/events')).body.events;
    const events = await eventually(deliveries, (all) => all.every((d) => d.status !== 'pending'), timeoutMs, 25);
    if (events.some((d) => d.status === 'pending')) throw new Error('WMS events still pending');
    return events;
  };
}

/**
 * Registers, for the describe block it is called in, the start of the sandbox and the system app (beforeAll, ahead
 * of the block's own) and their close (afterAll); a fake process layer given is started first and closed last.
 */
export function useSandboxAndSystem(options: { processLayer?: FakeProcessLayer; env?: NodeJS.ProcessEnv } = {}): SystemSpec {
  const spec = new SystemSpec();
  let stack: SandboxAndSystem | undefined;
  beforeAll(async () => {
    await options.processLayer?.start();
    stack = await startSandboxAndSystem({ processUrl: options.processLayer?.url, env: options.env });
    spec.sandboxUrl = stack.sandboxUrl;
    spec.systemUrl = stack.systemUrl;
  });
  afterAll(async () => {
    await stack?.close();
    await options.processLayer?.close();
  });
  return spec;
}
