import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** A postal address as the ERP's customer master holds it (SAP business partner address). */
export class PostalAddressDto {
  @ApiPropertyOptional({ example: '1 Harbor Rd', maxLength: 60 })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  readonly street?: string;

  @ApiProperty({ example: 'Portland', minLength: 1, maxLength: 40 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly city!: string;

  @ApiProperty({ example: '97201', maxLength: 10, pattern: '\\S' })
  @IsString()
  @Matches(/\S/, { message: 'postalCode must not be blank' })
  @MaxLength(10)
  readonly postalCode!: string;

  @ApiPropertyOptional({ example: 'OR', maxLength: 3, description: 'State or province code.' })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  readonly region?: string;

  @ApiProperty({ maxLength: 3, example: 'US', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, upper case.' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter ISO 3166-1 code in upper case' })
  @MaxLength(3)
  readonly country!: string;
}

/**
 * The customer master fields a caller may write in the ERP (name, address, tax number). Price group, payment
 * terms, credit and tax classification are set inside the ERP and are not part of it.
 */
export class ErpCustomerMasterDto extends PostalAddressDto {
  @ApiProperty({ example: 'Cascade Pumps LLC', maxLength: 40, description: 'Organisation name (SAP OrganizationBPName1).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly name!: string;

  @ApiPropertyOptional({ example: '93-1234567', maxLength: 20, description: 'Tax id (US EIN: SAP tax type US01).' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  readonly taxNumber?: string;
}
