import { describe, expect, it } from '@jest/globals';
import type { CustomerDto, InboundSupplyDto } from '@contracts';
import { inDays, useSandboxAndSystem } from '../../../../test/support/system-test-kit.js';

describe('ERP inbound supply and customer fulfillment policy over the sandbox', () => {
  // No process layer: nothing here publishes an event.
  const spec = useSandboxAndSystem();
  const { clearErpCalls } = spec;
  const api = <T = any>(path: string) => spec.api<T>('GET', path);
  const erpCalls = async () => (await spec.control<{ calls: { path: string }[] }>('GET', '/erp/calls')).body.calls.map((c) => decodeURIComponent(c.path));

  describe('GET /erp/v1/inbound-supply', () => {
    it('answers every open schedule line in base units, sorted by eta then sku', async () => {
      const { status, body } = await api<InboundSupplyDto[]>('/erp/v1/inbound-supply');
      expect(status).toBe(200);
      expect(body).toEqual([
        { sku: 'SKU-1005', warehouseId: 'DC01', quantity: 360, eta: inDays(7), source: 'purchase_order', reference: '4100000003/10' },
        { sku: 'SKU-1001', warehouseId: 'DC02', quantity: 600, eta: inDays(14), source: 'purchase_order', reference: '4100000001/10' },
        { sku: 'SKU-1002', warehouseId: 'DC02', quantity: 240, eta: inDays(14), source: 'purchase_order', reference: '4100000001/20' },
        { sku: 'SKU-1009', warehouseId: 'DC03', quantity: 60, eta: inDays(21), source: 'purchase_order', reference: '4100000003/20' },
        { sku: 'SKU-1001', warehouseId: 'DC01', quantity: 400, eta: inDays(30), source: 'purchase_order', reference: '4100000002/10' },
      ]);
    });

    it('filters by sku and warehouse at the ERP; the fully received line of SKU-1001 is not supply', async () => {
      await clearErpCalls();
      const sku = await api<InboundSupplyDto[]>('/erp/v1/inbound-supply?sku=SKU-1001');
      expect(sku.body.map((s) => [s.warehouseId, s.quantity, s.eta])).toEqual([
        ['DC02', 600, inDays(14)],
        ['DC01', 400, inDays(30)],
      ]);
      const one = await api<InboundSupplyDto[]>('/erp/v1/inbound-supply?sku=SKU-1001&warehouseId=DC01');
      expect(one.body).toEqual([expect.objectContaining({ reference: '4100000002/10', quantity: 400 })]);
      expect(await erpCalls()).toContainEqual(expect.stringContaining("A_PurchaseOrderScheduleLine?$filter=Material eq 'SKU-1001' and Plant eq 'DC01'"));
      expect((await api<InboundSupplyDto[]>('/erp/v1/inbound-supply?warehouseId=DC03')).body.map((s) => s.sku)).toEqual(['SKU-1009']);
      expect((await api<InboundSupplyDto[]>('/erp/v1/inbound-supply?sku=SKU-1024')).body).toEqual([]);
    });

    it('rejects a bad query with a 400 problem listing each field, without calling the ERP', async () => {
      await clearErpCalls();
      const { status, headers, body } = await api('/erp/v1/inbound-supply?sku=&warehouseId=dc-01&plant=DC01');
      expect(status).toBe(400);
      expect(headers.get('content-type')).toContain('application/problem+json');
      expect(body).toMatchObject({ status: 400, correlationId: headers.get('x-correlation-id') });
      expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['plant', 'sku', 'warehouseId']);
      expect(await erpCalls()).toEqual([]);
    });
  });

  describe('GET /erp/v1/customers/:id fulfillmentPolicy', () => {
    it.each([
      ['10100001', { shipComplete: false, whenShipCompleteImpossible: 'backorder', backorderWithoutDate: false }],
      ['10100002', { shipComplete: true, whenShipCompleteImpossible: 'backorder', backorderWithoutDate: false }],
      ['10100003', { shipComplete: true, whenShipCompleteImpossible: 'reject', backorderWithoutDate: false }],
      ['10100004', { shipComplete: false, whenShipCompleteImpossible: 'backorder', backorderWithoutDate: true }],
    ])('maps the ship-complete and backorder fields of %s', async (customerId, policy) => {
      const { status, body } = await api<CustomerDto>(`/erp/v1/customers/${customerId}`);
      expect(status).toBe(200);
      expect(body.fulfillmentPolicy).toEqual(policy);
    });
  });

  // Last: an outage may open the `erp` breaker for the rest of this suite.
  describe('when the ERP is down', () => {
    it('answers 503 problem+json with Retry-After through the erp breaker', async () => {
      const faults = `${spec.sandboxUrl}/control/erp/faults`;
      await fetch(faults, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ down: true }) });
      try {
        const { status, headers, body } = await api('/erp/v1/inbound-supply?sku=SKU-1001');
        expect(status).toBe(503);
        expect(headers.get('content-type')).toContain('application/problem+json');
        expect(headers.get('retry-after')).toMatch(/^\d+$/);
        expect(body.status).toBe(503);
      } finally {
        await fetch(faults, { method: 'DELETE' });
      }
    });
  });
});
