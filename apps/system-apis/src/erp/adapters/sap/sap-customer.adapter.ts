import { Injectable } from '@nestjs/common';
import type { CustomerDto, ErpCustomerMasterDto } from '@contracts';
import type { CustomerSearch, ErpCustomers } from '../../erp.ports.js';
import { businessPartnerChanges, toSapBusinessPartnerCreate, US_TAX_TYPE } from './sap-business-partner.mapper.js';
import { toCustomer } from './sap-customer.mapper.js';
import { eqFilter, keyPath, literal, odataQuery } from './sap-odata.js';
import { SapODataClient } from './sap-odata.client.js';
import type { SapBusinessPartner, SapCustomer } from './sap.types.js';

const SERVICE = '/API_BUSINESS_PARTNER';

/**
 * Customers are business partners in the customer role. Partner and customer share their number (S/4's
 * same-number customer-vendor integration), so the customer number addresses the partner.
 */
@Injectable()
export class SapErpCustomerAdapter implements ErpCustomers {
  constructor(private readonly sap: SapODataClient) {}

  async getCustomer(customerId: string): Promise<CustomerDto> {
    const path = `${SERVICE}/${keyPath('A_Customer', customerId)}`;
    return toCustomer(await this.sap.entity<SapCustomer>(path, 'ERP.CUSTOMER_NOT_FOUND'));
  }

  /** Each criterion is one exact `eq` query (the ERP's OData has no `or`); the caller does the fuzzy matching. */
  async findCustomers(search: CustomerSearch): Promise<CustomerDto[]> {
    const queries: Record<string, string>[] = [
      ...(search.taxNumber ? [{ TaxNumber1: search.taxNumber }] : []),
      ...(search.postalCode ? [{ PostalCode: search.postalCode }] : []),
    ];
    const found = await Promise.all(queries.map((terms) => this.sap.list<SapCustomer>(`${SERVICE}/A_Customer${odataQuery({ $filter: eqFilter(terms) })}`)));
    const unique = new Map(found.flat().map((c) => [c.Customer, c]));
    return [...unique.values()].map(toCustomer);
  }

  async createCustomer(master: ErpCustomerMasterDto): Promise<CustomerDto> {
    const created = await this.sap.create<SapBusinessPartner>(`${SERVICE}/A_BusinessPartner`, toSapBusinessPartnerCreate(master));
    const customer = created.to_Customer && 'Customer' in created.to_Customer ? created.to_Customer : undefined;
    return customer ? toCustomer(customer) : this.getCustomer(created.BusinessPartner);
  }

  /** Writes only what differs (header, standard address, US01 tax number), then reads the customer back. */
  async updateCustomer(customerId: string, master: ErpCustomerMasterDto): Promise<CustomerDto> {
    const path = `${SERVICE}/${keyPath('A_BusinessPartner', customerId)}${odataQuery({ $expand: 'to_BusinessPartnerAddress,to_BusinessPartnerTax' })}`;
    const current = await this.sap.entity<SapBusinessPartner>(path, 'ERP.CUSTOMER_NOT_FOUND');
    const changes = businessPartnerChanges(current, master);
    const partner = literal(current.BusinessPartner);
    if (changes.header) await this.sap.update(`${SERVICE}/${keyPath('A_BusinessPartner', current.BusinessPartner)}`, changes.header);
    if (changes.address) {
      const key = `BusinessPartner=${partner},AddressID=${literal(changes.address.addressId)}`;
      await this.sap.update(`${SERVICE}/A_BusinessPartnerAddress(${encodeURIComponent(key)})`, changes.address.fields);
    }
    if (changes.tax?.kind === 'add') {
      await this.sap.create(`${SERVICE}/A_BusinessPartnerTaxNumber`, {
        BusinessPartner: current.BusinessPartner,
        BPTaxType: US_TAX_TYPE,
        BPTaxNumber: changes.tax.number,
      });
    } else if (changes.tax) {
      const key = `BusinessPartner=${partner},BPTaxType=${literal(US_TAX_TYPE)}`;
      await this.sap.update(`${SERVICE}/A_BusinessPartnerTaxNumber(${encodeURIComponent(key)})`, { BPTaxNumber: changes.tax.number });
    }
    return this.getCustomer(customerId);
  }
}
