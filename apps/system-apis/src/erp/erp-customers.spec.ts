import { describe, expect, it } from '@jest/globals';
import type { CustomerDto, ErpCustomerMasterDto } from '@contracts';
import { call, useSandboxAndSystem } from '../../../../test/support/system-test-kit.js';

describe('ERP customers (business partners) over the sandbox', () => {
  const spec = useSandboxAndSystem();
  const { api, clearErpCalls } = spec;
  const erpWrites = async () => (await spec.erpCalls()).filter((c) => !c.startsWith('GET '));
  const master: ErpCustomerMasterDto = {
    name: 'Cascade Pumps LLC',
    street: '1 Harbor Rd',
    city: 'Portland',
    postalCode: '97201',
    region: 'OR',
    country: 'US',
    taxNumber: '93-1234567',
  };

  it('creates a customer as a business partner deep insert and answers it canonical, with the ERP defaults', async () => {
    const created = await api<CustomerDto>('POST', '/erp/v1/customers', master);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      customerId: '10100007',
      name: 'Cascade Pumps LLC',
      city: 'Portland',
      postalCode: '97201',
      region: 'OR',
      country: 'US',
      taxNumber: '93-1234567',
      priceGroup: '01',
      paymentTerms: 'NT30',
      currency: 'USD',
      credit: { limit: 10000, exposure: 0, blocked: false },
    });
    const native = await call(
      spec.sandboxUrl,
      'GET',
      "/sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartner('10100007')?$expand=to_BusinessPartnerAddress",
      undefined,
      {
        authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}`,
      },
    );
    expect(native.body.d.to_BusinessPartnerAddress.results[0]).toMatchObject({ StreetName: '1 Harbor Rd', PostalCode: '97201' });
  });

  it('finds customers by exact tax number or postal code', async () => {
    const byTax = await api<CustomerDto[]>('GET', '/erp/v1/customers?taxNumber=34-1827745');
    expect(byTax.body.map((c) => c.customerId)).toEqual(['10100001']);
    const both = await api<CustomerDto[]>('GET', '/erp/v1/customers?taxNumber=76-0493318&postalCode=95814');
    expect(both.body.map((c) => c.customerId).sort()).toEqual(['10100002', '10100003']);
    expect((await api('GET', '/erp/v1/customers?postalCode=00000')).body).toEqual([]);
    const neither = await api('GET', '/erp/v1/customers');
    expect(neither.status).toBe(400);
  });

  it('updates only what differs: nothing for the same master data, one PATCH per changed part otherwise', async () => {
    await clearErpCalls();
    expect((await api('PUT', '/erp/v1/customers/10100007', master)).status).toBe(200);
    expect(await erpWrites()).toEqual([]);

    const moved = await api<CustomerDto>('PUT', '/erp/v1/customers/10100007', { ...master, name: 'Cascade Pumps Inc.', postalCode: '97205' });
    expect(moved.body).toMatchObject({ name: 'Cascade Pumps Inc.', postalCode: '97205', taxNumber: '93-1234567', priceGroup: '01' });
    expect(await erpWrites()).toEqual([
      "PATCH /sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartner('10100007')",
      "PATCH /sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartnerAddress(BusinessPartner='10100007',AddressID='1')",
    ]);
  });

  it('adds a tax number the customer did not have, and changes one it had', async () => {
    const { taxNumber: _, ...withoutTax } = master;
    const id = (await api<CustomerDto>('POST', '/erp/v1/customers', { ...withoutTax, name: 'No Tax Id Co' })).body.customerId;
    await clearErpCalls();
    expect((await api<CustomerDto>('PUT', `/erp/v1/customers/${id}`, { ...withoutTax, name: 'No Tax Id Co', taxNumber: '93-5550001' })).body.taxNumber).toBe(
      '93-5550001',
    );
    expect((await api<CustomerDto>('PUT', `/erp/v1/customers/${id}`, { ...withoutTax, name: 'No Tax Id Co', taxNumber: '93-5550002' })).body.taxNumber).toBe(
      '93-5550002',
    );
    expect(await erpWrites()).toEqual([
      'POST /sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartnerTaxNumber',
      `PATCH /sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartnerTaxNumber(BusinessPartner='${id}',BPTaxType='US01')`,
    ]);
  });

  it('answers 404 for an unknown customer, 400 for bad master data, 503 while the ERP is down', async () => {
    const unknown = await api('PUT', '/erp/v1/customers/99999999', master);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('ERP.CUSTOMER_NOT_FOUND');
    const bad = await api('POST', '/erp/v1/customers', { ...master, country: 'usa', name: '' });
    expect(bad.status).toBe(400);
    await call(spec.sandboxUrl, 'PUT', '/control/erp/faults', { down: true });
    try {
      const down = await api('POST', '/erp/v1/customers', master);
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      await call(spec.sandboxUrl, 'DELETE', '/control/erp/faults');
    }
  });
});
