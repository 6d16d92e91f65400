import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SandboxError } from '../sandbox.error.js';
import { ErpAuthGuard } from './erp-auth.guard.js';
import { CreateCustomerReturnDto } from './erp.dto.js';
import type { ErpCustomerReturn, ErpCustomerReturnItem } from './erp.model.js';
import { ErpStore } from './erp.store.js';
import { keyLiteral, odataEntity, odataList, serviceRootOf, withMetadata } from './odata.format.js';
import { findByKey, parseSegmentOf, readEntitySet, type EntitySetSpec } from './odata.reader.js';

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
  constructor(private readonly store: ErpStore) {}

  /** Deep insert: header plus `to_Item`; answers the created return with its items. */
  @Post('A_CustomerReturn')
  @HttpCode(201)
  create(@Body() body: CreateCustomerReturnDto, @Req() request: FastifyRequest): object {
    const { header } = this.store.createCustomerReturn(body);
    const root = serviceRootOf(request);
    const uri = `${root}/${SERVICE}/A_CustomerReturn(${keyLiteral(header.CustomerReturn)})`;
    return odataEntity(withMetadata(uri, `${SERVICE}.A_CustomerReturnType`, this.renderReturn(header, root, uri, true)));
  }

  /** `A_CustomerReturnItem`, e.g. `$filter=ReferenceSDDocument eq '4500000001'`; list reads only (the key is composite). */
  @Get('A_CustomerReturnItem')
  items(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest): object {
    return readEntitySet(
      {
        service: SERVICE,
        set: 'A_CustomerReturnItem',
        type: `${SERVICE}.A_CustomerReturnItemType`,
        rows: [...this.store.customerReturns.values()].flatMap((record) => record.items),
        keyOf: (item) => `${item.CustomerReturn}/${item.CustomerReturnItem}`,
        keyPredicate: itemKeyPredicate,
        fields: ITEM_FIELDS,
      },
      'A_CustomerReturnItem',
      query,
      request,
    );
  }

  /** `A_CustomerReturn` (e.g. `$filter=YY1_ExternalReference eq 'RMA-1'`) or `A_CustomerReturn('60000001')`; items with `$expand=to_Item`. */
  @Get(':segment')
  read(@Param('segment') segment: string, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest): object {
    return readEntitySet(this.spec(), segment, query, request);
  }

  /** `A_CustomerReturn('60000001')/to_Item`. */
  @Get(':segment/to_Item')
  returnItems(@Param('segment') segment: string, @Req() request: FastifyRequest): object {
    const { key } = parseSegmentOf('A_CustomerReturn', segment);
    if (key === undefined) throw new SandboxError(404, `Resource not found for segment '${segment}/to_Item'`);
    const header = findByKey(this.spec(), key);
    return odataList(this.renderItems(header.CustomerReturn, serviceRootOf(request)));
  }

  private spec(): EntitySetSpec<ErpCustomerReturn> {
    return {
      service: SERVICE,
      set: 'A_CustomerReturn',
      type: `${SERVICE}.A_CustomerReturnType`,
      rows: [...this.store.customerReturns.values()].map((record) => record.header),
      keyOf: (header) => header.CustomerReturn,
      fields: HEADER_FIELDS,
      navigations: ['to_Item'],
      render: (header, { uri, root, expand }) => this.renderReturn(header, root, uri, expand.includes('to_Item')),
    };
  }

  private renderReturn(header: ErpCustomerReturn, root: string, uri: string, expandItems: boolean): object {
    return { ...header, to_Item: expandItems ? { results: this.renderItems(header.CustomerReturn, root) } : { __deferred: { uri: `${uri}/to_Item` } } };
  }

  private renderItems(customerReturn: string, root: string): object[] {
    const items = this.store.customerReturns.get(customerReturn)?.items ?? [];
    return items.map((item) => withMetadata(`${root}/${SERVICE}/A_CustomerReturnItem(${itemKeyPredicate(item)})`, `${SERVICE}.A_CustomerReturnItemType`, item));
  }
}

function itemKeyPredicate(item: ErpCustomerReturnItem): string {
  return `CustomerReturn=${keyLiteral(item.CustomerReturn)},CustomerReturnItem=${keyLiteral(item.CustomerReturnItem)}`;
}
