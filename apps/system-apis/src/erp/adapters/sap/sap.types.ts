/** Native SAP S/4HANA OData v2 shapes, as far as the gateway reads them. Decimals are strings. */

export interface SapCustomer {
  Customer: string;
  CustomerName: string;
  CityName?: string;
  PostalCode?: string;
  Region?: string;
  Country?: string;
  TaxNumber1?: string;
  CustomerPriceGroup?: string;
  PaymentTerms?: string;
  Currency?: string;
  CreditLimitAmount?: string;
  CreditExposureAmount?: string;
  CreditIsBlocked?: boolean;
  CreditBlockReason?: string;
  /** Ship-complete flag. */
  CompleteDeliveryIsDefined?: boolean;
  /** Custom field: `B` backorder or `R` reject a ship-complete order that cannot ship. */
  YY1_BackorderPolicy?: string;
  /** Custom field: quantity without inbound supply may be backordered without a date. */
  YY1_BackorderUndated?: boolean;
  /** `S` an invoice per shipment, `D` one consolidated invoice a day. */
  YY1_BillingPolicy?: string;
  /** Custom field: days after shipment within which returns are accepted (Edm.Decimal); empty or null: no window agreed. */
  YY1_ReturnWindowDays?: string | number | null;
}

export interface SapProductUnitOfMeasure {
  AlternativeUnit: string;
  QuantityNumerator: string;
  QuantityDenominator: string;
}

export interface SapProduct {
  Product: string;
  ProductDescription?: string;
  BaseUnit: string;
  ProductGroup?: string;
  GrossWeight?: string;
  WeightUnit?: string;
  /** Custom field: the item is not taken back from customers. */
  YY1_NotReturnable?: boolean;
  to_ProductUnitsOfMeasure?: { results: SapProductUnitOfMeasure[] };
}

export interface SapPriceCondition {
  ConditionRecord: string;
  ConditionType: string;
  Material: string;
  /** Empty for a list price. */
  Customer?: string;
  ConditionRateValue: string;
  ConditionRateValueUnit: string;
  ConditionQuantity?: string;
  ConditionQuantityUnit?: string;
  ConditionValidityStartDate?: string;
  ConditionValidityEndDate?: string;
}

export interface SapSalesOrderItem {
  SalesOrderItem: string;
  /** The customer's PO item number (six characters): the gateway's line number. */
  UnderlyingPurchaseOrderItem?: string;
  Material: string;
  RequestedQuantity: string;
  RequestedQuantityUnit: string;
  NetAmount?: string;
  NetPriceAmount?: string;
  NetPriceQuantity?: string;
  TransactionCurrency?: string;
  /** Non-empty when the item is rejected (cancelled). */
  SalesDocumentRjcnReason?: string;
}

export interface SapSalesOrder {
  SalesOrder: string;
  SalesOrderType?: string;
  SalesOrganization?: string;
  DistributionChannel?: string;
  OrganizationDivision?: string;
  SoldToParty: string;
  PurchaseOrderByCustomer?: string;
  RequestedDeliveryDate?: string | null;
  TransactionCurrency?: string;
  TotalNetAmount?: string;
  OverallSDProcessStatus?: string;
  /** `A` passed, `B` blocked. */
  TotalCreditCheckStatus?: string;
  DeliveryBlockReason?: string;
  CreationDate?: string;
  /** `A` no item rejected, `B` some, `C` all. */
  OverallSDDocumentRejectionSts?: string;
  to_Item?: { results: SapSalesOrderItem[] };
}

/** `API_PURCHASEORDER_PROCESS_SRV/A_PurchaseOrderScheduleLine`: one delivery date of a purchase order item. */
export interface SapPurchaseOrderScheduleLine {
  PurchasingDocument: string;
  PurchasingDocumentItem: string;
  ScheduleLine: string;
  Material: string;
  /** The receiving plant: the warehouse id. */
  Plant: string;
  ScheduleLineOrderQuantity: string;
  /** Received so far, in the order unit. */
  RoughGoodsReceiptQty?: string;
  OrderQuantityUnit: string;
  ScheduleLineDeliveryDate: string;
}

/** Deep insert body of `POST A_SalesOrder`. */
export interface SapSalesOrderCreate {
  SalesOrderType: string;
  SalesOrganization: string;
  DistributionChannel: string;
  OrganizationDivision: string;
  SoldToParty: string;
  PurchaseOrderByCustomer: string;
  RequestedDeliveryDate?: string;
  to_Item: {
    results: { SalesOrderItem: string; UnderlyingPurchaseOrderItem: string; Material: string; RequestedQuantity: string; RequestedQuantityUnit: string }[];
  };
}

