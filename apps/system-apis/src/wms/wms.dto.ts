import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class InventoryQueryDto {
  @ApiPropertyOptional({ maxLength: 40, example: 'SKU-1001', description: 'One sku; every sku when absent.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly sku?: string;
}

export class FulfillmentOrderQueryDto {
  @ApiProperty({ maxLength: 20, example: '4500000001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  readonly erpOrderNumber!: string;

  @ApiPropertyOptional({ maxLength: 10, example: 'DC01' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly warehouseId?: string;
}

export class ReturnReceiptQueryDto {
  @ApiProperty({ maxLength: 35, example: 'RMA-2026-000123', description: 'The RMA number the receipt was announced with.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(35)
  readonly rmaNumber!: string;
}
