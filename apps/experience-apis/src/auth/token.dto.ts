import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** RFC 6749 §4.4 token request; sent as a form or as JSON, credentials in the body or in HTTP Basic. */
export class TokenRequestDto {
  // any other grant is answered 400 unsupported_grant_type (RFC 6749 §5.2)
  @ApiProperty({ maxLength: 64, example: 'client_credentials', enum: ['client_credentials'] })
  @IsString()
  @MaxLength(64)
  readonly grant_type!: string;

  @ApiPropertyOptional({ maxLength: 128, example: 'acme' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  readonly client_id?: string;

  @ApiPropertyOptional({ maxLength: 256, example: 'acme-demo-secret' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  readonly client_secret?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'b2b', description: "Ignored: a token carries its client's scopes (b2b for partners, crm for CRM clients)." })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly scope?: string;
}

export class AccessTokenDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiJ9…' })
  readonly access_token!: string;

  @ApiProperty({ example: 'Bearer' })
  readonly token_type!: 'Bearer';

  @ApiProperty({ example: 3600, description: 'Seconds until the token expires.' })
  readonly expires_in!: number;
}
