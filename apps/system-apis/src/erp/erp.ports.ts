import type {
  CreateErpCreditMemoDto,
  CreateErpCustomerReturnDto,
  CreateErpInvoiceDto,
  CreateErpSalesOrderDto,
  CustomerDto,
  ErpCreditMemoDto,
  ErpCustomerMasterDto,
  ErpCustomerReturnDto,
  ErpInvoiceDto,
  ErpSalesOrderDto,
  InboundSupplyDto,
  ItemDto,
  PageDto,
  PriceDto,
} from '@contracts';

/** The ERP's capabilities, in canonical terms. One adapter per vendor implements each. */

export interface CustomerSearch {
  readonly taxNumber?: string;
  readonly postalCode?: string;
}

export abstract class ErpCustomers {
  /** @throws NotFoundError `ERP.CUSTOMER_NOT_FOUND` */
  abstract getCustomer(customerId: string): Promise<CustomerDto>;
  /** Customers with exactly this tax number, or this postal code (either criterion matches). */
  abstract findCustomers(search: CustomerSearch): Promise<CustomerDto[]>;
  /** A new customer with the ERP's defaults for price group, payment terms and credit. */
  abstract createCustomer(master: ErpCustomerMasterDto): Promise<CustomerDto>;
  /** Writes name, address and tax number; the rest of the customer master stays the ERP's. @throws NotFoundError `ERP.CUSTOMER_NOT_FOUND` */
  abstract updateCustomer(customerId: string, master: ErpCustomerMasterDto): Promise<CustomerDto>;
}

export abstract class ErpCatalog {
  /** One page of the item master; `cursor` is opaque, from the previous page. */
  abstract listItems(cursor: string | undefined, limit: number): Promise<PageDto<ItemDto>>;
}

export abstract class ErpPricing {
  /** Current price per base unit of each sku (all priced skus when none are given): the customer's, else the list price. */
  abstract getPrices(customerId: string, skus?: string[]): Promise<PriceDto[]>;
}

export abstract class ErpInboundSupply {
  /** Purchase order quantity still to arrive, in base units, per sku and warehouse (all when not given); sorted by eta, then sku. */
  abstract listInboundSupply(sku?: string, warehouseId?: string): Promise<InboundSupplyDto[]>;
}

export abstract class ErpSalesOrders {
  abstract create(order: CreateErpSalesOrderDto): Promise<ErpSalesOrderDto>;
  abstract find(customerId: string, purchaseOrderNumber: string): Promise<ErpSalesOrderDto[]>;
  /** @throws NotFoundError `ERP.SALES_ORDER_NOT_FOUND` */
  abstract get(erpOrderNumber: string): Promise<ErpSalesOrderDto>;
  /** Rejects every item not yet rejected; cancelling a cancelled order changes nothing. @throws NotFoundError `ERP.SALES_ORDER_NOT_FOUND` */
  abstract cancel(erpOrderNumber: string): Promise<ErpSalesOrderDto>;
}

export abstract class ErpBilling {
  /** Bills shipped quantities of one sales order: the ERP prices them from the order and adds tax. */
  abstract create(invoice: CreateErpInvoiceDto): Promise<ErpInvoiceDto>;
  /** The invoices carrying the caller's reference (to find one created before a lost answer). */
  abstract find(externalReference: string, customerId?: string): Promise<ErpInvoiceDto[]>;
  /** @throws NotFoundError `ERP.INVOICE_NOT_FOUND` */
  abstract get(erpInvoiceNumber: string): Promise<ErpInvoiceDto>;
}

export abstract class ErpCustomerReturns {
  /** A customer return with reference to one sales order; the ERP refuses more than was billed less what earlier returns requested. */
  abstract create(request: CreateErpCustomerReturnDto): Promise<ErpCustomerReturnDto>;
  /** The returns carrying the caller's reference (to find one created before a lost answer). */
  abstract find(externalReference: string): Promise<ErpCustomerReturnDto[]>;
}

export abstract class ErpCreditMemos {
  /** Credits returned quantities of one customer return at the invoice's price and tax rate. */
  abstract create(request: CreateErpCreditMemoDto): Promise<ErpCreditMemoDto>;
  /** The credit memos (never invoices) carrying the caller's reference. */
  abstract find(externalReference: string): Promise<ErpCreditMemoDto[]>;
}
