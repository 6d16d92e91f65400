import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createSandboxApp, defaultSandboxConfig } from '../sandbox.app.js';

const auth = { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` };
type Json = Record<string, any>;

describe('ERP emulator: business partners (API_BUSINESS_PARTNER)', () => {
  let app: NestFastifyApplication;
  let odata: string;
  let token: string;

  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${odata}/API_BUSINESS_PARTNER${path}`, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json', 'x-csrf-token': token }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Json };
  };
  const newPartner = (name: string, postalCode: string, taxNumber?: string) => ({
    BusinessPartnerCategory: '2',
    OrganizationBPName1: name,
    to_BusinessPartnerAddress: { results: [{ StreetName: '1 Harbor Rd', CityName: 'Portland', PostalCode: postalCode, Region: 'OR', Country: 'US' }] },
    ...(taxNumber ? { to_BusinessPartnerTax: { results: [{ BPTaxType: 'US01', BPTaxNumber: taxNumber }] } } : {}),
    to_Customer: {},
  });

  beforeAll(async () => {
    app = await createSandboxApp({ ...defaultSandboxConfig, port: 0 });
    odata = `${await app.getUrl()}/sap/opu/odata/sap`;
    token = (await fetch(`${odata}/API_BUSINESS_PARTNER/A_Customer?$top=1`, { headers: { ...auth, 'x-csrf-token': 'Fetch' } })).headers.get('x-csrf-token')!;
  });
  afterAll(() => app.close());

  it('exposes the seeded customers as business partners with address and tax number', async () => {
    const { status, body } = await send('GET', "/A_BusinessPartner('10100001')?$expand=to_BusinessPartnerAddress,to_BusinessPartnerTax,to_Customer");
    expect(status).toBe(200);
    expect(body.d).toMatchObject({ BusinessPartner: '10100001', BusinessPartnerCategory: '2', OrganizationBPName1: 'Acme Manufacturing Inc.' });
    expect(body.d.to_BusinessPartnerAddress.results[0]).toMatchObject({ PostalCode: '44114', Country: 'US', Region: 'OH', AddressID: '1' });
    expect(body.d.to_BusinessPartnerTax.results[0]).toMatchObject({ BPTaxType: 'US01', BPTaxNumber: '34-1827745' });
    expect(body.d.to_Customer).toMatchObject({ Customer: '10100001', CustomerPriceGroup: '02', CreditLimitAmount: '250000.00' });
    const deferred = await send('GET', "/A_BusinessPartner('10100001')");
    expect(deferred.body.d.to_Customer.__deferred.uri).toContain("A_BusinessPartner('10100001')/to_Customer");
  });

  it('finds partners by tax number and addresses by postal code', async () => {
    const tax = await send('GET', `/A_BusinessPartnerTaxNumber?$filter=${encodeURIComponent("BPTaxNumber eq '76-0493318'")}`);
    expect(tax.body.d.results.map((t: Json) => t.BusinessPartner)).toEqual(['10100002']);
    const addresses = await send('GET', `/A_BusinessPartnerAddress?$filter=${encodeURIComponent("PostalCode eq '95814'")}`);
    expect(addresses.body.d.results.map((a: Json) => a.BusinessPartner)).toEqual(['10100003']);
  });

  it('creates an organisation in the customer role by deep insert, with the ERP defaults for sales and credit', async () => {
    const created = await send('POST', '/A_BusinessPartner', newPartner('Cascade Pumps LLC', '97201', '93-1234567'));
    expect(created.status).toBe(201);
    const id = created.body.d.BusinessPartner as string;
    expect(id).toBe('10100007');
    expect(created.body.d.to_Customer).toMatchObject({ Customer: id, CustomerName: 'Cascade Pumps LLC', PostalCode: '97201', TaxNumber1: '93-1234567' });
    const customer = await send('GET', `/A_Customer('${id}')`);
    expect(customer.body.d).toMatchObject({
      CustomerPriceGroup: '01',
      PaymentTerms: 'NT30',
      CreditLimitAmount: '10000.00',
      CreditExposureAmount: '0.00',
      CreditIsBlocked: false,
    });
    // no duplicate check in the ERP: that is the caller's job
    expect((await send('POST', '/A_BusinessPartner', newPartner('Cascade Pumps LLC', '97201', '93-1234567'))).body.d.BusinessPartner).toBe('10100008');
  });

  it('updates the name, the address and the tax number with PATCH (204), and the customer follows', async () => {
    const id = (await send('POST', '/A_BusinessPartner', newPartner('Delta Valves', '97202'))).body.d.BusinessPartner as string;
    expect((await send('PATCH', `/A_BusinessPartner('${id}')`, { OrganizationBPName1: 'Delta Valves Inc.' })).status).toBe(204);
    expect(
      (await send('PATCH', `/A_BusinessPartnerAddress(BusinessPartner='${id}',AddressID='1')`, { PostalCode: '97205', CityName: 'Portland' })).status,
    ).toBe(204);
    expect((await send('POST', '/A_BusinessPartnerTaxNumber', { BusinessPartner: id, BPTaxType: 'US01', BPTaxNumber: '93-7654321' })).status).toBe(201);
    expect((await send('POST', '/A_BusinessPartnerTaxNumber', { BusinessPartner: id, BPTaxType: 'US01', BPTaxNumber: '93-0000000' })).status).toBe(409);
    expect((await send('PATCH', `/A_BusinessPartnerTaxNumber(BusinessPartner='${id}',BPTaxType='US01')`, { BPTaxNumber: '93-7654322' })).status).toBe(204);
    const customer = await send('GET', `/A_Customer('${id}')`);
    expect(customer.body.d).toMatchObject({ CustomerName: 'Delta Valves Inc.', PostalCode: '97205', TaxNumber1: '93-7654322' });
  });

  it('refuses bad input, unknown partners and writes without a CSRF token', async () => {
    const bad = await send('POST', '/A_BusinessPartner', { OrganizationBPName1: 'No Address', to_Customer: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message.value).toContain('to_BusinessPartnerAddress');
    const badPatch = await send('PATCH', "/A_BusinessPartnerAddress(BusinessPartner='10100001',AddressID='1')", { Country: 'usa' });
    expect(badPatch.status).toBe(400);
    expect((await send('PATCH', "/A_BusinessPartner('99999999')", { OrganizationBPName1: 'X' })).status).toBe(404);
    const noToken = await send('PATCH', "/A_BusinessPartner('10100001')", { OrganizationBPName1: 'X' }, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
  });
});
