/** Entities as the ERP's OData services expose them (Edm.Decimal as strings, dates as /Date(ms)/). */
export interface ErpCustomer {
  Customer: string;
  CustomerName: string;
  CityName: string;
  PostalCode: string;
  Region: string;
  Country: string;
  TaxNumber1: string;
  CustomerPriceGroup: string;
  PaymentTerms: string;
  Currency: string;
  CreditLimitAmount: string;
  CreditExposureAmount: string;
  CreditIsBlocked: boolean;
  CreditBlockReason: string;
  /** SAP's ship-complete flag: the customer's orders ship in one delivery or not at all. */
  CompleteDeliveryIsDefined: boolean;
  /** Custom field: a ship-complete order that cannot ship is `B` backordered or `R` rejected. */
  YY1_BackorderPolicy: 'B' | 'R';
  /** Custom field: quantity no inbound supply covers may be backordered without a date. */
  YY1_BackorderUndated: boolean;
  /** Custom field: `S` an invoice per shipment, `D` one consolidated invoice per day. */
  YY1_BillingPolicy: 'S' | 'D';
  /** Custom field (Edm.Decimal as a string): days after shipment within which returns are accepted; null: no window agreed. */
  YY1_ReturnWindowDays: string | null;
}

export interface ErpProductUnit {
  Product: string;
  AlternativeUnit: string;
  QuantityNumerator: string;
  QuantityDenominator: string;
}

export interface ErpProduct {
  Product: string;
  ProductDescription: string;
  BaseUnit: string;
  ProductGroup: string;
  GrossWeight: string;
  WeightUnit: string;
  /** Custom field: the item is not taken back from customers (e.g. hazardous goods). */
  YY1_NotReturnable: boolean;
  to_ProductUnitsOfMeasure: { results: ErpProductUnit[] };
}

export interface ErpConditionRecord {
  ConditionRecord: string;
  ConditionType: string;
  Material: string;
  /** Empty for the list price. */
  Customer: string;
  ConditionRateValue: string;
  ConditionRateValueUnit: string;
  ConditionQuantity: string;
  ConditionQuantityUnit: string;
  ConditionValidityStartDate: string;
  ConditionValidityEndDate: string;
}

export interface ErpSalesOrderItem {
  SalesOrder: string;
  SalesOrderItem: string;
  /** The customer's PO item number as sent; '' when none was. */
  UnderlyingPurchaseOrderItem: string;
  SalesOrderItemText: string;
  Material: string;
  RequestedQuantity: string;
  RequestedQuantityUnit: string;
  RequestedQuantityInBaseUnit: string;
  BaseUnit: string;
  NetAmount: string;
  NetPriceAmount: string;
  NetPriceQuantity: string;
  NetPriceQuantityUnit: string;
  TransactionCurrency: string;
  /** Set (e.g. `Z1`) when the item is rejected: it will be neither delivered nor billed. */
  SalesDocumentRjcnReason: string;
}

export interface ErpSalesOrder {
  SalesOrder: string;
  SalesOrderType: string;
  SalesOrganization: string;
  DistributionChannel: string;
  OrganizationDivision: string;
  SoldToParty: string;
  PurchaseOrderByCustomer: string;
  RequestedDeliveryDate: string;
  TransactionCurrency: string;
  TotalNetAmount: string;
  OverallSDProcessStatus: string;
  TotalCreditCheckStatus: 'A' | 'B';
  DeliveryBlockReason: string;
  CreationDate: string;
  /** Rejection of the items: `A` none, `B` some, `C` all (the order is cancelled). */
  OverallSDDocumentRejectionSts: 'A' | 'B' | 'C';
}

/** A stored order: the header plus its items (exposed as the `to_Item` navigation). */
export interface ErpSalesOrderRecord {
  header: ErpSalesOrder;
  items: ErpSalesOrderItem[];
}

/** Purchase order header (API_PURCHASEORDER_PROCESS_SRV). */
export interface ErpPurchaseOrder {
  PurchaseOrder: string;
  PurchaseOrderType: string;
  CompanyCode: string;
  PurchasingOrganization: string;
  PurchasingGroup: string;
  Supplier: string;
  PurchaseOrderDate: string;
  DocumentCurrency: string;
  /** `05` released. */
  PurchasingProcessingStatus: string;
}

/**
 * One delivery date of a purchase order item. Material and Plant are carried here (in SAP they sit on
 * the item) so a client reads supply per material and warehouse in one call.
 */
export interface ErpPurchaseOrderScheduleLine {
  PurchasingDocument: string;
  PurchasingDocumentItem: string;
  ScheduleLine: string;
  Material: string;
  /** The receiving warehouse (`DC01`..`DC03`). */
  Plant: string;
  ScheduleLineOrderQuantity: string;
  /** Quantity received so far, in the order unit. */
  RoughGoodsReceiptQty: string;
  OrderQuantityUnit: string;
  ScheduleLineDeliveryDate: string;
}

