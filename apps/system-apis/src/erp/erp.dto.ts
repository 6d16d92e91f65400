import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ErpCustomerIdField, ItemDto, PurchaseOrderNumberField } from '@contracts';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';

export class ItemsQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Opaque cursor from the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly cursor?: string;

  @ApiPropertyOptional({ example: 100, default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  readonly limit: number = 100;
}

export class PricesQueryDto {
  @ErpCustomerIdField()
  readonly customerId!: string;

  @ApiPropertyOptional({
    type: String,
    example: 'SKU-1001,SKU-1002',
    description: 'Comma-separated skus (up to 500, 40 characters each); all priced skus when absent.',
  })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((sku) => sku.trim())
          .filter(Boolean)
      : value,
  )
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  readonly skus?: string[];
}

export class SalesOrderSearchQueryDto {
  @ErpCustomerIdField()
  readonly customerId!: string;

  @PurchaseOrderNumberField()
  readonly purchaseOrderNumber!: string;
}

export class InboundSupplyQueryDto {
  @ApiPropertyOptional({ maxLength: 40, example: 'SKU-1001', description: 'Only this sku; every sku when absent.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly sku?: string;

  @ApiPropertyOptional({ maxLength: 10, example: 'DC02', description: 'Only supply due at this warehouse; every warehouse when absent.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9]{1,4}$/, { message: 'warehouseId must be 1 to 4 upper-case letters or digits (e.g. DC01)' })
  @MaxLength(10)
  readonly warehouseId?: string;
}

export class ItemPageDto {
  @ApiProperty({ type: [ItemDto] })
  readonly items!: ItemDto[];

  @ApiProperty({ type: String, nullable: true, example: 'eyJza2lwIjoxMDB9', description: 'Cursor of the next page; null on the last page.' })
  readonly nextCursor!: string | null;
}

export class InvoiceSearchQueryDto {
  @ApiProperty({ maxLength: 40, example: 'inv-6f1c2a', description: "The caller's invoice id given when the invoice was created." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly externalReference!: string;

  @ApiPropertyOptional({ maxLength: 10, example: '10100001', description: "Only this customer's invoices." })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly customerId?: string;
}

export class ExternalReferenceQueryDto {
  @ApiProperty({ maxLength: 40, example: 'ret-6f1c2a', description: "The caller's id given when the document was created." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly externalReference!: string;
}

export class CustomerSearchQueryDto {
  @ApiPropertyOptional({ maxLength: 20, example: '34-1827745', description: 'Customers with exactly this tax number. Give it, postalCode, or both.' })
  @ValidateIf((query: CustomerSearchQueryDto) => query.postalCode === undefined || query.taxNumber !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'give taxNumber, postalCode or both' })
  @MaxLength(20)
  readonly taxNumber?: string;

  @ApiPropertyOptional({ maxLength: 10, example: '44114', description: 'Customers whose address has exactly this postal code.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly postalCode?: string;
}
