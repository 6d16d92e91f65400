import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SandboxError } from '../sandbox.error.js';
import { ErpAuthGuard } from './erp-auth.guard.js';
import { CreateSalesOrderDto, UpdateSalesOrderItemDto } from './erp.dto.js';
import type { ErpSalesOrder, ErpSalesOrderItem } from './erp.model.js';
import { ErpStore } from './erp.store.js';
import { DocumentEntitySet, parseEntityKeys, validatedBody } from './odata.reader.js';

const SERVICE = 'API_SALES_ORDER_SRV';
const HEADER_FIELDS: readonly (keyof ErpSalesOrder)[] = [
  'SalesOrder',
  'SalesOrderType',
  'SalesOrganization',
  'DistributionChannel',
  'OrganizationDivision',
  'SoldToParty',
  'PurchaseOrderByCustomer',
  'RequestedDeliveryDate',
  'TransactionCurrency',
  'TotalNetAmount',
  'OverallSDProcessStatus',
  'TotalCreditCheckStatus',
  'DeliveryBlockReason',
  'CreationDate',
  'OverallSDDocumentRejectionSts',
];

@Controller(`sap/opu/odata/sap/${SERVICE}`)
@UseGuards(ErpAuthGuard)
export class ErpSalesOrderController {
  private readonly orders: DocumentEntitySet<'SalesOrder', 'SalesOrderItem', ErpSalesOrder, ErpSalesOrderItem>;

  constructor(private readonly store: ErpStore) {
    this.orders = new DocumentEntitySet({
      service: SERVICE,
      set: 'A_SalesOrder',
      key: 'SalesOrder',
      itemKey: 'SalesOrderItem',
      fields: HEADER_FIELDS,
      documents: () => this.store.salesOrders,
    });
  }

  /** Deep insert: header plus `to_Item.results`; answers the created order with its items. */
  @Post('A_SalesOrder')
  @HttpCode(201)
  create(@Body() body: CreateSalesOrderDto, @Req() request: FastifyRequest): object {
    return this.orders.created(this.store.createSalesOrder(body).header, request);
  }

  /** `A_SalesOrderItem(SalesOrder='4500000001',SalesOrderItem='10')`: rejects an item (reason code) or reinstates it (''). */
  @Patch(':segment')
  @HttpCode(204)
  update(@Param('segment') segment: string, @Body() body: unknown): void {
    const { set, keys } = parseEntityKeys(segment, 'SalesOrder');
    if (set !== 'A_SalesOrderItem' || !keys.SalesOrder || !keys.SalesOrderItem) throw new SandboxError(404, `Resource not found for segment '${segment}'`);
    this.store.setItemRejection(keys.SalesOrder, keys.SalesOrderItem, validatedBody(UpdateSalesOrderItemDto, body).SalesDocumentRjcnReason);
  }

  /** `A_SalesOrder` or `A_SalesOrder('4500000001')`; items inline only with `$expand=to_Item`, as in SAP. */
  @Get(':segment')
  read(@Param('segment') segment: string, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest): object {
    return this.orders.read(segment, query, request);
  }

  /** `A_SalesOrder('4500000001')/to_Item`. */
  @Get(':segment/to_Item')
  items(@Param('segment') segment: string, @Req() request: FastifyRequest): object {
    return this.orders.readItemsOf(segment, request);
  }
}
