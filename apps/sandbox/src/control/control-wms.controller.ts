import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { SandboxError } from '../sandbox.error.js';
import { WmsEventEmitter, type EventDelivery } from '../wms/wms-event.emitter.js';
import { OB_STATUS, type WmsOutboundOrder } from '../wms/wms.model.js';
import { WmsStore } from '../wms/wms.store.js';
import { ShipDto, WebhookDto } from './control.dto.js';

const STATUS_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(OB_STATUS).map(([name, code]) => [code, name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]),
);

/** An outbound order as the control surface shows it: camelCase, quantities in eaches. */
export interface FulfillmentOrderView {
  id: string;
  erpOrderNumber: string;
  warehouseId: string;
  status: string;
  statusCode: number;
  carrier: string | null;
  trackingNumber: string | null;
  lines: {
    lineNumber: number;
    sku: string;
    quantity: number;
    orderedQuantity: number;
    orderedUom: string;
    allocated: number;
    picked: number;
    shipped: number;
    lots: { lot: string; quantity: number }[];
  }[];
}

function view(order: WmsOutboundOrder): FulfillmentOrderView {
  return {
    id: order.ob_order_id,
    erpOrderNumber: order.ext_ref,
    warehouseId: order.site_id,
    status: STATUS_NAMES[order.status_code] ?? String(order.status_code),
    statusCode: order.status_code,
    carrier: order.carrier_scac,
    trackingNumber: order.tracking_no,
    lines: order.lines.map((l) => ({
      lineNumber: l.line_no,
      sku: l.item_code,
      quantity: l.qty_ea,
      orderedQuantity: l.qty,
      orderedUom: l.uom,
      allocated: l.qty_allocated_ea,
      picked: l.qty_picked_ea,
      shipped: l.qty_shipped_ea,
      lots: l.picked_lots.map((lot) => ({ lot: lot.lot_no, quantity: lot.qty_ea })),
    })),
  };
}

/** The warehouse floor: what an operator (or a test) does in the WMS, and where its events go. */
@Controller('control/wms')
export class ControlWmsController {
  constructor(
    private readonly store: WmsStore,
    private readonly events: WmsEventEmitter,
  ) {}

  @Get('fulfillment-orders')
  orders(@Query('erpOrderNumber') erpOrderNumber?: string): { orders: FulfillmentOrderView[] } {
    return { orders: this.store.findOrders(erpOrderNumber).map(view) };
  }

  /** Picks, packs and ships; answers at once, the events are delivered in the background. */
  @Post('fulfillment-orders/:id/ship')
  @HttpCode(202)
  ship(@Param('id') id: string, @Body() body: ShipDto, @Headers('x-correlation-id') correlationId?: string): FulfillmentOrderView {
    const picks = body.lines ? new Map<string, number>() : undefined;
    for (const line of body.lines ?? []) picks!.set(line.sku, (picks!.get(line.sku) ?? 0) + line.quantity);
    return view(this.store.ship(id, { picks, carrier: body.carrier, trackingNumber: body.trackingNumber }, correlationId));
  }

  @Post('fulfillment-orders/:id/deliver')
  @HttpCode(202)
  deliver(@Param('id') id: string, @Headers('x-correlation-id') correlationId?: string): FulfillmentOrderView {
    return view(this.store.deliver(id, correlationId));
  }

  @Get('webhook')
  webhook(): { url: string | null } {
    return { url: this.events.webhookUrl ?? null };
  }

  @Put('webhook')
  setWebhook(@Body() body: WebhookDto): { url: string | null } {
    try {
      this.events.setWebhookUrl(body.url ?? undefined);
    } catch (error) {
      throw new SandboxError(400, (error as Error).message);
    }
    return this.webhook();
  }

  /** Every event emitted (latest 1,000) with its delivery status. */
  @Get('events')
  deliveries(): { events: EventDelivery[] } {
    return { events: this.events.deliveries() };
  }
}