/** Billing document header (API_BILLING_DOCUMENT_SRV): `F2` invoices and `G2` credit memos. */
export interface ErpBillingDocument {
  BillingDocument: string;
  /** `F2` invoice, `G2` credit memo. */
  BillingDocumentType: 'F2' | 'G2';
  /** `M` invoice, `O` credit memo. Amounts are positive either way: the category says which way they post, as in SAP. */
  SDDocumentCategory: 'M' | 'O';
  SalesOrganization: string;
  DistributionChannel: string;
  Division: string;
  BillingDocumentDate: string;
  SoldToParty: string;
  PayerParty: string;
  CustomerPaymentTerms: string;
  TotalNetAmount: string;
  TaxAmount: string;
  TotalGrossAmount: string;
  TransactionCurrency: string;
  /** `A` open, `C` cleared (payment received, or for a credit memo: the credit paid out or offset). */
  InvoiceClearingStatus: 'A' | 'C';
  /** Custom field: the caller's invoice (or credit memo) id. */
  YY1_ExternalReference: string;
  /** Custom field: the ship-to state that set the tax rate (a credit memo: its first invoice's). */
  YY1_ShipToRegion: string;
}

/** One billed sales order item (invoice), or one credited customer return item (credit memo). */
export interface ErpBillingDocumentItem {
  BillingDocument: string;
  BillingDocumentItem: string;
  BillingDocumentItemText: string;
  Material: string;
  BillingQuantity: string;
  BillingQuantityUnit: string;
  BillingQuantityInBaseUnit: string;
  BaseUnit: string;
  NetAmount: string;
  TaxAmount: string;
  TransactionCurrency: string;
  /** Invoice: the sales order billed and its item. Credit memo: the customer return credited and its item. */
  ReferenceSDDocument: string;
  ReferenceSDDocumentItem: string;
  /** `C` order (an invoice's), `H` return (a credit memo's). */
  ReferenceSDDocumentCategory: 'C' | 'H';
  /** Custom fields, credit memos only ('' on invoices): the invoice and invoice item credited, whose price and tax rate apply. */
  YY1_ReferenceInvoice: string;
  YY1_ReferenceInvoiceItem: string;
}

/** A stored billing document: the header plus its items (the `to_Item` navigation). */
export interface ErpBillingDocumentRecord {
  header: ErpBillingDocument;
  items: ErpBillingDocumentItem[];
}

/** Customer return header (API_CUSTOMER_RETURN_SRV), created with reference to one sales order. */
export interface ErpCustomerReturn {
  CustomerReturn: string;
  /** `CBAR` advanced returns. */
  CustomerReturnType: string;
  SalesOrganization: string;
  DistributionChannel: string;
  OrganizationDivision: string;
  SoldToParty: string;
  PurchaseOrderByCustomer: string;
  /** The sales order returned against. */
  ReferenceSDDocument: string;
  /** `C` order. */
  ReferenceSDDocumentCategory: 'C';
  /** Order reason (SAP's AUGRU): why the customer returns, e.g. `101` damaged. */
  SDDocumentReason: string;
  CustomerReturnDate: string;
  CreationDate: string;
  TransactionCurrency: string;
  TotalNetAmount: string;
  /** Credit progress: `A` nothing credited yet, `B` partly credited, `C` fully credited. */
  OverallSDProcessStatus: 'A' | 'B' | 'C';
  /** Custom field: the caller's return id (look-up after a lost answer). */
  YY1_ExternalReference: string;
}

export interface ErpCustomerReturnItem {
  CustomerReturn: string;
  CustomerReturnItem: string;
  /** `REN` returns item. */
  CustomerReturnItemCategory: string;
  CustomerReturnItemText: string;
  Material: string;
  RequestedQuantity: string;
  RequestedQuantityUnit: string;
  RequestedQuantityInBaseUnit: string;
  BaseUnit: string;
  /** At the sales order item's net price. */
  NetAmount: string;
  TransactionCurrency: string;
  /** The sales order and the item returned. */
  ReferenceSDDocument: string;
  ReferenceSDDocumentItem: string;
  /** Why this item comes back; defaults to the header's SDDocumentReason. */
  ReturnReason: string;
  /** Base quantity credited so far by credit memos. */
  YY1_CreditedQuantityInBaseUnit: string;
  /** `A` not credited, `B` partly, `C` fully. */
  SDProcessStatus: 'A' | 'B' | 'C';
}

/** A stored customer return: header plus items (the `to_Item` navigation). */
export interface ErpCustomerReturnRecord {
  header: ErpCustomerReturn;
  items: ErpCustomerReturnItem[];
}

/**
 * Business partner header (API_BUSINESS_PARTNER, organisations only). The sandbox keeps business partners in the
 * customer role, numbered like their customer (S/4's same-number customer-vendor integration).
 */
export interface ErpBusinessPartner {
  BusinessPartner: string;
  Customer: string;
  /** `2` organisation. */
  BusinessPartnerCategory: string;
  BusinessPartnerGrouping: string;
  BusinessPartnerName: string;
  OrganizationBPName1: string;
  OrganizationBPName2: string;
  SearchTerm1: string;
  CreationDate: string;
  LastChangeDate: string;
}

export interface ErpBusinessPartnerAddress {
  BusinessPartner: string;
  AddressID: string;
  StreetName: string;
  HouseNumber: string;
  CityName: string;
  PostalCode: string;
  Region: string;
  Country: string;
}

export interface ErpBusinessPartnerTaxNumber {
  BusinessPartner: string;
  /** e.g. `US01` (US employer identification number). */
  BPTaxType: string;
  BPTaxNumber: string;
}

/** A stored business partner: header, its one standard address and its tax numbers. */
export interface ErpBusinessPartnerRecord {
  header: ErpBusinessPartner;
  address: ErpBusinessPartnerAddress;
  taxNumbers: ErpBusinessPartnerTaxNumber[];
}
