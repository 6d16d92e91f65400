import { Injectable, type Provider } from '@nestjs/common';
import { AuditLog, Database, OperatorVerifier, SecurityEvents, serviceAuthProviders, type AuthFailure, type Caller } from '@platform';
import { ProcessApisConfig } from '../process.config.js';
import { OperatorTokenVerifier } from './operator-token.verifier.js';

/** Refused calls go to the audit log (throttled by the guard: one row per code and address per minute, with the repeats counted). */
@Injectable()
export class AuditedSecurityEvents extends SecurityEvents {
  constructor(private readonly audit: AuditLog) {
    super();
  }

  async authFailure(failure: AuthFailure): Promise<void> {
    await this.audit.record({
      actorKind: 'anonymous',
      actor: failure.ip,
      action: 'auth.refused',
      target: `${failure.method} ${failure.path}`,
      outcome: 'refused',
      detail: { code: failure.code, status: failure.status, repeatsSinceLast: failure.repeats },
    });
  }
}

/** The audit actor of a caller. */
export const actorOf = (caller: Caller) => ({ actorKind: caller.kind, actor: caller.id });

/** Every route needs a service token (experience or system layer) or an operator token; refusals and operator actions are audited. */
export const processSecurityProviders = (config: ProcessApisConfig): Provider[] => [
  ...serviceAuthProviders({ audience: 'process-apis', callers: ['experience-apis', 'system-apis'], keys: config.security.serviceKeys }),
  { provide: AuditLog, inject: [Database], useFactory: (db: Database) => new AuditLog(db) },
  { provide: SecurityEvents, useClass: AuditedSecurityEvents },
  { provide: OperatorVerifier, useClass: OperatorTokenVerifier },
];
