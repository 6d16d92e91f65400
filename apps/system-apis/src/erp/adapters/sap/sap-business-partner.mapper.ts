import type { ErpCustomerMasterDto } from '@contracts';
import type { SapBusinessPartner } from './sap.types.js';

/** US employer identification number, SAP's tax type for a US organisation's tax id. */
export const US_TAX_TYPE = 'US01';

/** Deep insert of an organisation in the customer role, with its standard address and tax number. */
export function toSapBusinessPartnerCreate(master: ErpCustomerMasterDto): object {
  return {
    BusinessPartnerCategory: '2',
    OrganizationBPName1: master.name,
    to_BusinessPartnerAddress: { results: [sapAddress(master)] },
    ...(master.taxNumber ? { to_BusinessPartnerTax: { results: [{ BPTaxType: US_TAX_TYPE, BPTaxNumber: master.taxNumber }] } } : {}),
    to_Customer: {},
  };
}

export interface BusinessPartnerChanges {
  /** PATCH of A_BusinessPartner. */
  readonly header?: { OrganizationBPName1: string };
  /** PATCH of the standard address, with its id. */
  readonly address?: { addressId: string; fields: Record<string, string> };
  /** POST a new tax number, or PATCH the one of type US01. */
  readonly tax?: { kind: 'add' | 'update'; number: string };
}

/**
 * What must change for the ERP to hold `master`: only fields that differ, so a repeated PUT writes nothing.
 * Fields the caller leaves out (street, region, tax number) are left as the ERP has them.
 */
export function businessPartnerChanges(current: SapBusinessPartner, master: ErpCustomerMasterDto): BusinessPartnerChanges {
  const address = current.to_BusinessPartnerAddress?.results[0];
  const wanted = sapAddress(master);
  const addressFields = Object.fromEntries(
    Object.entries(wanted).filter(([field, value]) => value !== undefined && (address?.[field as keyof typeof address] ?? '') !== value),
  ) as Record<string, string>;
  const tax = current.to_BusinessPartnerTax?.results.find((t) => t.BPTaxType === US_TAX_TYPE);
  return {
    ...(current.OrganizationBPName1 !== master.name ? { header: { OrganizationBPName1: master.name } } : {}),
    ...(address && Object.keys(addressFields).length ? { address: { addressId: address.AddressID, fields: addressFields } } : {}),
    ...(master.taxNumber && tax?.BPTaxNumber !== master.taxNumber ? { tax: { kind: tax ? 'update' : 'add', number: master.taxNumber } } : {}),
  };
}

function sapAddress(master: ErpCustomerMasterDto): Record<string, string | undefined> {
  return { StreetName: master.street, CityName: master.city, PostalCode: master.postalCode, Region: master.region, Country: master.country };
}
