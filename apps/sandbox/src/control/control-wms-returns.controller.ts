import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { WmsRmaStore } from '../wms/wms-rma.store.js';
import { RMA_STATUS, type WmsDispositionCode, type WmsRmaOrder } from '../wms/wms.model.js';
import { ReturnReceiptDto, type ReturnDisposition } from './control.dto.js';

const NATIVE_DISPOSITION: Readonly<Record<ReturnDisposition, WmsDispositionCode>> = { restock: 'RESTOCK', refurbish: 'REFURB', scrap: 'SCRAP' };
const DISPOSITION: Readonly<Record<WmsDispositionCode, ReturnDisposition>> = { RESTOCK: 'restock', REFURB: 'refurbish', SCRAP: 'scrap' };

/** An RMA order as the control surface shows it: camelCase, quantities in eaches, with the events its receipt caused. */
export interface ReturnView {
  id: string;
  rmaNumber: string;
  warehouseId: string;
  status: 'expected' | 'received';
  statusCode: number;
  overReceived: boolean;
  receivedAt: string | null;
  lines: {
    lineNumber: number;
    sku: string;
    expected: number;
    received: number;
    over: number;
    lot: string | null;
    receipts: { disposition: ReturnDisposition; quantity: number; lot: string | null }[];
  }[];
  /** The RMA_RECEIVED event id, and the INV_RECEIVED event ids of the restocked quantities; null / [] before the receipt. */
  receivedEventId: string | null;
  inventoryEventIds: string[];
}

/** What the warehouse floor does with returns that arrive, and a redelivery for tests of duplicate events. */
@Controller('control/wms/returns')
export class ControlWmsReturnsController {
  constructor(private readonly store: WmsRmaStore) {}

  @Get()
  list(@Query('rmaNumber') rmaNumber?: string): { returns: ReturnView[] } {
    return { returns: this.store.find(rmaNumber).map((order) => this.view(order)) };
  }

  @Get(':id')
  get(@Param('id') id: string): ReturnView {
    return this.view(this.store.get(id));
  }

  /** Records the receipt (once; 409 after) and answers at once; RMA_RECEIVED and INV_RECEIVED go out in the background with this request's correlation id. */
  @Post(':id/receive')
  @HttpCode(202)
  receive(@Param('id') id: string, @Body() body: ReturnReceiptDto, @Headers('x-correlation-id') correlationId?: string): ReturnView {
    const lines = body.lines.map((l) => ({ item: l.sku, eaches: l.quantity, disposition: NATIVE_DISPOSITION[l.disposition], lot: l.lot }));
    return this.view(this.store.receive(id, lines, correlationId));
  }

  /** The RMA_RECEIVED event is sent again, unchanged (same event_id); 409 before the receipt. */
  @Post(':id/redeliver-received')
  @HttpCode(202)
  redeliver(@Param('id') id: string): { eventId: string; eventCode: string } {
    const event = this.store.redeliverReceived(id);
    return { eventId: event.event_id, eventCode: event.event_code };
  }

  private view(order: WmsRmaOrder): ReturnView {
    const events = this.store.receiptEvents(order.rma_id);
    return {
      id: order.rma_id,
      rmaNumber: order.ext_ref,
      warehouseId: order.site_id,
      status: order.status_code === RMA_STATUS.received ? 'received' : 'expected',
      statusCode: order.status_code,
      overReceived: order.over_received,
      receivedAt: order.received_ts,
      lines: order.lines.map((l) => ({
        lineNumber: l.line_no,
        sku: l.item_code,
        expected: l.qty_ea,
        received: l.qty_received_ea,
        over: l.qty_over_ea,
        lot: l.lot_no,
        receipts: l.receipts.map((r) => ({ disposition: DISPOSITION[r.disposition_code], quantity: r.qty_ea, lot: r.lot_no })),
      })),
      receivedEventId: events?.received.event_id ?? null,
      inventoryEventIds: events?.inventory.map((e) => e.event_id) ?? [],
    };
  }
}
