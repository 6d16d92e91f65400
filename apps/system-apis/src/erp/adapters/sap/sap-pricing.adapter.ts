import { Injectable } from '@nestjs/common';
import type { PriceDto } from '@contracts';
import type { ErpPricing } from '../../erp.ports.js';
import { eqFilter, odataQuery } from './sap-odata.js';
import { SapODataClient } from './sap-odata.client.js';
import { toPrices } from './sap-price.mapper.js';
import type { SapPriceCondition } from './sap.types.js';

const CONDITIONS = '/API_SLSPRICINGCONDITIONRECORD_SRV/A_SlsPrcgConditionRecord';

@Injectable()
export class SapErpPricingAdapter implements ErpPricing {
  constructor(private readonly sap: SapODataClient) {}

  /** The customer's condition records and the list prices (records with an empty Customer), read side by side. */
  async getPrices(customerId: string, skus?: string[]): Promise<PriceDto[]> {
    const [customer, list] = await Promise.all([this.conditions(customerId), this.conditions('')]);
    return toPrices(customer, list, new Date(), skus);
  }

  private conditions(customer: string): Promise<SapPriceCondition[]> {
    return this.sap.list<SapPriceCondition>(`${CONDITIONS}${odataQuery({ $filter: eqFilter({ Customer: customer }) })}`);
  }
}
