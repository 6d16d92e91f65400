import { Injectable } from '@nestjs/common';
import type { CustomerDto } from '@contracts';
import type { ErpCustomers } from '../../erp.ports.js';
import { toCustomer } from './sap-customer.mapper.js';
import { keyPath } from './sap-odata.js';
import { SapODataClient } from './sap-odata.client.js';
import type { SapCustomer } from './sap.types.js';

@Injectable()
export class SapErpCustomerAdapter implements ErpCustomers {
  constructor(private readonly sap: SapODataClient) {}

  async getCustomer(customerId: string): Promise<CustomerDto> {
    const path = `/API_BUSINESS_PARTNER/${keyPath('A_Customer', customerId)}`;
    return toCustomer(await this.sap.entity<SapCustomer>(path, 'ERP.CUSTOMER_NOT_FOUND'));
  }
}
