import { Injectable } from '@nestjs/common';
import type { CreateErpCreditMemoDto, ErpCreditMemoDto } from '@contracts';
import type { ErpCreditMemos } from '../../erp.ports.js';
import { toErpCreditMemo, toSapCreditMemoCreate } from './sap-credit-memo.mapper.js';
import { eqFilter, keyPath, odataQuery } from './sap-odata.js';
import { SapODataClient } from './sap-odata.client.js';
import type { SapBillingDocument } from './sap.types.js';

const SERVICE = '/API_BILLING_DOCUMENT_SRV';
const BILLING_DOCUMENTS = `${SERVICE}/A_BillingDocument`;

/** Credit memos are billing documents of type G2 on the invoices' entity set; every read filters the type. */
@Injectable()
export class SapErpCreditMemoAdapter implements ErpCreditMemos {
  constructor(private readonly sap: SapODataClient) {}

  async create(request: CreateErpCreditMemoDto): Promise<ErpCreditMemoDto> {
    const created = await this.sap.create<SapBillingDocument>(BILLING_DOCUMENTS, toSapCreditMemoCreate(request));
    if (created.to_Item?.results) return toErpCreditMemo(created);
    const path = `${SERVICE}/${keyPath('A_BillingDocument', created.BillingDocument)}${odataQuery({ $expand: 'to_Item' })}`;
    return toErpCreditMemo(await this.sap.entity<SapBillingDocument>(path, 'ERP.NOT_FOUND'));
  }

  async find(externalReference: string): Promise<ErpCreditMemoDto[]> {
    const $filter = eqFilter({ YY1_ExternalReference: externalReference, BillingDocumentType: 'G2' });
    const documents = await this.sap.list<SapBillingDocument>(`${BILLING_DOCUMENTS}${odataQuery({ $filter, $expand: 'to_Item' })}`);
    return documents.map(toErpCreditMemo);
  }
}
