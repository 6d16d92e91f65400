import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SANDBOX_CONFIG, type SandboxConfig } from '../sandbox.config.js';
import { SandboxError } from '../sandbox.error.js';

/** The WMS authenticates callers by a static API key header. */
@Injectable()
export class WmsAuthGuard implements CanActivate {
  constructor(@Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const key = context.switchToHttp().getRequest<FastifyRequest>().headers['x-api-key'];
    if (key !== this.config.wmsApiKey) throw new SandboxError(401, 'Missing or invalid X-Api-Key');
    return true;
  }
}
