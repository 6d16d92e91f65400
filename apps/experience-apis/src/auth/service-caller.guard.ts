import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, UnauthorizedError, verifyServiceToken } from '@platform';
import { ExperienceApisConfig } from '../experience.config.js';
import { SecurityAudit } from './audit/security-audit.service.js';

/** Internal routes of the experience layer (token introspection): a process-layer service token with audience experience-apis. */
@Injectable()
export class ProcessLayerGuard implements CanActivate {
  constructor(
    private readonly config: ExperienceApisConfig,
    private readonly audit: SecurityAudit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    try {
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthorizedError('A service token of the process layer is required.', 'AUTH.TOKEN_MISSING');
      await verifyServiceToken(this.config.serviceKeys, token, 'experience-apis', ['process-apis']);
      return true;
    } catch (error) {
      void context.switchToHttp().getResponse<FastifyReply>().header('www-authenticate', 'Bearer realm="experience-apis"');
      if (error instanceof AppError) this.audit.refused(error, request);
      throw error;
    }
  }
}
