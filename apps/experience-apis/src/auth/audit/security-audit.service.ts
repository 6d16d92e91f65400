import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuditLog, Database, FailureThrottle, type AppError } from '@platform';

/** The experience layer's audit log: refused credentials and tokens (throttled), and what operators change. */
@Injectable()
export class SecurityAudit extends AuditLog {
  private readonly logger = new Logger('SecurityAudit');
  private readonly throttle = new FailureThrottle();

  constructor(@Inject(Database) db: Database) {
    super(db);
  }

  /** A refused call: one row per code and address per minute, counting the repeats in between. Never fails the request. */
  refused(error: AppError, request: FastifyRequest, clientId?: string): void {
    const repeats = this.throttle.admit(`${error.code}|${request.ip}`);
    if (repeats === undefined) return;
    this.record({
      actorKind: clientId ? 'client' : 'anonymous',
      actor: clientId ?? request.ip,
      action: 'auth.refused',
      target: `${request.method} ${request.url.split('?')[0]}`,
      outcome: 'refused',
      detail: { code: error.code, status: error.status, ip: request.ip, repeatsSinceLast: repeats },
    }).catch((e: unknown) => this.logger.warn(`auth failure not recorded: ${(e as Error).message}`));
  }
}
