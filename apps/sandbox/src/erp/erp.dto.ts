import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/** Edm.Decimal arrives as a string; a JSON number is tolerated and normalised to one. */
const decimalString = ({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value);
const DECIMAL = /^\d{1,13}(\.\d{1,3})?$/;

export class CreateSalesOrderItemDto {
  /** Item number (NUMC 6); numbered 10, 20, … by position when absent. */
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,6}$/, { message: 'SalesOrderItem must be an item number of up to 6 digits' })
  SalesOrderItem?: string;

  /** The customer's purchase order item number (6 characters), kept as sent. */
  @IsOptional()
  @IsString()
  @MaxLength(6)
  UnderlyingPurchaseOrderItem?: string;

  @IsString()
  @IsNotEmpty()
  Material!: string;

  @Transform(decimalString)
  @IsString()
  @Matches(DECIMAL, { message: 'RequestedQuantity must be a decimal with at most 3 decimals' })
  RequestedQuantity!: string;

  /** Defaults to the material's base unit. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  RequestedQuantityUnit?: string;
}

export class CreateSalesOrderItemsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => CreateSalesOrderItemDto)
  results!: CreateSalesOrderItemDto[];
}

/** Deep insert of a sales order with its items (`to_Item.results`). */
export class CreateSalesOrderDto {
  @IsOptional() @IsString() @MaxLength(4) SalesOrderType?: string;
  @IsOptional() @IsString() @MaxLength(4) SalesOrganization?: string;
  @IsOptional() @IsString() @MaxLength(2) DistributionChannel?: string;
  @IsOptional() @IsString() @MaxLength(2) OrganizationDivision?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  SoldToParty!: string;

  @IsOptional()
  @IsString()
  @MaxLength(35)
  PurchaseOrderByCustomer?: string;

  /** `/Date(ms)/` or an ISO date. */
  @IsOptional()
  @IsString()
  RequestedDeliveryDate?: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => CreateSalesOrderItemsDto)
  to_Item!: CreateSalesOrderItemsDto;
}

export class CreateBillingDocumentItemDto {
  /** Invoice: the sales order billed. Credit memo: the customer return credited. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  ReferenceSDDocument!: string;

  @IsString()
  @Matches(/^\d{1,6}$/, { message: 'ReferenceSDDocumentItem must be an item number of up to 6 digits' })
  ReferenceSDDocumentItem!: string;

  @IsString()
  @IsNotEmpty()
  Material!: string;

  @Transform(decimalString)
  @IsString()
  @Matches(DECIMAL, { message: 'BillingQuantity must be a decimal with at most 3 decimals' })
  BillingQuantity!: string;

  /** Defaults to the material's base unit. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  BillingQuantityUnit?: string;

  /** Credit memos only: the invoice credited; when absent the ERP takes the latest invoice of the item with enough left to credit. */
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,10}$/, { message: 'YY1_ReferenceInvoice must be a billing document number' })
  YY1_ReferenceInvoice?: string;
}

/** Deep insert of a billing document. `to_Item` is accepted as an array (SAP's request form) or as `{results: [...]}`. */
export class CreateBillingDocumentDto {
  /** `F2` invoice (the default) or `G2` credit memo. */
  @IsOptional()
  @IsIn(['F2', 'G2'], { message: "BillingDocumentType must be 'F2' (invoice) or 'G2' (credit memo)" })
  BillingDocumentType?: 'F2' | 'G2';

  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  SoldToParty!: string;

  /** The caller's invoice id. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  YY1_ExternalReference!: string;

  /** US state of the ship-to address; it sets the tax rate. Not needed on a credit memo (the invoice's rate applies). */
  @ValidateIf((dto: CreateBillingDocumentDto) => dto.BillingDocumentType !== 'G2' || dto.YY1_ShipToRegion !== undefined)
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'YY1_ShipToRegion must be a two-letter state code' })
  YY1_ShipToRegion?: string;

  @Transform(({ obj }: { obj: Record<string, unknown> }) => {
    const raw = obj.to_Item as { results?: unknown } | unknown[] | undefined;
    const items = Array.isArray(raw) ? raw : raw?.results;
    return Array.isArray(items) ? plainToInstance(CreateBillingDocumentItemDto, items as object[]) : raw;
  })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  to_Item!: CreateBillingDocumentItemDto[];
}

/** A deep-insert navigation sent as SAP's `{results: [...]}` or as a bare array. */
function navigationOf<T extends object>(cls: new () => T) {
  return Transform(({ value }: { value: unknown }) => {
    const items = Array.isArray(value) ? value : (value as { results?: unknown } | undefined)?.results;
    return Array.isArray(items) ? plainToInstance(cls, items as object[]) : value;
  });
}

export class BusinessPartnerAddressDto {
  @IsOptional() @IsString() @MaxLength(60) StreetName?: string;
  @IsOptional() @IsString() @MaxLength(10) HouseNumber?: string;
  @IsString() @IsNotEmpty() @MaxLength(40) CityName!: string;
  @IsString() @IsNotEmpty() @MaxLength(10) PostalCode!: string;
  @IsOptional() @IsString() @MaxLength(3) Region?: string;
  @IsString() @Matches(/^[A-Z]{2}$/, { message: 'Country must be a two-letter ISO code' }) Country!: string;
}

export class BusinessPartnerTaxNumberDto {
  @IsString() @IsNotEmpty() @MaxLength(4) BPTaxType!: string;
  @IsString() @IsNotEmpty() @MaxLength(20) BPTaxNumber!: string;
}

