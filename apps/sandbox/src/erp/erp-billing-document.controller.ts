import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SandboxError } from '../sandbox.error.js';
import { ErpAuthGuard } from './erp-auth.guard.js';
import { CreateBillingDocumentDto } from './erp.dto.js';
import type { ErpBillingDocument, ErpBillingDocumentItem } from './erp.model.js';
import { ErpStore } from './erp.store.js';
import { keyLiteral, odataEntity, odataList, serviceRootOf, withMetadata } from './odata.format.js';
import { findByKey, parseSegmentOf, readEntitySet, type EntitySetSpec } from './odata.reader.js';

const SERVICE = 'API_BILLING_DOCUMENT_SRV';
const HEADER_FIELDS: readonly (keyof ErpBillingDocument)[] = [
  'BillingDocument',
  'BillingDocumentType',
  'SDDocumentCategory',
  'SalesOrganization',
  'DistributionChannel',
  'Division',
  'BillingDocumentDate',
  'SoldToParty',
  'PayerParty',
  'CustomerPaymentTerms',
  'TotalNetAmount',
  'TaxAmount',
  'TotalGrossAmount',
  'TransactionCurrency',
  'InvoiceClearingStatus',
  'YY1_ExternalReference',
  'YY1_ShipToRegion',
];
const ITEM_FIELDS: readonly (keyof ErpBillingDocumentItem)[] = [
  'BillingDocument',
  'BillingDocumentItem',
  'BillingDocumentItemText',
  'Material',
  'BillingQuantity',
  'BillingQuantityUnit',
  'BillingQuantityInBaseUnit',
  'BaseUnit',
  'NetAmount',
  'TaxAmount',
  'TransactionCurrency',
  'ReferenceSDDocument',
  'ReferenceSDDocumentItem',
  'ReferenceSDDocumentCategory',
  'YY1_ReferenceInvoice',
  'YY1_ReferenceInvoiceItem',
];

@Controller(`sap/opu/odata/sap/${SERVICE}`)
@UseGuards(ErpAuthGuard)
export class ErpBillingDocumentController {
  constructor(private readonly store: ErpStore) {}

  /**
   * Deep insert: header plus `to_Item`. An invoice (`F2`) is priced from the referenced sales order items and taxed by
   * ship-to region; a credit memo (`G2`) credits customer return items at their invoice's price and tax rate.
   */
  @Post('A_BillingDocument')
  @HttpCode(201)
  create(@Body() body: CreateBillingDocumentDto, @Req() request: FastifyRequest): object {
    const { header } = this.store.createBillingDocument(body);
    const root = serviceRootOf(request);
    const uri = `${root}/${SERVICE}/A_BillingDocument(${keyLiteral(header.BillingDocument)})`;
    return odataEntity(withMetadata(uri, `${SERVICE}.A_BillingDocumentType`, this.renderDocument(header, root, uri, true)));
  }

  /** `A_BillingDocumentItem`, e.g. `$filter=ReferenceSDDocument eq '4500000001'`; list reads only (the key is composite). */
  @Get('A_BillingDocumentItem')
  items(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest): object {
    return readEntitySet(
      {
        service: SERVICE,
        set: 'A_BillingDocumentItem',
        type: `${SERVICE}.A_BillingDocumentItemType`,
        rows: [...this.store.billingDocuments.values()].flatMap((document) => document.items),
        keyOf: (item) => `${item.BillingDocument}/${item.BillingDocumentItem}`,
        keyPredicate: itemKeyPredicate,
        fields: ITEM_FIELDS,
      },
      'A_BillingDocumentItem',
      query,
      request,
    );
  }

  /** `A_BillingDocument` (e.g. `$filter=YY1_ExternalReference eq 'INV-1'`) or `A_BillingDocument('90000001')`; items with `$expand=to_Item`. */
  @Get(':segment')
  read(@Param('segment') segment: string, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest): object {
    return readEntitySet(this.spec(), segment, query, request);
  }

  /** `A_BillingDocument('90000001')/to_Item`. */
  @Get(':segment/to_Item')
  documentItems(@Param('segment') segment: string, @Req() request: FastifyRequest): object {
    const { key } = parseSegmentOf('A_BillingDocument', segment);
    if (key === undefined) throw new SandboxError(404, `Resource not found for segment '${segment}/to_Item'`);
    const header = findByKey(this.spec(), key);
    return odataList(this.renderItems(header.BillingDocument, serviceRootOf(request)));
  }

  private spec(): EntitySetSpec<ErpBillingDocument> {
    return {
      service: SERVICE,
      set: 'A_BillingDocument',
      type: `${SERVICE}.A_BillingDocumentType`,
      rows: [...this.store.billingDocuments.values()].map((document) => document.header),
      keyOf: (document) => document.BillingDocument,
      fields: HEADER_FIELDS,
      navigations: ['to_Item'],
      render: (document, { uri, root, expand }) => this.renderDocument(document, root, uri, expand.includes('to_Item')),
    };
  }

  private renderDocument(document: ErpBillingDocument, root: string, uri: string, expandItems: boolean): object {
    return {
      ...document,
      to_Item: expandItems ? { results: this.renderItems(document.BillingDocument, root) } : { __deferred: { uri: `${uri}/to_Item` } },
    };
  }

  private renderItems(billingDocument: string, root: string): object[] {
    const items = this.store.billingDocuments.get(billingDocument)?.items ?? [];
    return items.map((item) =>
      withMetadata(`${root}/${SERVICE}/A_BillingDocumentItem(${itemKeyPredicate(item)})`, `${SERVICE}.A_BillingDocumentItemType`, item),
    );
  }
}

function itemKeyPredicate(item: ErpBillingDocumentItem): string {
  return `BillingDocument=${keyLiteral(item.BillingDocument)},BillingDocumentItem=${keyLiteral(item.BillingDocumentItem)}`;
}
