import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ErpAuthGuard } from './erp-auth.guard.js';
import { CreateBillingDocumentDto } from './erp.dto.js';
import type { ErpBillingDocument, ErpBillingDocumentItem } from './erp.model.js';
import { ErpStore } from './erp.store.js';
import { DocumentEntitySet } from './odata.reader.js';

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
  private readonly documents: DocumentEntitySet<'BillingDocument', 'BillingDocumentItem', ErpBillingDocument, ErpBillingDocumentItem>;

  constructor(private readonly store: ErpStore) {
    this.documents = new DocumentEntitySet({
      service: SERVICE,
      set: 'A_BillingDocument',
      key: 'BillingDocument',
      itemKey: 'BillingDocumentItem',
      fields: HEADER_FIELDS,
      itemFields: ITEM_FIELDS,
      documents: () => this.store.billingDocuments,
    });
  }

  /**
   * Deep insert: header plus `to_Item`. An invoice (`F2`) is priced from the referenced sales order items and taxed by
   * ship-to region; a credit memo (`G2`) credits customer return items at their invoice's price and tax rate.
   */
  @Post('A_BillingDocument')
  @HttpCode(201)
  create(@Body() body: CreateBillingDocumentDto, @Req() request: FastifyRequest): object {
    return this.documents.created(this.store.createBillingDocument(body).header, request);
  }

  /** `A_BillingDocumentItem`, e.g. `$filter=ReferenceSDDocument eq '4500000001'`; list reads only (the key is composite). */
  @Get('A_BillingDocumentItem')
  items(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest): object {
    return this.documents.readItems(query, request);
  }

  /** `A_BillingDocument` (e.g. `$filter=YY1_ExternalReference eq 'INV-1'`) or `A_BillingDocument('90000001')`; items with `$expand=to_Item`. */
  @Get(':segment')
  read(@Param('segment') segment: string, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest): object {
    return this.documents.read(segment, query, request);
  }

  /** `A_BillingDocument('90000001')/to_Item`. */
  @Get(':segment/to_Item')
  documentItems(@Param('segment') segment: string, @Req() request: FastifyRequest): object {
    return this.documents.readItemsOf(segment, request);
  }
}
