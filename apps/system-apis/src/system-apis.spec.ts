import { describe, expect, it } from '@jest/globals';
import type { CustomerDto, InventoryPositionDto, ItemDto, OmsOrderDto, PriceDto } from '@contracts';
import { call, FakeProcessLayer, type Reply, sleep, useSandboxAndSystem, wmsSignature } from '../../../test/support/system-test-kit.js';

describe('system APIs over the sandbox backends', () => {
  const processLayer = new FakeProcessLayer();
  const spec = useSandboxAndSystem({ processLayer, env: { BREAKER_RESET_MS: '500' } });
  const { api, control } = spec;
  const erpCalls = async () => (await control<{ calls: { method: string; path: string; status: number }[] }>('GET', '/erp/calls')).body.calls;
  const readiness = async () => (await api('GET', '/health/ready')).body;

  describe('ERP', () => {
    it('maps a customer, decimals as numbers', async () => {
      const { status, body } = await api<CustomerDto>('GET', '/erp/v1/customers/10100001');
      expect(status).toBe(200);
      expect(body).toEqual({
        customerId: '10100001',
        name: 'Acme Manufacturing Inc.',
        country: 'US',
        region: 'OH',
        city: 'Cleveland',
        postalCode: '44114',
        taxNumber: '34-1827745',
        currency: 'USD',
        priceGroup: '02',
        paymentTerms: 'NT30',
        billingPolicy: 'per_shipment',
        credit: { limit: 250000, exposure: 41250, blocked: false },
        fulfillmentPolicy: { shipComplete: false, whenShipCompleteImpossible: 'backorder', backorderWithoutDate: false },
        returnWindowDays: 30,
      });
    });

    it('maps a credit block with its reason', async () => {
      const { body } = await api<CustomerDto>('GET', '/erp/v1/customers/10100005');
      expect(body.credit).toEqual({ limit: 20000, exposure: 23870.4, blocked: true, blockReason: 'Overdue receivables past 90 days' });
    });

    it('answers an unknown customer with a 404 problem and a stable code', async () => {
      const { status, headers, body } = await api('GET', '/erp/v1/customers/99999999');
      expect(status).toBe(404);
      expect(headers.get('content-type')).toContain('application/problem+json');
      expect(body).toMatchObject({ status: 404, code: 'ERP.CUSTOMER_NOT_FOUND' });
      expect(body.correlationId).toBe(headers.get('x-correlation-id'));
    });

    it('pages through the item master with an opaque cursor', async () => {
      const items: ItemDto[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `?limit=10&cursor=${cursor}` : '?limit=10';
        const { status, body } = await api<{ items: ItemDto[]; nextCursor: string | null }>('GET', `/erp/v1/items${query}`);
        expect(status).toBe(200);
        items.push(...body.items);
        cursor = body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(new Set(items.map((item) => item.sku)).size).toBe(24);
      expect(items[0]).toEqual({
        sku: 'SKU-1001',
        description: 'Nitrile exam gloves, powder-free, size L, box of 100',
        baseUom: 'EA',
        conversions: [{ uom: 'CS', factor: 12 }],
        productGroup: 'GLOVES',
        returnable: true,
      });
    });

    it("carries the return policy's master data: the customer's return window and items not returnable", async () => {
      const window = async (customerId: string) => (await api<CustomerDto>('GET', `/erp/v1/customers/${customerId}`)).body.returnWindowDays;
      expect(await window('10100004')).toBe(30);
      expect(await window('10100006')).toBeNull(); // no window agreed with this customer
      const { body } = await api<{ items: ItemDto[] }>('GET', '/erp/v1/items?limit=100');
      expect(body.items.filter((item) => item.returnable === false).map((item) => item.sku)).toEqual(['SKU-1018']); // the aerosol (hazmat)
      expect(body.items.every((item) => typeof item.returnable === 'boolean')).toBe(true);
    });

    it('rejects a cursor it did not issue', async () => {
      const { status, body } = await api('GET', '/erp/v1/items?cursor=bogus');
      expect(status).toBe(400);
      expect(body.errors).toEqual([{ field: 'cursor', messages: [expect.any(String)] }]);
    });

    it("prices with the customer's contract price over the list price", async () => {
      const { body } = await api<PriceDto[]>('GET', '/erp/v1/prices?customerId=10100001&skus=SKU-1001,SKU-1003');
      expect(body).toEqual([
        { sku: 'SKU-1001', unitPrice: 8.9, currency: 'USD', source: 'customer' },
        { sku: 'SKU-1003', unitPrice: 14.25, currency: 'USD', source: 'list' },
      ]);
      const all = (await api<PriceDto[]>('GET', '/erp/v1/prices?customerId=10100003')).body;
      expect(all).toHaveLength(24);
      expect(all.every((price) => price.source === 'list')).toBe(true);
    });

    it('creates a sales order after fetching the CSRF token, and reads it back', async () => {
      await control('DELETE', '/erp/calls');
      const order = {
        customerId: '10100001',
        purchaseOrderNumber: 'PO-SYS-1',
        requestedDeliveryDate: '2026-12-01',
        lines: [
          { lineNumber: 1, sku: 'SKU-1001', quantity: 24, uom: 'EA' },
          { lineNumber: 2, sku: 'SKU-1003', quantity: 2, uom: 'CS' },
        ],
      };
      const created = await api('POST', '/erp/v1/sales-orders', order);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        customerId: '10100001',
        purchaseOrderNumber: 'PO-SYS-1',
        currency: 'USD',
        netAmount: 555.6,
        creditStatus: 'passed',
        deliveryBlocked: false,
        createdOn: new Date().toISOString().slice(0, 10),
        lines: [
          { erpItemNumber: '10', lineNumber: 1, sku: 'SKU-1001', quantity: 24, uom: 'EA', netAmount: 213.6, unitPrice: 8.9 },
          { erpItemNumber: '20', lineNumber: 2, sku: 'SKU-1003', quantity: 2, uom: 'CS', netAmount: 342, unitPrice: 14.25 },
        ],
      });
      const calls = await erpCalls();
      expect(calls.map((c) => `${c.method} ${c.path.replace(/\?.*$/, '')} ${c.status}`)).toEqual([
        'GET /sap/opu/odata/sap/API_SALES_ORDER_SRV 200',
        'POST /sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder 201',
      ]);

      const number = created.body.erpOrderNumber as string;
      expect((await api('GET', `/erp/v1/sales-orders/${number}`)).body).toEqual(created.body);
      expect((await api('GET', '/erp/v1/sales-orders?customerId=10100001&purchaseOrderNumber=PO-SYS-1')).body).toEqual([created.body]);
      expect((await api('GET', '/erp/v1/sales-orders?customerId=10100001&purchaseOrderNumber=PO-NONE')).body).toEqual([]);
    });

    it('books an order of a credit-blocked customer as blocked', async () => {
      const { status, body } = await api('POST', '/erp/v1/sales-orders', {
        customerId: '10100005',
        purchaseOrderNumber: 'PO-SYS-2',
        lines: [{ lineNumber: 1, sku: 'SKU-1001', quantity: 1, uom: 'EA' }],
      });
      expect(status).toBe(201);
      expect(body).toMatchObject({ creditStatus: 'blocked', deliveryBlocked: true });
    });

    it("turns the ERP's 400 into a 422 with its message, and a 404 into a stable code", async () => {
      const rejected = await api('POST', '/erp/v1/sales-orders', {
        customerId: '10100001',
        purchaseOrderNumber: 'PO-SYS-3',
        lines: [{ lineNumber: 1, sku: 'NOPE', quantity: 1, uom: 'EA' }],
      });
      expect(rejected.status).toBe(422);
      expect(rejected.body).toMatchObject({ code: 'ERP.REJECTED', detail: 'Material NOPE does not exist' });
      expect((await api('GET', '/erp/v1/sales-orders/1')).body).toMatchObject({ status: 404, code: 'ERP.SALES_ORDER_NOT_FOUND' });
    });

    it('validates input before it reaches the ERP', async () => {
      await control('DELETE', '/erp/calls');
      const { status, body } = await api('POST', '/erp/v1/sales-orders', {
        customerId: '10100001',
        lines: [{ lineNumber: 0, sku: 'SKU-1001', quantity: 1, uom: 'PAL' }],
      });
      expect(status).toBe(400);
      expect(body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['purchaseOrderNumber', 'lines[0].lineNumber', 'lines[0].uom']),
      );
      expect(await erpCalls()).toEqual([]);
    });
  });

  describe('WMS', () => {
    it('lists the warehouses', async () => {
      const { body } = await api('GET', '/wms/v1/warehouses');
      expect(body.map((w: { warehouseId: string }) => w.warehouseId)).toEqual(['DC01', 'DC02', 'DC03']);
      expect(body[0]).toEqual({ warehouseId: 'DC01', name: 'Newark DC', region: 'US-EAST', transitDays: { 'US-EAST': 1, 'US-CENTRAL': 3, 'US-WEST': 5 } });
    });

    it('maps stock to positions in base eaches, holds kept apart', async () => {
      const { status, body } = await api<InventoryPositionDto[]>('GET', '/wms/v1/inventory?sku=SKU-1001');
      expect(status).toBe(200);
      const common = { sku: 'SKU-1001', allocated: 0, reserved: 0, safetyStock: 0, inTransit: [] };
      expect(body).toEqual([
        { ...common, warehouseId: 'DC01', onHand: 548, qualityHold: 48, available: 500 },
        { ...common, warehouseId: 'DC02', onHand: 400, qualityHold: 0, available: 400 },
        { ...common, warehouseId: 'DC03', onHand: 362, qualityHold: 12, available: 350 },
      ]);
    });

    it('releases a fulfillment order in eaches', async () => {
      const { status, body } = await api('POST', '/wms/v1/fulfillment-orders', {
        erpOrderNumber: '4500000001',
        warehouseId: 'DC02',
        shipTo: { name: 'Acme Dock 4', line1: '100 Industrial Way', city: 'Cleveland', region: 'OH', postalCode: '44114', country: 'US' },
        lines: [{ lineNumber: 1, sku: 'SKU-1001', quantity: 30 }],
      });
      expect(status).toBe(201);
      expect(body).toMatchObject({ erpOrderNumber: '4500000001', warehouseId: 'DC02', lines: [{ lineNumber: 1, sku: 'SKU-1001', quantity: 30 }] });
      expect(['released']).toContain(body.status);
      expect((await api<InventoryPositionDto[]>('GET', '/wms/v1/inventory?sku=SKU-1001')).body[1]).toMatchObject({ allocated: 30, available: 370 });
    });

    it('forwards a native event as a canonical envelope with a stable id', async () => {
      const native = {
        event_id: 'EV-TEST-1',
        event_code: 'OB_SHIPPED',
        event_ts: '2026-11-24T15:00:00Z',
        site_id: 'DC01',
        ob_order_id: 'OB-999999',
        ext_ref: '4500000009',
        lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 2, uom: 'CS', lot_no: 'L2409-01' }],
        carrier_scac: 'UPSN',
        tracking_no: '1Z999',
      };
      const first = await call(spec.systemUrl, 'POST', '/wms/v1/events/native', native, { 'x-correlation-id': 'corr-wms-1', ...wmsSignature(native) });
      expect(first.status).toBe(202);
      const event = await processLayer.waitFor((e) => e.id === first.body.eventId);
      expect(event).toEqual({
        id: first.body.eventId,
        type: 'shipment.confirmed',
        version: 1,
        occurredAt: '2026-11-24T15:00:00.000Z',
        correlationId: 'corr-wms-1',
        causationId: 'EV-TEST-1',
        source: 'system-apis/wms',
        subject: 'order/4500000009',
        data: {
          warehouseId: 'DC01',
          wmsOrderId: 'OB-999999',
          erpOrderNumber: '4500000009',
          carrier: 'UPSN',
          trackingNumber: '1Z999',
          lines: [{ lineNumber: 1, sku: 'SKU-1001', quantity: 24, uom: 'EA', lot: 'L2409-01' }],
        },
      });
      const again = await api('POST', '/wms/v1/events/native', native);
      expect(again.body.eventId).toBe(first.body.eventId);
    });

    it('answers 503 when the process layer refuses the event, so the WMS retries', async () => {
      processLayer.failing = true;
      try {
        const native = {
          event_id: 'EV-TEST-2',
          event_code: 'INV_RECEIVED',
          event_ts: '2026-11-24T15:00:00Z',
          site_id: 'DC01',
          lines: [{ item_code: 'SKU-1001', qty: 12, uom: 'EA' }],
        };
        const { status, headers, body } = await api('POST', '/wms/v1/events/native', native);
        expect(status).toBe(503);
        expect(headers.get('retry-after')).toBeTruthy();
        expect(body.code).toBe('EVENTS.NOT_FORWARDED');
      } finally {
        processLayer.failing = false;
      }
    });

    it('rejects a malformed native event', async () => {
      const { status } = await api('POST', '/wms/v1/events/native', { event_id: 'EV-X', event_code: 'OB_LOST', event_ts: 'now', site_id: 'DC01', lines: [] });
      expect(status).toBe(400);
    });

    it('carries a shipment from the sandbox WMS webhook to the process layer', async () => {
      const { body: fulfillment } = await api('POST', '/wms/v1/fulfillment-orders', {
        erpOrderNumber: '4500000077',
        warehouseId: 'DC03',
        shipTo: { name: 'Acme', line1: '1 Main St', city: 'Reno', region: 'NV', postalCode: '89501', country: 'US' },
        lines: [{ lineNumber: 1, sku: 'SKU-1001', quantity: 24 }],
      });
      const shipped = await control('POST', `/wms/fulfillment-orders/${fulfillment.wmsOrderId}/ship`, {
        lines: [{ sku: 'SKU-1001', quantity: 24 }],
        carrier: 'FDEG',
        trackingNumber: 'TRK-77',
      });
      expect(shipped.status).toBeLessThan(300);
      const event = await processLayer.waitFor((e) => e.type === 'shipment.confirmed' && e.subject === 'order/4500000077');
      expect(event.data).toMatchObject({ warehouseId: 'DC03', wmsOrderId: fulfillment.wmsOrderId, carrier: 'FDEG', trackingNumber: 'TRK-77' });
      const lines = (event.data as { lines: { sku: string; quantity: number; uom: string }[] }).lines;
      expect(lines.reduce((sum, line) => sum + line.quantity, 0)).toBe(24);
      expect(lines.every((line) => line.uom === 'EA')).toBe(true);
    });
  });

  describe('OMS', () => {
    it('registers an order idempotently on the channel reference, then moves it along', async () => {
      const order = { channelOrderRef: 'b2b:acme:sys-1', channel: 'b2b', customerId: '10100001', erpOrderNumber: '4500000001', status: 'created' };
      const first = await api<OmsOrderDto>('POST', '/oms/v1/orders', order);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ channelOrderRef: 'b2b:acme:sys-1', status: 'created', timeline: [{ status: 'created' }] });
      const second = await api<OmsOrderDto>('POST', '/oms/v1/orders', order);
      expect(second.status).toBe(201);
      expect(second.body.omsOrderId).toBe(first.body.omsOrderId);

      const moved = await api<OmsOrderDto>('POST', `/oms/v1/orders/${first.body.omsOrderId}/transitions`, { status: 'released', note: 'to DC01' });
      expect(moved.body).toMatchObject({ status: 'released', timeline: [{ status: 'created' }, { status: 'released', note: 'to DC01' }] });
      expect((await api<OmsOrderDto>('GET', `/oms/v1/orders/${first.body.omsOrderId}`)).body).toEqual(moved.body);
      expect((await api('GET', '/oms/v1/orders/OMS-404')).body).toMatchObject({ status: 404, code: 'OMS.ORDER_NOT_FOUND' });
    });
  });

  describe('ERP breaker', () => {
    it('is not opened by 404s', async () => {
      for (let i = 0; i < 12; i++) expect((await api('GET', `/erp/v1/customers/404${i}`)).status).toBe(404);
      expect((await readiness()).details.breakers.erp).toMatchObject({ state: 'closed', failures: 0 });
    });

    it('opens when the ERP is down, refuses calls without reaching it, and closes after a good probe', async () => {
      await control('PUT', '/erp/faults', { down: true });
      const down = await api('GET', '/erp/v1/customers/10100001');
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);

      let open: Reply | undefined;
      for (let i = 0; i < 60 && !open; i++) {
        const reply = await api('GET', '/erp/v1/customers/10100001');
        if (reply.body.code === 'UPSTREAM.CIRCUIT_OPEN') open = reply;
      }
      expect(open).toMatchObject({ status: 503, body: { upstream: 'erp' } });
      const seen = (await erpCalls()).length;
      for (let i = 0; i < 5; i++) expect((await api('GET', '/erp/v1/customers/10100001')).body.code).toBe('UPSTREAM.CIRCUIT_OPEN');
      expect((await erpCalls()).length).toBe(seen);

      const ready = await readiness();
      expect(ready.status).toBe('degraded');
      expect(ready.details.breakers).toMatchObject({ erp: { state: 'open' }, wms: { state: 'closed' } });
      expect((await api('GET', '/wms/v1/warehouses')).status).toBe(200);

      await control('DELETE', '/erp/faults');
      await sleep(600);
      expect((await api('GET', '/erp/v1/customers/10100001')).status).toBe(200);
      expect((await readiness()).details.breakers.erp.state).toBe('closed');
    });
  });
});
