import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';

export class OutboundOrderLineDto {
  @IsInt()
  @Min(1)
  line_no!: number;

  @IsString()
  @IsNotEmpty()
  item_code!: string;

  /** Whole units of `uom`. */
  @IsInt()
  @Min(1)
  qty!: number;

  @IsIn(['EA', 'CS'])
  uom!: 'EA' | 'CS';
}

export class CreateOutboundOrderDto {
  /** The ERP order number. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(35)
  ext_ref!: string;

  @IsString()
  @IsNotEmpty()
  site_id!: string;

  @IsOptional()
  @IsObject()
  ship_to?: Record<string, unknown>;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => OutboundOrderLineDto)
  lines!: OutboundOrderLineDto[];
}

export class RmaOrderLineDto {
  /** Numbered 1, 2, … by position when absent. */
  @IsOptional()
  @IsInt()
  @Min(1)
  line_no?: number;

  @IsString()
  @IsNotEmpty()
  item_code!: string;

  /** Whole units of `uom`. */
  @IsInt()
  @Min(1)
  qty!: number;

  /** Defaults to EA. */
  @IsOptional()
  @IsIn(['EA', 'CS'])
  uom?: 'EA' | 'CS';

  /** The lot expected back (e.g. the one shipped). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  lot_no?: string;
}

export class CreateRmaOrderDto {
  /** The caller's RMA number; a second create with it answers the first order. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(35)
  ext_ref!: string;

  @IsString()
  @IsNotEmpty()
  site_id!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => RmaOrderLineDto)
  lines!: RmaOrderLineDto[];
}
