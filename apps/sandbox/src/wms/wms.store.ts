import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SandboxError } from '../sandbox.error.js';
import { seedItems } from '../seed/items.seed.js';
import { seedSites, seedStock } from '../seed/warehouses.seed.js';
import { WmsEventEmitter } from './wms-event.emitter.js';
import type { CreateOutboundOrderDto } from './wms.dto.js';
import {
  OB_STATUS,
  type WmsEvent,
  type WmsEventCode,
  type WmsEventLine,
  type WmsItem,
  type WmsOutboundLine,
  type WmsOutboundOrder,
  type WmsOutboundStatus,
  type WmsSite,
  type WmsStockRecord,
} from './wms.model.js';

/** A reservation against one stock record, in that record's unit. */
interface Allocation {
  record: WmsStockRecord;
  qty: number;
}

export interface ShipInput {
  /** Eaches picked per SKU; undefined ships everything as ordered. */
  picks?: ReadonlyMap<string, number>;
  carrier?: string;
  trackingNumber?: string;
}

/** Sites, items, lot-level stock and outbound orders; emits the events a real WMS would. */
@Injectable()
export class WmsStore {
  sites = new Map<string, WmsSite>();
  items = new Map<string, WmsItem>();
  stock: WmsStockRecord[] = [];
  orders = new Map<string, WmsOutboundOrder>();
  private allocations = new Map<WmsOutboundLine, Allocation[]>();
  private lastOrder = 0;

  constructor(private readonly events: WmsEventEmitter) {
    this.reset();
  }

  reset(): void {
    this.sites = new Map(seedSites.map((s) => [s.id, { site_id: s.id, site_name: s.name, region_code: s.region, transit_days: { ...s.transitDays } }]));
    this.items = new Map(seedItems.map((i) => [i.sku, { item_code: i.sku, descr: i.description, base_uom: 'EA', case_qty: i.caseQty }]));
    this.stock = seedStock.map((s) => ({
      site_id: s.site,
      item_code: s.sku,
      lot_no: s.lot,
      uom: s.uom,
      pack_qty: s.uom === 'CS' ? this.items.get(s.sku)!.case_qty : 1,
      qty_on_hand: s.onHand,
      qty_allocated: s.allocated,
      status_code: s.status,
      expiry_date: s.expiry ?? null,
    }));
    this.orders = new Map();
    this.allocations = new Map();
    this.lastOrder = 0;
  }

  stockRecords(item?: string, site?: string): WmsStockRecord[] {
    return this.stock
      .filter((r) => (!item || r.item_code === item) && (!site || r.site_id === site) && (r.qty_on_hand > 0 || r.qty_allocated > 0))
      .map((r) => ({ ...r }));
  }

  findOrders(extRef?: string, site?: string): WmsOutboundOrder[] {
    return [...this.orders.values()].filter((o) => (!extRef || o.ext_ref === extRef) && (!site || o.site_id === site));
  }

  getOrder(id: string): WmsOutboundOrder {
    const order = this.orders.get(id);
    if (!order) throw new SandboxError(404, `Outbound order ${id} not found`);
    return order;
  }

  /** Creates an outbound order, allocates what stock allows (FEFO by lot) and emits OB_RELEASED. */
  createOrder(input: CreateOutboundOrderDto, correlationId?: string): WmsOutboundOrder {
    if (!this.sites.has(input.site_id)) throw new SandboxError(400, `Unknown site_id ${input.site_id}`);
    const lineNumbers = new Set(input.lines.map((l) => l.line_no));
    if (lineNumbers.size !== input.lines.length) throw new SandboxError(400, 'Duplicate line_no');
    for (const line of input.lines) if (!this.items.has(line.item_code)) throw new SandboxError(400, `Unknown item_code ${line.item_code}`);

    const now = new Date().toISOString();
    const order: WmsOutboundOrder = {
      ob_order_id: `OB-${String(++this.lastOrder).padStart(6, '0')}`,
      ext_ref: input.ext_ref,
      site_id: input.site_id,
      ship_to: input.ship_to ?? {},
      status_code: OB_STATUS.released,
      status_history: [{ status_code: OB_STATUS.released, ts: now }],
      carrier_scac: null,
      tracking_no: null,
      created_ts: now,
      updated_ts: now,
      lines: input.lines.map((l) => {
        const line: WmsOutboundLine = {
          line_no: l.line_no,
          item_code: l.item_code,
          qty: l.qty,
          uom: l.uom,
          qty_ea: l.qty * this.packQty(l.item_code, l.uom),
          qty_allocated_ea: 0,
          qty_picked_ea: 0,
          qty_shipped_ea: 0,
          allocations: [],
          picked_lots: [],
        };
        this.setAllocations(line, this.allocate(input.site_id, l.item_code, line.qty_ea));
        return line;
      }),
    };
    this.orders.set(order.ob_order_id, order);
    this.emit(
      order,
      'OB_RELEASED',
      order.lines.map((l) => ({ line_no: l.line_no, item_code: l.item_code, qty: l.qty, uom: l.uom })),
      correlationId,
    );
    return order;
  }

