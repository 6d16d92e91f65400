import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UnauthorizedError } from '@platform';
import type { Partner } from './partner.repository.js';
import { TokenService } from './token.service.js';

type PartnerRequest = FastifyRequest & { partner?: Partner };

/** Every /b2b route: the partner comes from the bearer token, never from the body. */
@Injectable()
export class PartnerAuthGuard implements CanActivate {
  constructor(private readonly tokens: TokenService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<PartnerRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    try {
      if (scheme?.toLowerCase() !== 'bearer' || !token)
        throw new UnauthorizedError('A bearer token is required: POST /oauth/token first.', 'AUTH.TOKEN_MISSING');
      request.partner = await this.tokens.verify(token);
      return true;
    } catch (error) {
      // RFC 6750 §3: a 401 names the scheme the client should use.
      void http.getResponse<FastifyReply>().header('www-authenticate', 'Bearer realm="b2b"');
      throw error;
    }
  }
}

export const CurrentPartner = createParamDecorator((_: unknown, context: ExecutionContext): Partner => {
  const partner = context.switchToHttp().getRequest<PartnerRequest>().partner;
  if (!partner) throw new UnauthorizedError();
  return partner;
});
