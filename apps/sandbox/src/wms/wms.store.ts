import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SandboxError } from '../sandbox.error.js';
import { seedItems } from '../seed/items.seed.js';
import { seedReplenishmentParams, seedTransfers } from '../seed/replenishment.seed.js';
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
  type WmsReplenishmentParam,
  type WmsSite,
  type WmsStockRecord,
  type WmsTransfer,
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

/** One item at one site, in eaches: what the control surface shows after an inventory change. */
export interface StockSummary {
  /** All lots, all statuses. */
  onHand: number;
  allocated: number;
  /** On quality hold (20) or damaged (30). */
  held: number;
  /** Available (status 10) on hand less what is allocated: what the WMS can still allocate. */
  available: number;
}

const DAY_MS = 86_400_000;

/** Sites, items, lot-level stock and outbound orders; emits the events a real WMS would. */
@Injectable()
export class WmsStore {
  sites = new Map<string, WmsSite>();
  items = new Map<string, WmsItem>();
  stock: WmsStockRecord[] = [];
  orders = new Map<string, WmsOutboundOrder>();
  replenishment: WmsReplenishmentParam[] = [];
  transferList: WmsTransfer[] = [];
  private allocations = new Map<WmsOutboundLine, Allocation[]>();
  private lastOrder = 0;
  private lastLot = 0;

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
    this.replenishment = seedReplenishmentParams.map((p) => ({ site_id: p.site, item_code: p.sku, safety_qty: p.safetyQty, reorder_point: p.reorderPoint }));
    // ETAs are relative to the day of seeding (UTC), so in-transit supply is always in the near future.
    const now = Date.now();
    this.transferList = seedTransfers.map((t) => ({
      transfer_id: t.id,
      item_code: t.sku,
      from_site: t.from,
      to_site: t.to,
      qty: t.qty,
      uom: t.uom,
      pack_qty: this.packQty(t.sku, t.uom),
      status_code: t.status,
      eta: new Date(now + t.etaDays * DAY_MS).toISOString().slice(0, 10),
    }));
    this.orders = new Map();
    this.allocations = new Map();
    this.lastOrder = 0;
    this.lastLot = 0;
  }

  replenishmentParams(item?: string, site?: string): WmsReplenishmentParam[] {
    return this.replenishment.filter((p) => (!item || p.item_code === item) && (!site || p.site_id === site)).map((p) => ({ ...p }));
  }

  transfers(item?: string, toSite?: string): WmsTransfer[] {
    return this.transferList.filter((t) => (!item || t.item_code === item) && (!toSite || t.to_site === toSite)).map((t) => ({ ...t }));
  }

  /** Eaches of one item at one site, summed over lots. */
  summary(site: string, item: string): StockSummary {
    const summary: StockSummary = { onHand: 0, allocated: 0, held: 0, available: 0 };
    for (const r of this.stock.filter((r) => r.site_id === site && r.item_code === item)) {
      summary.onHand += r.qty_on_hand * r.pack_qty;
      summary.allocated += r.qty_allocated * r.pack_qty;
      if (r.status_code === 10) summary.available += (r.qty_on_hand - r.qty_allocated) * r.pack_qty;
      else summary.held += r.qty_on_hand * r.pack_qty;
    }
    return summary;
  }

  /** Goods received into available stock, loose eaches on the given lot (a new lot if none); emits INV_RECEIVED. */
  receive(input: { site: string; item: string; eaches: number; lot?: string }, correlationId?: string): WmsEvent {
    this.checkKnown(input.site, input.item);
    const lot = input.lot ?? `RCV-${String(++this.lastLot).padStart(6, '0')}`;
    this.looseRecord(input.site, input.item, lot).qty_on_hand += input.eaches;
    return this.emitInventory('INV_RECEIVED', input.site, { item_code: input.item, qty: input.eaches, lot_no: lot }, correlationId);
  }

  /**
   * Adds found stock to the freshest available lot, or writes stock off the available lots
   * (first-expired first); never below what is allocated. Emits INV_ADJUSTED with the signed delta.
   */
  adjust(input: { site: string; item: string; delta: number; reason?: string }, correlationId?: string): WmsEvent {
    this.checkKnown(input.site, input.item);
    if (input.delta < 0) this.remove(input.site, input.item, -input.delta, `adjust ${input.item} at ${input.site} by ${input.delta} EA`);
    else this.add(input.site, input.item, input.delta);
    return this.emitInventory(
      'INV_ADJUSTED',
      input.site,
      { item_code: input.item, qty: input.delta },
      correlationId,
      input.reason ? { reason_code: input.reason } : {},
    );
  }

  /**
   * Drift: on hand changes like an adjustment, but no event is emitted, so the gateway's projection never hears
   * of it (what reconciliation finds). Never below what is allocated. Returns the figures after.
   */
  driftStock(input: { site: string; item: string; delta: number }): StockSummary {
    this.checkKnown(input.site, input.item);
    if (input.delta < 0) this.remove(input.site, input.item, -input.delta, `drift ${input.item} at ${input.site} by ${input.delta} EA`);
    else this.add(input.site, input.item, input.delta);
    return this.summary(input.site, input.item);
  }

  /** Sets the available on hand to what was counted (never below what is allocated); emits INV_COUNTED with the difference. */
  count(input: { site: string; item: string; counted: number }, correlationId?: string): WmsEvent {
    this.checkKnown(input.site, input.item);
    const records = this.availableRecords(input.site, input.item);
    const onHand = records.reduce((sum, r) => sum + r.qty_on_hand * r.pack_qty, 0);
    const difference = input.counted - onHand;
    if (difference < 0) this.remove(input.site, input.item, -difference, `count ${input.counted} EA of ${input.item} at ${input.site}`);
    else if (difference > 0) this.add(input.site, input.item, difference);
    return this.emitInventory('INV_COUNTED', input.site, { item_code: input.item, qty: difference }, correlationId);
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

  /** The available (status 10) records of an item at a site, first-expired first, loose eaches before cases of a lot. */
  private availableRecords(site: string, item: string): WmsStockRecord[] {
    return this.stock
      .filter((r) => r.site_id === site && r.item_code === item && r.status_code === 10)
      .sort(
        (a, b) =>
          (a.expiry_date ?? '9999').localeCompare(b.expiry_date ?? '9999') ||
          a.lot_no.localeCompare(b.lot_no) ||
          (a.uom === b.uom ? 0 : a.uom === 'EA' ? -1 : 1),
      );
  }

  /** Reserves up to `eaches` of available stock, first-expired-first-out; returns what it could reserve. */
  private allocate(site: string, item: string, eaches: number): Allocation[] {
    const allocations: Allocation[] = [];
    let need = eaches;
    for (const record of this.availableRecords(site, item)) {
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

  private checkKnown(site: string, item: string): void {
    if (!this.sites.has(site)) throw new SandboxError(404, `Unknown site ${site}`);
    if (!this.items.has(item)) throw new SandboxError(404, `Unknown item ${item}`);
  }

  /** The loose-each, available record of a lot (created if needed, with the lot's expiry when the site already holds it). */
  private looseRecord(site: string, item: string, lot: string): WmsStockRecord {
    const sameLot = this.stock.filter((r) => r.site_id === site && r.item_code === item && r.lot_no === lot);
    let loose = sameLot.find((r) => r.status_code === 10 && r.uom === 'EA');
    if (!loose) {
      loose = {
        site_id: site,
        item_code: item,
        lot_no: lot,
        uom: 'EA',
        pack_qty: 1,
        qty_on_hand: 0,
        qty_allocated: 0,
        status_code: 10,
        expiry_date: sameLot[0]?.expiry_date ?? null,
      };
      this.stock.push(loose);
    }
    return loose;
  }

  /** Found stock goes to the freshest available lot as loose eaches; a new lot when there is none. */
  private add(site: string, item: string, eaches: number): void {
    const freshest = this.availableRecords(site, item).at(-1);
    const lot = freshest?.lot_no ?? `ADJ-${String(++this.lastLot).padStart(6, '0')}`;
    this.looseRecord(site, item, lot).qty_on_hand += eaches;
  }

  /** Takes `eaches` off the unallocated available stock, first-expired first, breaking a case when needed; 409 when there is not enough. */
  private remove(site: string, item: string, eaches: number, what: string): void {
    const records = this.availableRecords(site, item);
    const free = records.reduce((sum, r) => sum + (r.qty_on_hand - r.qty_allocated) * r.pack_qty, 0);
    if (free < eaches) throw new SandboxError(409, `Cannot ${what}: only ${free} EA are not allocated`);
    let need = eaches;
    for (const record of records) {
      if (need <= 0) break;
      const spare = record.qty_on_hand - record.qty_allocated;
      if (spare <= 0) continue;
      if (record.uom === 'EA') {
        const take = Math.min(spare, need);
        record.qty_on_hand -= take;
        need -= take;
        continue;
      }
      // Each case record is either used up or finishes the removal, so enough free stock always suffices.
      const cases = Math.min(spare, Math.floor(need / record.pack_qty));
      record.qty_on_hand -= cases;
      need -= cases * record.pack_qty;
      if (need > 0 && need < record.pack_qty && spare > cases) {
        this.breakCase(record).qty_on_hand -= need;
        need = 0;
      }
    }
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

  /** An inventory event of one item at one site: a single line in eaches (signed for adjustments and counts). */
  private emitInventory(
    code: WmsEventCode,
    site: string,
    line: { item_code: string; qty: number; lot_no?: string },
    correlationId?: string,
    extra: Partial<WmsEvent> = {},
  ): WmsEvent {
    const event: WmsEvent = {
      event_id: randomUUID(),
      event_code: code,
      event_ts: new Date().toISOString(),
      site_id: site,
      lines: [{ line_no: 1, item_code: line.item_code, qty: line.qty, uom: 'EA', ...(line.lot_no ? { lot_no: line.lot_no } : {}) }],
      ...extra,
    };
    this.events.emit(event, correlationId);
    return event;
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
