import { plainToInstance, Transform, Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

/** Edm.Decimal arrives as a string; a JSON number is tolerated and normalised to one. */
const decimalString = ({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value);
const DECIMAL = /^\d{1,13}(\.\d{1,3})?$/;

export class CreateSalesOrderItemDto {
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
  /** The sales order billed. */
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
}

/** Deep insert of a billing document. `to_Item` is accepted as an array (SAP's request form) or as `{results: [...]}`. */
export class CreateBillingDocumentDto {
  @IsOptional()
  @IsIn(['F2'], { message: "BillingDocumentType must be 'F2' (invoice)" })
  BillingDocumentType?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  SoldToParty!: string;

  /** The caller's invoice id. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  YY1_ExternalReference!: string;

  /** US state of the ship-to address; it sets the tax rate. */
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'YY1_ShipToRegion must be a two-letter state code' })
  YY1_ShipToRegion!: string;

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
