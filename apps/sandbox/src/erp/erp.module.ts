import { Module } from '@nestjs/common';
import { ErpBillingDocumentController } from './erp-billing-document.controller.js';
import { ErpBusinessPartnerController } from './erp-business-partner.controller.js';
import { ErpCustomerReturnController } from './erp-customer-return.controller.js';
import { ErpPricingController } from './erp-pricing.controller.js';
import { ErpProductController } from './erp-product.controller.js';
import { ErpPurchaseOrderController } from './erp-purchase-order.controller.js';
import { ErpSalesOrderController } from './erp-sales-order.controller.js';
import { ErpServiceController } from './erp-service.controller.js';
import { ErpStore } from './erp.store.js';

@Module({
  controllers: [
    ErpServiceController,
    ErpBusinessPartnerController,
    ErpProductController,
    ErpPricingController,
    ErpSalesOrderController,
    ErpPurchaseOrderController,
    ErpBillingDocumentController,
    ErpCustomerReturnController,
  ],
  providers: [ErpStore],
  exports: [ErpStore],
})
export class ErpModule {}
