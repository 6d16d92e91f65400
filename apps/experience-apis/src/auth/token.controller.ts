import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AccessTokenDto, TokenRequestDto } from './token.dto.js';
import { TokenService } from './token.service.js';

@ApiTags('auth')
@Controller('oauth')
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post('token')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOperation({
    summary:
      'OAuth2 client credentials: exchange a client id and secret (B2B partner or CRM client) for a bearer token with the scope of its kind (b2b or crm).',
  })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiBadRequestResponse({ description: 'Missing fields or a grant type other than client_credentials (`error: unsupported_grant_type`).' })
  @ApiUnauthorizedResponse({ description: 'Unknown client or wrong secret (`error: invalid_client`).' })
  token(@Body() body: TokenRequestDto, @Headers('authorization') authorization?: string): Promise<AccessTokenDto> {
    const basic = basicCredentials(authorization);
    return this.tokens.issue(body.grant_type, basic?.id ?? body.client_id, basic?.secret ?? body.client_secret);
  }
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header?.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString();
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}
