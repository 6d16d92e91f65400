import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createSandboxApp, defaultSandboxConfig } from '../sandbox.app.js';

const auth = { 'x-api-key': 'sandbox-wms-key' };
type Json = Record<string, any>;

/** UTC today plus `days`, as YYYY-MM-DD. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('WMS emulator: replenishment params, transfers and the full stock list (native API)', () => {
  let app: NestFastifyApplication;
  let base: string;

  const get = async (path: string, headers: Record<string, string> = auth) => {
    const response = await fetch(`${base}/wms/api${path}`, { headers });
    return { status: response.status, body: (await response.json()) as Json };
  };

  beforeAll(async () => {
    app = await createSandboxApp({ ...defaultSandboxConfig, port: 0 });
    base = await app.getUrl();
  });
  beforeEach(async () => {
    expect((await fetch(`${base}/control/reset`, { method: 'POST' })).status).toBe(204);
  });
  afterAll(() => app.close());

  it('needs the API key on every new path', async () => {
    for (const path of ['/replenishment-params', '/transfers', '/stock']) {
      expect(await get(path, {})).toEqual({ status: 401, body: { err_code: 'E401', err_msg: 'Missing or invalid X-Api-Key' } });
    }
  });

  describe('GET /replenishment-params', () => {
    it('lists the safety stock and reorder point of every item and site, in eaches', async () => {
      const { status, body } = await get('/replenishment-params');
      expect(status).toBe(200);
      expect(body.params).toEqual([
        { site_id: 'DC01', item_code: 'SKU-1002', safety_qty: 24, reorder_point: 120 },
        { site_id: 'DC02', item_code: 'SKU-1005', safety_qty: 48, reorder_point: 240 },
        { site_id: 'DC03', item_code: 'SKU-1010', safety_qty: 36, reorder_point: 96 },
      ]);
    });

    it('filters by item, and keeps SKU-1001 free of safety stock', async () => {
      expect((await get('/replenishment-params?item=SKU-1002')).body.params).toEqual([
        { site_id: 'DC01', item_code: 'SKU-1002', safety_qty: 24, reorder_point: 120 },
      ]);
      expect((await get('/replenishment-params?item=SKU-1001')).body).toEqual({ params: [] });
      expect((await get('/replenishment-params?item=SKU-9999')).body).toEqual({ params: [] });
    });
  });

  describe('GET /transfers', () => {
    it('lists every transfer with its status and an ETA relative to the day the sandbox was seeded', async () => {
      const { status, body } = await get('/transfers');
      expect(status).toBe(200);
      expect(body.transfers).toEqual([
        {
          transfer_id: 'TR-000001',
          item_code: 'SKU-1002',
          from_site: 'DC01',
          to_site: 'DC03',
          qty: 4,
          uom: 'CS',
          pack_qty: 12,
          status_code: 20,
          eta: inDays(3),
        },
        {
          transfer_id: 'TR-000002',
          item_code: 'SKU-1005',
          from_site: 'DC01',
          to_site: 'DC02',
          qty: 30,
          uom: 'EA',
          pack_qty: 1,
          status_code: 20,
          eta: inDays(2),
        },
        {
          transfer_id: 'TR-000003',
          item_code: 'SKU-1002',
          from_site: 'DC02',
          to_site: 'DC03',
          qty: 2,
          uom: 'CS',
          pack_qty: 12,
          status_code: 10,
          eta: inDays(6),
        },
      ]);
    });

    it('filters by item and destination site; nothing is on its way for SKU-1001', async () => {
      expect((await get('/transfers?item=SKU-1002')).body.transfers.map((t: Json) => t.transfer_id)).toEqual(['TR-000001', 'TR-000003']);
      expect((await get('/transfers?to_site=DC02')).body.transfers.map((t: Json) => t.transfer_id)).toEqual(['TR-000002']);
      expect((await get('/transfers?item=SKU-1002&to_site=DC02')).body).toEqual({ transfers: [] });
      expect((await get('/transfers?item=SKU-1001')).body).toEqual({ transfers: [] });
    });
  });

  describe('GET /stock', () => {
    it('lists every record of every item and site without `item`, and the same records as the per-item calls', async () => {
      const { status, body } = await get('/stock');
      expect(status).toBe(200);
      const all = body.records as Json[];
      expect(new Set(all.map((r) => r.item_code)).size).toBe(24);
      expect(new Set(all.map((r) => r.site_id))).toEqual(new Set(['DC01', 'DC02', 'DC03']));
      const sku1001 = (await get('/stock?item=SKU-1001')).body.records as Json[];
      expect(all.filter((r) => r.item_code === 'SKU-1001')).toEqual(sku1001);
      expect(sku1001).toHaveLength(8);
    });

    it('filters by site alone', async () => {
      const dc03 = (await get('/stock?site=DC03')).body.records as Json[];
      expect(dc03.length).toBeGreaterThan(0);
      expect(dc03.every((r) => r.site_id === 'DC03')).toBe(true);
    });
  });
});
