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
}

/** A stored order: the header plus its items (exposed as the `to_Item` navigation). */
export interface ErpSalesOrderRecord {
  header: ErpSalesOrder;
  items: ErpSalesOrderItem[];
}
