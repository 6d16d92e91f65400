import { Injectable } from '@nestjs/common';
import type { CreateErpSalesOrderDto, ErpSalesOrderDto } from '@contracts';
import type { ErpSalesOrders } from '../../erp.ports.js';
import { eqFilter, keyPath, odataQuery } from './sap-odata.js';
import { SapODataClient } from './sap-odata.client.js';
import { toErpSalesOrder, toSapSalesOrderCreate } from './sap-sales-order.mapper.js';
import type { SapSalesOrder } from './sap.types.js';

const SALES_ORDERS = '/API_SALES_ORDER_SRV/A_SalesOrder';
const WITH_ITEMS = odataQuery({ $expand: 'to_Item' });

@Injectable()
export class SapErpSalesOrderAdapter implements ErpSalesOrders {
  constructor(private readonly sap: SapODataClient) {}

  /** Deep insert; the answer carries the items as the ERP numbered and priced them. */
  async create(order: CreateErpSalesOrderDto): Promise<ErpSalesOrderDto> {
    const created = await this.sap.create<SapSalesOrder>(SALES_ORDERS, toSapSalesOrderCreate(order));
    return created.to_Item ? toErpSalesOrder(created) : this.get(created.SalesOrder);
  }

  async find(customerId: string, purchaseOrderNumber: string): Promise<ErpSalesOrderDto[]> {
    const $filter = eqFilter({ SoldToParty: customerId, PurchaseOrderByCustomer: purchaseOrderNumber });
    const orders = await this.sap.list<SapSalesOrder>(`${SALES_ORDERS}${odataQuery({ $filter, $expand: 'to_Item' })}`);
    return orders.map(toErpSalesOrder);
  }

  async get(erpOrderNumber: string): Promise<ErpSalesOrderDto> {
    const path = `/API_SALES_ORDER_SRV/${keyPath('A_SalesOrder', erpOrderNumber)}${WITH_ITEMS}`;
    return toErpSalesOrder(await this.sap.entity<SapSalesOrder>(path, 'ERP.SALES_ORDER_NOT_FOUND'));
  }
}
