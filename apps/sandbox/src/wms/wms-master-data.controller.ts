import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { SandboxError } from '../sandbox.error.js';
import { WmsAuthGuard } from './wms-auth.guard.js';
import type { WmsItem, WmsSite, WmsStockRecord } from './wms.model.js';
import { WmsStore } from './wms.store.js';

@Controller('wms/api')
@UseGuards(WmsAuthGuard)
export class WmsMasterDataController {
  constructor(private readonly store: WmsStore) {}

  @Get('sites')
  sites(): { sites: WmsSite[] } {
    return { sites: [...this.store.sites.values()] };
  }

  @Get('items/:itemCode')
  item(@Param('itemCode') itemCode: string): WmsItem {
    const item = this.store.items.get(itemCode);
    if (!item) throw new SandboxError(404, `Item ${itemCode} not found`);
    return item;
  }

  /** Lot-level records, each counted in its own unit (CS or EA); every item's without `item`. */
  @Get('stock')
  stock(@Query('item') item?: string, @Query('site') site?: string): { records: WmsStockRecord[] } {
    return { records: this.store.stockRecords(item, site) };
  }
}
