import { Injectable, OnModuleInit } from '@nestjs/common';
import { PartnerRepository } from '../../auth/partner.repository.js';
import { ExperienceApisConfig } from '../../experience.config.js';
import { TradingPartnerRepository } from './trading-partner.repository.js';

/** Seeds the configured trading partners and the OAuth clients they send with. */
@Injectable()
export class TradingPartnerSeeder implements OnModuleInit {
  constructor(
    private readonly config: ExperienceApisConfig,
    private readonly partners: PartnerRepository,
    private readonly tradingPartners: TradingPartnerRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    const demo = this.config.edi.demoTradingPartners;
    await this.partners.seed(demo.map((p) => p.client));
    await this.tradingPartners.seed(demo);
  }
}
