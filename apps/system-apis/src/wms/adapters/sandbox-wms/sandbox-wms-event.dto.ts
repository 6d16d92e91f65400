import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsOptional, IsString, ValidateNested } from 'class-validator';

export const WMS_EVENT_CODES = [
  'OB_RELEASED',
  'OB_PICKED',
  'OB_SHORT_PICKED',
  'OB_PACKED',
  'OB_SHIPPED',
  'OB_DELIVERED',
  'INV_ADJUSTED',
  'INV_RECEIVED',
  'INV_COUNTED',
] as const;
export type WmsEventCode = (typeof WMS_EVENT_CODES)[number];

export class SandboxWmsEventLineDto {
  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @IsInt()
  readonly line_no?: number;

  @ApiProperty({ example: 'SKU-1001' })
  @IsString()
  @IsNotEmpty()
  readonly item_code!: string;

  @ApiProperty({ example: 2, description: 'In `uom`; signed for INV_ADJUSTED and INV_COUNTED (the difference counted).' })
  @IsNumber()
  readonly qty!: number;

  @ApiProperty({ example: 'CS' })
  @IsString()
  readonly uom!: string;

  @ApiPropertyOptional({ example: 'L2026-11-A' })
  @IsOptional()
  @IsString()
  readonly lot_no?: string;

  @ApiPropertyOptional({ example: ['SN-0001'] })
  @IsOptional()
  @IsString({ each: true })
  readonly serial_nos?: string[];
}

/** The sandbox WMS's native webhook body (docs/sandbox.md), validated before it is mapped. */
export class SandboxWmsEventDto {
  @ApiProperty({ example: 'EV-000001', description: 'Native event id; the canonical id is derived from it.' })
  @IsString()
  @IsNotEmpty()
  readonly event_id!: string;

  @ApiProperty({ example: 'OB_SHIPPED', enum: WMS_EVENT_CODES })
  @IsIn(WMS_EVENT_CODES)
  readonly event_code!: WmsEventCode;

  @ApiProperty({ example: '2026-11-24T15:00:00.000Z' })
  @IsISO8601()
  readonly event_ts!: string;

  @ApiProperty({ example: 'DC01' })
  @IsString()
  @IsNotEmpty()
  readonly site_id!: string;

  @ApiPropertyOptional({ example: 'OB-000001' })
  @IsOptional()
  @IsString()
  readonly ob_order_id?: string;

  @ApiPropertyOptional({ example: '4500000001', description: 'The ERP order number.' })
  @IsOptional()
  @IsString()
  readonly ext_ref?: string;

  @ApiProperty({ type: [SandboxWmsEventLineDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SandboxWmsEventLineDto)
  readonly lines!: SandboxWmsEventLineDto[];

  @ApiPropertyOptional({ example: 'UPSN' })
  @IsOptional()
  @IsString()
  readonly carrier_scac?: string;

  @ApiPropertyOptional({ example: '1Z999AA10123456784' })
  @IsOptional()
  @IsString()
  readonly tracking_no?: string;

  @ApiPropertyOptional({ example: 'DAMAGED', description: 'INV_ADJUSTED: why, as the operator gave it.' })
  @IsOptional()
  @IsString()
  readonly reason_code?: string;
}
