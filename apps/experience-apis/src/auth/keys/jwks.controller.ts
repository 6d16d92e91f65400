import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SigningKeysService } from './signing-keys.service.js';

@ApiTags('auth')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: SigningKeysService) {}

  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=60')
  @ApiOperation({
    summary:
      'The public keys (ES256, by kid) that access tokens are signed with: the current key and, after a rotation, the previous ones until their tokens have expired.',
  })
  @ApiOkResponse({ description: 'A JSON Web Key Set (RFC 7517).' })
  jwks(): Promise<{ keys: object[] }> {
    return this.keys.jwks();
  }
}
