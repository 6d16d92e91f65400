import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createSandboxApp, defaultSandboxConfig } from '../sandbox.app.js';

const auth = { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` };
const DAY_MS = 86_400_000;
type Json = Record<string, any>;

/** `/Date(ms)/` of UTC midnight today + `days`, as the seed dates its schedule lines. */
const inDays = (days: number) => {
  const now = Date.now();
  return `/Date(${now - (now % DAY_MS) + days * DAY_MS})/`;
};
const q = (filter: string) => `$filter=${encodeURIComponent(filter)}`;

describe('ERP emulator: purchase orders and customer fulfilment fields', () => {
  let app: NestFastifyApplication;
  let base: string;
  let odata: string;

  const get = async (path: string, headers: Record<string, string> = auth) => {
    const response = await fetch(`${odata}${path}`, { headers });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
  };
  const lines = (query = '') => get(`/API_PURCHASEORDER_PROCESS_SRV/A_PurchaseOrderScheduleLine${query ? `?${query}` : ''}`);

  beforeAll(async () => {
    app = await createSandboxApp({ ...defaultSandboxConfig, port: 0 });
    base = await app.getUrl();
    odata = `${base}/sap/opu/odata/sap`;
  });
  afterAll(() => app.close());

  describe('A_PurchaseOrder', () => {
    it('lists purchase orders from 4100000001 in the {d: {results}} envelope with __metadata', async () => {
      const { status, body } = await get('/API_PURCHASEORDER_PROCESS_SRV/A_PurchaseOrder');
      expect(status).toBe(200);
      expect(body.d.results.map((po: Json) => po.PurchaseOrder)).toEqual(['4100000001', '4100000002', '4100000003']);
      expect(body.d.results[0]).toMatchObject({
        __metadata: {
          type: 'API_PURCHASEORDER_PROCESS_SRV.A_PurchaseOrderType',
          uri: expect.stringMatching(/\/API_PURCHASEORDER_PROCESS_SRV\/A_PurchaseOrder\('4100000001'\)$/),
        },
        PurchaseOrderType: 'NB',
        Supplier: '17300001',
        DocumentCurrency: 'USD',
        PurchaseOrderDate: inDays(-20),
      });
    });

    it('answers one purchase order as {d: {...}} and a missing one with a SAP error 404', async () => {
      const one = await get("/API_PURCHASEORDER_PROCESS_SRV/A_PurchaseOrder('4100000002')");
      expect(one.body.d).toMatchObject({ PurchaseOrder: '4100000002', Supplier: '17300001' });
      const missing = await get("/API_PURCHASEORDER_PROCESS_SRV/A_PurchaseOrder('4199999999')");
      expect(missing.status).toBe(404);
      expect(missing.body.error).toEqual({ code: expect.any(String), message: { lang: 'en', value: expect.stringContaining('4199999999') } });
    });

    it('is listed in its service document', async () => {
      const { body } = await get('/API_PURCHASEORDER_PROCESS_SRV/');
      expect(body.d.EntitySets).toEqual(['A_PurchaseOrder', 'A_PurchaseOrderScheduleLine']);
    });
  });

  describe('A_PurchaseOrderScheduleLine', () => {
    it('gives each line its composite key, decimals as strings and /Date(ms)/ delivery dates relative to today', async () => {
      const { status, body } = await lines(q("Material eq 'SKU-1001' and Plant eq 'DC02'"));
      expect(status).toBe(200);
      expect(body.d.results).toEqual([
        {
          __metadata: {
            id: expect.any(String),
            uri: expect.stringMatching(/\/A_PurchaseOrderScheduleLine\(PurchasingDocument='4100000001',PurchasingDocumentItem='10',ScheduleLine='1'\)$/),
            type: 'API_PURCHASEORDER_PROCESS_SRV.A_PurchaseOrderScheduleLineType',
          },
          PurchasingDocument: '4100000001',
          PurchasingDocumentItem: '10',
          ScheduleLine: '1',
          Material: 'SKU-1001',
          Plant: 'DC02',
          ScheduleLineOrderQuantity: '600.000',
          RoughGoodsReceiptQty: '0.000',
          OrderQuantityUnit: 'EA',
          ScheduleLineDeliveryDate: inDays(14),
        },
      ]);
    });

    it('filters by material: SKU-1001 has an open line at DC01 and one fully received', async () => {
      const { body } = await lines(q("Material eq 'SKU-1001' and Plant eq 'DC01'"));
      expect(body.d.results.map((l: Json) => [l.ScheduleLineOrderQuantity, l.RoughGoodsReceiptQty, l.ScheduleLineDeliveryDate])).toEqual([
        ['400.000', '0.000', inDays(30)],
        ['250.000', '250.000', inDays(-3)],
      ]);
      const all = await lines(q("Material eq 'SKU-1001'"));
      expect(all.body.d.results).toHaveLength(3);
    });

    it('has open lines of other skus, one ordered in cases', async () => {
      const { body } = await lines();
      const other = body.d.results.filter((l: Json) => l.Material !== 'SKU-1001');
      expect(other.length).toBeGreaterThanOrEqual(2);
      expect(other).toContainEqual(
        expect.objectContaining({ Material: 'SKU-1002', Plant: 'DC02', OrderQuantityUnit: 'CS', ScheduleLineOrderQuantity: '20.000' }),
      );
      expect(body.d.results.every((l: Json) => ['DC01', 'DC02', 'DC03'].includes(l.Plant))).toBe(true);
    });

    it('pages with $top, $skip and $inlinecount', async () => {
      const all = (await lines()).body.d.results.map((l: Json) => `${l.PurchasingDocument}/${l.PurchasingDocumentItem}`);
      const page = await lines('$skip=1&$top=2&$inlinecount=allpages');
      expect(page.body.d.results.map((l: Json) => `${l.PurchasingDocument}/${l.PurchasingDocumentItem}`)).toEqual(all.slice(1, 3));
      expect(page.body.d.__count).toBe(String(all.length));
    });

    it('rejects an unknown property or operator with a SAP error 400', async () => {
      const unknown = await lines(q("Warehouse eq 'DC01'"));
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message.value).toContain('Warehouse');
      const operator = await lines(q("ScheduleLineDeliveryDate gt '2026-01-01'"));
      expect(operator.status).toBe(400);
      expect(operator.body.error.code).toBeDefined();
    });

    it('requires Basic auth like every ERP service', async () => {
      const none = await get('/API_PURCHASEORDER_PROCESS_SRV/A_PurchaseOrderScheduleLine', {});
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Basic/);
      expect(none.body.error.message.value).toMatch(/Logon failed/);
    });

    it('comes back as seeded after POST /control/reset', async () => {
      const before = (await lines()).body.d.results;
      expect((await fetch(`${base}/control/reset`, { method: 'POST' })).status).toBe(204);
      expect((await lines()).body.d.results).toEqual(before);
    });
  });

  describe('A_Customer fulfilment fields', () => {
    it('carries the ship-complete flag and the backorder custom fields', async () => {
      const { body } = await get('/API_BUSINESS_PARTNER/A_Customer');
      const policies = Object.fromEntries(
        body.d.results.map((c: Json) => [c.Customer, [c.CompleteDeliveryIsDefined, c.YY1_BackorderPolicy, c.YY1_BackorderUndated]]),
      );
      expect(policies).toEqual({
        '10100001': [false, 'B', false],
        '10100002': [true, 'B', false],
        '10100003': [true, 'R', false],
        '10100004': [false, 'B', true],
        '10100005': [false, 'B', false],
        '10100006': [false, 'B', false],
      });
    });

    it('filters on them', async () => {
      const { body } = await get(`/API_BUSINESS_PARTNER/A_Customer?${q('CompleteDeliveryIsDefined eq true')}`);
      expect(body.d.results.map((c: Json) => c.Customer)).toEqual(['10100002', '10100003']);
    });
  });
});