/** `API_BILLING_DOCUMENT_SRV/A_BillingDocumentItem`: one billed sales order item. */
export interface SapBillingDocumentItem {
  BillingDocumentItem: string;
  Material: string;
  BillingQuantity: string;
  BillingQuantityUnit: string;
  BillingQuantityInBaseUnit?: string;
  BaseUnit?: string;
  NetAmount?: string;
  TaxAmount?: string;
  /** Invoice: the sales order billed and its item. Credit memo: the customer return credited and its item. */
  ReferenceSDDocument: string;
  ReferenceSDDocumentItem: string;
  /** Credit memo: the invoice (and item) whose price and tax rate were credited; empty on invoices. */
  YY1_ReferenceInvoice?: string;
  YY1_ReferenceInvoiceItem?: string;
}

/** `API_BILLING_DOCUMENT_SRV/A_BillingDocument`. */
export interface SapBillingDocument {
  BillingDocument: string;
  BillingDocumentType?: string;
  BillingDocumentDate?: string;
  SoldToParty: string;
  TotalNetAmount?: string;
  TaxAmount?: string;
  TotalGrossAmount?: string;
  TransactionCurrency?: string;
  /** `A` open, `C` cleared; anything else (`B` partly cleared) is still open. */
  InvoiceClearingStatus?: string;
  /** Custom field: the caller's invoice id. */
  YY1_ExternalReference?: string;
  YY1_ShipToRegion?: string;
  to_Item?: { results: SapBillingDocumentItem[] };
}

/** Deep insert body of `POST A_BillingDocument` (items as an array, SAP's request form): an `F2` invoice. */
export interface SapBillingDocumentCreate {
  BillingDocumentType: 'F2';
  SoldToParty: string;
  YY1_ExternalReference: string;
  YY1_ShipToRegion: string;
  to_Item: {
    ReferenceSDDocument: string;
    ReferenceSDDocumentItem: string;
    Material: string;
    BillingQuantity: string;
    BillingQuantityUnit: string;
  }[];
}

/** Deep insert of a `G2` credit memo on the same path: items reference customer return items (the invoice's tax rate applies). */
export interface SapCreditMemoCreate {
  BillingDocumentType: 'G2';
  SoldToParty: string;
  YY1_ExternalReference: string;
  to_Item: {
    ReferenceSDDocument: string;
    ReferenceSDDocumentItem: string;
    Material: string;
    BillingQuantity: string;
    BillingQuantityUnit: string;
    YY1_ReferenceInvoice?: string;
  }[];
}

export interface SapCustomerReturnItem {
  CustomerReturn?: string;
  CustomerReturnItem: string;
  Material: string;
  RequestedQuantity: string;
  RequestedQuantityUnit: string;
  RequestedQuantityInBaseUnit?: string;
  BaseUnit?: string;
  NetAmount?: string;
  /** The sales order and item returned. */
  ReferenceSDDocument?: string;
  ReferenceSDDocumentItem: string;
  ReturnReason?: string;
  /** Custom field: base quantity credited so far by credit memos. */
  YY1_CreditedQuantityInBaseUnit?: string;
  /** `A` not credited, `B` partly, `C` fully. */
  SDProcessStatus?: string;
}

/** `API_CUSTOMER_RETURN_SRV/A_CustomerReturn`. */
export interface SapCustomerReturn {
  CustomerReturn: string;
  CustomerReturnType?: string;
  SoldToParty: string;
  PurchaseOrderByCustomer?: string;
  /** The sales order returned against. */
  ReferenceSDDocument: string;
  SDDocumentReason?: string;
  CreationDate?: string;
  CustomerReturnDate?: string;
  TransactionCurrency?: string;
  TotalNetAmount?: string;
  /** Credit progress: `A` nothing credited, `B` partly, `C` fully. */
  OverallSDProcessStatus?: string;
  /** Custom field: the caller's return id. */
  YY1_ExternalReference?: string;
  to_Item?: { results: SapCustomerReturnItem[] };
}

/** Deep insert body of `POST A_CustomerReturn`. */
export interface SapCustomerReturnCreate {
  CustomerReturnType: 'CBAR';
  SoldToParty: string;
  ReferenceSDDocument: string;
  PurchaseOrderByCustomer: string;
  SDDocumentReason: string;
  YY1_ExternalReference: string;
  to_Item: {
    ReferenceSDDocument: string;
    ReferenceSDDocumentItem: string;
    Material: string;
    RequestedQuantity: string;
    RequestedQuantityUnit: string;
    ReturnReason: string;
  }[];
}

export interface SapBusinessPartnerAddress {
  BusinessPartner: string;
  AddressID: string;
  StreetName?: string;
  HouseNumber?: string;
  CityName?: string;
  PostalCode?: string;
  Region?: string;
  Country?: string;
}

export interface SapBusinessPartnerTaxNumber {
  BusinessPartner: string;
  BPTaxType: string;
  BPTaxNumber: string;
}

/** A_BusinessPartner, with the navigations the gateway expands. */
export interface SapBusinessPartner {
  BusinessPartner: string;
  BusinessPartnerCategory?: string;
  OrganizationBPName1?: string;
  to_BusinessPartnerAddress?: { results: SapBusinessPartnerAddress[] };
  to_BusinessPartnerTax?: { results: SapBusinessPartnerTaxNumber[] };
  to_Customer?: SapCustomer | { __deferred: unknown };
}
