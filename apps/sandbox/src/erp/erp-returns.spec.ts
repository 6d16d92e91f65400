import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createSandboxApp, defaultSandboxConfig } from '../sandbox.app.js';
import type { Json } from '../testing/sandbox-call.js';
import { SandboxErp } from '../testing/sandbox-erp.js';

const q = (filter: string) => `$filter=${encodeURIComponent(filter)}`;
const RETURNS = '/API_CUSTOMER_RETURN_SRV';
const BILLING = '/API_BILLING_DOCUMENT_SRV';

describe('ERP emulator: customer returns (API_CUSTOMER_RETURN_SRV) and credit memos (G2 billing documents)', () => {
  let app: NestFastifyApplication;
  let base: string;

  const erp = new SandboxErp(() => base);
  const { get, post, control, createOrder } = erp;
  const invoice = async (soldTo: string, region: string, reference: string, items: Json[]) => {
    const { status, body } = await post(`${BILLING}/A_BillingDocument`, {
      BillingDocumentType: 'F2',
      SoldToParty: soldTo,
      YY1_ExternalReference: reference,
      YY1_ShipToRegion: region,
      to_Item: items,
    });
    expect(status).toBe(201);
    return body.d.BillingDocument as string;
  };
  const customerReturn = (salesOrder: string, items: Json[], reference = 'RMA-1', soldTo = '10100001') => ({
    SoldToParty: soldTo,
    ReferenceSDDocument: salesOrder,
    SDDocumentReason: '101',
    YY1_ExternalReference: reference,
    to_Item: { results: items },
  });
  const createReturn = (body: object) => post(`${RETURNS}/A_CustomerReturn`, body);
  const creditMemo = (items: Json[], reference = 'CM-1', soldTo = '10100001') =>
    post(`${BILLING}/A_BillingDocument`, { BillingDocumentType: 'G2', SoldToParty: soldTo, YY1_ExternalReference: reference, to_Item: items });
  const credit = (customerReturnNumber: string, item: string, quantity: string, extra: Json = {}) => ({
    ReferenceSDDocument: customerReturnNumber,
    ReferenceSDDocumentItem: item,
    Material: 'SKU-1001',
    BillingQuantity: quantity,
    ...extra,
  });
  const refusedWith = async (answer: Promise<{ status: number; body: Json }>) => {
    const { status, body } = await answer;
    expect(status).toBe(400);
    return body.error as { code: string; message: { value: string } };
  };

  /** Acme (10100001, 8.90/EA for SKU-1001) orders 30 SKU-1001 and 5 SKU-1003; 20 + 10 of item 10 and all of item 20 are billed in OH. */
  let order: string;
  let firstInvoice: string;
  let secondInvoice: string;

  beforeAll(async () => {
    app = await createSandboxApp({ ...defaultSandboxConfig, port: 0 });
    base = await app.getUrl();
  });
  beforeEach(async () => {
    expect((await control('POST', '/reset')).status).toBe(204);
    await erp.fetchToken(RETURNS);
    order = await createOrder('10100001', [
      { Material: 'SKU-1001', RequestedQuantity: '30' },
      { Material: 'SKU-1003', RequestedQuantity: '5' },
    ]);
    firstInvoice = await invoice('10100001', 'OH', 'INV-1', [
      { ReferenceSDDocument: order, ReferenceSDDocumentItem: '10', Material: 'SKU-1001', BillingQuantity: '20' },
      { ReferenceSDDocument: order, ReferenceSDDocumentItem: '20', Material: 'SKU-1003', BillingQuantity: '5' },
    ]);
    secondInvoice = await invoice('10100001', 'OH', 'INV-2', [
      { ReferenceSDDocument: order, ReferenceSDDocumentItem: '10', Material: 'SKU-1001', BillingQuantity: '10' },
    ]);
  });
  afterAll(() => app.close());

  describe('POST A_CustomerReturn', () => {
    it('creates a return against the sales order, valued at the order price, reasons defaulting to the header', async () => {
      const { status, body } = await createReturn(
        customerReturn(order, [
          { ReferenceSDDocumentItem: '10', Material: 'SKU-1001', RequestedQuantity: '15' },
          { ReferenceSDDocumentItem: '20', RequestedQuantity: 2, ReturnReason: '105' },
        ]),
      );
      expect(status).toBe(201);
      expect(body.d).toMatchObject({
        __metadata: { type: 'API_CUSTOMER_RETURN_SRV.A_CustomerReturnType', uri: expect.stringMatching(/A_CustomerReturn\('60000001'\)$/) },
        CustomerReturn: '60000001',
        CustomerReturnType: 'CBAR',
        SoldToParty: '10100001',
        ReferenceSDDocument: order,
        ReferenceSDDocumentCategory: 'C',
        SDDocumentReason: '101',
        CustomerReturnDate: expect.stringMatching(/^\/Date\(\d+\)\/$/),
        CreationDate: expect.stringMatching(/^\/Date\(\d+\)\/$/),
        TransactionCurrency: 'USD',
        TotalNetAmount: '162.00', // 15 x 8.90 + 2 x 14.25
        OverallSDProcessStatus: 'A',
        YY1_ExternalReference: 'RMA-1',
      });
      expect(body.d.to_Item.results).toEqual([
        expect.objectContaining({
          __metadata: expect.objectContaining({ type: 'API_CUSTOMER_RETURN_SRV.A_CustomerReturnItemType' }),
          CustomerReturn: '60000001',
          CustomerReturnItem: '10',
          CustomerReturnItemCategory: 'REN',
          Material: 'SKU-1001',
          RequestedQuantity: '15.000',
          RequestedQuantityUnit: 'EA',
          RequestedQuantityInBaseUnit: '15.000',
          NetAmount: '133.50',
          ReferenceSDDocument: order,
          ReferenceSDDocumentItem: '10',
          ReturnReason: '101',
          YY1_CreditedQuantityInBaseUnit: '0.000',
          SDProcessStatus: 'A',
        }),
        expect.objectContaining({ CustomerReturnItem: '20', Material: 'SKU-1003', NetAmount: '28.50', ReturnReason: '105' }),
      ]);
      const second = await createReturn(
        customerReturn(order, [{ ReferenceSDDocumentItem: '10', RequestedQuantity: '1', RequestedQuantityUnit: 'CS' }], 'RMA-2'),
      );
      expect(second.body.d).toMatchObject({ CustomerReturn: '60000002', TotalNetAmount: '106.80' }); // a case is 12 EA
      expect(second.body.d.to_Item.results[0]).toMatchObject({ RequestedQuantityUnit: 'CS', RequestedQuantityInBaseUnit: '12.000' });
    });

    it('lets no more come back than was billed minus what earlier returns requested, across requests and within one', async () => {
      // 30 of item 10 billed over two invoices
      const tooMany = await refusedWith(createReturn(customerReturn(order, [{ ReferenceSDDocumentItem: '10', RequestedQuantity: '31' }])));
      expect(tooMany).toEqual({
        code: 'MSR/012',
        message: { lang: 'en', value: `Item 10 of sales document ${order}: return quantity 31 EA exceeds the 30 EA billed and not yet returned` },
      });
      expect((await createReturn(customerReturn(order, [{ ReferenceSDDocumentItem: '10', RequestedQuantity: '25' }]))).status).toBe(201);
      const again = await refusedWith(createReturn(customerReturn(order, [{ ReferenceSDDocumentItem: '10', RequestedQuantity: '6' }], 'RMA-2')));
      expect(again.message.value).toContain('exceeds the 5 EA billed and not yet returned');
      const split = await refusedWith(
        createReturn(
          customerReturn(
            order,
            [
              { ReferenceSDDocumentItem: '10', RequestedQuantity: '3' },
              { ReferenceSDDocumentItem: '10', RequestedQuantity: '3' },
            ],
            'RMA-2',
          ),
        ),
      );
      expect(split.code).toBe('MSR/012');
      expect((await createReturn(customerReturn(order, [{ ReferenceSDDocumentItem: '10', RequestedQuantity: '5' }], 'RMA-2'))).status).toBe(201);

      // ordered but not billed is not returnable
      const unbilled = await createOrder('10100001', [{ Material: 'SKU-1001', RequestedQuantity: '10' }]);
      const notBilled = await refusedWith(createReturn(customerReturn(unbilled, [{ ReferenceSDDocumentItem: '10', RequestedQuantity: '1' }], 'RMA-3')));
      expect(notBilled.message.value).toContain('exceeds the 0 EA billed and not yet returned');
      expect((await get(`${RETURNS}/A_CustomerReturn`)).body.d.results.map((r: Json) => r.CustomerReturn)).toEqual(['60000001', '60000002']);
    });

    it("refuses what the sales order does not have, another customer's order and malformed input, burning no number", async () => {
      const item = { ReferenceSDDocumentItem: '10', Material: 'SKU-1001', RequestedQuantity: '1' };
      expect(await refusedWith(createReturn(customerReturn('4599999999', [item])))).toEqual({
        code: 'V1/302',
        message: { lang: 'en', value: 'Sales document 4599999999 does not exist' },
      });
      expect((await refusedWith(createReturn(customerReturn(order, [item], 'RMA-1', '99999999')))).code).toBe('V1/320');
      expect((await refusedWith(createReturn(customerReturn(order, [item], 'RMA-1', '10100002')))).code).toBe('V1/311');
      expect((await refusedWith(createReturn(customerReturn(order, [{ ...item, ReferenceSDDocumentItem: '30' }])))).code).toBe('V1/303');
      expect((await refusedWith(createReturn(customerReturn(order, [{ ...item, ReferenceSDDocument: '4500000099' }])))).code).toBe('V1/305');
      const material = await refusedWith(createReturn(customerReturn(order, [{ ...item, Material: 'SKU-1003' }])));
      expect(material).toMatchObject({ code: 'VF/010', message: { value: `Item 10 of sales document ${order} is for material SKU-1001, not SKU-1003` } });
      expect((await refusedWith(createReturn(customerReturn(order, [{ ...item, RequestedQuantity: '0' }])))).code).toBe('SD_SALES/045');
      expect((await refusedWith(createReturn(customerReturn(order, [{ ...item, RequestedQuantityUnit: 'PAL' }])))).code).toBe('SD_SALES/040');
      const duplicate = [
        { ...item, CustomerReturnItem: '10' },
        { ...item, CustomerReturnItem: '10' },
      ];
      expect((await refusedWith(createReturn(customerReturn(order, duplicate)))).code).toBe('V1/026');
      const malformed = await refusedWith(
        createReturn({ ...customerReturn(order, [{ ...item, RequestedQuantity: '-1' }]), SDDocumentReason: 'DAMAGED', YY1_ExternalReference: undefined }),
      );
      expect(malformed.message.value).toEqual(expect.stringContaining('SDDocumentReason'));
      expect(malformed.message.value).toEqual(expect.stringContaining('YY1_ExternalReference'));
      expect(malformed.message.value).toEqual(expect.stringContaining('to_Item[0].RequestedQuantity'));
      expect((await refusedWith(createReturn(customerReturn(order, [])))).message.value).toContain('to_Item');
      expect((await refusedWith(createReturn({ ...customerReturn(order, [item]), CustomerReturnType: 'RE' }))).message.value).toContain('CustomerReturnType');
      expect((await get(`${RETURNS}/A_CustomerReturn`)).body.d.results).toEqual([]);
      expect((await createReturn(customerReturn(order, [item]))).body.d.CustomerReturn).toBe('60000001');
    });

    it('requires a CSRF token like every ERP write, and accepts to_Item as a bare array', async () => {
      const body = { ...customerReturn(order, []), to_Item: [{ ReferenceSDDocumentItem: '10', RequestedQuantity: '1' }] };
      const without = await post(`${RETURNS}/A_CustomerReturn`, body, '');
      expect(without.status).toBe(403);
      expect(without.headers.get('x-csrf-token')).toBe('Required');
      expect((await createReturn(body)).status).toBe(201);
    });
  });

  describe('reads', () => {
    beforeEach(async () => {
      await createReturn(customerReturn(order, [{ ReferenceSDDocumentItem: '10', RequestedQuantity: '2' }], 'RMA-A'));
      await createReturn(customerReturn(order, [{ ReferenceSDDocumentItem: '20', RequestedQuantity: '1' }], 'RMA-B'));
    });

    it('reads a return by key, its items deferred, inline with $expand or through to_Item', async () => {
      const one = await get(`${RETURNS}/A_CustomerReturn('60000002')`);
      expect(one.body.d).toMatchObject({ CustomerReturn: '60000002', YY1_ExternalReference: 'RMA-B' });
      expect(one.body.d.to_Item.__deferred.uri).toMatch(/A_CustomerReturn\('60000002'\)\/to_Item$/);
      expect((await get(`${RETURNS}/A_CustomerReturn('60000002')?$expand=to_Item`)).body.d.to_Item.results).toHaveLength(1);
      const items = await get(`${RETURNS}/A_CustomerReturn('60000001')/to_Item`);
      expect(items.body.d.results).toEqual([expect.objectContaining({ CustomerReturnItem: '10', Material: 'SKU-1001' })]);
      expect((await get(`${RETURNS}/A_CustomerReturn('60000009')`)).status).toBe(404);
      expect((await get(RETURNS)).body.d.EntitySets).toEqual(['A_CustomerReturn', 'A_CustomerReturnItem']);
    });

    it('filters by YY1_ExternalReference, SoldToParty and ReferenceSDDocument; items by the sales order', async () => {
      const numbers = async (filter: string) => (await get(`${RETURNS}/A_CustomerReturn?${q(filter)}`)).body.d.results.map((r: Json) => r.CustomerReturn);
      expect(await numbers("YY1_ExternalReference eq 'RMA-B'")).toEqual(['60000002']);
      expect(await numbers("SoldToParty eq '10100001'")).toEqual(['60000001', '60000002']);
      expect(await numbers(`ReferenceSDDocument eq '${order}' and SoldToParty eq '10100002'`)).toEqual([]);
      expect(await numbers("YY1_ExternalReference eq 'RMA-Z'")).toEqual([]);
      const items = await get(`${RETURNS}/A_CustomerReturnItem?${q(`ReferenceSDDocument eq '${order}' and ReferenceSDDocumentItem eq '10'`)}`);
      expect(items.body.d.results).toEqual([expect.objectContaining({ CustomerReturn: '60000001', RequestedQuantityInBaseUnit: '2.000' })]);
      expect((await get(`${RETURNS}/A_CustomerReturn?${q("Nonsense eq 'x'")}`)).status).toBe(400);
    });
  });

  describe('credit memos (POST A_BillingDocument with BillingDocumentType G2)', () => {
    let returned: string;
    beforeEach(async () => {
      const { body } = await createReturn(customerReturn(order, [{ ReferenceSDDocumentItem: '10', RequestedQuantity: '15' }], 'RMA-1'));
      returned = body.d.CustomerReturn as string;
    });

    it("credits at the invoice's price and tax rate, in positive amounts with credit memo category O, and closes the return", async () => {
      const { status, body } = await creditMemo([credit(returned, '10', '15')]);
      expect(status).toBe(201);
      expect(body.d).toMatchObject({
        BillingDocument: '90000003',
        BillingDocumentType: 'G2',
        SDDocumentCategory: 'O',
        SoldToParty: '10100001',
        TotalNetAmount: '133.50', // 15 x 8.90
        TaxAmount: '7.68', // OH 5.75 %
        TotalGrossAmount: '141.18',
        InvoiceClearingStatus: 'A',
        YY1_ExternalReference: 'CM-1',
        YY1_ShipToRegion: 'OH',
      });
      // the second invoice billed only 10, so the latest invoice with 15 left is the first
      expect(body.d.to_Item.results).toEqual([
        expect.objectContaining({
          BillingDocumentItem: '10',
          Material: 'SKU-1001',
          BillingQuantity: '15.000',
          BillingQuantityInBaseUnit: '15.000',
          NetAmount: '133.50',
          TaxAmount: '7.68',
          ReferenceSDDocument: returned,
          ReferenceSDDocumentItem: '10',
          ReferenceSDDocumentCategory: 'H',
          YY1_ReferenceInvoice: firstInvoice,
          YY1_ReferenceInvoiceItem: '10',
        }),
      ]);
      const after = (await get(`${RETURNS}/A_CustomerReturn('${returned}')?$expand=to_Item`)).body.d;
      expect(after.OverallSDProcessStatus).toBe('C');
      expect(after.to_Item.results[0]).toMatchObject({ YY1_CreditedQuantityInBaseUnit: '15.000', SDProcessStatus: 'C' });
      // invoices keep their own figures and references; their items carry no invoice reference
      const invoiceItems = (await get(`${BILLING}/A_BillingDocumentItem?${q(`ReferenceSDDocument eq '${order}'`)}`)).body.d.results as Json[];
      expect(invoiceItems.map((i) => i.BillingDocument)).toEqual([firstInvoice, firstInvoice, secondInvoice]);
      expect(invoiceItems.every((i) => i.ReferenceSDDocumentCategory === 'C' && i.YY1_ReferenceInvoice === '')).toBe(true);
    });

    it('is found by YY1_ExternalReference like an invoice (after a lost answer), and by type', async () => {
      await creditMemo([credit(returned, '10', '4')], 'CM-7');
      const found = await get(`${BILLING}/A_BillingDocument?${q("YY1_ExternalReference eq 'CM-7' and SoldToParty eq '10100001'")}&$expand=to_Item`);
      expect(found.body.d.results).toEqual([expect.objectContaining({ BillingDocument: '90000003', BillingDocumentType: 'G2', TotalNetAmount: '35.60' })]);
      const byType = await get(`${BILLING}/A_BillingDocument?${q("BillingDocumentType eq 'G2'")}`);
      expect(byType.body.d.results.map((d: Json) => d.BillingDocument)).toEqual(['90000003']);
      // 4 fit on the latest invoice, the second
      const byReturn = await get(`${BILLING}/A_BillingDocumentItem?${q(`ReferenceSDDocument eq '${returned}'`)}`);
      expect(byReturn.body.d.results).toEqual([expect.objectContaining({ BillingDocument: '90000003', YY1_ReferenceInvoice: secondInvoice })]);
      expect((await get(`${RETURNS}/A_CustomerReturn('${returned}')`)).body.d.OverallSDProcessStatus).toBe('B');
    });

    it('never credits more than was returned, over several credit memos', async () => {
      expect((await creditMemo([credit(returned, '10', '10')])).status).toBe(201);
      const tooMuch = await refusedWith(creditMemo([credit(returned, '10', '6')], 'CM-2'));
      expect(tooMuch).toEqual({
        code: 'VF/062',
        message: { lang: 'en', value: `Item 10 of customer return ${returned}: credit quantity 6 EA exceeds the 5 EA returned and not yet credited` },
      });
      expect((await refusedWith(creditMemo([credit(returned, '10', '3'), credit(returned, '10', '3')], 'CM-2'))).code).toBe('VF/062');
      expect((await creditMemo([credit(returned, '10', '5')], 'CM-2')).status).toBe(201);
      expect((await refusedWith(creditMemo([credit(returned, '10', '1')], 'CM-3'))).code).toBe('VF/062');
    });

    it('credits against a named invoice, and never more than that invoice billed', async () => {
      const named = await creditMemo([credit(returned, '10', '10', { YY1_ReferenceInvoice: secondInvoice })]);
      expect(named.body.d.to_Item.results[0]).toMatchObject({ YY1_ReferenceInvoice: secondInvoice, NetAmount: '89.00' });
      const exhausted = await refusedWith(creditMemo([credit(returned, '10', '1', { YY1_ReferenceInvoice: secondInvoice })], 'CM-2'));
      expect(exhausted).toMatchObject({
        code: 'VF/063',
        message: { value: `Invoice ${secondInvoice} item 10: credit quantity 1 EA exceeds the 0 EA billed and not yet credited` },
      });
      const unknownInvoice = await refusedWith(creditMemo([credit(returned, '10', '1', { YY1_ReferenceInvoice: '90000099' })], 'CM-2'));
      expect(unknownInvoice).toMatchObject({ code: 'VF/002', message: { value: 'Billing document 90000099 does not exist' } });
      const notAnInvoice = await refusedWith(creditMemo([credit(returned, '10', '1', { YY1_ReferenceInvoice: named.body.d.BillingDocument })], 'CM-2'));
      expect(notAnInvoice.message.value).toBe(`Billing document ${named.body.d.BillingDocument} is not an invoice`);
      const otherOrder = await createOrder('10100001', [{ Material: 'SKU-1001', RequestedQuantity: '5' }]);
      const otherInvoice = await invoice('10100001', 'OH', 'INV-3', [
        { ReferenceSDDocument: otherOrder, ReferenceSDDocumentItem: '10', Material: 'SKU-1001', BillingQuantity: '5' },
      ]);
      const didNotBill = await refusedWith(creditMemo([credit(returned, '10', '1', { YY1_ReferenceInvoice: otherInvoice })], 'CM-2'));
      expect(didNotBill).toMatchObject({ code: 'VF/063', message: { value: `Invoice ${otherInvoice} did not bill item 10 of sales document ${order}` } });
    });

    it('asks for a split by invoice when no single invoice has the quantity left', async () => {
      const big = (await createReturn(customerReturn(order, [{ ReferenceSDDocumentItem: '10', RequestedQuantity: '15' }], 'RMA-2'))).body.d
        .CustomerReturn as string;
      await creditMemo([credit(returned, '10', '15')]); // 5 left on the first invoice, 10 on the second
      const unsplit = await refusedWith(creditMemo([credit(big, '10', '15')], 'CM-2'));
      expect(unsplit).toMatchObject({ code: 'VF/064', message: { value: expect.stringContaining('split the item by invoice with YY1_ReferenceInvoice') } });
      const split = await creditMemo(
        [credit(big, '10', '5', { YY1_ReferenceInvoice: firstInvoice }), credit(big, '10', '10', { YY1_ReferenceInvoice: secondInvoice })],
        'CM-2',
      );
      expect(split.status).toBe(201);
      expect(split.body.d).toMatchObject({ TotalNetAmount: '133.50', TaxAmount: '7.68' });
    });

    it('credits the exact rest of net and tax when a credit uses up an invoice item, so rounding never over-credits', async () => {
      // 10100003 pays the list price 14.25 for SKU-1003; CA 7.25 %: 5 EA bill 71.25 + 5.17
      const caOrder = await createOrder('10100003', [{ Material: 'SKU-1003', RequestedQuantity: '5' }]);
      const caInvoice = await invoice('10100003', 'CA', 'INV-CA', [
        { ReferenceSDDocument: caOrder, ReferenceSDDocumentItem: '10', Material: 'SKU-1003', BillingQuantity: '5' },
      ]);
      const caReturn = (await createReturn(customerReturn(caOrder, [{ ReferenceSDDocumentItem: '10', RequestedQuantity: '5' }], 'RMA-CA', '10100003'))).body.d
        .CustomerReturn as string;
      const one = await creditMemo([credit(caReturn, '10', '1', { Material: 'SKU-1003' })], 'CM-CA-1', '10100003');
      expect(one.body.d).toMatchObject({ TotalNetAmount: '14.25', TaxAmount: '1.03', YY1_ShipToRegion: 'CA' });
      const rest = await creditMemo([credit(caReturn, '10', '4', { Material: 'SKU-1003' })], 'CM-CA-2', '10100003');
      // 4 x 14.25 taxed alone would be 4.13; the rest of the invoice's 5.17 is 4.14
      expect(rest.body.d).toMatchObject({ TotalNetAmount: '57.00', TaxAmount: '4.14' });
      expect(rest.body.d.to_Item.results[0]).toMatchObject({ YY1_ReferenceInvoice: caInvoice });
    });

    it("refuses an unknown return or item, another customer's return, another material and stray invoice references", async () => {
      expect(await refusedWith(creditMemo([credit('60000099', '10', '1')]))).toEqual({
        code: 'VF/002',
        message: { lang: 'en', value: 'Customer return 60000099 does not exist' },
      });
      expect((await refusedWith(creditMemo([credit(returned, '20', '1')]))).code).toBe('VF/003');
      expect((await refusedWith(creditMemo([credit(returned, '10', '1')], 'CM-1', '10100002'))).code).toBe('VF/011');
      expect((await refusedWith(creditMemo([credit(returned, '10', '1', { Material: 'SKU-1003' })]))).code).toBe('VF/010');
      expect((await refusedWith(creditMemo([credit(returned, '10', '0')]))).code).toBe('VF/045');
      expect((await refusedWith(creditMemo([credit(returned, '10', '1', { BillingQuantityUnit: 'PAL' })]))).code).toBe('SD_SALES/040');
      const onInvoice = await refusedWith(
        post(`${BILLING}/A_BillingDocument`, {
          BillingDocumentType: 'F2',
          SoldToParty: '10100001',
          YY1_ExternalReference: 'INV-9',
          YY1_ShipToRegion: 'OH',
          to_Item: [
            { ReferenceSDDocument: order, ReferenceSDDocumentItem: '10', Material: 'SKU-1001', BillingQuantity: '1', YY1_ReferenceInvoice: firstInvoice },
          ],
        }),
      );
      expect(onInvoice.message.value).toContain('YY1_ReferenceInvoice is for credit memos (G2) only');
      expect((await get(`${BILLING}/A_BillingDocument?${q("BillingDocumentType eq 'G2'")}`)).body.d.results).toEqual([]);
    });

    it('leaves what an invoice billed unchanged: credit memos never make a sales order item billable again', async () => {
      await creditMemo([credit(returned, '10', '15')]);
      const overBill = await refusedWith(
        post(`${BILLING}/A_BillingDocument`, {
          SoldToParty: '10100001',
          YY1_ExternalReference: 'INV-9',
          YY1_ShipToRegion: 'OH',
          to_Item: [{ ReferenceSDDocument: order, ReferenceSDDocumentItem: '10', Material: 'SKU-1001', BillingQuantity: '1' }],
        }),
      );
      expect(overBill.code).toBe('VF/062');
    });

    it('a credit memo deleted as drift no longer counts: the return is open for credit again', async () => {
      const { body } = await creditMemo([credit(returned, '10', '15')]);
      expect((await control('DELETE', `/erp/billing-documents/${body.d.BillingDocument}`)).status).toBe(204);
      expect((await get(`${RETURNS}/A_CustomerReturn('${returned}')`)).body.d.OverallSDProcessStatus).toBe('A');
      expect((await creditMemo([credit(returned, '10', '15')], 'CM-2')).status).toBe(201);
    });
  });

  describe('faults', () => {
    afterAll(() => control('DELETE', '/erp/faults'));

    it('down: a return is never created, the connection just drops', async () => {
      await control('PUT', '/erp/faults', { down: true });
      await expect(createReturn(customerReturn(order, [{ ReferenceSDDocumentItem: '10', RequestedQuantity: '1' }]))).rejects.toThrow();
      await control('DELETE', '/erp/faults');
      expect((await get(`${RETURNS}/A_CustomerReturn`)).body.d.results).toEqual([]);
    });

    it('lost write answers: the return and the credit memo are created, and found afterwards by YY1_ExternalReference', async () => {
      await control('PUT', '/erp/faults', { loseWriteAnswers: true });
      await expect(createReturn(customerReturn(order, [{ ReferenceSDDocumentItem: '10', RequestedQuantity: '2' }], 'RMA-LOST'))).rejects.toThrow();
      await expect(creditMemo([credit('60000001', '10', '2')], 'CM-LOST')).rejects.toThrow();
      const found = await get(`${RETURNS}/A_CustomerReturn?${q("YY1_ExternalReference eq 'RMA-LOST'")}`);
      expect(found.body.d.results).toEqual([expect.objectContaining({ CustomerReturn: '60000001', OverallSDProcessStatus: 'C' })]);
      const memo = await get(`${BILLING}/A_BillingDocument?${q("YY1_ExternalReference eq 'CM-LOST'")}`);
      expect(memo.body.d.results).toEqual([expect.objectContaining({ BillingDocumentType: 'G2', TotalNetAmount: '17.80' })]);
      await control('DELETE', '/erp/faults');
      const calls = (await control('GET', '/erp/calls')).body.calls as Json[];
      expect(calls.filter((c) => c.status === 'lost').map((c) => c.path)).toEqual([
        '/sap/opu/odata/sap/API_CUSTOMER_RETURN_SRV/A_CustomerReturn',
        '/sap/opu/odata/sap/API_BILLING_DOCUMENT_SRV/A_BillingDocument',
      ]);
    });

    it('latency delays the answer of a return read', async () => {
      await control('PUT', '/erp/faults', { latencyMs: 300 });
      const started = Date.now();
      expect((await get(`${RETURNS}/A_CustomerReturn`)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });
  });
});
