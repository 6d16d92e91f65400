import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, clearSandboxCalls, eventually as eventuallyWithin, order, sandboxCalls, tokenFor } from './support/http.js';

/** The order 360 reads wait longer than most. */
const eventually = <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000) => eventuallyWithin(read, done, timeoutMs);
import { TestStack } from './support/stack.js';

const erpAuth = { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` };

const cascade = {
  name: 'Cascade Pumps LLC',
  address: { street: '1 Harbor Rd', city: 'Portland', postalCode: '97201', region: 'OR', country: 'US' },
  taxId: '93-1234567',
  segment: 'industrial',
  owner: 'jane.doe@example.com',
  leadSource: 'trade-show',
};

describe('CRM channel: accounts onboarded into the ERP, order 360, CRM-scoped clients', () => {
  let stack: TestStack;
  let crm: string;
  let acme: string;

  const crmCall = (path: string, init: Parameters<typeof call>[1] = {}, token = crm) =>
    call(`${stack.experienceUrl}/crm/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const put = (crmAccountId: string, body: unknown, headers: Record<string, string> = {}) =>
    crmCall(`/accounts/${crmAccountId}`, { method: 'PUT', body, headers });
  const erp = async (path: string) => (await call(`${stack.sandboxUrl}/sap/opu/odata/sap/API_BUSINESS_PARTNER/${path}`, { headers: erpAuth })).body.d;
  const erpCustomerCount = async () => ((await erp('A_Customer')).results as unknown[]).length;
  const erpWrites = async () => (await sandboxCalls(stack.sandboxUrl, 'erp')).filter((c) => c.method !== 'GET');
  const expectProblem = (response: { status: number; headers: Headers; body: any }, status: number, code?: string) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String), ...(code ? { code } : {}) });
  };

  beforeAll(async () => {
    stack = await TestStack.start();
    crm = await tokenFor(stack.experienceUrl, 'crm', 'crm-demo-secret');
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
  });
  afterAll(() => stack?.stop());

  describe('auth: CRM clients have the crm scope, partners the b2b scope', () => {
    it('refuses a partner token on /crm and a CRM token on /b2b with 403, and no token with 401', async () => {
      const partnerOnCrm = await put('crm-auth-1', cascade, { authorization: `Bearer ${acme}` });
      expectProblem(partnerOnCrm, 403, 'AUTH.INSUFFICIENT_SCOPE');
      expect(partnerOnCrm.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
      const crmOnB2b = await call(`${stack.experienceUrl}/b2b/v1/availability?sku=SKU-1001&quantity=1`, { headers: { authorization: `Bearer ${crm}` } });
      expectProblem(crmOnB2b, 403, 'AUTH.INSUFFICIENT_SCOPE');
      const none = await call(`${stack.experienceUrl}/crm/v1/accounts/crm-auth-1/orders`);
      expectProblem(none, 401);
      const wrongSecret = await call(`${stack.experienceUrl}/oauth/token`, {
        body: { grant_type: 'client_credentials', client_id: 'crm', client_secret: 'nope-nope' },
      });
      expect(wrongSecret.status).toBe(401);
      // partner tokens keep working where they belong
      expect((await call(`${stack.experienceUrl}/b2b/v1/availability?sku=SKU-1001&quantity=1`, { headers: { authorization: `Bearer ${acme}` } })).status).toBe(
        200,
      );
      // nothing reached the ERP for the refused PUT
      expect(await erpCustomerCount()).toBe(6);
    });
  });

  describe('PUT /crm/v1/accounts/{crmAccountId}', () => {
    it('creates the ERP customer (201) with the ERP number, credit profile and pricing group; the CRM-owned fields are kept', async () => {
      const created = await put('crm-cascade', cascade);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        crmAccountId: 'crm-cascade',
        erpAccountNumber: '10100007',
        outcome: 'created',
        created: true,
        matchedBy: null,
        name: 'Cascade Pumps LLC',
        address: { city: 'Portland', postalCode: '97201', region: 'OR', country: 'US' },
        taxId: '93-1234567',
        crm: { segment: 'industrial', owner: 'jane.doe@example.com', leadSource: 'trade-show' },
        credit: { limit: 10000, exposure: 0, available: 10000, blocked: false, currency: 'USD' },
        pricingGroup: '01',
        paymentTerms: 'NT30',
        warnings: [],
      });
      // the customer is in the ERP as a business partner with its address and tax number
      const partner = await erp("A_BusinessPartner('10100007')?$expand=to_BusinessPartnerAddress,to_BusinessPartnerTax");
      expect(partner).toMatchObject({ OrganizationBPName1: 'Cascade Pumps LLC', BusinessPartnerCategory: '2' });
      expect(partner.to_BusinessPartnerAddress.results[0]).toMatchObject({ StreetName: '1 Harbor Rd', PostalCode: '97201', Region: 'OR' });
      expect(partner.to_BusinessPartnerTax.results[0]).toMatchObject({ BPTaxType: 'US01', BPTaxNumber: '93-1234567' });
      // segment, owner and lead source are the CRM's: the ERP never sees them
      expect(JSON.stringify(partner)).not.toContain('trade-show');
    });

    it('updates the linked customer (200); the same PUT again writes nothing to the ERP', async () => {
      const moved = {
        ...cascade,
        name: 'Cascade Pumps Inc.',
        address: { ...cascade.address, postalCode: '97205' },
        owner: 'sam.lee@example.com',
        leadSource: undefined,
      };
      const updated = await put('crm-cascade', moved);
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        erpAccountNumber: '10100007',
        outcome: 'updated',
        created: false,
        matchedBy: null,
        name: 'Cascade Pumps Inc.',
        address: { postalCode: '97205' },
        crm: { segment: 'industrial', owner: 'sam.lee@example.com', leadSource: null },
      });
      expect((await erp("A_Customer('10100007')")).CustomerName).toBe('Cascade Pumps Inc.');
      await clearSandboxCalls(stack.sandboxUrl);
      const again = await put('crm-cascade', moved);
      expect(again.status).toBe(200);
      expect(await erpWrites()).toEqual([]);
      expect(await erpCustomerCount()).toBe(7);
    });

    it('ignores the ERP-owned fields with a warning naming each', async () => {
      const response = await put('crm-cascade', { ...cascade, name: 'Cascade Pumps Inc.', creditLimit: 999999, paymentTerms: 'NT10', taxExempt: true });
      expect(response.status).toBe(200);
      expect(response.body.warnings.map((w: { field: string; code: string }) => [w.field, w.code])).toEqual([
        ['creditLimit', 'FIELD_OWNED_BY_ERP'],
        ['paymentTerms', 'FIELD_OWNED_BY_ERP'],
        ['taxExempt', 'FIELD_OWNED_BY_ERP'],
      ]);
      expect(response.body.credit.limit).toBe(10000);
      expect(response.body.paymentTerms).toBe('NT30');
      expect(await erp("A_Customer('10100007')")).toMatchObject({ CreditLimitAmount: '10000.00', PaymentTerms: 'NT30' });
    });

    it('links an account with the tax id of an existing customer instead of creating one (200, matchedBy taxId)', async () => {
      const acmeAccount = {
        name: 'ACME  manufacturing inc.', // case and spacing differ: still the ERP's spelling afterwards
        address: { city: 'Cleveland', postalCode: '44114', region: 'OH', country: 'US' },
        taxId: ' 34-1827745 ',
        segment: 'key-account',
      };
      const linked = await put('crm-acme', acmeAccount);
      expect(linked.status).toBe(200);
      expect(linked.body).toMatchObject({
        erpAccountNumber: '10100001',
        outcome: 'linked',
        created: false,
        matchedBy: 'taxId',
        name: 'Acme Manufacturing Inc.',
        credit: { limit: 250000, exposure: 41250, available: 208750, blocked: false, currency: 'USD' },
        pricingGroup: '02',
        paymentTerms: 'NT30',
        crm: { segment: 'key-account', owner: null, leadSource: null },
      });
      expect(await erpCustomerCount()).toBe(7);
      // the link is remembered: the next PUT is an update and keeps saying how it was linked
      const again = await put('crm-acme', acmeAccount);
      expect(again.body).toMatchObject({ outcome: 'updated', matchedBy: 'taxId', erpAccountNumber: '10100001' });
    });

    it('links by the same name and postal code, ignoring case and spaces (200, matchedBy namePostalCode)', async () => {
      const linked = await put('crm-initech', {
        name: '  initech   FACILITIES llc',
        address: { city: 'Sacramento', postalCode: ' 95814 ', region: 'CA', country: 'US' },
      });
      expect(linked.status).toBe(200);
      expect(linked.body).toMatchObject({ erpAccountNumber: '10100003', outcome: 'linked', matchedBy: 'namePostalCode', name: 'Initech Facilities LLC' });
      // the same name in another postal code is another company
      const other = await put('crm-initech-reno', {
        name: 'Initech Facilities LLC',
        address: { city: 'Reno', postalCode: '89501', region: 'NV', country: 'US' },
      });
      expect(other.status).toBe(201);
      expect(other.body.erpAccountNumber).toBe('10100008');
      expect(await erpCustomerCount()).toBe(8);
    });

    it('creates one ERP customer for two concurrent PUTs of a new account', async () => {
      const body = { ...cascade, name: 'Twin Peaks Hydraulics', taxId: '93-2222222', address: { ...cascade.address, postalCode: '97210' } };
      const answers = await Promise.all([put('crm-twin', body), put('crm-twin', body)]);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect([200, 409]).toContain(statuses.find((s) => s !== 201));
      const conflict = answers.find((a) => a.status === 409);
      if (conflict) expectProblem(conflict, 409, 'ACCOUNT.IN_FLIGHT');
      expect(await erpCustomerCount()).toBe(9);
      // a retry after the conflict is a plain update of the one customer
      const retry = await put('crm-twin', body);
      expect(retry.status).toBe(200);
      expect(retry.body.erpAccountNumber).toBe(answers.find((a) => a.status === 201)!.body.erpAccountNumber);
    });

    it('refuses bad input with 400 problem+json listing each field, before any backend call', async () => {
      await clearSandboxCalls(stack.sandboxUrl);
      const missing = await put('crm-bad', { address: { city: 'Portland', country: 'usa' } });
      expectProblem(missing, 400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['name', 'address.postalCode', 'address.country']));
      const unknownField = await put('crm-bad', { ...cascade, rating: 'hot' });
      expectProblem(unknownField, 400);
      const badId = await put('bad%20id!', cascade);
      expectProblem(badId, 400);
      expect(badId.body.errors[0].field).toBe('crmAccountId');
      expect(await sandboxCalls(stack.sandboxUrl, 'erp')).toEqual([]);
    });
  });

  describe('GET /crm/v1/accounts/{crmAccountId}/orders (order 360)', () => {
    it("shows the linked customer's B2B orders with legs, then shipments and invoices once the warehouse ships", async () => {
      const b2b = (path: string, init: Parameters<typeof call>[1] = {}) =>
        call(`${stack.experienceUrl}/b2b/v1${path}`, { ...init, headers: { authorization: `Bearer ${acme}`, ...init.headers } });
      const first = await b2b('/orders', {
        headers: { 'idempotency-key': 'crm-360-a' },
        body: order('PO-CRM-360-A', [{ sku: 'SKU-1002', quantity: 2, uom: 'CS' }]),
      });
      expect(first.status).toBe(201);
      const second = await b2b('/orders', { headers: { 'idempotency-key': 'crm-360-b' }, body: order('PO-CRM-360-B', [{ sku: 'SKU-1010', quantity: 5 }]) });
      expect(second.status).toBe(201);

      const wmsOrders = await eventually(
        async () =>
          (await call<{ orders: { id: string }[] }>(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${first.body.erpOrderNumber}`)).body
            .orders,
        (orders) => orders.length === 1,
      );
      expect(
        (await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${wmsOrders[0]!.id}/ship`, { body: { carrier: 'UPSN', trackingNumber: '1Z-CRM-360' } }))
          .status,
      ).toBe(202);

      const view = await eventually(
        () => crmCall('/accounts/crm-acme/orders'),
        (r) => r.body.orders?.find((o: { orderId: string }) => o.orderId === first.body.orderId)?.invoices?.length === 1,
      );
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({ crmAccountId: 'crm-acme', erpAccountNumber: '10100001', nextCursor: null });
      expect(view.body.orders.map((o: { purchaseOrderNumber: string }) => o.purchaseOrderNumber)).toEqual(['PO-CRM-360-B', 'PO-CRM-360-A']);
      const shipped = view.body.orders[1];
      expect(shipped).toMatchObject({ channel: 'b2b', customerId: '10100001', erpOrderNumber: first.body.erpOrderNumber, backorders: [], exceptions: [] });
      expect(shipped.legs).toEqual([expect.objectContaining({ warehouseId: expect.any(String), status: 'shipped' })]);
      expect(shipped.shipments).toEqual([expect.objectContaining({ trackingNumber: '1Z-CRM-360', carrier: 'UPSN' })]);
      expect(shipped.invoices[0]).toMatchObject({ shipmentIds: [shipped.shipments[0].shipmentId] });
      expect(view.body.orders[0].legs.length).toBeGreaterThanOrEqual(1);

      // one page at a time
      const page1 = await crmCall('/accounts/crm-acme/orders?limit=1');
      expect(page1.body.orders.map((o: { purchaseOrderNumber: string }) => o.purchaseOrderNumber)).toEqual(['PO-CRM-360-B']);
      const page2 = await crmCall(`/accounts/crm-acme/orders?limit=1&cursor=${page1.body.nextCursor}`);
      expect(page2.body.orders.map((o: { purchaseOrderNumber: string }) => o.purchaseOrderNumber)).toEqual(['PO-CRM-360-A']);
      expect(page2.body.nextCursor).toBeNull();

      // another customer's account sees none of them
      expect((await crmCall('/accounts/crm-cascade/orders')).body.orders).toEqual([]);
    });

    it('answers 404 for an account never PUT, and 400 for a bad cursor or limit', async () => {
      expectProblem(await crmCall('/accounts/crm-unknown/orders'), 404, 'ACCOUNT.NOT_FOUND');
      expectProblem(await crmCall('/accounts/crm-acme/orders?cursor=not-a-cursor'), 400);
      expectProblem(await crmCall('/accounts/crm-acme/orders?limit=500'), 400);
    });
  });

  describe('ERP down', () => {
    it('answers 503 problem+json, creates nothing, and the retry after the outage creates the customer once', async () => {
      const body = { ...cascade, name: 'Outage Tooling Co', taxId: '93-3333333', address: { ...cascade.address, postalCode: '97217' } };
      await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'PUT', body: { down: true } });
      try {
        const down = await put('crm-outage', body);
        expectProblem(down, 503);
        expect(down.headers.get('retry-after')).toEqual(expect.any(String));
        // the order 360 view is the gateway's own records: it answers while the ERP is down
        expect((await crmCall('/accounts/crm-acme/orders')).status).toBe(200);
      } finally {
        await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'DELETE' });
      }
      const before = await erpCustomerCount();
      const retry = await put('crm-outage', body);
      expect(retry.status).toBe(201);
      expect(await erpCustomerCount()).toBe(before + 1);
    });
  });
});
