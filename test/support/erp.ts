import { call } from './http.js';

const ERP_AUTH = `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}`;

export interface ErpSalesOrderHeader {
  readonly SalesOrder: string;
  readonly SoldToParty: string;
  readonly PurchaseOrderByCustomer: string;
  readonly OverallSDDocumentRejectionSts: string;
}

/** The sandbox ERP's sales orders, read through its own OData API: for one customer and PO, or all of them. */
export async function erpOrdersFor(sandboxUrl: string, customerId?: string, purchaseOrderNumber?: string): Promise<ErpSalesOrderHeader[]> {
  const terms = [customerId && `SoldToParty eq '${customerId}'`, purchaseOrderNumber && `PurchaseOrderByCustomer eq '${purchaseOrderNumber}'`].filter(Boolean);
  const filter = terms.length ? `?$filter=${encodeURIComponent(terms.join(' and '))}` : '';
  const response = await call(`${sandboxUrl}/sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder${filter}`, { headers: { authorization: ERP_AUTH } });
  if (response.status !== 200) throw new Error(`ERP sales orders: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.d.results;
}
