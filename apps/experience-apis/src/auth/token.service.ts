import { Injectable, OnModuleInit } from '@nestjs/common';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { AppError, UnauthorizedError } from '@platform';
import { ExperienceApisConfig } from '../experience.config.js';
import { PartnerRepository, type Partner } from './partner.repository.js';

export interface AccessToken {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
}

const AUDIENCE = 'b2b';

/** OAuth2 client-credentials tokens: short-lived HS256 JWTs naming the partner and its ERP customer. */
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
    const partner = clientId && clientSecret ? await this.partners.authenticate(clientId, clientSecret) : undefined;
    if (!partner) {
      throw new AppError('AUTH.INVALID_CLIENT', 401, 'Invalid client', {
        detail: 'Unknown client or wrong secret.',
        extensions: { error: 'invalid_client' },
      });
    }
    const ttl = this.config.auth.tokenTtlSeconds;
    const token = await new SignJWT({ cid: partner.customerId, name: partner.name, scope: 'b2b' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(partner.partnerId)
      .setIssuer(this.config.auth.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(this.key);
    return { access_token: token, token_type: 'Bearer', expires_in: ttl };
  }

  async verify(token: string): Promise<Partner> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: this.config.auth.issuer, audience: AUDIENCE, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.cid !== 'string' || payload.scope !== 'b2b') throw new Error('claims');
      return { partnerId: payload.sub, customerId: payload.cid, name: String(payload.name ?? payload.sub) };
    } catch (error) {
      const expired = error instanceof joseErrors.JWTExpired;
      throw new UnauthorizedError(
        expired ? 'The access token has expired.' : 'The access token is not valid.',
        expired ? 'AUTH.TOKEN_EXPIRED' : 'AUTH.INVALID_TOKEN',
      );
    }
  }
}
