import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createSandboxApp, defaultSandboxConfig } from '../sandbox.app.js';
import type { Json } from '../testing/sandbox-call.js';
import { SandboxErp } from '../testing/sandbox-erp.js';

const q = (filter: string) => `$filter=${encodeURIComponent(filter)}`;
const BILLING = '/API_BILLING_DOCUMENT_SRV';

describe('ERP emulator: billing documents (API_BILLING_DOCUMENT_SRV) and the credit department', () => {
  let app: NestFastifyApplication;
  let base: string;

  const erp = new SandboxErp(() => base);
  const { get, control, createOrder } = erp;
  const bill = (body: object, csrf?: string) => erp.post(`${BILLING}/A_BillingDocument`, body, csrf);
  const invoice = (soldTo: string, region: string, items: Json[], reference = 'INV-1') => ({
    BillingDocumentType: 'F2',
    SoldToParty: soldTo,
    YY1_ExternalReference: reference,
    YY1_ShipToRegion: region,
    to_Item: items,
  });

  beforeAll(async () => {
    app = await createSandboxApp({ ...defaultSandboxConfig, port: 0 });
    base = await app.getUrl();
  });
  beforeEach(async () => {
    expect((await control('POST', '/reset')).status).toBe(204);
    await erp.fetchToken(BILLING);
  });
  afterAll(() => app.close());

  describe('POST A_BillingDocument', () => {
    it('prices each item from its sales order item (cases converted to eaches) and taxes it by ship-to region', async () => {
      // Customer price 8.90/EA for SKU-1001, list price 14.25/EA for SKU-1003.
      const order = await createOrder('10100001', [
        { Material: 'SKU-1001', RequestedQuantity: '2', RequestedQuantityUnit: 'CS' },
        { Material: 'SKU-1003', RequestedQuantity: '5' },
      ]);
      const { status, body } = await bill(
        invoice('10100001', 'OH', [
          { ReferenceSDDocument: order, ReferenceSDDocumentItem: '10', Material: 'SKU-1001', BillingQuantity: '1', BillingQuantityUnit: 'CS' },
          { ReferenceSDDocument: order, ReferenceSDDocumentItem: '20', Material: 'SKU-1003', BillingQuantity: '5', BillingQuantityUnit: 'EA' },
        ]),
      );
      expect(status).toBe(201);
      expect(body.d).toMatchObject({
        __metadata: { type: 'API_BILLING_DOCUMENT_SRV.A_BillingDocumentType', uri: expect.stringMatching(/A_BillingDocument\('90000001'\)$/) },
        BillingDocument: '90000001',
        BillingDocumentType: 'F2',
        BillingDocumentDate: expect.stringMatching(/^\/Date\(\d+\)\/$/),
        SoldToParty: '10100001',
        TotalNetAmount: '178.05', // 12 x 8.90 + 5 x 14.25
        TaxAmount: '10.24', // OH 5.75 %, per item: 6.14 + 4.10
        TotalGrossAmount: '188.29',
        TransactionCurrency: 'USD',
        InvoiceClearingStatus: 'A',
        YY1_ExternalReference: 'INV-1',
        YY1_ShipToRegion: 'OH',
      });
      expect(body.d.to_Item.results).toEqual([
        expect.objectContaining({
          BillingDocumentItem: '10',
          Material: 'SKU-1001',
          BillingQuantity: '1.000',
          BillingQuantityUnit: 'CS',
          BillingQuantityInBaseUnit: '12.000',
          NetAmount: '106.80',
          TaxAmount: '6.14',
          ReferenceSDDocument: order,
          ReferenceSDDocumentItem: '10',
        }),
        expect.objectContaining({ BillingDocumentItem: '20', Material: 'SKU-1003', BillingQuantityInBaseUnit: '5.000', NetAmount: '71.25', TaxAmount: '4.10' }),
      ]);
      const second = await bill(
        invoice('10100001', 'OH', [{ ReferenceSDDocument: order, ReferenceSDDocumentItem: '10', Material: 'SKU-1001', BillingQuantity: '12' }], 'INV-2'),
      );
      expect(second.body.d).toMatchObject({ BillingDocument: '90000002', TotalNetAmount: '106.80' });
    });

    it.each([
      ['OH', '6.56'],
      ['TX', '7.13'],
      ['CA', '8.27'],
      ['NY', '4.56'],
      ['GA', '5.70'],
    ])('taxes a net of 114.00 shipped to %s at %s', async (region, tax) => {
      const order = await createOrder('10100003', [{ Material: 'SKU-1003', RequestedQuantity: '8' }]);
      const { status, body } = await bill(
        invoice('10100003', region, [{ ReferenceSDDocument: order, ReferenceSDDocumentItem: '10', Material: 'SKU-1003', BillingQuantity: 8 }]),
      );
      expect(status).toBe(201);
      expect(body.d).toMatchObject({ TotalNetAmount: '114.00', TaxAmount: tax, TotalGrossAmount: (114 + Number(tax)).toFixed(2) });
    });

    it('never bills more of a sales order item than was ordered, over several documents and within one', async () => {
      const order = await createOrder('10100001', [{ Material: 'SKU-1001', RequestedQuantity: '2', RequestedQuantityUnit: 'CS' }]); // 24 EA
      const item = { ReferenceSDDocument: order, ReferenceSDDocumentItem: '10', Material: 'SKU-1001' };
      const twice = await bill(
        invoice('10100001', 'OH', [
          { ...item, BillingQuantity: '13' },
          { ...item, BillingQuantity: '12' },
        ]),
      );
      expect(twice.status).toBe(400);
      expect(twice.body.error).toEqual({
        code: 'VF/062',
        message: { lang: 'en', value: `Item 10 of sales document ${order}: billing quantity 12 EA exceeds the 11 EA not yet billed` },
      });

      expect((await bill(invoice('10100001', 'OH', [{ ...item, BillingQuantity: '1', BillingQuantityUnit: 'CS' }]))).status).toBe(201);
      const over = await bill(invoice('10100001', 'OH', [{ ...item, BillingQuantity: '13' }], 'INV-2'));
      expect(over.status).toBe(400);
      expect(over.body.error.message.value).toContain('exceeds the 12 EA not yet billed');
      const rest = await bill(invoice('10100001', 'OH', [{ ...item, BillingQuantity: '12' }], 'INV-2'));
      expect(rest.body.d.BillingDocument).toBe('90000002'); // refused documents burn no number
      const more = await bill(invoice('10100001', 'OH', [{ ...item, BillingQuantity: '1' }], 'INV-3'));
      expect(more.status).toBe(400);
      expect(more.body.error.message.value).toContain('exceeds the 0 EA not yet billed');
    });

    it('refuses unknown sales orders and items, another material or customer, and a quantity of zero with a SAP error 400', async () => {
      const order = await createOrder('10100001', [{ Material: 'SKU-1001', RequestedQuantity: '24' }]);
      const item = { ReferenceSDDocument: order, ReferenceSDDocumentItem: '10', Material: 'SKU-1001', BillingQuantity: '1' };
      const refused = async (body: object) => {
        const { status, body: answer } = await bill(body);
        expect(status).toBe(400);
        return answer.error as { code: string; message: { value: string } };
      };
      expect(await refused(invoice('10100001', 'OH', [{ ...item, ReferenceSDDocument: '4599999999' }]))).toEqual({
        code: 'VF/002',
        message: { lang: 'en', value: 'Sales document 4599999999 does not exist' },
      });
      expect((await refused(invoice('10100001', 'OH', [{ ...item, ReferenceSDDocumentItem: '20' }]))).code).toBe('VF/003');
      expect((await refused(invoice('10100001', 'OH', [{ ...item, Material: 'SKU-1002' }]))).message.value).toContain('is for material SKU-1001, not SKU-1002');
      expect((await refused(invoice('10100002', 'TX', [item]))).code).toBe('VF/011');
      expect((await refused(invoice('99999999', 'TX', [item]))).code).toBe('V1/320');
      expect((await refused(invoice('10100001', 'OH', [{ ...item, BillingQuantity: '0' }]))).code).toBe('VF/045');
      expect((await refused(invoice('10100001', 'OH', [{ ...item, BillingQuantityUnit: 'PAL' }]))).code).toBe('SD_SALES/040');
      const malformed = await refused({ ...invoice('10100001', 'Ohio', [{ ...item, BillingQuantity: '-1' }]), YY1_ExternalReference: 'X'.repeat(41) });
      expect(malformed.message.value).toEqual(expect.stringContaining('YY1_ShipToRegion'));
      expect(malformed.message.value).toEqual(expect.stringContaining('YY1_ExternalReference'));
      expect(malformed.message.value).toEqual(expect.stringContaining('to_Item[0].BillingQuantity'));
      expect((await refused(invoice('10100001', 'OH', []))).message.value).toContain('to_Item');
      expect((await refused({ ...invoice('10100001', 'OH', [item]), BillingDocumentType: 'S1' })).message.value).toContain('BillingDocumentType');
      expect((await get(`${BILLING}/A_BillingDocument`)).body.d.results).toEqual([]);
    });

    it('requires a CSRF token like every ERP write, and accepts to_Item as {results: [...]} too', async () => {
      const order = await createOrder('10100001', [{ Material: 'SKU-1001', RequestedQuantity: '24' }]);
      const items = [{ ReferenceSDDocument: order, ReferenceSDDocumentItem: '10', Material: 'SKU-1001', BillingQuantity: '2' }];
      const without = await bill(invoice('10100001', 'OH', items), '');
      expect(without.status).toBe(403);
      expect(without.headers.get('x-csrf-token')).toBe('Required');
      expect((await bill(invoice('10100001', 'OH', items), 'made-up')).status).toBe(403);
      const wrapped = await bill({ ...invoice('10100001', 'OH', []), to_Item: { results: items } });
      expect(wrapped.status).toBe(201);
      expect(wrapped.body.d.to_Item.results).toHaveLength(1);
    });
  });

  describe('reads', () => {
    let order: string;
    beforeEach(async () => {
      order = await createOrder('10100001', [
        { Material: 'SKU-1001', RequestedQuantity: '24' },
        { Material: 'SKU-1003', RequestedQuantity: '4' },
      ]);
      const orderOfGlobex = await createOrder('10100002', [{ Material: 'SKU-1001', RequestedQuantity: '10' }]);
      const line = (o: string, item: string, material: string, quantity: string) => ({
        ReferenceSDDocument: o,
        ReferenceSDDocumentItem: item,
        Material: material,
        BillingQuantity: quantity,
      });
      await bill(invoice('10100001', 'OH', [line(order, '10', 'SKU-1001', '12'), line(order, '20', 'SKU-1003', '4')], 'INV-A'));
      await bill(invoice('10100001', 'OH', [line(order, '10', 'SKU-1001', '12')], 'INV-B'));
      await bill(invoice('10100002', 'TX', [line(orderOfGlobex, '10', 'SKU-1001', '10')], 'INV-A'));
    });

    it('filters by YY1_ExternalReference and SoldToParty, with items inline only on $expand=to_Item', async () => {
      const byReference = await get(`${BILLING}/A_BillingDocument?${q("YY1_ExternalReference eq 'INV-A'")}`);
      expect(byReference.body.d.results.map((d: Json) => [d.BillingDocument, d.SoldToParty])).toEqual([
        ['90000001', '10100001'],
        ['90000003', '10100002'],
      ]);
      expect(byReference.body.d.results[0].to_Item.__deferred.uri).toMatch(/A_BillingDocument\('90000001'\)\/to_Item$/);
      const both = await get(`${BILLING}/A_BillingDocument?${q("YY1_ExternalReference eq 'INV-A' and SoldToParty eq '10100001'")}&$expand=to_Item`);
      expect(both.body.d.results).toHaveLength(1);
      expect(both.body.d.results[0].to_Item.results.map((i: Json) => i.Material)).toEqual(['SKU-1001', 'SKU-1003']);
      const customer = await get(`${BILLING}/A_BillingDocument?${q("SoldToParty eq '10100001'")}`);
      expect(customer.body.d.results.map((d: Json) => d.YY1_ExternalReference)).toEqual(['INV-A', 'INV-B']);
    });

    it('answers one document, with $expand=to_Item or through the to_Item navigation, and a missing one with 404', async () => {
      const plain = await get(`${BILLING}/A_BillingDocument('90000002')`);
      expect(plain.body.d).toMatchObject({ BillingDocument: '90000002', TotalNetAmount: '106.80', to_Item: { __deferred: expect.any(Object) } });
      const expanded = await get(`${BILLING}/A_BillingDocument('90000001')?$expand=to_Item`);
      expect(expanded.body.d.to_Item.results).toHaveLength(2);
      expect(expanded.body.d.to_Item.results[0].__metadata.uri).toMatch(/A_BillingDocumentItem\(BillingDocument='90000001',BillingDocumentItem='10'\)$/);
      const navigation = await get(`${BILLING}/A_BillingDocument('90000001')/to_Item`);
      expect(navigation.body.d.results.map((i: Json) => i.BillingDocumentItem)).toEqual(['10', '20']);
      const missing = await get(`${BILLING}/A_BillingDocument('90999999')`);
      expect(missing.status).toBe(404);
      expect(missing.body.error.message.value).toContain('90999999');
      expect((await get(`${BILLING}/A_BillingDocument?$expand=to_Partner`)).status).toBe(400);
    });

    it('lists billed items per sales order, and names both entity sets in the service document', async () => {
      const items = await get(`${BILLING}/A_BillingDocumentItem?${q(`ReferenceSDDocument eq '${order}' and ReferenceSDDocumentItem eq '10'`)}`);
      expect(items.body.d.results.map((i: Json) => [i.BillingDocument, i.BillingQuantityInBaseUnit])).toEqual([
        ['90000001', '12.000'],
        ['90000002', '12.000'],
      ]);
      expect((await get(BILLING)).body.d.EntitySets).toEqual(['A_BillingDocument', 'A_BillingDocumentItem']);
    });

    it('logs billing calls and applies injected faults to them like any native request', async () => {
      await control('DELETE', '/erp/calls');
      await control('PUT', '/erp/faults', { errorRate: 1 });
      try {
        expect((await get(`${BILLING}/A_BillingDocument`)).status).toBe(500);
      } finally {
        await control('DELETE', '/erp/faults');
      }
      const calls = (await control('GET', '/erp/calls')).body.calls as Json[];
      expect(calls).toEqual([
        expect.objectContaining({ method: 'GET', path: expect.stringContaining('/API_BILLING_DOCUMENT_SRV/A_BillingDocument'), status: 500 }),
      ]);
    });
  });

  describe('control surface', () => {
    it('POST /control/erp/billing-documents/:id/clear records the payment: InvoiceClearingStatus C, idempotently', async () => {
      const order = await createOrder('10100001', [{ Material: 'SKU-1001', RequestedQuantity: '24' }]);
      await bill(invoice('10100001', 'OH', [{ ReferenceSDDocument: order, ReferenceSDDocumentItem: '10', Material: 'SKU-1001', BillingQuantity: '10' }]));
      const cleared = await control('POST', '/erp/billing-documents/90000001/clear');
      expect(cleared.status).toBe(200);
      expect(cleared.body).toEqual({
        billingDocument: '90000001',
        externalReference: 'INV-1',
        customerId: '10100001',
        grossAmount: '94.12', // 89.00 + 5.75 % (5.12)
        currency: 'USD',
        clearingStatus: 'cleared',
      });
      expect((await control('POST', '/erp/billing-documents/90000001/clear')).status).toBe(200);
      expect((await get(`${BILLING}/A_BillingDocument('90000001')`)).body.d.InvoiceClearingStatus).toBe('C');
      expect((await get(`${BILLING}/A_BillingDocument?${q("InvoiceClearingStatus eq 'A'")}`)).body.d.results).toEqual([]);
      const missing = await control('POST', '/erp/billing-documents/90999999/clear');
      expect(missing.status).toBe(404);
      expect(missing.body.message).toContain('90999999');
    });

    it('PUT /control/erp/customers/:id/credit-block sets and lifts the block on A_Customer, and new orders follow it', async () => {
      const customer = async () => (await get("/API_BUSINESS_PARTNER/A_Customer('10100001')")).body.d as Json;
      const creditStatusOfNewOrder = async () => {
        const { body } = await erp.post('/API_SALES_ORDER_SRV/A_SalesOrder', {
          SoldToParty: '10100001',
          to_Item: { results: [{ Material: 'SKU-1001', RequestedQuantity: '1' }] },
        });
        return body.d.TotalCreditCheckStatus as string;
      };

      const blocked = await control('PUT', '/erp/customers/10100001/credit-block', { blocked: true, reason: 'Cheque returned unpaid' });
      expect(blocked.status).toBe(200);
      expect(blocked.body).toEqual({ customerId: '10100001', blocked: true, reason: 'Cheque returned unpaid' });
      expect(await customer()).toMatchObject({ CreditIsBlocked: true, CreditBlockReason: 'Cheque returned unpaid' });
      expect(await creditStatusOfNewOrder()).toBe('B');

      const lifted = await control('PUT', '/erp/customers/10100001/credit-block', { blocked: false });
      expect(lifted.body).toEqual({ customerId: '10100001', blocked: false, reason: null });
      expect(await customer()).toMatchObject({ CreditIsBlocked: false, CreditBlockReason: '' });
      expect(await creditStatusOfNewOrder()).toBe('A');

      const lift = await control('PUT', '/erp/customers/10100005/credit-block', { blocked: false });
      expect(lift.body.blocked).toBe(false); // the seeded block of Stark lifts too
      expect((await control('PUT', '/erp/customers/10100002/credit-block', { blocked: true })).body.reason).toBe('Blocked by credit management');
      expect((await control('PUT', '/erp/customers/10100002/credit-block', { reason: 'x' })).status).toBe(400);
      expect((await control('PUT', '/erp/customers/99999999/credit-block', { blocked: true })).status).toBe(404);

      await control('POST', '/reset');
      expect((await get("/API_BUSINESS_PARTNER/A_Customer('10100005')")).body.d).toMatchObject({ CreditIsBlocked: true });
    });
  });
});
