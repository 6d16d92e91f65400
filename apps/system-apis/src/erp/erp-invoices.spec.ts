import { beforeAll, describe, expect, it } from '@jest/globals';
import type { CreateErpInvoiceDto, ErpInvoiceDto, ErpSalesOrderDto } from '@contracts';
import { billedErpOrder, call, useSandboxAndSystem } from '../../../../test/support/system-test-kit.js';

const today = () => new Date().toISOString().slice(0, 10);
const erpAuth = { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` };

describe('ERP invoices (billing documents) over the sandbox', () => {
  const spec = useSandboxAndSystem();
  const { api, erpCalls, clearErpCalls } = spec;
  let order: ErpSalesOrderDto;
  const invoice = (externalReference: string, lines: CreateErpInvoiceDto['lines'], shipToRegion = 'OH'): CreateErpInvoiceDto => ({
    customerId: '10100001',
    erpOrderNumber: order.erpOrderNumber,
    externalReference,
    shipToRegion,
    lines,
  });

  beforeAll(async () => {
    // Customer price 8.90/EA for SKU-1001 (2 CS = 24 EA), list price 14.25/EA for SKU-1003.
    ({ order } = await billedErpOrder(spec.systemUrl, {
      purchaseOrderNumber: 'PO-INV-1',
      lines: [
        { lineNumber: 1, sku: 'SKU-1001', quantity: 2, uom: 'CS' },
        { lineNumber: 2, sku: 'SKU-1003', quantity: 5, uom: 'EA' },
      ],
    }));
  });

  describe('POST /erp/v1/invoices', () => {
    it('creates the billing document: quantities as shipped, prices from the sales order, tax from the ERP', async () => {
      await clearErpCalls();
      const { status, body } = await api<ErpInvoiceDto>(
        'POST',
        '/erp/v1/invoices',
        invoice('inv-001', [
          { erpItemNumber: '10', sku: 'SKU-1001', quantity: 12 },
          { erpItemNumber: '20', sku: 'SKU-1003', quantity: 5 },
        ]),
      );
      expect(status).toBe(201);
      expect(body).toEqual({
        erpInvoiceNumber: '90000001',
        externalReference: 'inv-001',
        customerId: '10100001',
        erpOrderNumber: order.erpOrderNumber,
        erpOrderNumbers: [order.erpOrderNumber],
        invoiceDate: today(),
        currency: 'USD',
        netAmount: 178.05,
        taxAmount: 10.24,
        grossAmount: 188.29,
        status: 'open',
        lines: [
          { erpOrderNumber: order.erpOrderNumber, erpItemNumber: '10', sku: 'SKU-1001', quantity: 12, netAmount: 106.8, taxAmount: 6.14 },
          { erpOrderNumber: order.erpOrderNumber, erpItemNumber: '20', sku: 'SKU-1003', quantity: 5, netAmount: 71.25, taxAmount: 4.1 },
        ],
      });
      expect(await erpCalls()).toContainEqual('POST /sap/opu/odata/sap/API_BILLING_DOCUMENT_SRV/A_BillingDocument');
    });

    it("turns the ERP's refusal of over-billing into a 422 with its message", async () => {
      // 12 of the 24 EA of item 10 are billed already.
      const { status, headers, body } = await api('POST', '/erp/v1/invoices', invoice('inv-002', [{ erpItemNumber: '10', sku: 'SKU-1001', quantity: 13 }]));
      expect(status).toBe(422);
      expect(headers.get('content-type')).toContain('application/problem+json');
      expect(body).toMatchObject({
        status: 422,
        code: 'ERP.REJECTED',
        detail: `Item 10 of sales document ${order.erpOrderNumber}: billing quantity 13 EA exceeds the 12 EA not yet billed`,
      });
      const other = await api('POST', '/erp/v1/invoices', invoice('inv-002', [{ erpItemNumber: '20', sku: 'SKU-1001', quantity: 1 }]));
      expect(other.status).toBe(422);
      expect(other.body.detail).toContain('is for material SKU-1003, not SKU-1001');
      const rest = await api<ErpInvoiceDto>('POST', '/erp/v1/invoices', invoice('inv-002', [{ erpItemNumber: '10', sku: 'SKU-1001', quantity: 12 }], 'TX'));
      expect(rest.status).toBe(201);
      expect(rest.body).toMatchObject({ erpInvoiceNumber: '90000002', netAmount: 106.8, taxAmount: 6.68, grossAmount: 113.48 });
    });

    it("bills several sales orders of the customer in one document: each line names its order; another customer's order is refused", async () => {
      const salesOrder = async (purchaseOrderNumber: string, quantity: number, customerId = '10100001') =>
        (
          await api<ErpSalesOrderDto>('POST', '/erp/v1/sales-orders', {
            customerId,
            purchaseOrderNumber,
            lines: [{ lineNumber: 1, sku: 'SKU-1003', quantity, uom: 'EA' }],
          })
        ).body.erpOrderNumber;
      const [first, second] = [await salesOrder('PO-INV-2', 3), await salesOrder('PO-INV-3', 4)];
      const { status, body } = await api<ErpInvoiceDto>('POST', '/erp/v1/invoices', {
        ...invoice('inv-daily-1', [
          { erpItemNumber: '10', sku: 'SKU-1003', quantity: 1 },
          { erpOrderNumber: second, erpItemNumber: '10', sku: 'SKU-1003', quantity: 4 },
        ]),
        erpOrderNumber: first,
      });
      expect(status).toBe(201);
      expect(body.erpOrderNumbers).toEqual([first, second]);
      expect(body.lines.map((l) => [l.erpOrderNumber, l.erpItemNumber, l.quantity, l.netAmount])).toEqual([
        [first, '10', 1, 14.25],
        [second, '10', 4, 57],
      ]);
      expect(body.netAmount).toBe(71.25);
      // found again by its reference, with both orders
      const [found] = (await api<ErpInvoiceDto[]>('GET', '/erp/v1/invoices?externalReference=inv-daily-1')).body;
      expect(found?.erpOrderNumbers).toEqual([first, second]);

      const foreign = await salesOrder('PO-INV-4', 1, '10100002');
      const refused = await api(
        'POST',
        '/erp/v1/invoices',
        invoice('inv-daily-2', [{ erpOrderNumber: foreign, erpItemNumber: '10', sku: 'SKU-1003', quantity: 1 }]),
      );
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toContain('belongs to sold-to party 10100002');
    });

    it('rejects a bad body with a 400 problem listing each field, without calling the ERP', async () => {
      await clearErpCalls();
      const { status, body } = await api('POST', '/erp/v1/invoices', {
        customerId: '10100001',
        erpOrderNumber: 'SO-1',
        externalReference: 'x'.repeat(41),
        shipToRegion: 'Ohio',
        lines: [{ erpItemNumber: '10', sku: 'SKU-1001', quantity: 0, uom: 'CS' }],
      });
      expect(status).toBe(400);
      expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'erpOrderNumber',
        'externalReference',
        'lines[0].quantity',
        'lines[0].uom',
        'shipToRegion',
      ]);
      expect((await api('POST', '/erp/v1/invoices', { ...invoice('inv-003', []) })).status).toBe(400);
      expect(await erpCalls()).toEqual([]);
    });
  });

  describe('GET /erp/v1/invoices', () => {
    it('finds invoices by external reference at the ERP (lookup before create on retry)', async () => {
      await clearErpCalls();
      const found = await api<ErpInvoiceDto[]>('GET', '/erp/v1/invoices?externalReference=inv-001');
      expect(found.status).toBe(200);
      expect(found.body.map((i) => [i.erpInvoiceNumber, i.lines.length])).toEqual([['90000001', 2]]);
      expect(await erpCalls()).toContainEqual(
        expect.stringContaining("A_BillingDocument?$filter=YY1_ExternalReference eq 'inv-001' and BillingDocumentType eq 'F2'&$expand=to_Item"),
      );
      expect((await api('GET', '/erp/v1/invoices?externalReference=inv-001&customerId=10100002')).body).toEqual([]);
      expect((await api('GET', '/erp/v1/invoices?externalReference=inv-none')).body).toEqual([]);
      expect((await api('GET', '/erp/v1/invoices')).status).toBe(400);
    });

    it('answers one invoice, paid once the ERP cleared it, and 404 ERP.INVOICE_NOT_FOUND for an unknown number', async () => {
      const open = await api<ErpInvoiceDto>('GET', '/erp/v1/invoices/90000001');
      expect(open.body).toMatchObject({ erpInvoiceNumber: '90000001', status: 'open', grossAmount: 188.29 });
      expect((await call(spec.sandboxUrl, 'POST', '/control/erp/billing-documents/90000001/clear')).status).toBe(200);
      expect((await api<ErpInvoiceDto>('GET', '/erp/v1/invoices/90000001')).body).toEqual({ ...open.body, status: 'paid' });
      const missing = await api('GET', '/erp/v1/invoices/90999999');
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ status: 404, code: 'ERP.INVOICE_NOT_FOUND' });
    });
  });

  describe('POST /erp/v1/sales-orders/{n}/cancel', () => {
    it('rejects every item: the order is cancelled, its value leaves the credit exposure, it can no longer be billed; twice changes nothing', async () => {
      const exposure = async () =>
        Number(
          (
            await call<{ d: { CreditExposureAmount: string } }>(
              spec.sandboxUrl,
              'GET',
              "/sap/opu/odata/sap/API_BUSINESS_PARTNER/A_Customer('10100001')",
              undefined,
              erpAuth,
            )
          ).body.d.CreditExposureAmount,
        );
      const created = await api<ErpSalesOrderDto>('POST', '/erp/v1/sales-orders', {
        customerId: '10100001',
        purchaseOrderNumber: 'PO-CANCEL-1',
        lines: [
          { lineNumber: 1, sku: 'SKU-1003', quantity: 2, uom: 'EA' },
          { lineNumber: 2, sku: 'SKU-1004', quantity: 1, uom: 'EA' },
        ],
      });
      expect(created.body.cancelled).toBe(false);
      const before = await exposure();
      const cancelled = await api<ErpSalesOrderDto>('POST', `/erp/v1/sales-orders/${created.body.erpOrderNumber}/cancel`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ erpOrderNumber: created.body.erpOrderNumber, cancelled: true });
      expect(await exposure()).toBeCloseTo(before - created.body.netAmount, 2);
      expect((await api('POST', `/erp/v1/sales-orders/${created.body.erpOrderNumber}/cancel`)).body.cancelled).toBe(true);
      expect(await exposure()).toBeCloseTo(before - created.body.netAmount, 2);

      const billed = await api('POST', '/erp/v1/invoices', {
        ...invoice('inv-cancelled', [{ erpItemNumber: '10', sku: 'SKU-1003', quantity: 1 }]),
        erpOrderNumber: created.body.erpOrderNumber,
      });
      expect(billed.status).toBe(422);
      expect(billed.body.detail).toContain('is rejected');
      expect((await api('POST', '/erp/v1/sales-orders/4599999999/cancel')).status).toBe(404);
    });
  });

  // Last: an outage may open the `erp` breaker for the rest of this suite.
  describe('when the ERP is down', () => {
    it('answers 503 problem+json with Retry-After through the erp breaker, for writes and reads', async () => {
      const faults = `${spec.sandboxUrl}/control/erp/faults`;
      await fetch(faults, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ down: true }) });
      try {
        for (const [method, path, body] of [
          ['POST', '/erp/v1/invoices', invoice('inv-004', [{ erpItemNumber: '20', sku: 'SKU-1003', quantity: 1 }])],
          ['GET', '/erp/v1/invoices?externalReference=inv-004', undefined],
        ] as const) {
          const { status, headers, body: problem } = await api(method, path, body);
          expect(status).toBe(503);
          expect(headers.get('content-type')).toContain('application/problem+json');
          expect(headers.get('retry-after')).toMatch(/^\d+$/);
          expect(problem.status).toBe(503);
        }
      } finally {
        await fetch(faults, { method: 'DELETE' });
      }
    });
  });
});
