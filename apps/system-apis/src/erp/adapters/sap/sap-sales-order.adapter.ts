import { Injectable } from '@nestjs/common';
import type { CreateErpSalesOrderDto, ErpSalesOrderDto } from '@contracts';
import type { ErpSalesOrders } from '../../erp.ports.js';
import { eqFilter, keyPath, literal, odataQuery } from './sap-odata.js';
import { SapODataClient } from './sap-odata.client.js';
import { toErpSalesOrder, toSapSalesOrderCreate } from './sap-sales-order.mapper.js';
import type { SapSalesOrder } from './sap.types.js';

const SALES_ORDERS = '/API_SALES_ORDER_SRV/A_SalesOrder';
const WITH_ITEMS = odataQuery({ $expand: 'to_Item' });
/** The rejection reason the gateway's cancellations carry (customizing of the sandbox ERP: "cancelled by the customer"). */
const CANCELLED_BY_CUSTOMER = 'Z1';

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
    return toErpSalesOrder(await this.native(erpOrderNumber));
  }

  /** SAP cancels a sales order by rejecting its items (a reason code on each); the header's rejection status follows. */
  async cancel(erpOrderNumber: string): Promise<ErpSalesOrderDto> {
    const order = await this.native(erpOrderNumber);
    for (const item of order.to_Item?.results ?? []) {
      if (item.SalesDocumentRjcnReason?.trim()) continue;
      const key = `SalesOrder=${literal(order.SalesOrder)},SalesOrderItem=${literal(item.SalesOrderItem)}`;
      await this.sap.update(`/API_SALES_ORDER_SRV/A_SalesOrderItem(${encodeURIComponent(key)})`, { SalesDocumentRjcnReason: CANCELLED_BY_CUSTOMER });
    }
    return this.get(erpOrderNumber);
  }

  private native(erpOrderNumber: string): Promise<SapSalesOrder> {
    const path = `/API_SALES_ORDER_SRV/${keyPath('A_SalesOrder', erpOrderNumber)}${WITH_ITEMS}`;
    return this.sap.entity<SapSalesOrder>(path, 'ERP.SALES_ORDER_NOT_FOUND');
  }
}
