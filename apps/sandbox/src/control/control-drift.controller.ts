import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ErpStore } from '../erp/erp.store.js';
import { OmsStore } from '../oms/oms.store.js';
import { WmsEventEmitter } from '../wms/wms-event.emitter.js';
import { WmsStore, type StockSummary } from '../wms/wms.store.js';
import { DropEventsDto, StockDriftDto } from './control.dto.js';

/**
 * Drift between the backends and the gateway, seeded on purpose so reconciliation has something to find:
 * each call changes a backend silently (no event, no webhook), as a lost message or a manual change in the
 * vendor's own UI would.
 */
@Controller('control')
export class ControlDriftController {
  constructor(
    private readonly wms: WmsStore,
    private readonly events: WmsEventEmitter,
    private readonly erp: ErpStore,
    private readonly oms: OmsStore,
  ) {}

  /** On hand changes by `delta` eaches and the WMS emits nothing. */
  @Post('wms/drift/stock')
  @HttpCode(200)
  driftStock(@Body() body: StockDriftDto): StockSummary & { sku: string; warehouseId: string } {
    return { sku: body.sku, warehouseId: body.warehouseId, ...this.wms.driftStock({ site: body.warehouseId, item: body.sku, delta: body.delta }) };
  }

  /** The next `count` events of each code are lost (logged as `dropped` in /control/wms/events, never sent). */
  @Put('wms/drift/drop-events')
  dropEvents(@Body() body: DropEventsDto): { pending: Record<string, number> } {
    return { pending: this.events.dropNext(body.eventCodes, body.count) };
  }

  @Get('wms/drift/drop-events')
  droppedEvents(): { pending: Record<string, number> } {
    return { pending: this.events.pendingDrops() };
  }

  @Delete('erp/billing-documents/:id')
  @HttpCode(204)
  deleteBillingDocument(@Param('id') id: string): void {
    this.erp.deleteBillingDocument(id);
  }

  @Delete('erp/sales-orders/:id')
  @HttpCode(204)
  deleteSalesOrder(@Param('id') id: string): void {
    this.erp.deleteSalesOrder(id);
  }

  @Delete('oms/orders/:id')
  @HttpCode(204)
  deleteOmsOrder(@Param('id') id: string): void {
    this.oms.delete(id);
  }
}
