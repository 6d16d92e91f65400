import { Module } from '@nestjs/common';
import { SapErpBillingAdapter } from './adapters/sap/sap-billing.adapter.js';
import { SapErpCatalogAdapter } from './adapters/sap/sap-catalog.adapter.js';
import { SapErpCreditMemoAdapter } from './adapters/sap/sap-credit-memo.adapter.js';
import { SapErpCustomerReturnAdapter } from './adapters/sap/sap-customer-return.adapter.js';
import { SapErpCustomerAdapter } from './adapters/sap/sap-customer.adapter.js';
import { SapErpInboundSupplyAdapter } from './adapters/sap/sap-inbound-supply.adapter.js';
import { SapODataClient } from './adapters/sap/sap-odata.client.js';
import { SapErpPricingAdapter } from './adapters/sap/sap-pricing.adapter.js';
import { SapErpSalesOrderAdapter } from './adapters/sap/sap-sales-order.adapter.js';
import { ErpCreditMemosController } from './erp-credit-memos.controller.js';
import { ErpCustomerReturnsController } from './erp-customer-returns.controller.js';
import { ErpInvoicesController } from './erp-invoices.controller.js';
import { ErpInboundSupplyController } from './erp-inbound-supply.controller.js';
import { ErpMasterDataController } from './erp-master-data.controller.js';
import { ErpSalesOrdersController } from './erp-sales-orders.controller.js';
import { ErpBilling, ErpCatalog, ErpCreditMemos, ErpCustomerReturns, ErpCustomers, ErpInboundSupply, ErpPricing, ErpSalesOrders } from './erp.ports.js';

/** ERP system API over SAP S/4HANA OData v2. */
@Module({
  controllers: [
    ErpMasterDataController,
    ErpSalesOrdersController,
    ErpInboundSupplyController,
    ErpInvoicesController,
    ErpCustomerReturnsController,
    ErpCreditMemosController,
  ],
  providers: [
    SapODataClient,
    { provide: ErpCustomers, useClass: SapErpCustomerAdapter },
    { provide: ErpCatalog, useClass: SapErpCatalogAdapter },
    { provide: ErpPricing, useClass: SapErpPricingAdapter },
    { provide: ErpSalesOrders, useClass: SapErpSalesOrderAdapter },
    { provide: ErpInboundSupply, useClass: SapErpInboundSupplyAdapter },
    { provide: ErpBilling, useClass: SapErpBillingAdapter },
    { provide: ErpCustomerReturns, useClass: SapErpCustomerReturnAdapter },
    { provide: ErpCreditMemos, useClass: SapErpCreditMemoAdapter },
  ],
})
export class ErpModule {}
