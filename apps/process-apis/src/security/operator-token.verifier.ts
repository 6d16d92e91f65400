import { createHash } from 'node:crypto';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import {
  BreakerRegistry,
  CLOCK_LEEWAY_SECONDS,
  ForbiddenError,
  OPERATOR_AUDIENCE,
  OPERATOR_TOKEN_MAX_TTL_SECONDS,
  OperatorVerifier,
  ServiceClient,
  ServiceTokenIssuer,
  UnauthorizedError,
  UpstreamUnavailableError,
} from '@platform';
import { ProcessApisConfig } from '../process.config.js';

/** How long an introspection answer is trusted: a disabled operator is refused within this. */
const ACTIVE_CACHE_MS = 5_000;
/** At most one JWKS read a second forced by a token of an unknown key id. */
const FORCED_RELOAD_MS = 1_000;

/**
 * Operator tokens are the experience layer's (its OAuth2 endpoint, clients of kind `operator`, scope
 * `ops`): the signature, issuer, audience and lifetime are checked here against its JWKS, then the
 * experience layer is asked whether the token is still active (client enabled, secret not rotated),
 * an answer kept a few seconds.
 */
@Injectable()
export class OperatorTokenVerifier extends OperatorVerifier implements OnApplicationShutdown {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly http: ServiceClient;
  private readonly active = new Map<string, { active: boolean; until: number }>();
  private lastForcedReload = 0;

  constructor(
    private readonly config: ProcessApisConfig,
    breakers: BreakerRegistry,
  ) {
    super();
    const { operators, serviceKeys } = config.security;
    this.jwks = createRemoteJWKSet(new URL(operators.jwksUrl), { cooldownDuration: 5_000, cacheMaxAge: 60_000, timeoutDuration: 3_000 });
    const tokens = new ServiceTokenIssuer(serviceKeys, 'process-apis', 'experience-apis');
    this.http = new ServiceClient(
      { name: 'experience-apis', baseUrl: operators.experienceUrl, connections: 4, ...config.breaker, authorization: () => tokens.header() },
      breakers,
    );
  }

  async verify(token: string): Promise<{ operatorId: string }> {
    let payload;
    try {
      payload = await this.verified(token);
    } catch (error) {
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud')
        throw new ForbiddenError('This token is not for the operations routes (audience ops).', 'AUTH.WRONG_AUDIENCE');
      if (error instanceof joseErrors.JWKSTimeout || (error instanceof TypeError && /fetch/i.test(error.message)))
        throw new UpstreamUnavailableError('experience-apis', 'unreachable', 5, error);
      const expired = error instanceof joseErrors.JWTExpired;
      throw new UnauthorizedError(
        expired ? 'The operator token has expired.' : 'The token is not valid.',
        expired ? 'AUTH.TOKEN_EXPIRED' : 'AUTH.INVALID_TOKEN',
      );
    }
    if (
      !String(payload.scope ?? '')
        .split(' ')
        .includes('ops')
    )
      throw new ForbiddenError('Operations need a token with the ops scope.', 'AUTH.INSUFFICIENT_SCOPE');
    if (!(await this.isActive(token))) throw new UnauthorizedError('The operator token was revoked (client disabled or secret rotated).', 'AUTH.TOKEN_REVOKED');
    return { operatorId: payload.sub! };
  }

  private async verified(token: string) {
    const verify = () =>
      jwtVerify(token, this.jwks, {
        issuer: this.config.security.operators.issuer,
        audience: OPERATOR_AUDIENCE,
        algorithms: ['ES256'],
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: OPERATOR_TOKEN_MAX_TTL_SECONDS,
        clockTolerance: CLOCK_LEEWAY_SECONDS,
      });
    try {
      return (await verify()).payload;
    } catch (error) {
      // a key rotated in within the JWKS cooldown is unknown here yet: read the JWKS again at once, at most once a second
      if (!(error instanceof joseErrors.JWKSNoMatchingKey) || Date.now() - this.lastForcedReload < FORCED_RELOAD_MS) throw error;
      this.lastForcedReload = Date.now();
      await this.jwks.reload();
      return (await verify()).payload;
    }
  }

  private async isActive(token: string): Promise<boolean> {
    const key = createHash('sha256').update(token).digest('base64url');
    const cached = this.active.get(key);
    if (cached && Date.now() < cached.until) return cached.active;
    const { body } = await this.http.send<{ active: boolean }>({ method: 'POST', path: '/oauth/introspect', body: { token }, breaker: 'auth' });
    if (this.active.size > 1_000) this.active.clear();
    this.active.set(key, { active: body.active === true, until: Date.now() + ACTIVE_CACHE_MS });
    return body.active === true;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.http.close();
  }
}
