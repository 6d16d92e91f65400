import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { SapCsrfInterceptor } from './sap-csrf.interceptor.js';

/** A tiny SAP-like gateway: GET with `x-csrf-token: Fetch` issues a token bound to a session cookie; writes need both. */
class FakeGateway {
  readonly calls: string[] = [];
  private issued = 0;
  valid = new Set<string>();
  /** When set, every token is refused, fresh ones too. */
  refuseAll = false;
  server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const token = req.headers['x-csrf-token'] as string | undefined;
    this.calls.push(`${req.method} ${req.url} ${token ?? '-'}`);
    if (req.method === 'GET') {
      if (token?.toLowerCase() === 'fetch') {
        const issued = `T${++this.issued}`;
        this.valid.add(issued);
        res.setHeader('x-csrf-token', issued);
        res.setHeader('set-cookie', [`SAP_SESSIONID=${issued}; path=/; HttpOnly`]);
      }
      res.end('{}');
      return;
    }
    const cookieMatches = req.headers.cookie === `SAP_SESSIONID=${token}`;
    if (this.refuseAll || !token || !this.valid.has(token) || !cookieMatches) {
      res.statusCode = 403;
      res.setHeader('x-csrf-token', 'Required');
      res.end('{"error":{"message":{"value":"CSRF token validation failed"}}}');
      return;
    }
    res.statusCode = 201;
    res.end('{"d":{"ok":true}}');
  }
}

describe('SapCsrfInterceptor', () => {
  const gateway = new FakeGateway();
  beforeAll(() => gateway.start());
  afterAll(() => new Promise<void>((resolve) => gateway.server.close(() => resolve())));
  beforeEach(() => {
    gateway.calls.length = 0;
  });

  function client() {
    const http = axios.create({ baseURL: gateway.url });
    new SapCsrfInterceptor(http, '/SRV/').install();
    return http;
  }

  it('fetches a token before the first write, then reuses it with the session cookie', async () => {
    const http = client();
    expect((await http.post('/SRV/Orders', { a: 1 })).status).toBe(201);
    expect((await http.post('/SRV/Orders', { a: 2 })).status).toBe(201);
    expect(gateway.calls).toEqual(['GET /SRV/ Fetch', 'POST /SRV/Orders T1', 'POST /SRV/Orders T1']);
  });

  it('leaves reads alone', async () => {
    await client().get('/SRV/Orders');
    expect(gateway.calls).toEqual(['GET /SRV/Orders -']);
  });

  it('refetches once and retries the write when the token expired', async () => {
    const http = client();
    await http.post('/SRV/Orders', {});
    gateway.valid.clear();
    gateway.calls.length = 0;
    const response = await http.post('/SRV/Orders', { again: true });
    expect(response.status).toBe(201);
    expect(gateway.calls).toEqual(['POST /SRV/Orders T2', 'GET /SRV/ Fetch', 'POST /SRV/Orders T3']);
  });

  it('gives up after one retry', async () => {
    gateway.refuseAll = true;
    try {
      await expect(client().post('/SRV/Orders', {})).rejects.toMatchObject({ response: { status: 403 } });
      expect(gateway.calls.map((call) => call.split(' ')[0])).toEqual(['GET', 'POST', 'GET', 'POST']);
    } finally {
      gateway.refuseAll = false;
    }
  });

  it('shares one fetch between concurrent writes', async () => {
    const http = client();
    await Promise.all([http.post('/SRV/Orders', {}), http.post('/SRV/Orders', {}), http.delete('/SRV/Orders(1)')]);
    expect(gateway.calls.filter((call) => call.startsWith('GET'))).toHaveLength(1);
  });
});
