import { Controller, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ErpAuthGuard } from './erp-auth.guard.js';
import type { ErpPurchaseOrder, ErpPurchaseOrderScheduleLine } from './erp.model.js';
import { ErpStore } from './erp.store.js';
import { keyLiteral } from './odata.format.js';
import { readEntitySet } from './odata.reader.js';

const SERVICE = 'API_PURCHASEORDER_PROCESS_SRV';
const HEADER_FIELDS: readonly (keyof ErpPurchaseOrder)[] = [
  'PurchaseOrder',
  'PurchaseOrderType',
  'CompanyCode',
  'PurchasingOrganization',
  'PurchasingGroup',
  'Supplier',
  'PurchaseOrderDate',
  'DocumentCurrency',
  'PurchasingProcessingStatus',
];
const SCHEDULE_LINE_FIELDS: readonly (keyof ErpPurchaseOrderScheduleLine)[] = [
  'PurchasingDocument',
  'PurchasingDocumentItem',
  'ScheduleLine',
  'Material',
  'Plant',
  'ScheduleLineOrderQuantity',
  'RoughGoodsReceiptQty',
  'OrderQuantityUnit',
  'ScheduleLineDeliveryDate',
];

@Controller(`sap/opu/odata/sap/${SERVICE}`)
@UseGuards(ErpAuthGuard)
export class ErpPurchaseOrderController {
  constructor(private readonly store: ErpStore) {}

  /** `A_PurchaseOrderScheduleLine`, e.g. `$filter=Material eq 'SKU-1001' and Plant eq 'DC02'`; list reads only (the key is composite). */
  @Get('A_PurchaseOrderScheduleLine')
  scheduleLines(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest): object {
    return readEntitySet(
      {
        service: SERVICE,
        set: 'A_PurchaseOrderScheduleLine',
        type: `${SERVICE}.A_PurchaseOrderScheduleLineType`,
        rows: this.store.scheduleLines,
        keyOf: (line) => `${line.PurchasingDocument}/${line.PurchasingDocumentItem}/${line.ScheduleLine}`,
        keyPredicate: (line) =>
          `PurchasingDocument=${keyLiteral(line.PurchasingDocument)},PurchasingDocumentItem=${keyLiteral(line.PurchasingDocumentItem)},ScheduleLine=${keyLiteral(line.ScheduleLine)}`,
        fields: SCHEDULE_LINE_FIELDS,
      },
      'A_PurchaseOrderScheduleLine',
      query,
      request,
    );
  }

  /** `A_PurchaseOrder` or `A_PurchaseOrder('4100000001')`. */
  @Get(':segment')
  read(@Param('segment') segment: string, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest): object {
    return readEntitySet(
      {
        service: SERVICE,
        set: 'A_PurchaseOrder',
        type: `${SERVICE}.A_PurchaseOrderType`,
        rows: this.store.purchaseOrders,
        keyOf: (po) => po.PurchaseOrder,
        fields: HEADER_FIELDS,
      },
      segment,
      query,
      request,
    );
  }
}
