import { Module } from '@nestjs/common';
import { SapErpCatalogAdapter } from './adapters/sap/sap-catalog.adapter.js';
import { SapErpCustomerAdapter } from './adapters/sap/sap-customer.adapter.js';
import { SapODataClient } from './adapters/sap/sap-odata.client.js';
import { SapErpPricingAdapter } from './adapters/sap/sap-pricing.adapter.js';
import { SapErpSalesOrderAdapter } from './adapters/sap/sap-sales-order.adapter.js';
import { ErpMasterDataController } from './erp-master-data.controller.js';
import { ErpSalesOrdersController } from './erp-sales-orders.controller.js';
import { ErpCatalog, ErpCustomers, ErpPricing, ErpSalesOrders } from './erp.ports.js';

/** ERP system API over SAP S/4HANA OData v2. */
@Module({
  controllers: [ErpMasterDataController, ErpSalesOrdersController],
  providers: [
    SapODataClient,
    { provide: ErpCustomers, useClass: SapErpCustomerAdapter },
    { provide: ErpCatalog, useClass: SapErpCatalogAdapter },
    { provide: ErpPricing, useClass: SapErpPricingAdapter },
    { provide: ErpSalesOrders, useClass: SapErpSalesOrderAdapter },
  ],
})
export class ErpModule {}
