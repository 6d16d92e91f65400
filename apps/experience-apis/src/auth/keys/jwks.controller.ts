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
  @ApiOkResponse({
    description: 'A JSON Web Key Set (RFC 7517).',
    schema: {
      type: 'object',
      required: ['keys'],
      properties: {
        keys: {
          type: 'array',
          items: {
            type: 'object',
            description: 'An EC P-256 public key (RFC 7518 §6.2).',
            required: ['kty', 'crv', 'x', 'y', 'kid', 'alg', 'use'],
            properties: {
              kty: { type: 'string', enum: ['EC'] },
              crv: { type: 'string', enum: ['P-256'] },
              x: { type: 'string', description: 'base64url' },
              y: { type: 'string', description: 'base64url' },
              kid: { type: 'string', example: '20261206-edc21179', description: 'The `kid` in the header of the tokens it signs.' },
              alg: { type: 'string', enum: ['ES256'] },
              use: { type: 'string', enum: ['sig'] },
            },
          },
        },
      },
    },
  })
  jwks(): Promise<{ keys: object[] }> {
    return this.keys.jwks();
  }
}
