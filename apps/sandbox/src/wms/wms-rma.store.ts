import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SandboxError } from '../sandbox.error.js';
import { WmsEventEmitter } from './wms-event.emitter.js';
import type { CreateRmaOrderDto } from './wms.dto.js';
import { RMA_STATUS, type WmsDispositionCode, type WmsEvent, type WmsEventLine, type WmsRmaLine, type WmsRmaOrder } from './wms.model.js';
import { WmsStore } from './wms.store.js';

/** One line of what the warehouse operator found in the returned cartons, in eaches. */
export interface RmaReceiptLine {
  item: string;
  eaches: number;
  disposition: WmsDispositionCode;
  lot?: string;
}

/** The events one receipt caused: RMA_RECEIVED, then an INV_RECEIVED per restocked item and lot. */
export interface RmaReceiptEvents {
  received: WmsEvent;
  inventory: WmsEvent[];
  correlationId?: string;
}

/**
 * Expected inbound returns (RMA orders) and their receipt. Restocked quantities go into available stock through
 * the same path (and event, INV_RECEIVED) as any goods receipt, so the gateway's availability follows them;
 * refurbished and scrapped quantities are recorded on the RMA order only, never as stock.
 */
@Injectable()
export class WmsRmaStore {
  private orders = new Map<string, WmsRmaOrder>();
  private receipts = new Map<string, RmaReceiptEvents>();
  private lastRma = 0;

  constructor(
    private readonly wms: WmsStore,
    private readonly events: WmsEventEmitter,
  ) {}

  reset(): void {
    this.orders = new Map();
    this.receipts = new Map();
    this.lastRma = 0;
  }

  /** Announces a return; idempotent on `ext_ref`: a second create answers the first order (`created: false`) and ignores its body. */
  create(input: CreateRmaOrderDto): { order: WmsRmaOrder; created: boolean } {
    const existing = this.find(input.ext_ref)[0];
    if (existing) return { order: existing, created: false };
    if (!this.wms.sites.has(input.site_id)) throw new SandboxError(400, `Unknown site_id ${input.site_id}`);
    const lines = input.lines.map((l, index) => ({ ...l, line_no: l.line_no ?? index + 1, uom: l.uom ?? ('EA' as const) }));
    if (new Set(lines.map((l) => l.line_no)).size !== lines.length) throw new SandboxError(400, 'Duplicate line_no');
    if (new Set(lines.map((l) => l.item_code)).size !== lines.length) throw new SandboxError(400, 'Duplicate item_code: one line per item');
    for (const line of lines) if (!this.wms.items.has(line.item_code)) throw new SandboxError(400, `Unknown item_code ${line.item_code}`);

    const now = new Date().toISOString();
    const order: WmsRmaOrder = {
      rma_id: `RMA-${String(++this.lastRma).padStart(6, '0')}`,
      ext_ref: input.ext_ref,
      site_id: input.site_id,
      status_code: RMA_STATUS.expected,
      over_received: false,
      created_ts: now,
      updated_ts: now,
      received_ts: null,
      lines: lines.map((l) => ({
        line_no: l.line_no,
        item_code: l.item_code,
        qty: l.qty,
        uom: l.uom,
        qty_ea: l.qty * (l.uom === 'CS' ? this.wms.items.get(l.item_code)!.case_qty : 1),
        lot_no: l.lot_no ?? null,
        qty_received_ea: 0,
        qty_over_ea: 0,
        receipts: [],
      })),
    };
    this.orders.set(order.rma_id, order);
    return { order, created: true };
  }

  find(extRef?: string, site?: string, status?: number): WmsRmaOrder[] {
    return [...this.orders.values()].filter(
      (o) => (!extRef || o.ext_ref === extRef) && (!site || o.site_id === site) && (status === undefined || o.status_code === status),
    );
  }

  get(id: string): WmsRmaOrder {
    const order = this.orders.get(id);
    if (!order) throw new SandboxError(404, `RMA order ${id} not found`);
    return order;
  }