/** The customer role; its sales-area data (price group, payment terms, credit) is the ERP's to set. */
export class BusinessPartnerCustomerDto {
  @IsOptional() @IsString() @MaxLength(4) CustomerAccountGroup?: string;
}

/** Deep insert of an organisation in the customer role (`to_Customer` is required: the sandbox keeps customers only). */
export class CreateBusinessPartnerDto {
  @IsOptional()
  @IsIn(['2'], { message: "BusinessPartnerCategory must be '2' (organisation)" })
  BusinessPartnerCategory?: string;

  @IsOptional() @IsString() @MaxLength(4) BusinessPartnerGrouping?: string;
  @IsString() @IsNotEmpty() @MaxLength(40) OrganizationBPName1!: string;
  @IsOptional() @IsString() @MaxLength(40) OrganizationBPName2?: string;
  @IsOptional() @IsString() @MaxLength(20) SearchTerm1?: string;

  @navigationOf(BusinessPartnerAddressDto)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1, { message: 'to_BusinessPartnerAddress takes the one standard address' })
  @ValidateNested({ each: true })
  to_BusinessPartnerAddress!: BusinessPartnerAddressDto[];

  @IsOptional()
  @navigationOf(BusinessPartnerTaxNumberDto)
  @IsArray()
  @ValidateNested({ each: true })
  to_BusinessPartnerTax?: BusinessPartnerTaxNumberDto[];

  @IsDefined({ message: 'to_Customer is required: the sandbox ERP keeps business partners in the customer role only' })
  @ValidateNested()
  @Type(() => BusinessPartnerCustomerDto)
  to_Customer!: BusinessPartnerCustomerDto;
}

/** PATCH of the header: only the fields sent change. */
export class UpdateBusinessPartnerDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(40) OrganizationBPName1?: string;
  @IsOptional() @IsString() @MaxLength(40) OrganizationBPName2?: string;
  @IsOptional() @IsString() @MaxLength(20) SearchTerm1?: string;
}

export class UpdateBusinessPartnerAddressDto {
  @IsOptional() @IsString() @MaxLength(60) StreetName?: string;
  @IsOptional() @IsString() @MaxLength(10) HouseNumber?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(40) CityName?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(10) PostalCode?: string;
  @IsOptional() @IsString() @MaxLength(3) Region?: string;
  @IsOptional() @IsString() @Matches(/^[A-Z]{2}$/, { message: 'Country must be a two-letter ISO code' }) Country?: string;
}

export class UpdateBusinessPartnerTaxNumberDto {
  @IsString() @IsNotEmpty() @MaxLength(20) BPTaxNumber!: string;
}

export class CreateBusinessPartnerTaxNumberDto extends BusinessPartnerTaxNumberDto {
  @IsString() @IsNotEmpty() @MaxLength(10) BusinessPartner!: string;
}

/** PATCH of `A_SalesOrderItem`: only the rejection reason may change here. */
export class UpdateSalesOrderItemDto {
  /** A reason code rejects the item (e.g. `Z1` cancelled by the customer); '' reinstates it. */
  @IsString()
  @Matches(/^[A-Z0-9]{0,2}$/, { message: 'SalesDocumentRjcnReason must be up to two letters or digits' })
  SalesDocumentRjcnReason!: string;
}

const REASON_CODE = /^[A-Z0-9]{1,3}$/;

export class CreateCustomerReturnItemDto {
  /** Item number (NUMC 6); numbered 10, 20, … by position when absent. */
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,6}$/, { message: 'CustomerReturnItem must be an item number of up to 6 digits' })
  CustomerReturnItem?: string;

  /** The sales order; defaults to the header's and must be the same. */
  @IsOptional()
  @IsString()
  @MaxLength(10)
  ReferenceSDDocument?: string;

  /** The sales order item returned. */
  @IsString()
  @Matches(/^\d{1,6}$/, { message: 'ReferenceSDDocumentItem must be an item number of up to 6 digits' })
  ReferenceSDDocumentItem!: string;

  /** Copied from the sales order item when absent; when given it must be the item's. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  Material?: string;

  @Transform(decimalString)
  @IsString()
  @Matches(DECIMAL, { message: 'RequestedQuantity must be a decimal with at most 3 decimals' })
  RequestedQuantity!: string;

  /** Defaults to the material's base unit. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  RequestedQuantityUnit?: string;

  /** Defaults to the header's SDDocumentReason. */
  @IsOptional()
  @IsString()
  @Matches(REASON_CODE, { message: 'ReturnReason must be up to three letters or digits' })
  ReturnReason?: string;
}

/** Deep insert of a customer return with reference to one sales order (`to_Item` as `{results: [...]}` or an array). */
export class CreateCustomerReturnDto {
  @IsOptional()
  @IsIn(['CBAR'], { message: "CustomerReturnType must be 'CBAR' (advanced returns)" })
  CustomerReturnType?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  SoldToParty!: string;

  /** Defaults to the sales order's. */
  @IsOptional()
  @IsString()
  @MaxLength(35)
  PurchaseOrderByCustomer?: string;

  /** The sales order returned against. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  ReferenceSDDocument!: string;

  /** Order reason, e.g. `101`. */
  @IsString()
  @Matches(REASON_CODE, { message: 'SDDocumentReason must be up to three letters or digits' })
  SDDocumentReason!: string;

  /** The caller's return id. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  YY1_ExternalReference!: string;

  @navigationOf(CreateCustomerReturnItemDto)
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  to_Item!: CreateCustomerReturnItemDto[];
}
