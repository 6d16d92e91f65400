import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ErpAuthGuard } from './erp-auth.guard.js';
import { CreateCustomerReturnDto } from './erp.dto.js';
import type { ErpCustomerReturn, ErpCustomerReturnItem } from './erp.model.js';
import { ErpStore } from './erp.store.js';
import { DocumentEntitySet } from './odata.reader.js';

const SERVICE = 'API_CUSTOMER_RETURN_SRV';
const HEADER_FIELDS: readonly (keyof ErpCustomerReturn)[] = [
  'CustomerReturn',
  'CustomerReturnType',
  'SalesOrganization',
  'DistributionChannel',
  'OrganizationDivision',
  'SoldToParty',
  'PurchaseOrderByCustomer',
  'ReferenceSDDocument',
  'ReferenceSDDocumentCategory',
  'SDDocumentReason',
  'CustomerReturnDate',
  'CreationDate',
  'TransactionCurrency',
  'TotalNetAmount',
  'OverallSDProcessStatus',
  'YY1_ExternalReference',
];
const ITEM_FIELDS: readonly (keyof ErpCustomerReturnItem)[] = [
  'CustomerReturn',
  'CustomerReturnItem',
  'CustomerReturnItemCategory',
  'CustomerReturnItemText',
  'Material',
  'RequestedQuantity',
  'RequestedQuantityUnit',
  'RequestedQuantityInBaseUnit',
  'BaseUnit',
  'NetAmount',
  'TransactionCurrency',
  'ReferenceSDDocument',
  'ReferenceSDDocumentItem',
  'ReturnReason',
  'YY1_CreditedQuantityInBaseUnit',
  'SDProcessStatus',
];

/** Customer returns (SAP's API_CUSTOMER_RETURN_SRV): created with reference to a billed sales order, credited by `G2` billing documents. */
@Controller(`sap/opu/odata/sap/${SERVICE}`)
@UseGuards(ErpAuthGuard)
export class ErpCustomerReturnController {
  private readonly returns: DocumentEntitySet<'CustomerReturn', 'CustomerReturnItem', ErpCustomerReturn, ErpCustomerReturnItem>;

  constructor(private readonly store: ErpStore) {
    this.returns = new DocumentEntitySet({
      service: SERVICE,
      set: 'A_CustomerReturn',
      key: 'CustomerReturn',
      itemKey: 'CustomerReturnItem',
      fields: HEADER_FIELDS,
      itemFields: ITEM_FIELDS,
      documents: () => this.store.customerReturns,
    });
  }

  /** Deep insert: header plus `to_Item`; answers the created return with its items. */
  @Post('A_CustomerReturn')
  @HttpCode(201)
  create(@Body() body: CreateCustomerReturnDto, @Req() request: FastifyRequest): object {
    return this.returns.created(this.store.createCustomerReturn(body).header, request);
  }

  /** `A_CustomerReturnItem`, e.g. `$filter=ReferenceSDDocument eq '4500000001'`; list reads only (the key is composite). */
  @Get('A_CustomerReturnItem')
  items(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest): object {
    return this.returns.readItems(query, request);
  }

  /** `A_CustomerReturn` (e.g. `$filter=YY1_ExternalReference eq 'RMA-1'`) or `A_CustomerReturn('60000001')`; items with `$expand=to_Item`. */
  @Get(':segment')
  read(@Param('segment') segment: string, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest): object {
    return this.returns.read(segment, query, request);
  }

  /** `A_CustomerReturn('60000001')/to_Item`. */
  @Get(':segment/to_Item')
  returnItems(@Param('segment') segment: string, @Req() request: FastifyRequest): object {
    return this.returns.readItemsOf(segment, request);
  }
}
