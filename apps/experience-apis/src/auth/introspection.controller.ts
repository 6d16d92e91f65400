import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController, ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { AppError } from '@platform';
import { ProcessLayerGuard } from './service-caller.guard.js';
import { TokenService } from './token.service.js';

class IntrospectionRequestDto {
  @ApiProperty()
  @IsString()
  @MaxLength(4096)
  readonly token!: string;
}

/** RFC 7662 answer: `active` false for anything not a live token of an active client (no reason given). */
interface IntrospectionDto {
  readonly active: boolean;
  readonly client_id?: string;
  readonly sub?: string;
  readonly scope?: string;
  readonly aud?: string;
  readonly exp?: number;
}

/**
 * Token introspection for the process layer, which verifies operator tokens against the JWKS and asks here
 * whether they were revoked (client disabled, secret rotated). Internal: not in the partner catalog.
 */
@ApiExcludeController()
@ApiBearerAuth()
@UseGuards(ProcessLayerGuard)
@Controller('oauth')
export class IntrospectionController {
  constructor(private readonly tokens: TokenService) {}

  @Post('introspect')
  @HttpCode(200)
  async introspect(@Body() body: IntrospectionRequestDto): Promise<IntrospectionDto> {
    try {
      const { client, audience, expiresAt } = await this.tokens.inspect(body.token);
      return { active: true, client_id: client.clientId, sub: client.clientId, scope: client.scopes.join(' '), aud: audience, exp: expiresAt };
    } catch (error) {
      if (error instanceof AppError && error.status === 401) return { active: false };
      throw error;
    }
  }
}