  /**
   * Records what physically arrived, once (409 after): more than expected, or an item not expected at all (added as
   * a line with `qty_ea` 0), is recorded and flagged `over_received`. Emits RMA_RECEIVED, then INV_RECEIVED for each
   * restocked item and lot; a restock without a lot goes on the expected lot, else on a lot named after the RMA order.
   */
  receive(id: string, input: readonly RmaReceiptLine[], correlationId?: string): WmsRmaOrder {
    const order = this.get(id);
    if (order.status_code !== RMA_STATUS.expected) throw new SandboxError(409, `RMA order ${id} has status ${order.status_code}; it was received already`);
    for (const line of input) if (!this.wms.items.has(line.item)) throw new SandboxError(400, `Unknown item ${line.item}`);

    let nextLineNo = Math.max(...order.lines.map((l) => l.line_no));
    for (const receipt of input) {
      let line = order.lines.find((l) => l.item_code === receipt.item);
      if (!line) {
        line = { line_no: ++nextLineNo, item_code: receipt.item, qty: 0, uom: 'EA', qty_ea: 0, lot_no: null, qty_received_ea: 0, qty_over_ea: 0, receipts: [] };
        order.lines.push(line);
      }
      const lot = receipt.lot ?? line.lot_no ?? (receipt.disposition === 'RESTOCK' ? order.rma_id : null);
      const same = line.receipts.find((r) => r.disposition_code === receipt.disposition && r.lot_no === lot);
      if (same) same.qty_ea += receipt.eaches;
      else line.receipts.push({ disposition_code: receipt.disposition, qty_ea: receipt.eaches, lot_no: lot });
      line.qty_received_ea += receipt.eaches;
    }
    for (const line of order.lines) line.qty_over_ea = Math.max(0, line.qty_received_ea - line.qty_ea);
    const now = new Date().toISOString();
    order.status_code = RMA_STATUS.received;
    order.over_received = order.lines.some((l) => l.qty_over_ea > 0);
    order.received_ts = now;
    order.updated_ts = now;

    const received: WmsEvent = {
      event_id: randomUUID(),
      event_code: 'RMA_RECEIVED',
      event_ts: now,
      site_id: order.site_id,
      rma_id: order.rma_id,
      ext_ref: order.ext_ref,
      over_received: order.over_received,
      lines: order.lines.flatMap((line) => line.receipts.map((r) => eventLine(line, r))),
    };
    this.events.emit(received, correlationId);
    const inventory = order.lines.flatMap((line) =>
      line.receipts
        .filter((r) => r.disposition_code === 'RESTOCK')
        .map((r) => this.wms.receive({ site: order.site_id, item: line.item_code, eaches: r.qty_ea, lot: r.lot_no ?? undefined }, correlationId)),
    );
    this.receipts.set(order.rma_id, { received, inventory, correlationId });
    return order;
  }

  /** The events a received RMA order caused; undefined before its receipt. */
  receiptEvents(id: string): RmaReceiptEvents | undefined {
    return this.receipts.get(id);
  }

  /** Sends the RMA_RECEIVED event of a received order again, unchanged (same event_id), as a WMS redelivering after a lost acknowledgement would. */
  redeliverReceived(id: string): WmsEvent {
    this.get(id);
    const receipt = this.receipts.get(id);
    if (!receipt) throw new SandboxError(409, `RMA order ${id} has not been received: there is no RMA_RECEIVED to redeliver`);
    this.events.emit(receipt.received, receipt.correlationId);
    return receipt.received;
  }
}

function eventLine(line: WmsRmaLine, receipt: WmsRmaLine['receipts'][number]): WmsEventLine {
  return {
    line_no: line.line_no,
    item_code: line.item_code,
    qty: receipt.qty_ea,
    uom: 'EA',
    ...(receipt.lot_no ? { lot_no: receipt.lot_no } : {}),
    disposition_code: receipt.disposition_code,
  };
}
