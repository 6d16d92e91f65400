import { Injectable } from '@nestjs/common';
import type { CreateErpCustomerReturnDto, ErpCustomerReturnDto } from '@contracts';
import type { ErpCustomerReturns } from '../../erp.ports.js';
import { toErpCustomerReturn, toSapCustomerReturnCreate } from './sap-customer-return.mapper.js';
import { eqFilter, keyPath, odataQuery } from './sap-odata.js';
import { SapODataClient } from './sap-odata.client.js';
import type { SapCustomerReturn } from './sap.types.js';

const SERVICE = '/API_CUSTOMER_RETURN_SRV';
const CUSTOMER_RETURNS = `${SERVICE}/A_CustomerReturn`;

@Injectable()
export class SapErpCustomerReturnAdapter implements ErpCustomerReturns {
  constructor(private readonly sap: SapODataClient) {}

  /** Deep insert; the answer carries the items as the ERP valued them (read back when it does not). */
  async create(request: CreateErpCustomerReturnDto): Promise<ErpCustomerReturnDto> {
    const created = await this.sap.create<SapCustomerReturn>(CUSTOMER_RETURNS, toSapCustomerReturnCreate(request));
    if (created.to_Item?.results) return toErpCustomerReturn(created);
    const path = `${SERVICE}/${keyPath('A_CustomerReturn', created.CustomerReturn)}${odataQuery({ $expand: 'to_Item' })}`;
    return toErpCustomerReturn(await this.sap.entity<SapCustomerReturn>(path, 'ERP.NOT_FOUND'));
  }

  async find(externalReference: string): Promise<ErpCustomerReturnDto[]> {
    const $filter = eqFilter({ YY1_ExternalReference: externalReference });
    const returns = await this.sap.list<SapCustomerReturn>(`${CUSTOMER_RETURNS}${odataQuery({ $filter, $expand: 'to_Item' })}`);
    return returns.map(toErpCustomerReturn);
  }
}
