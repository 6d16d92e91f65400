import { DynamicModule, Module } from '@nestjs/common';
import { AuditLog, OperatorVerifier, SecurityEvents } from '@platform';
import { ProcessApisConfig } from '../process.config.js';
import { AuditController } from './audit.controller.js';
import { processSecurityProviders } from './audit.providers.js';

/**
 * The global service-token guard, operator verification and the audit log. Global: every
 * context's operator routes record into the audit log and are guarded by the operator check.
 */
@Module({})
export class SecurityModule {
  static forRoot(config: ProcessApisConfig): DynamicModule {
    return {
      module: SecurityModule,
      global: true,
      controllers: [AuditController],
      providers: processSecurityProviders(config),
      exports: [AuditLog, OperatorVerifier, SecurityEvents],
    };
  }
}
