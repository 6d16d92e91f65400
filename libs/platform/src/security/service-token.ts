import { decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { AppError, UnauthorizedError } from '../errors/app-error.js';
import type { ServiceKeySet } from './service-keys.js';

/** The layers, as issuers and audiences of service tokens. */
export type ServiceName = 'experience-apis' | 'process-apis' | 'system-apis';

/** How long a service token lives, and the most a callee accepts (a token is re-minted a minute before it expires). */
export const SERVICE_TOKEN_TTL_SECONDS = 300;
export const SERVICE_TOKEN_MAX_TTL_SECONDS = 600;
/** Clock skew tolerated between instances, on `iat` and `exp`. */
export const CLOCK_LEEWAY_SECONDS = 30;

/**
 * Mints the calling layer's service tokens for one callee and keeps each until shortly before it
 * expires, so the hot path signs once every few minutes, not per request.
 */
export class ServiceTokenIssuer {
  private cached?: { token: string; refreshAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly keys: ServiceKeySet,
    private readonly issuer: ServiceName,
    private readonly audience: ServiceName,
    private readonly ttlSeconds = SERVICE_TOKEN_TTL_SECONDS,
  ) {}

  /** The `authorization` header value. */
  async header(): Promise<string> {
    return `Bearer ${await this.token()}`;
  }

  async token(): Promise<string> {
    if (this.cached && Date.now() < this.cached.refreshAt) return this.cached.token;
    this.pending ??= this.mint().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async mint(): Promise<string> {
    const token = await signServiceToken(this.keys, this.issuer, this.audience, this.ttlSeconds);
    this.cached = { token, refreshAt: Date.now() + Math.max(1, this.ttlSeconds - 60) * 1000 };
    return token;
  }
}

export function signServiceToken(keys: ServiceKeySet, issuer: string, audience: string, ttlSeconds = SERVICE_TOKEN_TTL_SECONDS): Promise<string> {
  return new SignJWT({ typ: 'service' })
    .setProtectedHeader({ alg: 'HS256', kid: keys.signing.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setSubject(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keys.signing.secret);
}

/** Whether the token names one of this key set's key ids (a service token) rather than, e.g., an operator's. */
export function isServiceToken(keys: ServiceKeySet, token: string): boolean {
  try {
    const { kid, alg } = decodeProtectedHeader(token);
    return alg === 'HS256' && typeof kid === 'string' && keys.byKid.has(kid);
  } catch {
    return false;
  }
}

export class ForbiddenError extends AppError {
  constructor(detail: string, code = 'AUTH.FORBIDDEN') {
    super(code, 403, 'Forbidden', { detail });
  }
}

/**
 * Verifies a service token for this layer: a known `kid`, HS256, `exp` and `iat` present, a lifetime
 * within the cap, `iat` not in the future. A genuine token for another audience, or from a caller
 * this layer does not serve, is 403; anything else 401. Returns the calling service.
 */
export async function verifyServiceToken(keys: ServiceKeySet, token: string, audience: ServiceName, callers: readonly ServiceName[]): Promise<ServiceName> {
  let payload;
  try {
    const { payload: verified } = await jwtVerify(
      token,
      async (header) => {
        const key = typeof header.kid === 'string' ? keys.byKid.get(header.kid) : undefined;
        if (!key) throw new Error('unknown kid');
        return key.secret;
      },
      { algorithms: ['HS256'], requiredClaims: ['exp', 'iat', 'iss', 'aud'], maxTokenAge: SERVICE_TOKEN_MAX_TTL_SECONDS, clockTolerance: CLOCK_LEEWAY_SECONDS },
    );
    if (verified.exp! - verified.iat! > SERVICE_TOKEN_MAX_TTL_SECONDS) throw new Error('lifetime over the cap');
    payload = verified;
  } catch (error) {
    const expired = error instanceof joseErrors.JWTExpired;
    throw new UnauthorizedError(
      expired ? 'The service token has expired.' : 'The service token is not valid.',
      expired ? 'AUTH.TOKEN_EXPIRED' : 'AUTH.INVALID_TOKEN',
    );
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(audience)) throw new ForbiddenError(`This service token is for ${audiences.join(', ')}, not ${audience}.`, 'AUTH.WRONG_AUDIENCE');
  const caller = payload.iss as ServiceName;
  if (!callers.includes(caller)) throw new ForbiddenError(`${audience} does not serve ${String(payload.iss)}.`, 'AUTH.UNKNOWN_CALLER');
  return caller;
}

/** Operator tokens (scope `ops`) live at most this long; revocation reaches them within seconds anyway (introspection). */
export const OPERATOR_TOKEN_MAX_TTL_SECONDS = 900;
/** The audience of operator tokens: the operations routes of every layer. */
export const OPERATOR_AUDIENCE = 'ops';
