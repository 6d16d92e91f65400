import { beforeAll, describe, expect, it } from '@jest/globals';
import type { CreateErpCreditMemoDto, CreateErpCustomerReturnDto, ErpCreditMemoDto, ErpCustomerReturnDto, ErpInvoiceDto, ErpSalesOrderDto } from '@contracts';
import { billedErpOrder, call, useSandboxAndSystem } from '../../../../test/support/system-test-kit.js';

const today = () => new Date().toISOString().slice(0, 10);

describe('ERP customer returns and credit memos over the sandbox', () => {
  const spec = useSandboxAndSystem();
  const { api, erpCalls, clearErpCalls } = spec;
  let order: ErpSalesOrderDto;
  let invoice: ErpInvoiceDto;
  let sharedInvoice: ErpInvoiceDto;
  const faults = (body?: object) => call(spec.sandboxUrl, body ? 'PUT' : 'DELETE', '/control/erp/faults', body);
  const customerReturn = (externalReference: string, lines: CreateErpCustomerReturnDto['lines']): CreateErpCustomerReturnDto => ({
    customerId: '10100001',
    erpOrderNumber: order.erpOrderNumber,
    purchaseOrderNumber: 'PO-RET-1',
    externalReference,
    reasonCode: '101',
    lines,
  });
  const creditMemo = (externalReference: string, erpReturnNumber: string, lines: CreateErpCreditMemoDto['lines']): CreateErpCreditMemoDto => ({
    customerId: '10100001',
    erpReturnNumber,
    externalReference,
    lines,
  });

  beforeAll(async () => {
    // Customer price 8.90/EA for SKU-1001, list price 14.25/EA for SKU-1003; billed in Ohio (5.75 %).
    ({
      order,
      invoices: [invoice, sharedInvoice],
    } = await billedErpOrder(
      spec.systemUrl,
      {
        purchaseOrderNumber: 'PO-RET-1',
        lines: [
          { lineNumber: 1, sku: 'SKU-1001', quantity: 30, uom: 'EA' },
          { lineNumber: 2, sku: 'SKU-1003', quantity: 5, uom: 'EA' },
        ],
      },
      [
        { externalReference: 'inv-ret-1', lines: [{ erpItemNumber: '10', sku: 'SKU-1001', quantity: 30 }] },
        // the same reference as a credit memo below: lookups must tell them apart
        { externalReference: 'doc-shared-1', lines: [{ erpItemNumber: '20', sku: 'SKU-1003', quantity: 3 }] },
      ],
    ));
  });

  describe('POST /erp/v1/customer-returns', () => {
    it('creates the customer return with reference to the sales order, valued at the order price, nothing credited yet', async () => {
      await clearErpCalls();
      const { status, body } = await api<ErpCustomerReturnDto>(
        'POST',
        '/erp/v1/customer-returns',
        customerReturn('ret-1', [{ erpItemNumber: '10', sku: 'SKU-1001', quantity: 20, uom: 'EA', reasonCode: '101' }]),
      );
      expect(status).toBe(201);
      expect(body).toEqual({
        erpReturnNumber: '60000001',
        externalReference: 'ret-1',
        customerId: '10100001',
        erpOrderNumber: order.erpOrderNumber,
        currency: 'USD',
        netAmount: 178,
        creditStatus: 'none',
        createdOn: today(),
        lines: [{ erpReturnItemNumber: '10', erpItemNumber: '10', sku: 'SKU-1001', quantity: 20, uom: 'EA', netAmount: 178, creditedQuantity: 0 }],
      });
      expect(await erpCalls()).toContainEqual('POST /sap/opu/odata/sap/API_CUSTOMER_RETURN_SRV/A_CustomerReturn');
      const native = await call(spec.sandboxUrl, 'GET', "/sap/opu/odata/sap/API_CUSTOMER_RETURN_SRV/A_CustomerReturn('60000001')?$expand=to_Item", undefined, {
        authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}`,
      });
      expect(native.body.d).toMatchObject({ SDDocumentReason: '101', PurchaseOrderByCustomer: 'PO-RET-1', YY1_ExternalReference: 'ret-1' });
      expect(native.body.d.to_Item.results[0]).toMatchObject({ ReferenceSDDocumentItem: '10', ReturnReason: '101', RequestedQuantityUnit: 'EA' });
    });

    it("turns the ERP's refusals into 422 ERP.REJECTED with its message: more than billed and not yet returned, an unknown item, another customer", async () => {
      // 30 billed, 20 returned: a case of 12 is too much
      const tooMany = await api(
        'POST',
        '/erp/v1/customer-returns',
        customerReturn('ret-2', [{ erpItemNumber: '10', sku: 'SKU-1001', quantity: 1, uom: 'CS', reasonCode: '101' }]),
      );
      expect(tooMany.status).toBe(422);
      expect(tooMany.headers.get('content-type')).toContain('application/problem+json');
      expect(tooMany.body).toMatchObject({ status: 422, code: 'ERP.REJECTED' });
      expect(tooMany.body.detail).toContain('exceeds the 10 EA billed and not yet returned');
      const unknownItem = await api(
        'POST',
        '/erp/v1/customer-returns',
        customerReturn('ret-2', [{ erpItemNumber: '90', sku: 'SKU-1001', quantity: 1, uom: 'EA', reasonCode: '101' }]),
      );
      expect(unknownItem.status).toBe(422);
      expect(unknownItem.body.code).toBe('ERP.REJECTED');
      const foreign = await api('POST', '/erp/v1/customer-returns', {
        ...customerReturn('ret-2', [{ erpItemNumber: '10', sku: 'SKU-1001', quantity: 1, uom: 'EA', reasonCode: '101' }]),
        customerId: '10100002',
      });
      expect(foreign.status).toBe(422);
      expect(foreign.body.code).toBe('ERP.REJECTED');
      // a refused return burns no number and leaves nothing to find
      expect((await api('GET', '/erp/v1/customer-returns?externalReference=ret-2')).body).toEqual([]);
    });

    it('rejects a bad body with a 400 problem listing each field, without calling the ERP', async () => {
      await clearErpCalls();
      const { status, body } = await api('POST', '/erp/v1/customer-returns', {
        customerId: '10100001',
        erpOrderNumber: 'SO-1',
        purchaseOrderNumber: 'PO-RET-1',
        externalReference: 'x'.repeat(36),
        reasonCode: 'damaged',
        lines: [{ erpItemNumber: '10', sku: 'SKU-1001', quantity: 0, uom: 'BX', reasonCode: '101' }],
      });
      expect(status).toBe(400);
      expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'erpOrderNumber',
        'externalReference',
        'lines[0].quantity',
        'lines[0].uom',
        'reasonCode',
      ]);
      expect((await api('POST', '/erp/v1/customer-returns', customerReturn('ret-3', []))).status).toBe(400);
      expect(await erpCalls()).toEqual([]);
    });
  });

  describe('GET /erp/v1/customer-returns', () => {
    it('finds returns by external reference at the ERP', async () => {
      await clearErpCalls();
      const found = await api<ErpCustomerReturnDto[]>('GET', '/erp/v1/customer-returns?externalReference=ret-1');
      expect(found.status).toBe(200);
      expect(found.body.map((r) => [r.erpReturnNumber, r.lines.length])).toEqual([['60000001', 1]]);
      expect(await erpCalls()).toContainEqual(expect.stringContaining("A_CustomerReturn?$filter=YY1_ExternalReference eq 'ret-1'&$expand=to_Item"));
      expect((await api('GET', '/erp/v1/customer-returns?externalReference=ret-none')).body).toEqual([]);
      expect((await api('GET', '/erp/v1/customer-returns')).status).toBe(400);
    });

    it('finds a return whose answer was lost: the ERP created it, the caller got a 503', async () => {
      await faults({ loseWriteAnswers: true });
      try {
        const lost = await api(
          'POST',
          '/erp/v1/customer-returns',
          customerReturn('ret-lost', [{ erpItemNumber: '20', sku: 'SKU-1003', quantity: 2, uom: 'EA', reasonCode: '102' }]),
        );
        expect(lost.status).toBe(503);
        expect(lost.headers.get('retry-after')).toMatch(/^\d+$/);
      } finally {
        await faults();
      }
      const [found, ...more] = (await api<ErpCustomerReturnDto[]>('GET', '/erp/v1/customer-returns?externalReference=ret-lost')).body;
      expect(more).toEqual([]);
      expect(found).toMatchObject({
        erpReturnNumber: '60000002',
        netAmount: 28.5,
        lines: [{ erpItemNumber: '20', sku: 'SKU-1003', quantity: 2, netAmount: 28.5, creditedQuantity: 0 }],
      });
    });
  });

  describe('credit memos', () => {
    it("credits returned quantities at the invoice's price and tax rate (positive amounts), and the return shows it credited", async () => {
      await clearErpCalls();
      const { status, body } = await api<ErpCreditMemoDto>(
        'POST',
        '/erp/v1/credit-memos',
        creditMemo('cm-1', '60000001', [{ erpReturnItemNumber: '10', sku: 'SKU-1001', quantity: 20 }]),
      );
      expect(status).toBe(201);
      expect(body).toEqual({
        erpCreditMemoNumber: expect.stringMatching(/^900000\d\d$/),
        externalReference: 'cm-1',
        customerId: '10100001',
        erpReturnNumber: '60000001',
        currency: 'USD',
        netAmount: 178,
        taxAmount: 10.24,
        grossAmount: 188.24,
        lines: [{ erpReturnItemNumber: '10', sku: 'SKU-1001', quantity: 20, netAmount: 178, taxAmount: 10.24, erpInvoiceNumber: invoice.erpInvoiceNumber }],
      });
      expect(await erpCalls()).toContainEqual('POST /sap/opu/odata/sap/API_BILLING_DOCUMENT_SRV/A_BillingDocument');
      const [credited] = (await api<ErpCustomerReturnDto[]>('GET', '/erp/v1/customer-returns?externalReference=ret-1')).body;
      expect(credited).toMatchObject({ creditStatus: 'full', lines: [{ quantity: 20, creditedQuantity: 20 }] });

      const found = await api<ErpCreditMemoDto[]>('GET', '/erp/v1/credit-memos?externalReference=cm-1');
      expect(found.status).toBe(200);
      expect(found.body).toEqual([body]);
      expect(await erpCalls()).toContainEqual(
        expect.stringContaining("A_BillingDocument?$filter=YY1_ExternalReference eq 'cm-1' and BillingDocumentType eq 'G2'&$expand=to_Item"),
      );
    });

    it("turns the ERP's refusals into 422 ERP.REJECTED: more than left to credit, an invoice that did not bill the item", async () => {
      const again = await api('POST', '/erp/v1/credit-memos', creditMemo('cm-2', '60000001', [{ erpReturnItemNumber: '10', sku: 'SKU-1001', quantity: 1 }]));
      expect(again.status).toBe(422);
      expect(again.body).toMatchObject({ status: 422, code: 'ERP.REJECTED' });
      const otherInvoice = await api(
        'POST',
        '/erp/v1/credit-memos',
        creditMemo('cm-2', '60000002', [{ erpReturnItemNumber: '10', sku: 'SKU-1003', quantity: 1, erpInvoiceNumber: invoice.erpInvoiceNumber }]),
      );
      expect(otherInvoice.status).toBe(422);
      expect(otherInvoice.body.code).toBe('ERP.REJECTED');
      expect((await api('GET', '/erp/v1/credit-memos?externalReference=cm-2')).body).toEqual([]);
      const bad = await api('POST', '/erp/v1/credit-memos', { ...creditMemo('cm-2', 'R-1', [{ erpReturnItemNumber: '10', sku: 'SKU-1003', quantity: -1 }]) });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['erpReturnNumber', 'lines[0].quantity']);
    });

    it('never takes a credit memo for an invoice with the same reference, nor an invoice for a credit memo', async () => {
      const memo = await api<ErpCreditMemoDto>(
        'POST',
        '/erp/v1/credit-memos',
        creditMemo('doc-shared-1', '60000002', [{ erpReturnItemNumber: '10', sku: 'SKU-1003', quantity: 2, erpInvoiceNumber: sharedInvoice.erpInvoiceNumber }]),
      );
      expect(memo.status).toBe(201);
      // 2 × 14.25 = 28.50 net at 5.75 % = 1.64 tax
      expect(memo.body).toMatchObject({ netAmount: 28.5, taxAmount: 1.64, grossAmount: 30.14, lines: [{ erpInvoiceNumber: sharedInvoice.erpInvoiceNumber }] });

      await clearErpCalls();
      const invoices = (await api<ErpInvoiceDto[]>('GET', '/erp/v1/invoices?externalReference=doc-shared-1')).body;
      expect(invoices.map((i) => i.erpInvoiceNumber)).toEqual([sharedInvoice.erpInvoiceNumber]);
      expect(await erpCalls()).toContainEqual(
        expect.stringContaining("A_BillingDocument?$filter=YY1_ExternalReference eq 'doc-shared-1' and BillingDocumentType eq 'F2'&$expand=to_Item"),
      );
      const memos = (await api<ErpCreditMemoDto[]>('GET', '/erp/v1/credit-memos?externalReference=doc-shared-1')).body;
      expect(memos.map((m) => m.erpCreditMemoNumber)).toEqual([memo.body.erpCreditMemoNumber]);
      // one number range: a credit memo's number read as an invoice is not found
      const asInvoice = await api('GET', `/erp/v1/invoices/${memo.body.erpCreditMemoNumber}`);
      expect(asInvoice.status).toBe(404);
      expect(asInvoice.body).toMatchObject({ code: 'ERP.INVOICE_NOT_FOUND' });
      expect((await api('GET', `/erp/v1/invoices/${sharedInvoice.erpInvoiceNumber}`)).status).toBe(200);
    });
  });

  // Last: an outage may open the `erp` breaker for the rest of this suite.
  describe('when the ERP is down', () => {
    it('answers 503 problem+json with Retry-After for returns and credit memos, writes and reads', async () => {
      await faults({ down: true });
      try {
        for (const [method, path, body] of [
          [
            'POST',
            '/erp/v1/customer-returns',
            customerReturn('ret-down', [{ erpItemNumber: '20', sku: 'SKU-1003', quantity: 1, uom: 'EA', reasonCode: '101' }]),
          ],
          ['GET', '/erp/v1/customer-returns?externalReference=ret-down', undefined],
          ['POST', '/erp/v1/credit-memos', creditMemo('cm-down', '60000002', [{ erpReturnItemNumber: '10', sku: 'SKU-1003', quantity: 1 }])],
          ['GET', '/erp/v1/credit-memos?externalReference=cm-down', undefined],
        ] as const) {
          const { status, headers, body: problem } = await api(method, path, body);
          expect(status).toBe(503);
          expect(headers.get('content-type')).toContain('application/problem+json');
          expect(headers.get('retry-after')).toMatch(/^\d+$/);
          expect(problem.status).toBe(503);
        }
      } finally {
        await faults();
      }
    });
  });
});
