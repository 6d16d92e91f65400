import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Order360Dto } from '@contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class CrmOrdersQueryDto {
  @ApiPropertyOptional({ example: 20, default: 20, minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  readonly limit: number = 20;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (nextCursor).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly cursor?: string;
}

/** The order 360 view of a CRM account: its ERP customer's orders from every channel. */
export class CrmOrder360PageDto {
  @ApiProperty({ example: 'crm-0016800000X1a2b' })
  readonly crmAccountId!: string;

  @ApiProperty({ example: '10100001', description: 'The ERP customer the account is linked to.' })
  readonly erpAccountNumber!: string;

  @ApiProperty({
    type: [Order360Dto],
    description: 'Newest first; channel says where each came from (b2b, edi). Each with legs, shipments, invoices, backorders and open exceptions.',
  })
  readonly orders!: Order360Dto[];

  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last page.' })
  readonly nextCursor!: string | null;
}
