import { Injectable, OnModuleInit } from '@nestjs/common';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { AppError, CLOCK_LEEWAY_SECONDS, OPERATOR_AUDIENCE, OPERATOR_TOKEN_MAX_TTL_SECONDS, UnauthorizedError } from '@platform';
import { ExperienceApisConfig, MAX_TOKEN_TTL_SECONDS, type ClientKind } from '../experience.config.js';
import { SigningKeysService, TOKEN_ALG } from './keys/signing-keys.service.js';
import { PartnerRepository, type ApiClient, type ClientStatus } from './partner.repository.js';

export interface AccessToken {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
}

/** The audience of a token is its client's surface; partner tokens keep `b2b`, as issued before CRM clients existed. */
const AUDIENCE_OF: Readonly<Record<ClientKind, string>> = { partner: 'b2b', crm: 'crm', operator: OPERATOR_AUDIENCE };
/** The longest lifetime a token of each kind may have (a token claiming more is refused, whoever signed it). */
const MAX_TTL_OF: Readonly<Record<ClientKind, number>> = {
  partner: MAX_TOKEN_TTL_SECONDS,
  crm: MAX_TOKEN_TTL_SECONDS,
  operator: OPERATOR_TOKEN_MAX_TTL_SECONDS,
};
/** How long a client's status (active, token version) is trusted: a disabled client's tokens stop working within this. */
const STATUS_CACHE_MS = 3_000;

/**
 * OAuth2 client-credentials tokens: short-lived ES256 JWTs (kid header, keys in the JWKS) naming the client,
 * its kind and scopes, its token version (`ver`) and for a partner its ERP customer (`cid`). Verification
 * needs exp and iat, a lifetime within the kind's cap, iat not in the future, the kind's audience, and a
 * client still active at that token version. The guards check the scope.
 */
@Injectable()
export class TokenService implements OnModuleInit {
  private readonly statuses = new Map<string, { status?: ClientStatus; until: number }>();
  /** Tokens whose signature and claims were verified, until they expire: a partner reuses its token for an hour. Revocation is checked on every use. */
  private readonly verified = new Map<string, { client: ApiClient; audience: string; expiresAt: number; version: number }>();

  constructor(
    private readonly config: ExperienceApisConfig,
    private readonly partners: PartnerRepository,
    private readonly keys: SigningKeysService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.partners.seed(this.config.demoPartners);
    await this.keys.init();
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
    // a token got with the previous secret of a rotation's overlap window ends with the window
    const windowLeft = client.expiresBy ? Math.max(1, Math.floor((client.expiresBy.getTime() - Date.now()) / 1000)) : Number.POSITIVE_INFINITY;
    const ttl = Math.min(this.config.auth.tokenTtlSeconds, MAX_TTL_OF[client.kind], windowLeft);
    const claims = {
      ...(client.customerId ? { cid: client.customerId } : {}),
      name: client.name,
      kind: client.kind,
      scope: client.scopes.join(' '),
      ver: client.tokenVersion,
    };
    const signer = await this.keys.signer();
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: TOKEN_ALG, kid: signer.kid, typ: 'JWT' })
      .setSubject(client.clientId)
      .setIssuer(this.config.auth.issuer)
      .setAudience(AUDIENCE_OF[client.kind])
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(signer.key);
    return { access_token: token, token_type: 'Bearer', expires_in: ttl };
  }

  async verify(token: string): Promise<ApiClient> {
    return (await this.inspect(token)).client;
  }

  /** The client and the token's expiry; 401 for anything not a live token of an active client. */
  async inspect(token: string): Promise<{ client: ApiClient; audience: string; expiresAt: number }> {
    const known = this.verified.get(token);
    const verified = known && Date.now() < known.expiresAt * 1000 ? known : await this.verifySignatureAndClaims(token);
    const status = await this.statusOf(verified.client.clientId);
    if (!status?.active || status.tokenVersion !== verified.version) {
      throw new UnauthorizedError('The access token was revoked (client disabled or its secret rotated): request a new one.', 'AUTH.TOKEN_REVOKED');
    }
    return { client: verified.client, audience: verified.audience, expiresAt: verified.expiresAt };
  }

  private async verifySignatureAndClaims(token: string): Promise<{ client: ApiClient; audience: string; expiresAt: number; version: number }> {
    let client: ApiClient;
    let payload;
    try {
      const { kid } = decodeProtectedHeader(token);
      const key = typeof kid === 'string' ? await this.keys.verificationKey(kid) : undefined;
      if (!key) throw new Error('unknown kid');
      ({ payload } = await jwtVerify(token, key, {
        issuer: this.config.auth.issuer,
        audience: Object.values(AUDIENCE_OF),
        algorithms: [TOKEN_ALG],
        requiredClaims: ['exp', 'iat', 'sub'],
        // also refuses an iat in the future (beyond the leeway)
        maxTokenAge: MAX_TOKEN_TTL_SECONDS,
        clockTolerance: CLOCK_LEEWAY_SECONDS,
      }));
      if (typeof payload.sub !== 'string' || typeof payload.scope !== 'string' || typeof payload.ver !== 'number') throw new Error('claims');
      // tokens issued before client kinds existed carry no kind: they are partner tokens
      const kind: ClientKind = payload.kind === 'crm' || payload.kind === 'operator' ? payload.kind : 'partner';
      if (payload.aud !== AUDIENCE_OF[kind]) throw new Error('audience of another kind');
      if (payload.exp! - payload.iat! > MAX_TTL_OF[kind]) throw new Error('lifetime over the cap');
      if (kind === 'partner' && typeof payload.cid !== 'string') throw new Error('claims');
      client = {
        clientId: payload.sub,
        name: String(payload.name ?? payload.sub),
        kind,
        scopes: payload.scope.split(' ').filter(Boolean),
        ...(typeof payload.cid === 'string' ? { customerId: payload.cid } : {}),
      };
    } catch (error) {
      const expired = error instanceof joseErrors.JWTExpired && error.claim === 'exp';
      throw new UnauthorizedError(
        expired ? 'The access token has expired.' : 'The access token is not valid.',
        expired ? 'AUTH.TOKEN_EXPIRED' : 'AUTH.INVALID_TOKEN',
      );
    }
    const verified = { client, audience: String(payload.aud), expiresAt: payload.exp!, version: payload.ver as number };
    if (this.verified.size > 10_000) this.verified.clear();
    this.verified.set(token, verified);
    return verified;
  }

  /** Forgets a client's cached status on this instance (other instances see the change within STATUS_CACHE_MS). */
  forget(clientId: string): void {
    this.statuses.delete(clientId);
  }

  private async statusOf(clientId: string): Promise<ClientStatus | undefined> {
    const cached = this.statuses.get(clientId);
    if (cached && Date.now() < cached.until) return cached.status;
    const status = await this.partners.status(clientId);
    if (this.statuses.size > 10_000) this.statuses.clear();
    this.statuses.set(clientId, { status, until: Date.now() + STATUS_CACHE_MS });
    return status;
  }
}
