import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, Min, ValidateIf, ValidateNested } from 'class-validator';

/** Replaces a system's faults; fields left out go back to normal. */
export class FaultsDto {
  @IsOptional()
  @IsBoolean()
  down?: boolean;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120_000)
  latencyMs?: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  errorRate?: number;
}

export class ShipLineDto {
  @IsString()
  @IsNotEmpty()
  sku!: string;

  /** Eaches. */
  @IsInt()
  @Min(0)
  quantity!: number;
}

export class ShipDto {
  /** Omitted: everything ships as ordered. SKUs of the order left out are not picked. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ShipLineDto)
  lines?: ShipLineDto[];

  /** SCAC code; defaults to UPSN. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  carrier?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  trackingNumber?: string;
}

export class WebhookDto {
  /** null clears it. */
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @IsNotEmpty()
  url!: string | null;
}
