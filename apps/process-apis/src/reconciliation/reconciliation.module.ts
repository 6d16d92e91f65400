import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module.js';
import { InboundEventsModule } from '../events/inbound-events.module.js';
import { PromisingModule } from '../promising/promising.module.js';
import { GatewayFactsReader } from './gateway-facts.reader.js';
import { ReconciliationFindingsService } from './reconciliation-findings.service.js';
import { ReconciliationController } from './reconciliation.controller.js';
import { ReconciliationRepository } from './reconciliation.repository.js';
import { ReconciliationService } from './reconciliation.service.js';

/**
 * Reconciliation of the gateway with the backends: scheduled and on-demand runs, their findings, the
 * safe repairs (through promising's projection, the inbound events' path and billing's issuer) and
 * the exceptions left for a person. Nothing imports it: it exports nothing.
 */
@Module({
  imports: [PromisingModule, BillingModule, InboundEventsModule],
  controllers: [ReconciliationController],
  providers: [ReconciliationRepository, GatewayFactsReader, ReconciliationService, ReconciliationFindingsService],
})
export class ReconciliationModule {}
