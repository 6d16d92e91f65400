import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSandboxApp, defaultSandboxConfig } from '../sandbox.app.js';

const auth = { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` };
type Json = Record<string, any>;

describe('ERP emulator (OData v2)', () => {
  let app: NestFastifyApplication;
  let odata: string;

  const get = async (path: string, headers: Record<string, string> = auth) => {
    const response = await fetch(`${odata}${path}`, { headers });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
  };
  const fetchToken = async () => (await get('/API_SALES_ORDER_SRV/', { ...auth, 'x-csrf-token': 'Fetch' })).headers.get('x-csrf-token')!;
  const createOrder = async (body: object, token?: string) => {
    const response = await fetch(`${odata}/API_SALES_ORDER_SRV/A_SalesOrder`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', ...(token ? { 'x-csrf-token': token } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
  };

  beforeAll(async () => {
    app = await createSandboxApp({ ...defaultSandboxConfig, port: 0, csrfTokenTtlMs: 300 });
    odata = `${await app.getUrl()}/sap/opu/odata/sap`;
  });
  afterAll(() => app.close());

  describe('reads', () => {
    it('lists customers in the {d: {results}} envelope with __metadata', async () => {
      const { status, body } = await get('/API_BUSINESS_PARTNER/A_Customer');
      expect(status).toBe(200);
      expect(body.d.results).toHaveLength(6);
      expect(body.d.results[0].__metadata.type).toBe('API_BUSINESS_PARTNER.A_CustomerType');
      expect(body.d.results[0].CreditLimitAmount).toMatch(/^\d+\.\d{2}$/);
    });

    it('answers a single entity as {d: {...}} and a missing one with a SAP error 404', async () => {
      const one = await get("/API_BUSINESS_PARTNER/A_Customer('10100005')");
      expect(one.body.d).toMatchObject({ Customer: '10100005', CreditIsBlocked: true });
      const missing = await get("/API_BUSINESS_PARTNER/A_Customer('99999999')");
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toEqual({ lang: 'en', value: expect.stringContaining('99999999') });
    });

    it('applies $filter, $top, $skip and $inlinecount', async () => {
      const blocked = await get('/API_BUSINESS_PARTNER/A_Customer?$filter=CreditIsBlocked%20eq%20true');
      expect(blocked.body.d.results.map((c: Json) => c.Customer)).toEqual(['10100005']);
      const page = await get('/API_BUSINESS_PARTNER/A_Customer?$skip=1&$top=2&$inlinecount=allpages');
      expect(page.body.d.results.map((c: Json) => c.Customer)).toEqual(['10100002', '10100003']);
      expect(page.body.d.__count).toBe('6');
    });

    it('rejects an unsupported $filter with 400', async () => {
      const { status, body } = await get("/API_BUSINESS_PARTNER/A_Customer?$filter=Region%20ne%20'OH'");
      expect(status).toBe(400);
      expect(body.error.code).toBeDefined();
    });

    it('exposes units of measure and condition records (customer and list prices)', async () => {
      const product = await get("/API_PRODUCT_SRV/A_Product('SKU-1001')");
      expect(product.body.d.BaseUnit).toBe('EA');
      expect(product.body.d.to_ProductUnitsOfMeasure.results).toContainEqual(
        expect.objectContaining({ AlternativeUnit: 'CS', QuantityNumerator: '12', QuantityDenominator: '1' }),
      );
      const products = await get('/API_PRODUCT_SRV/A_Product');
      expect(products.body.d.results.length).toBeGreaterThanOrEqual(24);

      const customer = await get("/API_SLSPRICINGCONDITIONRECORD_SRV/A_SlsPrcgConditionRecord?$filter=Customer%20eq%20'10100001'");
      expect(customer.body.d.results.length).toBeGreaterThan(0);
      expect(customer.body.d.results.every((r: Json) => r.Customer === '10100001')).toBe(true);
      expect(customer.body.d.results).toContainEqual(expect.objectContaining({ Material: 'SKU-1001', ConditionRateValue: '8.90', ConditionType: 'PPR0' }));
      const list = await get("/API_SLSPRICINGCONDITIONRECORD_SRV/A_SlsPrcgConditionRecord?$filter=Customer%20eq%20''%20and%20Material%20eq%20'SKU-1001'");
      expect(list.body.d.results).toEqual([
        expect.objectContaining({ ConditionRateValue: '9.80', ConditionValidityStartDate: expect.stringMatching(/^\/Date\(\d+\)\/$/) }),
      ]);
    });
  });

  describe('auth', () => {
    it('answers 401 with a Basic challenge without or with wrong credentials', async () => {
      const none = await get('/API_BUSINESS_PARTNER/A_Customer', {});
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Basic/);
      expect(none.body.error.message.value).toMatch(/Logon failed/);
      const wrong = await get('/API_BUSINESS_PARTNER/A_Customer', { authorization: `Basic ${Buffer.from('GATEWAY:nope').toString('base64')}` });
      expect(wrong.status).toBe(401);
    });

    it('requires a fetched CSRF token for writes, then accepts it until it expires', async () => {
      const order = { SoldToParty: '10100002', to_Item: { results: [{ Material: 'SKU-1002', RequestedQuantity: '1' }] } };
      const without = await createOrder(order);
      expect(without.status).toBe(403);
      expect(without.headers.get('x-csrf-token')).toBe('Required');
      expect((await createOrder(order, 'made-up')).status).toBe(403);

      const token = await fetchToken();
      expect(token).toMatch(/^[\w-]{16,}$/);
      expect((await createOrder(order, token)).status).toBe(201);
      await sleep(350); // the TTL of this instance is 300 ms
      expect((await createOrder(order, token)).status).toBe(403);
    });
  });

  describe('sales orders', () => {
    it('prices a deep insert from condition records, converting cases to eaches', async () => {
      const { status, body } = await createOrder(
        {
          SalesOrderType: 'OR',
          SalesOrganization: '1000',
          DistributionChannel: '10',
          OrganizationDivision: '00',
          SoldToParty: '10100001',
          PurchaseOrderByCustomer: 'PO-77',
          RequestedDeliveryDate: '/Date(1767225600000)/',
          to_Item: {
            results: [
              { Material: 'SKU-1001', RequestedQuantity: '2', RequestedQuantityUnit: 'CS' }, // customer price 8.90 x 24 EA
              { Material: 'SKU-1003', RequestedQuantity: '5', RequestedQuantityUnit: 'EA' }, // list price 14.25 x 5
            ],
          },
        },
        await fetchToken(),
      );
      expect(status).toBe(201);
      expect(body.d).toMatchObject({
        SalesOrder: expect.stringMatching(/^45\d{8}$/),
        SoldToParty: '10100001',
        PurchaseOrderByCustomer: 'PO-77',
        RequestedDeliveryDate: '/Date(1767225600000)/',
        TotalNetAmount: '284.85',
        TransactionCurrency: 'USD',
        TotalCreditCheckStatus: 'A',
        DeliveryBlockReason: '',
      });
      expect(body.d.to_Item.results).toEqual([
        expect.objectContaining({
          SalesOrderItem: '10',
          Material: 'SKU-1001',
          RequestedQuantity: '2.000',
          RequestedQuantityUnit: 'CS',
          RequestedQuantityInBaseUnit: '24.000',
          NetPriceAmount: '8.90',
          NetAmount: '213.60',
        }),
        expect.objectContaining({ SalesOrderItem: '20', Material: 'SKU-1003', RequestedQuantity: '5.000', NetPriceAmount: '14.25', NetAmount: '71.25' }),
      ]);

      const key = `('${body.d.SalesOrder}')`;
      const plain = await get(`/API_SALES_ORDER_SRV/A_SalesOrder${key}`);
      expect(plain.body.d.to_Item.__deferred.uri).toContain(`A_SalesOrder${key}/to_Item`);
      const expanded = await get(`/API_SALES_ORDER_SRV/A_SalesOrder${key}?$expand=to_Item`);
      expect(expanded.body.d.to_Item.results).toHaveLength(2);
      const byPo = await get("/API_SALES_ORDER_SRV/A_SalesOrder?$filter=PurchaseOrderByCustomer%20eq%20'PO-77'");
      expect(byPo.body.d.results.map((o: Json) => o.SalesOrder)).toEqual([body.d.SalesOrder]);
    });

    it('creates an order of a credit-blocked customer with status B and delivery block 01', async () => {
      const { status, body } = await createOrder(
        {
          SoldToParty: '10100005',
          PurchaseOrderByCustomer: 'PO-STARK',
          to_Item: { results: [{ Material: 'SKU-1005', RequestedQuantity: '1', RequestedQuantityUnit: 'CS' }] },
        },
        await fetchToken(),
      );
      expect(status).toBe(201);
      expect(body.d).toMatchObject({ TotalCreditCheckStatus: 'B', DeliveryBlockReason: '01' });
    });

    it('rejects unknown materials and customers and malformed bodies with a SAP error 400', async () => {
      const token = await fetchToken();
      const material = await createOrder({ SoldToParty: '10100001', to_Item: { results: [{ Material: 'ABC', RequestedQuantity: '1' }] } }, token);
      expect(material.status).toBe(400);
      expect(material.body.error).toEqual({ code: 'SD_SALES/021', message: { lang: 'en', value: 'Material ABC does not exist' } });
      const customer = await createOrder({ SoldToParty: '999', to_Item: { results: [{ Material: 'SKU-1001', RequestedQuantity: '1' }] } }, token);
      expect(customer.status).toBe(400);
      const malformed = await createOrder({ SoldToParty: '10100001', to_Item: { results: [{ Material: 'SKU-1001', RequestedQuantity: 'two' }] } }, token);
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message.value).toContain('RequestedQuantity');
      const unit = await createOrder(
        { SoldToParty: '10100001', to_Item: { results: [{ Material: 'SKU-1001', RequestedQuantity: '1', RequestedQuantityUnit: 'PAL' }] } },
        token,
      );
      expect(unit.status).toBe(400);
    });
  });
});
