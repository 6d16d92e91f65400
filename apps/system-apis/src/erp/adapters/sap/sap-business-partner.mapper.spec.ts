import { describe, expect, it } from '@jest/globals';
import { businessPartnerChanges, toSapBusinessPartnerCreate } from './sap-business-partner.mapper.js';
import type { SapBusinessPartner } from './sap.types.js';

const master = {
  name: 'Cascade Pumps LLC',
  street: '1 Harbor Rd',
  city: 'Portland',
  postalCode: '97201',
  region: 'OR',
  country: 'US',
  taxNumber: '93-1234567',
};
const current: SapBusinessPartner = {
  BusinessPartner: '10100007',
  OrganizationBPName1: 'Cascade Pumps LLC',
  to_BusinessPartnerAddress: {
    results: [
      { BusinessPartner: '10100007', AddressID: '1', StreetName: '1 Harbor Rd', CityName: 'Portland', PostalCode: '97201', Region: 'OR', Country: 'US' },
    ],
  },
  to_BusinessPartnerTax: { results: [{ BusinessPartner: '10100007', BPTaxType: 'US01', BPTaxNumber: '93-1234567' }] },
};

describe('business partner mapping', () => {
  it('builds the deep insert of an organisation in the customer role', () => {
    expect(toSapBusinessPartnerCreate(master)).toEqual({
      BusinessPartnerCategory: '2',
      OrganizationBPName1: 'Cascade Pumps LLC',
      to_BusinessPartnerAddress: { results: [{ StreetName: '1 Harbor Rd', CityName: 'Portland', PostalCode: '97201', Region: 'OR', Country: 'US' }] },
      to_BusinessPartnerTax: { results: [{ BPTaxType: 'US01', BPTaxNumber: '93-1234567' }] },
      to_Customer: {},
    });
    expect(toSapBusinessPartnerCreate({ ...master, taxNumber: undefined })).not.toHaveProperty('to_BusinessPartnerTax');
  });

  it('changes nothing when the ERP already holds the master data', () => {
    expect(businessPartnerChanges(current, master)).toEqual({});
  });

  it('patches only the parts that differ, leaves out what the caller did not send', () => {
    expect(businessPartnerChanges(current, { ...master, name: 'Cascade Pumps Inc.', postalCode: '97205', street: undefined, region: undefined })).toEqual({
      header: { OrganizationBPName1: 'Cascade Pumps Inc.' },
      address: { addressId: '1', fields: { PostalCode: '97205' } },
    });
  });

  it('adds a missing tax number and updates a different one', () => {
    expect(businessPartnerChanges({ ...current, to_BusinessPartnerTax: { results: [] } }, master).tax).toEqual({ kind: 'add', number: '93-1234567' });
    expect(businessPartnerChanges(current, { ...master, taxNumber: '93-7654321' }).tax).toEqual({ kind: 'update', number: '93-7654321' });
    expect(businessPartnerChanges(current, { ...master, taxNumber: undefined }).tax).toBeUndefined();
  });
});
