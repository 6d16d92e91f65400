import { Injectable } from '@nestjs/common';
import type { CreateErpInvoiceDto, ErpInvoiceDto } from '@contracts';
import { NotFoundError } from '@platform';
import type { ErpBilling } from '../../erp.ports.js';
import { toErpInvoice, toSapBillingDocumentCreate } from './sap-billing.mapper.js';
import { eqFilter, keyPath, odataQuery } from './sap-odata.js';
import { SapODataClient } from './sap-odata.client.js';
import type { SapBillingDocument } from './sap.types.js';

const SERVICE = '/API_BILLING_DOCUMENT_SRV';
const BILLING_DOCUMENTS = `${SERVICE}/A_BillingDocument`;
const INVOICE = 'F2';

@Injectable()
export class SapErpBillingAdapter implements ErpBilling {
  constructor(private readonly sap: SapODataClient) {}

  /** Deep insert; the answer carries the items as the ERP priced and taxed them. */
  async create(invoice: CreateErpInvoiceDto): Promise<ErpInvoiceDto> {
    const created = await this.sap.create<SapBillingDocument>(BILLING_DOCUMENTS, toSapBillingDocumentCreate(invoice));
    return created.to_Item ? toErpInvoice(created) : this.get(created.BillingDocument);
  }

  async find(externalReference: string, customerId?: string): Promise<ErpInvoiceDto[]> {
    // credit memos (G2) carry external references too: only F2 documents are invoices
    const $filter = eqFilter({
      YY1_ExternalReference: externalReference,
      BillingDocumentType: INVOICE,
      ...(customerId === undefined ? {} : { SoldToParty: customerId }),
    });
    const documents = await this.sap.list<SapBillingDocument>(`${BILLING_DOCUMENTS}${odataQuery({ $filter, $expand: 'to_Item' })}`);
    return documents.map(toErpInvoice);
  }

  async get(erpInvoiceNumber: string): Promise<ErpInvoiceDto> {
    const path = `${SERVICE}/${keyPath('A_BillingDocument', erpInvoiceNumber)}${odataQuery({ $expand: 'to_Item' })}`;
    const document = await this.sap.entity<SapBillingDocument>(path, 'ERP.INVOICE_NOT_FOUND');
    // invoices and credit memos share one number range: a credit memo's number is no invoice
    if (document.BillingDocumentType !== undefined && document.BillingDocumentType !== INVOICE)
      throw new NotFoundError('ERP.INVOICE_NOT_FOUND', `Billing document ${erpInvoiceNumber} is not an invoice`);
    return toErpInvoice(document);
  }
}
