import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SANDBOX_CONFIG, type SandboxConfig } from '../sandbox.config.js';
import { SandboxError } from '../sandbox.error.js';

/** The OMS authenticates callers by a static token header. */
@Injectable()
export class OmsAuthGuard implements CanActivate {
  constructor(@Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const token = context.switchToHttp().getRequest<FastifyRequest>().headers['x-oms-token'];
    if (token !== this.config.omsToken) throw new SandboxError(401, 'Missing or invalid X-Oms-Token');
    return true;
  }
}
