import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createSandboxApp, defaultSandboxConfig } from '../sandbox.app.js';

const auth = { 'x-oms-token': 'sandbox-oms-token' };
type Json = Record<string, any>;

describe('OMS emulator (native API)', () => {
  let app: NestFastifyApplication;
  let base: string;
  let oms: string;

  const get = async (path: string, headers: Record<string, string> = auth) => {
    const response = await fetch(`${oms}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const post = async (path: string, body: unknown, headers: Record<string, string> = auth) => {
    const response = await fetch(`${oms}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const newOrder = (extra: Json = {}) => ({ channel_ref: 'WEB-1001', channel: 'WEB', customer_ref: '10100001', ...extra });
  const transition = (omsId: string, body: Json) => post(`/orders/${omsId}/transitions`, body);

  beforeAll(async () => {
    app = await createSandboxApp({ ...defaultSandboxConfig, port: 0 });
    base = await app.getUrl();
    oms = `${base}/oms/api/v2`;
  });
  beforeEach(async () => {
    expect((await fetch(`${base}/control/reset`, { method: 'POST' })).status).toBe(204);
  });
  afterAll(() => app.close());

  it('answers 401 in the OMS error shape without or with a wrong X-Oms-Token, and creates nothing', async () => {
    for (const headers of [{}, { 'x-oms-token': 'wrong' }, { 'x-api-key': 'sandbox-oms-token' }] as Record<string, string>[]) {
      expect(await get('/orders?channel_ref=WEB-1001', headers)).toEqual({
        status: 401,
        body: { code: 'UNAUTHORIZED', message: 'Missing or invalid X-Oms-Token' },
      });
    }
    expect((await post('/orders', newOrder(), { 'x-oms-token': 'wrong' })).status).toBe(401);
    expect((await get('/orders?channel_ref=WEB-1001')).body.items).toEqual([]);
  });

  it('creates an order in state CREATED with a one-entry history', async () => {
    const { status, body } = await post('/orders', newOrder());
    expect(status).toBe(201);
    expect(body).toEqual({
      oms_id: 'OMS-000001',
      channel_ref: 'WEB-1001',
      channel: 'WEB',
      customer_ref: '10100001',
      erp_ref: null,
      state: 'CREATED',
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      updated_at: body.created_at,
      history: [{ state: 'CREATED', at: body.created_at, note: 'order created' }],
    });
    expect(await get('/orders/OMS-000001')).toEqual({ status: 200, body });
    expect((await post('/orders', newOrder({ channel_ref: 'WEB-1002' }))).body.oms_id).toBe('OMS-000002');
  });

  it('takes an initial state, an ERP reference and a note', async () => {
    const { status, body } = await post('/orders', newOrder({ state: 'ON_HOLD', erp_ref: '4500000007', note: 'credit review' }));
    expect(status).toBe(201);
    expect(body).toMatchObject({ state: 'ON_HOLD', erp_ref: '4500000007', history: [{ state: 'ON_HOLD', note: 'credit review' }] });
  });

  it('answers 409 with the existing oms_id to a second order with the same channel_ref, and keeps only the first', async () => {
    const first = await post('/orders', newOrder());
    const second = await post('/orders', newOrder({ channel: 'EDI', customer_ref: '10100002' }));
    expect(second.status).toBe(409);
    expect(second.body).toEqual({
      code: 'DUPLICATE_CHANNEL_REF',
      message: 'An order with channel_ref WEB-1001 already exists',
      oms_id: first.body.oms_id,
    });
    const listed = await get('/orders?channel_ref=WEB-1001');
    expect(listed.body.items).toEqual([first.body]);
  });

  it('appends each transition to the history, in order, and moves the state', async () => {
    const created = (await post('/orders', newOrder())).body;
    const released = await transition(created.oms_id, { to_state: 'RELEASED', note: 'credit ok', erp_ref: '4500000001' });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ state: 'RELEASED', erp_ref: '4500000001' });
    const shipped = await transition(created.oms_id, { to_state: 'SHIPPED' });
    expect(shipped.body.history).toEqual([
      { state: 'CREATED', at: created.created_at, note: 'order created' },
      { state: 'RELEASED', at: expect.any(String), note: 'credit ok' },
      { state: 'SHIPPED', at: expect.any(String), note: '' },
    ]);
    const stamps = shipped.body.history.map((h: Json) => Date.parse(h.at));
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(shipped.body.updated_at).toBe(shipped.body.history[2].at);
    expect(shipped.body.erp_ref).toBe('4500000001'); // kept when a later transition carries none

    const read = await get(`/orders/${created.oms_id}`);
    expect(read.body).toMatchObject({ state: 'SHIPPED', created_at: created.created_at });
    expect(read.body.history).toHaveLength(3);
  });

  it('treats CANCELLED as final: a further transition is 409 and leaves the history alone', async () => {
    const created = (await post('/orders', newOrder())).body;
    expect((await transition(created.oms_id, { to_state: 'CANCELLED', note: 'customer request' })).status).toBe(200);
    const refused = await transition(created.oms_id, { to_state: 'RELEASED' });
    expect(refused).toEqual({ status: 409, body: { code: 'INVALID_TRANSITION', message: expect.stringContaining('CANCELLED') } });
    const read = await get(`/orders/${created.oms_id}`);
    expect(read.body.state).toBe('CANCELLED');
    expect(read.body.history.map((h: Json) => h.state)).toEqual(['CREATED', 'CANCELLED']);
  });

  it('rejects an unknown target state with 400 and an unknown order with 404', async () => {
    const created = (await post('/orders', newOrder())).body;
    const invalid = await transition(created.oms_id, { to_state: 'LOST' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({ code: 'VALIDATION_FAILED', message: expect.stringContaining('to_state') });
    expect((await get(`/orders/${created.oms_id}`)).body.history).toHaveLength(1);

    expect(await transition('OMS-999999', { to_state: 'RELEASED' })).toEqual({
      status: 404,
      body: { code: 'ORDER_NOT_FOUND', message: 'Order OMS-999999 not found' },
    });
    expect(await get('/orders/OMS-999999')).toEqual({ status: 404, body: { code: 'ORDER_NOT_FOUND', message: 'Order OMS-999999 not found' } });
  });

  it.each([
    ['channel_ref', { channel_ref: undefined }],
    ['channel', { channel: '' }],
    ['customer_ref', { customer_ref: 10100001 }],
    ['state', { state: 'LOST' }],
  ])('rejects an order with a bad %s with 400 VALIDATION_FAILED and creates nothing', async (field, override) => {
    const { status, body } = await post('/orders', newOrder(override));
    expect(status).toBe(400);
    expect(body).toEqual({ code: 'VALIDATION_FAILED', message: expect.stringContaining(field) });
    expect((await post('/orders', newOrder({ channel_ref: 'WEB-OK' }))).body.oms_id).toBe('OMS-000001');
  });

  it('lists orders by channel_ref and by erp_ref', async () => {
    const a = (await post('/orders', newOrder({ channel_ref: 'WEB-1', erp_ref: '4500000001' }))).body;
    const b = (await post('/orders', newOrder({ channel_ref: 'WEB-2', erp_ref: '4500000001' }))).body;
    await post('/orders', newOrder({ channel_ref: 'WEB-3' }));

    expect(await get('/orders?channel_ref=WEB-2')).toEqual({ status: 200, body: { items: [b] } });
    expect((await get('/orders?channel_ref=WEB-404')).body).toEqual({ items: [] });
    expect((await get('/orders?erp_ref=4500000001')).body.items.map((o: Json) => o.oms_id)).toEqual([a.oms_id, b.oms_id]);
  });
});
