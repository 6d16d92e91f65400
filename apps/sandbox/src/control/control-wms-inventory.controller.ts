import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import type { WmsEvent } from '../wms/wms.model.js';
import { WmsStore, type StockSummary } from '../wms/wms.store.js';
import { AdjustmentDto, CycleCountDto, ReceiptDto } from './control.dto.js';

/** An inventory change as the control surface shows it: the event the WMS emitted and the figures after, in eaches. */
export interface InventoryChangeView extends StockSummary {
  eventId: string;
  eventCode: string;
  sku: string;
  warehouseId: string;
  /** Signed eaches the change added to on hand. */
  change: number;
}

function view(event: WmsEvent, summary: StockSummary): InventoryChangeView {
  const [line] = event.lines;
  return { eventId: event.event_id, eventCode: event.event_code, sku: line.item_code, warehouseId: event.site_id, change: line.qty, ...summary };
}

/**
 * Stock changes the warehouse operator makes. Each answers at once with the new figures; the
 * WMS event goes to the webhook in the background, in order, with this request's correlation id.
 */
@Controller('control/wms')
export class ControlWmsInventoryController {
  constructor(private readonly store: WmsStore) {}

  @Post('receipts')
  @HttpCode(202)
  receive(@Body() body: ReceiptDto, @Headers('x-correlation-id') correlationId?: string): InventoryChangeView {
    const event = this.store.receive({ site: body.warehouseId, item: body.sku, eaches: body.quantity, lot: body.lot }, correlationId);
    return view(event, this.store.summary(body.warehouseId, body.sku));
  }

  @Post('adjustments')
  @HttpCode(202)
  adjust(@Body() body: AdjustmentDto, @Headers('x-correlation-id') correlationId?: string): InventoryChangeView {
    const event = this.store.adjust({ site: body.warehouseId, item: body.sku, delta: body.delta, reason: body.reason }, correlationId);
    return view(event, this.store.summary(body.warehouseId, body.sku));
  }

  @Post('cycle-counts')
  @HttpCode(202)
  count(@Body() body: CycleCountDto, @Headers('x-correlation-id') correlationId?: string): InventoryChangeView {
    const event = this.store.count({ site: body.warehouseId, item: body.sku, counted: body.counted }, correlationId);
    return view(event, this.store.summary(body.warehouseId, body.sku));
  }
}
