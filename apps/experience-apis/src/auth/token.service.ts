import { Injectable, OnModuleInit } from '@nestjs/common';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { AppError, UnauthorizedError } from '@platform';
import { ExperienceApisConfig } from '../experience.config.js';
import { PartnerRepository, type ApiClient } from './partner.repository.js';

export interface AccessToken {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
}

/** The audience of a token is its client's surface; partner tokens keep `b2b`, as issued before CRM clients existed. */
const AUDIENCE_OF = { partner: 'b2b', crm: 'crm' } as const;

/**
 * OAuth2 client-credentials tokens: short-lived HS256 JWTs naming the client, its kind and scopes, and for a
 * partner its ERP customer (`cid`). The guards check the scope; this service only proves who the client is.
 */
@Injectable()
export class TokenService implements OnModuleInit {
  private key!: Uint8Array;

  constructor(
    private readonly config: ExperienceApisConfig,
    private readonly partners: PartnerRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.partners.seed(this.config.demoPartners);
    this.key = new TextEncoder().encode(this.config.auth.signingSecret ?? (await this.partners.signingSecret()));
  }

  async issue(grantType: string | undefined, clientId: string | undefined, clientSecret: string | undefined): Promise<AccessToken> {
    if (grantType !== 'client_credentials') {
      throw new AppError('AUTH.UNSUPPORTED_GRANT_TYPE', 400, 'Unsupported grant type', {
        detail: 'Only grant_type=client_credentials is supported.',
        extensions: { error: 'unsupported_grant_type' },
      });
    }
    const client = clientId && clientSecret ? await this.partners.authenticate(clientId, clientSecret) : undefined;
    if (!client) {
      throw new AppError('AUTH.INVALID_CLIENT', 401, 'Invalid client', {
        detail: 'Unknown client or wrong secret.',
        extensions: { error: 'invalid_client' },
      });
    }
    const ttl = this.config.auth.tokenTtlSeconds;
    const claims = { ...(client.customerId ? { cid: client.customerId } : {}), name: client.name, kind: client.kind, scope: client.scopes.join(' ') };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(client.clientId)
      .setIssuer(this.config.auth.issuer)
      .setAudience(AUDIENCE_OF[client.kind])
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(this.key);
    return { access_token: token, token_type: 'Bearer', expires_in: ttl };
  }

  async verify(token: string): Promise<ApiClient> {
    try {
      const audience = Object.values(AUDIENCE_OF);
      const { payload } = await jwtVerify(token, this.key, { issuer: this.config.auth.issuer, audience, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.scope !== 'string') throw new Error('claims');
      // tokens issued before client kinds existed carry no kind: they are partner tokens
      const kind = payload.kind === 'crm' ? 'crm' : 'partner';
      if (kind === 'partner' && typeof payload.cid !== 'string') throw new Error('claims');
      return {
        clientId: payload.sub,
        name: String(payload.name ?? payload.sub),
        kind,
        scopes: payload.scope.split(' ').filter(Boolean),
        ...(typeof payload.cid === 'string' ? { customerId: payload.cid } : {}),
      };
    } catch (error) {
      const expired = error instanceof joseErrors.JWTExpired;
      throw new UnauthorizedError(
        expired ? 'The access token has expired.' : 'The access token is not valid.',
        expired ? 'AUTH.TOKEN_EXPIRED' : 'AUTH.INVALID_TOKEN',
      );
    }
  }
}
