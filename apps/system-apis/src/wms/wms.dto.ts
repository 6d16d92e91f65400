import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class InventoryQueryDto {
  @ApiPropertyOptional({ example: 'SKU-1001', description: 'One sku; every sku when absent.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly sku?: string;
}
