import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SANDBOX_CONFIG, type SandboxConfig } from '../sandbox.config.js';
import { SandboxError } from '../sandbox.error.js';
import { ErpStore } from './erp.store.js';

/** HTTP Basic on every ERP call, then SAP's CSRF handshake: reads may fetch a token, writes must present one. */
@Injectable()
export class ErpAuthGuard implements CanActivate {
  constructor(
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
    private readonly store: ErpStore,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (!this.hasValidCredentials(request.headers.authorization)) {
      void reply.header('www-authenticate', 'Basic realm="SAP NetWeaver Application Server [S4H/100]"');
      throw new SandboxError(401, 'Logon failed: user name or password is incorrect');
    }
    const csrf = request.headers['x-csrf-token'];
    const token = Array.isArray(csrf) ? csrf[0] : csrf;
    if (request.method === 'GET' || request.method === 'HEAD') {
      if (token?.toLowerCase() === 'fetch') void reply.header('x-csrf-token', this.store.issueCsrfToken());
      return true;
    }
    if (!this.store.isValidCsrfToken(token)) {
      void reply.header('x-csrf-token', 'Required');
      throw new SandboxError(403, 'CSRF token validation failed');
    }
    return true;
  }

  private hasValidCredentials(authorization: string | undefined): boolean {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '');
    if (!match) return false;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon > 0 && decoded.slice(0, colon) === this.config.erpUser && decoded.slice(colon + 1) === this.config.erpPassword;
  }
}
