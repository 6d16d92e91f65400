import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
  Optional,
  type Provider,
  SetMetadata,
} from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, UnauthorizedError } from '../errors/app-error.js';
import type { ServiceKeySet } from './service-keys.js';
import { decodeJwt } from 'jose';
import { ForbiddenError, isServiceToken, SERVICE_TOKEN_MAX_TTL_SECONDS, verifyServiceToken, type ServiceName } from './service-token.js';

/** Who made a call into the process or system layer: a layer (service token) or a person (operator token). */
export interface Caller {
  readonly kind: 'service' | 'operator';
  /** The calling service, or the operator's client id. */
  readonly id: string;
}

/** Open to anyone: health probes. */
export const Public = () => SetMetadata('security:public', true);
/** Operations routes: an operator token (scope `ops`) only; a service token is 403. */
export const OperatorOnly = () => SetMetadata('security:operator-only', true);
/** Called by a vendor that signs its requests (checked by the route's own guard); a bearer token, if sent, must still be valid here. */
export const VendorSigned = () => SetMetadata('security:vendor-signed', true);

/** Verifies operator access tokens (issued by the experience layer's OAuth2 endpoint, scope `ops`); throws 401 / 403. */
export abstract class OperatorVerifier {
  abstract verify(token: string): Promise<{ readonly operatorId: string }>;
}

export interface AuthFailure {
  readonly code: string;
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly ip: string;
  /** Failures of the same code and address since the last one recorded (recording is throttled). */
  readonly repeats: number;
}

/** Where refused calls are recorded (the audit log where the app has one, the log otherwise). */
export abstract class SecurityEvents {
  abstract authFailure(failure: AuthFailure): Promise<void>;
}

export interface ServiceAuthOptions {
  /** This layer, the `aud` its tokens must carry. */
  readonly audience: ServiceName;
  /** The layers that may call it. */
  readonly callers: readonly ServiceName[];
  readonly keys: ServiceKeySet;
}

export const SERVICE_AUTH_OPTIONS = Symbol('SERVICE_AUTH_OPTIONS');

type AuthenticatedRequest = FastifyRequest & { caller?: Caller };

/**
 * One recorded auth failure per key (code and address) per minute, with the repeats in between counted:
 * refusals are evidence, not a way to flood the audit log.
 */
export class FailureThrottle {
  private readonly seen = new Map<string, { until: number; repeats: number }>();

  constructor(private readonly windowMs = 60_000) {}

  /** The repeats since the last admitted failure of this key, or undefined when this one is only counted. */
  admit(key: string): number | undefined {
    const now = Date.now();
    const seen = this.seen.get(key);
    if (seen && now < seen.until) {
      seen.repeats++;
      return undefined;
    }
    if (this.seen.size > 10_000) this.seen.clear();
    this.seen.set(key, { until: now + this.windowMs, repeats: 0 });
    return seen?.repeats ?? 0;
  }
}

/**
 * Every route of the process and system layers needs a service token for this layer (or an operator
 * token where operators are served), except those marked @Public. No or a bad token is 401, a genuine
 * token for another audience or caller 403.
 */
@Injectable()
export class ServiceAuthGuard implements CanActivate {
  private readonly logger = new Logger('ServiceAuth');
  private readonly throttle = new FailureThrottle();
  /** Verified service tokens until they expire: a caller reuses its token for minutes, so the hot path is a map lookup. */
  private readonly verified = new Map<string, { service: ServiceName; expiresAt: number }>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_AUTH_OPTIONS) private readonly options: ServiceAuthOptions,
    @Optional() private readonly operators?: OperatorVerifier,
    @Optional() private readonly events?: SecurityEvents,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const flag = (key: string) => this.reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]) === true;
    if (flag('security:public')) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const bearer = scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
    try {
      if (!bearer) {
        if (flag('security:vendor-signed')) return true;
        throw new UnauthorizedError(
          `A bearer token for ${this.options.audience} is required (a service token, or an operator token on operations routes).`,
          'AUTH.TOKEN_MISSING',
        );
      }
      request.caller = await this.identify(bearer, flag('security:operator-only'));
      return true;
    } catch (error) {
      if (error instanceof AppError && (error.status === 401 || error.status === 403)) {
        void reply.header('www-authenticate', `Bearer realm="${this.options.audience}"${error.status === 403 ? ', error="insufficient_scope"' : ''}`);
        this.record(error, request);
      }
      throw error;
    }
  }

  private async identify(token: string, operatorOnly: boolean): Promise<Caller> {
    if (isServiceToken(this.options.keys, token)) {
      const service = await this.verifiedService(token);
      if (operatorOnly) throw new ForbiddenError('Operations routes need an operator token (scope ops), not a service token.', 'AUTH.OPERATOR_REQUIRED');
      return { kind: 'service', id: service };
    }
    if (!this.operators) throw new UnauthorizedError('The token is not valid.', 'AUTH.INVALID_TOKEN');
    const { operatorId } = await this.operators.verify(token);
    return { kind: 'operator', id: operatorId };
  }

  private async verifiedService(token: string): Promise<ServiceName> {
    const cached = this.verified.get(token);
    if (cached && Date.now() < cached.expiresAt) return cached.service;
    const service = await verifyServiceToken(this.options.keys, token, this.options.audience, this.options.callers);
    if (this.verified.size > 1_000) this.verified.clear();
    const { exp } = decodeJwt(token);
    this.verified.set(token, { service, expiresAt: Math.min(Date.now() + SERVICE_TOKEN_MAX_TTL_SECONDS * 1000, (exp ?? 0) * 1000) });
    return service;
  }

  private record(error: AppError, request: FastifyRequest): void {
    const repeats = this.throttle.admit(`${error.code}|${request.ip}`);
    if (repeats === undefined) return;
    const failure: AuthFailure = {
      code: error.code,
      status: error.status,
      method: request.method,
      path: request.url.split('?')[0]!,
      ip: request.ip,
      repeats,
    };
    const sink = this.events ? this.events.authFailure(failure) : Promise.resolve(this.logger.warn(failure, 'call refused'));
    sink.catch((e: unknown) => this.logger.warn(`auth failure not recorded: ${(e as Error).message}`));
  }
}

/** The global guard and its options, for the root module's providers. */
export function serviceAuthProviders(options: ServiceAuthOptions): Provider[] {
  return [
    { provide: SERVICE_AUTH_OPTIONS, useValue: options },
    { provide: APP_GUARD, useClass: ServiceAuthGuard },
  ];
}

/** The authenticated caller of this request (set by ServiceAuthGuard). */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (!caller) throw new UnauthorizedError();
  return caller;
});
