import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SandboxError } from '../sandbox.error.js';
import { ErpAuthGuard } from './erp-auth.guard.js';
import { CreateSalesOrderDto, UpdateSalesOrderItemDto } from './erp.dto.js';
import type { ErpSalesOrder, ErpSalesOrderItem } from './erp.model.js';
import { ErpStore } from './erp.store.js';
import { keyLiteral, odataEntity, odataList, serviceRootOf, withMetadata } from './odata.format.js';
import { findByKey, parseEntityKeys, parseSegmentOf, readEntitySet, validatedBody, type EntitySetSpec } from './odata.reader.js';

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
  constructor(private readonly store: ErpStore) {}

  /** Deep insert: header plus `to_Item.results`; answers the created order with its items. */
  @Post('A_SalesOrder')
  @HttpCode(201)
  create(@Body() body: CreateSalesOrderDto, @Req() request: FastifyRequest): object {
    const { header } = this.store.createSalesOrder(body);
    const uri = `${serviceRootOf(request)}/${SERVICE}/A_SalesOrder(${keyLiteral(header.SalesOrder)})`;
    return odataEntity(withMetadata(uri, `${SERVICE}.A_SalesOrderType`, this.renderOrder(header, serviceRootOf(request), uri, true)));
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
    return readEntitySet(this.spec(), segment, query, request);
  }

  /** `A_SalesOrder('4500000001')/to_Item`. */
  @Get(':segment/to_Item')
  items(@Param('segment') segment: string, @Req() request: FastifyRequest): object {
    const { key } = parseSegmentOf('A_SalesOrder', segment);
    if (key === undefined) throw new SandboxError(404, `Resource not found for segment '${segment}/to_Item'`);
    const header = findByKey(this.spec(), key);
    return odataList(this.renderItems(header.SalesOrder, serviceRootOf(request)));
  }

  private spec(): EntitySetSpec<ErpSalesOrder> {
    return {
      service: SERVICE,
      set: 'A_SalesOrder',
      type: `${SERVICE}.A_SalesOrderType`,
      rows: [...this.store.salesOrders.values()].map((order) => order.header),
      keyOf: (order) => order.SalesOrder,
      fields: HEADER_FIELDS,
      navigations: ['to_Item'],
      render: (order, { uri, root, expand }) => this.renderOrder(order, root, uri, expand.includes('to_Item')),
    };
  }

  private renderOrder(order: ErpSalesOrder, root: string, uri: string, expandItems: boolean): object {
    return { ...order, to_Item: expandItems ? { results: this.renderItems(order.SalesOrder, root) } : { __deferred: { uri: `${uri}/to_Item` } } };
  }

  private renderItems(salesOrder: string, root: string): object[] {
    const items: ErpSalesOrderItem[] = this.store.salesOrders.get(salesOrder)?.items ?? [];
    return items.map((item) =>
      withMetadata(
        `${root}/${SERVICE}/A_SalesOrderItem(SalesOrder=${keyLiteral(item.SalesOrder)},SalesOrderItem=${keyLiteral(item.SalesOrderItem)})`,
        `${SERVICE}.A_SalesOrderItemType`,
        item,
      ),
    );
  }
}
