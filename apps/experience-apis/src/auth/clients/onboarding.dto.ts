import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { ClientKind } from '../../experience.config.js';
import type { ClientRecord } from '../partner.repository.js';
import { CursorPageQueryDto } from '@contracts';

/** Client ids: lower case letters, digits, dot, dash, underscore; what a partner types into its configuration. */
export const CLIENT_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export class BucketPolicyDto {
  @ApiProperty({ example: 20, minimum: 0.01, maximum: 100_000, description: 'Tokens added per second.' })
  @IsNumber()
  @Min(0.01)
  @Max(100_000)
  readonly perSecond!: number;

  @ApiProperty({ example: 40, minimum: 1, maximum: 100_000, description: 'Bucket size: the most requests at once.' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  readonly burst!: number;
}

/** The client's own limits per request class; a class left out uses the defaults (RATE_LIMIT_*). */
export class ClientRateLimitsDto {
  @ApiPropertyOptional({ type: BucketPolicyDto, description: 'GET and HEAD.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BucketPolicyDto)
  readonly reads?: BucketPolicyDto;

  @ApiPropertyOptional({ type: BucketPolicyDto, description: 'POST, PUT, PATCH, DELETE.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BucketPolicyDto)
  readonly writes?: BucketPolicyDto;

  @ApiPropertyOptional({ type: BucketPolicyDto, description: 'POST /oauth/token.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BucketPolicyDto)
  readonly token?: BucketPolicyDto;
}

export class OnboardCrmClientDto {
  @ApiProperty({ example: 'initech', pattern: CLIENT_ID_PATTERN.source, description: 'The OAuth2 client id (unique across every kind of client).' })
  @IsString()
  @Matches(CLIENT_ID_PATTERN, { message: 'clientId must be 2 to 64 lower-case letters, digits, dots, dashes or underscores' })
  readonly clientId!: string;

  @ApiProperty({ example: 'Initech Supply Co.', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly name!: string;

  @ApiPropertyOptional({ type: ClientRateLimitsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClientRateLimitsDto)
  readonly rateLimits?: ClientRateLimitsDto;
}

export class OnboardPartnerDto extends OnboardCrmClientDto {
  @ApiProperty({ example: '10100003', maxLength: 10, description: 'The ERP customer (sold-to) the partner orders for; must exist in the ERP.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly customerId!: string;
}

export class ListClientsQueryDto extends CursorPageQueryDto {}

export class ClientDto {
  @ApiProperty({ example: 'initech' })
  readonly clientId!: string;

  @ApiProperty({ example: 'Initech Supply Co.' })
  readonly name!: string;

  @ApiProperty({ enum: ['partner', 'crm', 'operator'], example: 'partner' })
  readonly kind!: ClientKind;

  @ApiProperty({ type: [String], example: ['b2b'] })
  readonly scopes!: string[];

  @ApiPropertyOptional({ example: '10100003', description: 'Partners: the ERP customer.' })
  readonly customerId?: string;

  @ApiProperty({ example: true })
  readonly active!: boolean;

  @ApiProperty({ example: 1, description: 'Tokens carrying an older version are refused.' })
  readonly tokenVersion!: number;

  @ApiPropertyOptional({ type: ClientRateLimitsDto, description: 'Its own limits; absent: the defaults.' })
  readonly rateLimits?: ClientRateLimitsDto;

  @ApiProperty({ example: '2026-12-06T02:30:00.000Z' })
  readonly createdAt!: string;

  static from(c: ClientRecord): ClientDto {
    return {
      clientId: c.clientId,
      name: c.name,
      kind: c.kind,
      scopes: [...c.scopes],
      ...(c.customerId === undefined ? {} : { customerId: c.customerId }),
      active: c.active,
      tokenVersion: c.tokenVersion,
      ...(c.rateLimits === undefined ? {} : { rateLimits: c.rateLimits }),
      createdAt: c.createdAt,
    };
  }
}

export class OnboardedClientDto extends ClientDto {
  @ApiProperty({ example: 'q3Yx…', description: 'The client secret, shown once: it is stored only as a hash.' })
  readonly clientSecret!: string;
}

export class ClientPageDto {
  @ApiProperty({ type: [ClientDto], description: 'Ordered by client id.' })
  readonly clients!: ClientDto[];

  @ApiPropertyOptional({ type: String, description: 'Cursor of the next page; absent on the last page.' })
  readonly nextCursor?: string;
}
