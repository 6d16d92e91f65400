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
