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

  @ApiProperty({ maxLength: 3, example: 'USD', description: 'ISO 4217 currency code.' })
  @IsString()
  @MaxLength(3)
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
  @ApiProperty({ maxLength: 40, example: 'ACME Receiving Dock 4' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly name!: string;

  @ApiProperty({ maxLength: 60, example: '100 Industrial Way' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  readonly line1!: string;

  @ApiProperty({ maxLength: 40, example: 'Columbus' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly city!: string;

  @ApiProperty({ maxLength: 3, example: 'OH', description: 'State or province code.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(3)
  readonly region!: string;

  @ApiProperty({ maxLength: 10, example: '43004' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly postalCode!: string;

  @ApiProperty({ maxLength: 3, example: 'US', description: 'ISO 3166-1 alpha-2 country code.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(3)
  readonly country!: string;
}

export class PageDto<T> {
  readonly items!: T[];
  readonly nextCursor!: string | null;
}

/** A page of a list read with an opaque cursor: the query side shared by every paged list. */
export class CursorPageQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Opaque cursor from the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly cursor?: string;

  @ApiPropertyOptional({ type: 'integer', example: 50, default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  readonly limit?: number;
}