  /**
   * The warehouse operator picks (up to what is allocated), packs and ships. Unpicked allocation is
   * released; picking less than ordered is a short pick. Nothing picked at all leaves the order
   * short-picked with no shipment.
   */
  ship(id: string, input: ShipInput, correlationId?: string): WmsOutboundOrder {
    const order = this.getOrder(id);
    if (order.status_code !== OB_STATUS.released && order.status_code !== OB_STATUS.allocated) {
      throw new SandboxError(409, `Outbound order ${id} has status ${order.status_code}; only released or allocated orders can be shipped`);
    }
    const remaining = new Map<string, number>();
    for (const line of order.lines) remaining.set(line.item_code, (remaining.get(line.item_code) ?? 0) + line.qty_ea);
    if (input.picks) {
      for (const [sku, qty] of input.picks) {
        const ordered = remaining.get(sku);
        if (ordered === undefined) throw new SandboxError(400, `SKU ${sku} is not on outbound order ${id}`);
        if (qty > ordered) throw new SandboxError(400, `Cannot pick ${qty} EA of ${sku}: ${ordered} EA ordered`);
      }
      for (const sku of remaining.keys()) remaining.set(sku, input.picks.get(sku) ?? 0);
    }

    for (const line of order.lines) {
      const wanted = Math.min(remaining.get(line.item_code)!, line.qty_ea, line.qty_allocated_ea);
      remaining.set(line.item_code, remaining.get(line.item_code)! - wanted);
      line.picked_lots = this.pick(line, wanted);
      line.qty_picked_ea = wanted;
    }
    const short = order.lines.some((l) => l.qty_picked_ea < l.qty_ea);
    const pickedLines = order.lines.flatMap((l) => this.eventLines(l, l.picked_lots));
    const shortLines = order.lines.filter((l) => l.qty_picked_ea === 0).map((l) => ({ line_no: l.line_no, item_code: l.item_code, qty: 0, uom: l.uom }));
    this.setStatus(order, short ? OB_STATUS.shortPicked : OB_STATUS.picked);
    this.emit(
      order,
      short ? 'OB_SHORT_PICKED' : 'OB_PICKED',
      [...pickedLines, ...shortLines].sort((a, b) => a.line_no - b.line_no),
      correlationId,
    );
    if (pickedLines.length === 0) return order;

    for (const line of order.lines) line.qty_shipped_ea = line.qty_picked_ea;
    order.carrier_scac = input.carrier ?? 'UPSN';
    order.tracking_no = input.trackingNumber ?? `1Z${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`;
    this.setStatus(order, OB_STATUS.packed);
    this.emit(order, 'OB_PACKED', pickedLines, correlationId);
    this.setStatus(order, OB_STATUS.shipped);
    this.emit(order, 'OB_SHIPPED', pickedLines, correlationId, { carrier_scac: order.carrier_scac, tracking_no: order.tracking_no });
    return order;
  }

  /** Carrier proof of delivery for a shipped order. */
  deliver(id: string, correlationId?: string): WmsOutboundOrder {
    const order = this.getOrder(id);
    if (order.status_code !== OB_STATUS.shipped)
      throw new SandboxError(409, `Outbound order ${id} has status ${order.status_code}; only shipped orders can be delivered`);
    this.setStatus(order, OB_STATUS.delivered);
    this.emit(
      order,
      'OB_DELIVERED',
      order.lines.flatMap((l) => this.eventLines(l, l.picked_lots)),
      correlationId,
      {
        carrier_scac: order.carrier_scac ?? undefined,
        tracking_no: order.tracking_no ?? undefined,
      },
    );
    return order;
  }

  private packQty(item: string, uom: 'CS' | 'EA'): number {
    return uom === 'CS' ? this.items.get(item)!.case_qty : 1;
  }

