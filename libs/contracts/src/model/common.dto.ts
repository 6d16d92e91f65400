import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const UNITS_OF_MEASURE = ['EA', 'CS'] as const;
/** EA = each (the base unit of every item), CS = case of `packSize` eaches. */
export type UnitOfMeasure = (typeof UNITS_OF_MEASURE)[number];

export class MoneyDto {
  @ApiProperty({ example: 12.5, description: 'Amount in the currency, two decimals.' })
  @IsNumber()
  readonly amount!: number;

  @ApiProperty({ example: 'USD', description: 'ISO 4217 currency code.' })
  @IsString()
  readonly currency!: string;
}

export class UomConversionDto {
  @ApiProperty({ example: 'CS', enum: UNITS_OF_MEASURE, description: 'Alternative unit of measure.' })
  @IsIn(UNITS_OF_MEASURE)
  readonly uom!: UnitOfMeasure;

  @ApiProperty({ example: 12, description: 'Base units (eaches) in one alternative unit.' })
  @IsNumber()
  @Min(1)
  readonly factor!: number;
}

export class AddressDto {
  @ApiProperty({ example: 'ACME Receiving Dock 4' })
  @IsString()
  @IsNotEmpty()
  readonly name!: string;

  @ApiProperty({ example: '100 Industrial Way' })
  @IsString()
  @IsNotEmpty()
  readonly line1!: string;

  @ApiProperty({ example: 'Columbus' })
  @IsString()
  @IsNotEmpty()
  readonly city!: string;

  @ApiProperty({ example: 'OH', description: 'State or province code.' })
  @IsString()
  @IsNotEmpty()
  readonly region!: string;

  @ApiProperty({ example: '43004' })
  @IsString()
  @IsNotEmpty()
  readonly postalCode!: string;

  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2 country code.' })
  @IsString()
  @IsNotEmpty()
  readonly country!: string;
}

export class PageDto<T> {
  readonly items!: T[];
  readonly nextCursor!: string | null;
}

/** A page of a list read with an opaque cursor: the query side shared by every paged list. */
export class CursorPageQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly cursor?: string;

  @ApiPropertyOptional({ example: 50, default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  readonly limit?: number;
}
