import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createSandboxApp, defaultSandboxConfig } from '../sandbox.app.js';

const auth = { 'x-api-key': 'sandbox-wms-key' };
type Json = Record<string, any>;

/** Free eaches of the available (status 10) records: what the WMS can still allocate. */
const availableEaches = (records: Json[]) =>
  records.filter((r) => r.status_code === 10).reduce((sum, r) => sum + (r.qty_on_hand - r.qty_allocated) * r.pack_qty, 0);

describe('WMS emulator (native API)', () => {
  let app: NestFastifyApplication;
  let base: string;
  let wms: string;

  const get = async (path: string, headers: Record<string, string> = auth) => {
    const response = await fetch(`${wms}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const post = async (path: string, body: unknown, headers: Record<string, string> = auth) => {
    const response = await fetch(`${wms}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const stock = async (item: string, site?: string) => (await get(`/stock?item=${item}${site ? `&site=${site}` : ''}`)).body.records as Json[];
  const order = (lines: Json[], extra: Json = {}) => ({
    ext_ref: '4500000001',
    site_id: 'DC01',
    ship_to: { name: 'Acme', postal_code: '07105' },
    lines,
    ...extra,
  });

  beforeAll(async () => {
    app = await createSandboxApp({ ...defaultSandboxConfig, port: 0 });
    base = await app.getUrl();
    wms = `${base}/wms/api`;
  });
  beforeEach(async () => {
    expect((await fetch(`${base}/control/reset`, { method: 'POST' })).status).toBe(204);
  });
  afterAll(() => app.close());

  describe('auth', () => {
    it('answers 401 in the WMS error shape without or with a wrong X-Api-Key, on every path', async () => {
      for (const headers of [{}, { 'x-api-key': 'wrong' }, { authorization: 'Bearer sandbox-wms-key' }] as Record<string, string>[]) {
        const sites = await get('/sites', headers);
        expect(sites).toEqual({ status: 401, body: { err_code: 'E401', err_msg: 'Missing or invalid X-Api-Key' } });
      }
      expect((await get('/stock?item=SKU-1001', {})).status).toBe(401);
      const create = await post('/outbound-orders', order([{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'EA' }]), { 'x-api-key': 'wrong' });
      expect(create.status).toBe(401);
      expect((await get('/outbound-orders?ext_ref=4500000001')).body.orders).toEqual([]); // nothing was created
    });

    it('accepts a key configured for the instance instead of the default', async () => {
      const other = await createSandboxApp({ ...defaultSandboxConfig, port: 0, wmsApiKey: 'rotated-key' });
      try {
        const url = `${await other.getUrl()}/wms/api/sites`;
        expect((await fetch(url, { headers: { 'x-api-key': 'rotated-key' } })).status).toBe(200);
        expect((await fetch(url, { headers: auth })).status).toBe(401);
      } finally {
        await other.close();
      }
    });
  });

  describe('master data', () => {
    it('lists the three sites with their region and transit days', async () => {
      const { status, body } = await get('/sites');
      expect(status).toBe(200);
      expect(body.sites).toEqual([
        { site_id: 'DC01', site_name: 'Newark DC', region_code: 'US-EAST', transit_days: { 'US-EAST': 1, 'US-CENTRAL': 3, 'US-WEST': 5 } },
        { site_id: 'DC02', site_name: 'Dallas DC', region_code: 'US-CENTRAL', transit_days: { 'US-EAST': 3, 'US-CENTRAL': 1, 'US-WEST': 3 } },
        { site_id: 'DC03', site_name: 'Reno DC', region_code: 'US-WEST', transit_days: { 'US-EAST': 5, 'US-CENTRAL': 3, 'US-WEST': 1 } },
      ]);
    });

    it('answers an item with its base unit and case size, and an unknown one with E404', async () => {
      expect(await get('/items/SKU-1001')).toEqual({
        status: 200,
        body: { item_code: 'SKU-1001', descr: expect.stringContaining('Nitrile'), base_uom: 'EA', case_qty: 12 },
      });
      expect((await get('/items/SKU-1005')).body.case_qty).toBe(24);
      expect((await get('/items/SKU-1009')).body.case_qty).toBe(6);
      expect((await get('/items/SKU-1024')).status).toBe(200);
      expect(await get('/items/SKU-9999')).toEqual({ status: 404, body: { err_code: 'E404', err_msg: 'Item SKU-9999 not found' } });
    });
  });

  describe('stock', () => {
    it('holds 500 / 400 / 350 available eaches of SKU-1001 in DC01 / DC02 / DC03, counted across cases and eaches', async () => {
      const all = await stock('SKU-1001');
      expect(all.every((r) => r.item_code === 'SKU-1001')).toBe(true);
      expect(new Set(all.map((r) => r.site_id))).toEqual(new Set(['DC01', 'DC02', 'DC03']));
      for (const [site, eaches] of [
        ['DC01', 500],
        ['DC02', 400],
        ['DC03', 350],
      ] as const) {
        const records = await stock('SKU-1001', site);
        expect(records.every((r) => r.site_id === site)).toBe(true);
        expect(availableEaches(records)).toBe(eaches);
      }
    });

    it('reports each lot in its own unit, with pack size and status (held and damaged lots included)', async () => {
      const dc01 = await stock('SKU-1001', 'DC01');
      expect(dc01).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ lot_no: 'L2409-01', uom: 'CS', pack_qty: 12, qty_on_hand: 30, qty_allocated: 0, status_code: 10 }),
          expect.objectContaining({ lot_no: 'L2411-02', uom: 'EA', pack_qty: 1, qty_on_hand: 140, qty_allocated: 0, status_code: 10 }),
          expect.objectContaining({ lot_no: 'L2408-07', uom: 'EA', pack_qty: 1, qty_on_hand: 48, qty_allocated: 0, status_code: 20 }),
        ]),
      );
      expect(dc01).toHaveLength(3);
      const dc03 = await stock('SKU-1001', 'DC03');
      expect(dc03).toContainEqual(expect.objectContaining({ lot_no: 'L2407-04', uom: 'EA', qty_on_hand: 12, status_code: 30 }));
    });

    it('answers an empty list for an unknown item or site', async () => {
      expect(await stock('SKU-9999')).toEqual([]);
      expect(await stock('SKU-1001', 'DC99')).toEqual([]);
    });
  });

  describe('outbound orders', () => {
    it('creates an order with status 100, converts cases to eaches and allocates first-expired lot first', async () => {
      const { status, body } = await post(
        '/outbound-orders',
        order([
          { line_no: 1, item_code: 'SKU-1001', qty: 2, uom: 'CS' },
          { line_no: 2, item_code: 'SKU-1001', qty: 5, uom: 'EA' },
        ]),
      );
      expect(status).toBe(201);
      expect(body).toMatchObject({
        ob_order_id: 'OB-000001',
        ext_ref: '4500000001',
        site_id: 'DC01',
        ship_to: { name: 'Acme', postal_code: '07105' },
        status_code: 100,
        status_history: [{ status_code: 100, ts: expect.any(String) }],
        carrier_scac: null,
        tracking_no: null,
      });
      expect(body.lines).toEqual([
        expect.objectContaining({ line_no: 1, qty: 2, uom: 'CS', qty_ea: 24, qty_allocated_ea: 24, allocations: [{ lot_no: 'L2409-01', uom: 'CS', qty: 2 }] }),
        // 5 loose eaches still come from the earliest-expiring lot (a case of it is broken), not from lot L2411-02.
        expect.objectContaining({ line_no: 2, qty: 5, uom: 'EA', qty_ea: 5, qty_allocated_ea: 5, allocations: [{ lot_no: 'L2409-01', uom: 'EA', qty: 5 }] }),
      ]);
      expect((await post('/outbound-orders', order([{ line_no: 1, item_code: 'SKU-1002', qty: 1, uom: 'EA' }]))).body.ob_order_id).toBe('OB-000002');
    });

    it('reduces available stock at the order site only, by the eaches allocated', async () => {
      await post(
        '/outbound-orders',
        order([
          { line_no: 1, item_code: 'SKU-1001', qty: 2, uom: 'CS' },
          { line_no: 2, item_code: 'SKU-1001', qty: 5, uom: 'EA' },
        ]),
      );
      const dc01 = await stock('SKU-1001', 'DC01');
      expect(availableEaches(dc01)).toBe(500 - 29);
      expect(dc01.reduce((sum, r) => sum + r.qty_allocated * r.pack_qty, 0)).toBe(29);
      expect(dc01.reduce((sum, r) => sum + r.qty_on_hand * r.pack_qty, 0)).toBe(500 + 48); // allocation does not take stock off hand
      expect(availableEaches(await stock('SKU-1001', 'DC02'))).toBe(400);
      expect(availableEaches(await stock('SKU-1001', 'DC03'))).toBe(350);
    });

    it('never allocates more than is available nor from held or damaged lots', async () => {
      const first = await post('/outbound-orders', order([{ line_no: 1, item_code: 'SKU-1001', qty: 600, uom: 'EA' }], { site_id: 'DC03' }));
      expect(first.status).toBe(201);
      expect(first.body.lines[0]).toMatchObject({ qty_ea: 600, qty_allocated_ea: 350 });
      expect(first.body.lines[0].allocations.map((a: Json) => a.lot_no)).not.toContain('L2407-04');
      const dc03 = await stock('SKU-1001', 'DC03');
      expect(availableEaches(dc03)).toBe(0);
      expect(dc03).toContainEqual(expect.objectContaining({ lot_no: 'L2407-04', qty_allocated: 0 }));

      const second = await post(
        '/outbound-orders',
        order([{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'CS' }], { site_id: 'DC03', ext_ref: '4500000002' }),
      );
      expect(second.status).toBe(201);
      expect(second.body.lines[0]).toMatchObject({ qty_ea: 12, qty_allocated_ea: 0, allocations: [] });
    });

    it('reads an order by id and lists orders by ext_ref', async () => {
      const a = (await post('/outbound-orders', order([{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'CS' }]))).body;
      const b = (await post('/outbound-orders', order([{ line_no: 1, item_code: 'SKU-1002', qty: 3, uom: 'EA' }], { site_id: 'DC02' }))).body;
      await post('/outbound-orders', order([{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'EA' }], { ext_ref: '4500000099' }));

      expect(await get(`/outbound-orders/${a.ob_order_id}`)).toEqual({ status: 200, body: a });
      const listed = await get('/outbound-orders?ext_ref=4500000001');
      expect(listed.status).toBe(200);
      expect(listed.body.orders.map((o: Json) => o.ob_order_id)).toEqual([a.ob_order_id, b.ob_order_id]);
      expect((await get('/outbound-orders?ext_ref=4500000404')).body.orders).toEqual([]);
      expect(await get('/outbound-orders/OB-999999')).toEqual({ status: 404, body: { err_code: 'E404', err_msg: 'Outbound order OB-999999 not found' } });
    });

    it.each([
      ['a missing ext_ref', { ext_ref: undefined }, 'ext_ref'],
      ['a missing site_id', { site_id: undefined }, 'site_id'],
      ['no lines', { lines: [] }, 'lines'],
      ['a zero quantity', { lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 0, uom: 'EA' }] }, 'lines[0].qty'],
      ['a fractional quantity', { lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 1.5, uom: 'CS' }] }, 'lines[0].qty'],
      ['a quantity as a string', { lines: [{ line_no: 1, item_code: 'SKU-1001', qty: '2', uom: 'CS' }] }, 'lines[0].qty'],
      ['an unknown unit', { lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'PAL' }] }, 'lines[0].uom'],
      ['an unknown site', { site_id: 'DC99' }, 'Unknown site_id DC99'],
      ['an unknown item', { lines: [{ line_no: 1, item_code: 'SKU-9999', qty: 1, uom: 'EA' }] }, 'Unknown item_code SKU-9999'],
      [
        'a duplicate line_no',
        {
          lines: [
            { line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'EA' },
            { line_no: 1, item_code: 'SKU-1002', qty: 1, uom: 'EA' },
          ],
        },
        'Duplicate line_no',
      ],
    ])('rejects %s with E400 naming the problem', async (_, override, mentioned) => {
      const { status, body } = await post('/outbound-orders', order([{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'EA' }], override));
      expect(status).toBe(400);
      expect(body).toEqual({ err_code: 'E400', err_msg: expect.stringContaining(mentioned) });
    });

    it('rejects a malformed JSON body with E400', async () => {
      const { status, body } = await post('/outbound-orders', '{"ext_ref": ');
      expect(status).toBe(400);
      expect(body).toEqual({ err_code: 'E400', err_msg: expect.any(String) });
    });

    it('creates nothing and allocates nothing when any line is invalid', async () => {
      const rejected = await post(
        '/outbound-orders',
        order([
          { line_no: 1, item_code: 'SKU-1001', qty: 10, uom: 'CS' },
          { line_no: 2, item_code: 'SKU-9999', qty: 1, uom: 'EA' },
        ]),
      );
      expect(rejected.status).toBe(400);
      expect((await get('/outbound-orders?ext_ref=4500000001')).body.orders).toEqual([]);
      expect(availableEaches(await stock('SKU-1001', 'DC01'))).toBe(500);
      // The id sequence did not advance either.
      expect((await post('/outbound-orders', order([{ line_no: 1, item_code: 'SKU-1001', qty: 1, uom: 'EA' }]))).body.ob_order_id).toBe('OB-000001');
    });
  });
});
