import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsISO8601, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';

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
  'RMA_RECEIVED',
] as const;
export type WmsEventCode = (typeof WMS_EVENT_CODES)[number];

/** RMA_RECEIVED lines: what became of the quantity. */
export const WMS_DISPOSITION_CODES = ['RESTOCK', 'REFURB', 'SCRAP'] as const;

/** RMA_RECEIVED carries the RMA order and its flag, which no other event has: required there. */
const onRmaReceived = (event: SandboxWmsEventDto, value: unknown) => event.event_code === 'RMA_RECEIVED' || value !== undefined;

export class SandboxWmsEventLineDto {
  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @IsInt()
  readonly line_no?: number;

  @ApiProperty({ maxLength: 40, example: 'SKU-1001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly item_code!: string;

  @ApiProperty({ example: 2, description: 'In `uom`; signed for INV_ADJUSTED and INV_COUNTED (the difference counted).' })
  @IsNumber()
  readonly qty!: number;

  @ApiProperty({ maxLength: 3, example: 'CS' })
  @IsString()
  @MaxLength(3)
  readonly uom!: string;

  @ApiPropertyOptional({ maxLength: 20, example: 'L2026-11-A' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  readonly lot_no?: string;

  @ApiPropertyOptional({ example: ['SN-0001'] })
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  readonly serial_nos?: string[];

  @ApiPropertyOptional({ example: 'RESTOCK', enum: WMS_DISPOSITION_CODES, description: 'RMA_RECEIVED: what became of the quantity.' })
  @IsOptional()
  @IsIn(WMS_DISPOSITION_CODES)
  readonly disposition_code?: (typeof WMS_DISPOSITION_CODES)[number];
}

/** The sandbox WMS's native webhook body (docs/sandbox.md), validated before it is mapped. */
export class SandboxWmsEventDto {
  @ApiProperty({ maxLength: 64, example: 'EV-000001', description: 'Native event id; the canonical id is derived from it.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly event_id!: string;

  @ApiProperty({ example: 'OB_SHIPPED', enum: WMS_EVENT_CODES })
  @IsIn(WMS_EVENT_CODES)
  readonly event_code!: WmsEventCode;

  @ApiProperty({ example: '2026-11-24T15:00:00.000Z' })
  @IsISO8601()
  readonly event_ts!: string;

  @ApiProperty({ maxLength: 10, example: 'DC01' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly site_id!: string;

  @ApiPropertyOptional({ maxLength: 40, example: 'OB-000001' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  readonly ob_order_id?: string;

  @ApiPropertyOptional({ maxLength: 35, example: '4500000001', description: 'The ERP order number; on RMA_RECEIVED the RMA number (required there).' })
  @ValidateIf((event: SandboxWmsEventDto) => onRmaReceived(event, event.ext_ref))
  @IsString()
  @MaxLength(35)
  readonly ext_ref?: string;

  @ApiPropertyOptional({ maxLength: 40, example: 'RMA-000001', description: 'RMA_RECEIVED: the RMA order received (required there).' })
  @ValidateIf((event: SandboxWmsEventDto) => onRmaReceived(event, event.rma_id))
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly rma_id?: string;

  @ApiPropertyOptional({ example: false, description: 'RMA_RECEIVED: more arrived than expected on some line (required there).' })
  @ValidateIf((event: SandboxWmsEventDto) => onRmaReceived(event, event.over_received))
  @IsBoolean()
  readonly over_received?: boolean;

  @ApiProperty({ type: [SandboxWmsEventLineDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SandboxWmsEventLineDto)
  readonly lines!: SandboxWmsEventLineDto[];

  @ApiPropertyOptional({ maxLength: 10, example: 'UPSN' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  readonly carrier_scac?: string;

  @ApiPropertyOptional({ maxLength: 35, example: '1Z999AA10123456784' })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  readonly tracking_no?: string;

  @ApiPropertyOptional({ maxLength: 40, example: 'DAMAGED', description: 'INV_ADJUSTED: why, as the operator gave it.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  readonly reason_code?: string;
}
