import { Transform, Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsDefined, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

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