  /** Reserves up to `eaches` of available stock, first-expired-first-out; returns what it could reserve. */
  private allocate(site: string, item: string, eaches: number): Allocation[] {
    const allocations: Allocation[] = [];
    let need = eaches;
    const candidates = this.stock
      .filter((r) => r.site_id === site && r.item_code === item && r.status_code === 10)
      .sort(
        (a, b) =>
          (a.expiry_date ?? '9999').localeCompare(b.expiry_date ?? '9999') ||
          a.lot_no.localeCompare(b.lot_no) ||
          (a.uom === b.uom ? 0 : a.uom === 'EA' ? -1 : 1),
      );
    for (const record of candidates) {
      if (need <= 0) break;
      const free = record.qty_on_hand - record.qty_allocated;
      if (free <= 0) continue;
      if (record.uom === 'EA') {
        const take = Math.min(free, need);
        record.qty_allocated += take;
        allocations.push({ record, qty: take });
        need -= take;
        continue;
      }
      const cases = Math.min(free, Math.floor(need / record.pack_qty));
      if (cases > 0) {
        record.qty_allocated += cases;
        allocations.push({ record, qty: cases });
        need -= cases * record.pack_qty;
      }
      if (need > 0 && need < record.pack_qty && free > cases) {
        // Break a case into loose eaches of the same lot rather than reserve a fraction of a case.
        const loose = this.breakCase(record);
        loose.qty_allocated += need;
        allocations.push({ record: loose, qty: need });
        need = 0;
      }
    }
    return allocations;
  }

  /** Releases the line's allocation and takes `eaches` off on-hand from the same records, lot by lot. */
  private pick(line: WmsOutboundLine, eaches: number): { lot_no: string; qty_ea: number }[] {
    const allocations = this.allocations.get(line) ?? [];
    for (const a of allocations) a.record.qty_allocated -= a.qty;
    const lots = new Map<string, number>();
    let need = eaches;
    for (const { record, qty } of allocations) {
      if (need <= 0) break;
      const take = Math.min(qty * record.pack_qty, need);
      const whole = Math.floor(take / record.pack_qty);
      record.qty_on_hand -= whole;
      const rest = take - whole * record.pack_qty;
      if (rest > 0) this.breakCase(record).qty_on_hand -= rest;
      lots.set(record.lot_no, (lots.get(record.lot_no) ?? 0) + take);
      need -= take;
    }
    this.setAllocations(line, []);
    return [...lots].map(([lot_no, qty_ea]) => ({ lot_no, qty_ea }));
  }

  /** Turns one case of a CS record into eaches on the matching EA record of the same lot (created if needed). */
  private breakCase(record: WmsStockRecord): WmsStockRecord {
    record.qty_on_hand -= 1;
    let loose = this.stock.find(
      (r) =>
        r.site_id === record.site_id &&
        r.item_code === record.item_code &&
        r.lot_no === record.lot_no &&
        r.status_code === record.status_code &&
        r.uom === 'EA',
    );
    if (!loose) {
      loose = { ...record, uom: 'EA', pack_qty: 1, qty_on_hand: 0, qty_allocated: 0 };
      this.stock.push(loose);
    }
    loose.qty_on_hand += record.pack_qty;
    return loose;
  }

  private setAllocations(line: WmsOutboundLine, allocations: Allocation[]): void {
    this.allocations.set(line, allocations);
    line.qty_allocated_ea = allocations.reduce((sum, a) => sum + a.qty * a.record.pack_qty, 0);
    line.allocations = allocations.map((a) => ({ lot_no: a.record.lot_no, uom: a.record.uom, qty: a.qty }));
  }

  /** Event lines per lot: in cases when the line was ordered in cases and the lot quantity is whole cases, else in eaches. */
  private eventLines(line: WmsOutboundLine, lots: readonly { lot_no: string; qty_ea: number }[]): WmsEventLine[] {
    const pack = this.packQty(line.item_code, line.uom);
    return lots.map(({ lot_no, qty_ea }) =>
      line.uom === 'CS' && qty_ea % pack === 0
        ? { line_no: line.line_no, item_code: line.item_code, qty: qty_ea / pack, uom: 'CS' as const, lot_no }
        : { line_no: line.line_no, item_code: line.item_code, qty: qty_ea, uom: 'EA' as const, lot_no },
    );
  }

  private setStatus(order: WmsOutboundOrder, status: WmsOutboundStatus): void {
    const ts = new Date().toISOString();
    order.status_code = status;
    order.updated_ts = ts;
    order.status_history.push({ status_code: status, ts });
  }

  private emit(order: WmsOutboundOrder, code: WmsEventCode, lines: WmsEventLine[], correlationId?: string, extra: Partial<WmsEvent> = {}): void {
    this.events.emit(
      {
        event_id: randomUUID(),
        event_code: code,
        event_ts: new Date().toISOString(),
        site_id: order.site_id,
        ob_order_id: order.ob_order_id,
        ext_ref: order.ext_ref,
        lines,
        ...extra,
      },
      correlationId,
    );
  }
}
