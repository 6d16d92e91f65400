import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { SandboxError } from '../sandbox.error.js';
import { ErpAuthGuard } from './erp-auth.guard.js';

const SERVICES: Readonly<Record<string, string[]>> = {
  API_BUSINESS_PARTNER: ['A_Customer'],
  API_PRODUCT_SRV: ['A_Product'],
  API_SLSPRICINGCONDITIONRECORD_SRV: ['A_SlsPrcgConditionRecord'],
  API_SALES_ORDER_SRV: ['A_SalesOrder', 'A_SalesOrderItem'],
  API_PURCHASEORDER_PROCESS_SRV: ['A_PurchaseOrder', 'A_PurchaseOrderScheduleLine'],
  API_BILLING_DOCUMENT_SRV: ['A_BillingDocument', 'A_BillingDocumentItem'],
  API_CUSTOMER_RETURN_SRV: ['A_CustomerReturn', 'A_CustomerReturnItem'],
};

/** Service documents: what clients often GET with `x-csrf-token: Fetch` before their first write. */
@Controller('sap/opu/odata/sap')
@UseGuards(ErpAuthGuard)
export class ErpServiceController {
  @Get(':service')
  serviceDocument(@Param('service') service: string): object {
    const entitySets = SERVICES[service];
    if (!entitySets) throw new SandboxError(404, `No service found for namespace '', name '${service}', version '0001'`, '/IWFND/MED/170');
    return { d: { EntitySets: entitySets } };
  }
}
