import { Body, Controller, Headers, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AccessTokenDto, TokenRequestDto } from './token.dto.js';
import { basicCredentials } from './basic-credentials.js';
import { TokenService } from './token.service.js';
import { ApiRateLimited } from '../rate-limits/api-rate-limited.decorator.js';
import { RateLimitedAs } from '../rate-limits/rate-limit.interceptor.js';
import { TokenFailuresInterceptor } from '../rate-limits/token-failures.interceptor.js';

@ApiTags('auth')
@ApiRateLimited(
  ' On this endpoint, per address and per client id (policy `token`); or, after too many failed requests for this client id or from this address, `AUTH.TOO_MANY_FAILED_ATTEMPTS`.',
)
@RateLimitedAs('token')
@UseInterceptors(TokenFailuresInterceptor)
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
  @ApiHeader({
    name: 'authorization',
    required: false,
    schema: { type: 'string', pattern: '^[Bb]asic [A-Za-z0-9+/]+={0,2}$' },
    description: 'HTTP Basic with the client id and secret (RFC 6749 §2.3.1), instead of client_id and client_secret in the body.',
  })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiBadRequestResponse({ description: 'Missing fields or a grant type other than client_credentials (`error: unsupported_grant_type`).' })
  @ApiUnauthorizedResponse({ description: 'Unknown client or wrong secret (`error: invalid_client`).' })
  token(@Body() body: TokenRequestDto, @Headers('authorization') authorization?: string): Promise<AccessTokenDto> {
    const basic = basicCredentials(authorization);
    return this.tokens.issue(body.grant_type, basic?.id ?? body.client_id, basic?.secret ?? body.client_secret);
  }
}
