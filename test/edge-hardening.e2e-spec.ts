import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { call, clearSandboxCalls, order, sandboxCalls, tokenFor } from './support/http.js';
import { TestStack } from './support/stack.js';

const REQUEST_TIMEOUT_MS = 2_000;

describe('the edge refuses what no backend can take, and one partner cannot spoil the breakers of the others', () => {
  let stack: TestStack;
  let acme: string;
  let globex: string;

  beforeAll(async () => {
    stack = await TestStack.start({ requestTimeoutMs: REQUEST_TIMEOUT_MS });
    [acme, globex] = await Promise.all([
      tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret'),
      tokenFor(stack.experienceUrl, 'globex', 'globex-demo-secret'),
    ]);
  });
  afterAll(() => stack?.stop());

  const post = (token: string, rawBody: string, key = `edge-${Math.random()}`) =>
    call(`${stack.experienceUrl}/b2b/v1/orders`, {
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'content-type': 'application/json' },
      rawBody,
    });
  const withShipTo = (po: string, shipTo: Record<string, string>) => {
    const body = order(po, [{ sku: 'SKU-1002', quantity: 1 }]);
    return { ...body, shipTo: { ...body.shipTo, ...shipTo } };
  };
  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  it("one partner's NUL bytes and lone surrogates are its own 400s; another partner's order still goes through", async () => {
    await clearSandboxCalls(stack.sandboxUrl);
    for (let n = 0; n < 12; n++) {
      const nul = await post(acme, JSON.stringify(withShipTo(`PO-NUL-${n}`, { name: `Dock\u0000${n}` })));
      expect(nul.status).toBe(400);
      expect(nul.headers.get('content-type')).toContain('application/problem+json');
      expect(nul.body).toMatchObject({ code: 'REQUEST.VALIDATION' });
      expect(fieldsOf(nul.body)).toEqual(['shipTo.name']);
    }
    // a lone surrogate can only arrive as a \u escape: UTF-8 has no encoding for it
    const surrogate = await post(acme, JSON.stringify(withShipTo('PO-SURROGATE', { city: 'Columbus' })).replace('Columbus', 'Colum\\ud800bus'));
    expect(surrogate.status).toBe(400);
    expect(fieldsOf(surrogate.body)).toEqual(['shipTo.city']);
    // nothing of it reached a backend, and no breaker opened: globex is served
    expect(await sandboxCalls(stack.sandboxUrl, 'erp')).toEqual([]);
    const placed = await post(globex, JSON.stringify(order('PO-GLOBEX-AFTER-NUL', [{ sku: 'SKU-1002', quantity: 1 }])));
    expect(placed.status).toBe(201);
    const ready = await call(`${stack.experienceUrl}/health/ready`);
    expect(JSON.stringify(ready.body)).not.toContain('"open"');
  });

  it("a layer's refusals of one partner's requests (4xx) never open the breaker the other partners share", async () => {
    const body = JSON.stringify(order('PO-TWICE', [{ sku: 'SKU-1002', quantity: 1 }]));
    expect((await post(acme, body)).status).toBe(201);
    // the same PO under new keys, refused by the process layer each time: more than enough failures to open a breaker
    for (let n = 0; n < 20; n++) {
      const duplicate = await post(acme, body);
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('ORDER.DUPLICATE_PURCHASE_ORDER');
    }
    const placed = await post(globex, JSON.stringify(order('PO-GLOBEX-AFTER-409', [{ sku: 'SKU-1002', quantity: 1 }])));
    expect(placed.status).toBe(201);
    const breakers = (await (await fetch(`${stack.experienceUrl}/metrics`)).text()).split('\n').filter((line) => line.startsWith('breaker_'));
    expect(breakers.filter((line) => line.includes('process-apis:orders') && /event="(failure|reject)"/.test(line) && !line.endsWith(' 0'))).toEqual([]);
    expect(breakers).toContainEqual(expect.stringMatching(/^breaker_state\{breaker="process-apis:orders"\} 0$/));
  });

  it('a 10,000-deep JSON body is a 400 problem+json, not a 500', async () => {
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const response = await post(acme, deep);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'REQUEST.MALFORMED', status: 400, detail: expect.stringContaining('deeper than') });
  });

  it('an over-long shipTo.name is a 400 naming the field, and is never sent to the ERP', async () => {
    await clearSandboxCalls(stack.sandboxUrl);
    for (const name of ['N'.repeat(41), 'N'.repeat(250 * 1024)]) {
      const response = await post(acme, JSON.stringify(withShipTo('PO-LONG-NAME', { name })));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REQUEST.VALIDATION' });
      expect(response.body.errors).toEqual([{ field: 'shipTo.name', messages: [expect.stringContaining('40')] }]);
    }
    expect(await sandboxCalls(stack.sandboxUrl, 'erp')).toEqual([]);
    // 40 characters, SAP's NAME1, are fine
    expect((await post(acme, JSON.stringify(withShipTo('PO-NAME-40', { name: 'N'.repeat(40) })))).status).toBe(201);
  });

  it('a body sent one byte at a time is cut off by the request timeout', async () => {
    const { port } = new URL(stack.experienceUrl);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const started = Date.now();
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
    socket.write(
      `POST /b2b/v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${acme}\r\nIdempotency-Key: slow-1\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n`,
    );
    // a byte every 500 ms keeps the connection from ever being idle; only the total deadline ends it
    const trickle = setInterval(() => socket.writable && socket.write('{'), 500);
    let giveUp: NodeJS.Timeout | undefined;
    const heldMs = await Promise.race([closed, new Promise<number>((resolve) => (giveUp = setTimeout(() => resolve(Infinity), 15_000)))]);
    clearTimeout(giveUp);
    clearInterval(trickle);
    socket.destroy();
    expect(heldMs).toBeLessThan(REQUEST_TIMEOUT_MS + 2_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});
