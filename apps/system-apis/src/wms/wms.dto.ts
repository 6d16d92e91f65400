import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class InventoryQueryDto {
  @ApiPropertyOptional({ example: 'SKU-1001', description: 'One sku; every sku when absent.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly sku?: string;
}

export class FulfillmentOrderQueryDto {
  @ApiProperty({ example: '4500000001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  readonly erpOrderNumber!: string;

  @ApiPropertyOptional({ example: 'DC01' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly warehouseId?: string;
}
