import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, UnauthorizedError } from '@platform';
import { SecurityAudit } from './audit/security-audit.service.js';
import type { ApiClient, Partner } from './partner.repository.js';
import { TokenService } from './token.service.js';

type ClientRequest = FastifyRequest & { client?: ApiClient; partner?: Partner };

/**
 * Bearer token, then scope: no or a bad token is 401, a valid token without the surface's scope is 403
 * (`insufficient_scope`, RFC 6750 §3.1), so a partner token cannot call /crm and a CRM token cannot call /b2b.
 */
@Injectable() // so the subclasses inherit the constructor's parameter metadata
export abstract class ScopedAuthGuard implements CanActivate {
  protected abstract readonly scope: string;

  constructor(
    private readonly tokens: TokenService,
    private readonly audit: SecurityAudit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<ClientRequest>();
    const reply = http.getResponse<FastifyReply>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    let client: ApiClient;
    try {
      if (scheme?.toLowerCase() !== 'bearer' || !token)
        throw new UnauthorizedError('A bearer token is required: POST /oauth/token first.', 'AUTH.TOKEN_MISSING');
      client = await this.tokens.verify(token);
    } catch (error) {
      // RFC 6750 §3: a 401 names the scheme the client should use.
      void reply.header('www-authenticate', `Bearer realm="${this.scope}"`);
      if (error instanceof AppError) this.audit.refused(error, request);
      throw error;
    }
    if (!client.scopes.includes(this.scope)) {
      void reply.header('www-authenticate', `Bearer realm="${this.scope}", error="insufficient_scope", scope="${this.scope}"`);
      const refusal = new AppError('AUTH.INSUFFICIENT_SCOPE', 403, 'Forbidden', {
        detail: `This API needs a token with the ${this.scope} scope; client ${client.clientId} has ${client.scopes.join(' ') || 'none'}.`,
        extensions: { error: 'insufficient_scope', requiredScope: this.scope },
      });
      this.audit.refused(refusal, request, client.clientId);
      throw refusal;
    }
    request.client = client;
    this.accept(request, client);
    return true;
  }

  protected accept(_request: ClientRequest, _client: ApiClient): void {}
}

/** Every /b2b route: the partner comes from the bearer token, never from the body. */
@Injectable()
export class PartnerAuthGuard extends ScopedAuthGuard {
  protected readonly scope = 'b2b';

  protected override accept(request: ClientRequest, client: ApiClient): void {
    // a b2b token always names its customer (TokenService.verify checks it for partners)
    if (!client.customerId) throw new UnauthorizedError('The access token is not valid.', 'AUTH.INVALID_TOKEN');
    request.partner = { partnerId: client.clientId, customerId: client.customerId, name: client.name };
  }
}

/** Every /crm route: internal CRM clients only. */
@Injectable()
export class CrmAuthGuard extends ScopedAuthGuard {
  protected readonly scope = 'crm';
}

/** The operations routes (client and key administration, the audit log): operator clients only. */
@Injectable()
export class OpsAuthGuard extends ScopedAuthGuard {
  protected readonly scope = 'ops';
}

/** The client a scoped guard let through. */
export const CurrentClient = createParamDecorator((_: unknown, context: ExecutionContext): ApiClient => {
  const client = context.switchToHttp().getRequest<ClientRequest>().client;
  if (!client) throw new UnauthorizedError();
  return client;
});

export const CurrentPartner = createParamDecorator((_: unknown, context: ExecutionContext): Partner => {
  const partner = context.switchToHttp().getRequest<ClientRequest>().partner;
  if (!partner) throw new UnauthorizedError();
  return partner;
});
