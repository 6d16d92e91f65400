import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { WmsAuthGuard } from './wms-auth.guard.js';
import type { WmsReplenishmentParam, WmsTransfer } from './wms.model.js';
import { WmsStore } from './wms.store.js';

/** Replenishment planning data: safety stock per item and site, and transfers between sites. */
@Controller('wms/api')
@UseGuards(WmsAuthGuard)
export class WmsReplenishmentController {
  constructor(private readonly store: WmsStore) {}

  /** Safety stock and reorder point per item and site, in eaches; every item's without `item`. */
  @Get('replenishment-params')
  params(@Query('item') item?: string, @Query('site') site?: string): { params: WmsReplenishmentParam[] } {
    return { params: this.store.replenishmentParams(item, site) };
  }

  /** Transfers in every status (10 open, 20 in transit, 30 received), in the transfer's unit. */
  @Get('transfers')
  transfers(@Query('item') item?: string, @Query('to_site') toSite?: string): { transfers: WmsTransfer[] } {
    return { transfers: this.store.transfers(item, toSite) };
  }
}
