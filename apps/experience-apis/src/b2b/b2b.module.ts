import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { AvailabilityEdgeCache } from './availability/availability-edge.cache.js';
import { AvailabilitySignalHandler } from './availability/availability-signal.handler.js';
import { B2bV1Controller } from './b2b.controller.js';
import { PartnerOrdersService } from './partner-orders.service.js';
import { B2bV2ReturnsController } from './returns/b2b-v2-returns.controller.js';
import { PartnerReturnsService } from './returns/partner-returns.service.js';
import { B2bV2Controller } from './v2/b2b-v2.controller.js';
import { MigrationGuideController } from './versioning/migration-guide.controller.js';

/**
 * The partners' REST channel, /b2b/v1 (deprecated) and /b2b/v2, over the process layer. Exports
 * the handler of the process layer's availability signals (channel events), which drops from its
 * availability cache; its version policy (`versioning/`) is used by webhooks for their v1 paths.
 */
@Module({
  imports: [AuthModule, IdempotencyModule],
  controllers: [B2bV1Controller, B2bV2Controller, B2bV2ReturnsController, MigrationGuideController],
  providers: [PartnerOrdersService, PartnerReturnsService, AvailabilityEdgeCache, AvailabilitySignalHandler],
  exports: [AvailabilitySignalHandler],
})
export class B2bModule {}
