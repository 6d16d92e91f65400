import { Module } from '@nestjs/common';
import { RateLimitsModule } from '../rate-limits/rate-limits.module.js';
import { SecurityAudit } from './audit/security-audit.service.js';
import { ClientAdminService } from './clients/client-admin.service.js';
import { ClientOnboardingService } from './clients/client-onboarding.service.js';
import { OnboardingController } from './clients/onboarding.controller.js';
import { OpsController } from './clients/ops.controller.js';
import { IntrospectionController } from './introspection.controller.js';
import { JwksController } from './keys/jwks.controller.js';
import { SigningKeysService } from './keys/signing-keys.service.js';
import { CrmAuthGuard, OpsAuthGuard, PartnerAuthGuard } from './partner-auth.guard.js';
import { PartnerRepository } from './partner.repository.js';
import { ProcessLayerGuard } from './service-caller.guard.js';
import { TokenController } from './token.controller.js';
import { TokenService } from './token.service.js';

/**
 * OAuth2 clients (partners, CRM clients, operators), their tokens and signing keys, and the audit of
 * refused calls. Other contexts put `PartnerAuthGuard` / `CrmAuthGuard` on their controllers: Nest builds
 * a guard in the module that uses it, so the guards' own dependencies (TokenService, SecurityAudit) are
 * exported with them. PartnerRepository is exported for the EDI seeder, which registers the OAuth
 * clients its trading partners send with; ClientOnboardingService and OpsAuthGuard for the EDI operator routes,
 * which onboard a trading partner together with its client.
 */
@Module({
  // the token endpoint's failure limiter (TokenFailuresInterceptor) takes from the rate-limit store
  imports: [RateLimitsModule],
  controllers: [TokenController, JwksController, IntrospectionController, OpsController, OnboardingController],
  providers: [
    PartnerRepository,
    SigningKeysService,
    TokenService,
    SecurityAudit,
    ClientAdminService,
    ClientOnboardingService,
    OpsAuthGuard,
    ProcessLayerGuard,
    PartnerAuthGuard,
    CrmAuthGuard,
  ],
  exports: [PartnerAuthGuard, CrmAuthGuard, OpsAuthGuard, TokenService, SecurityAudit, PartnerRepository, ClientOnboardingService],
})
export class AuthModule {}
