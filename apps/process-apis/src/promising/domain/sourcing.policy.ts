/**
 * Order sourcing policy for order promising: which warehouses ship which lines now, and what
 * is backordered (with the date inbound supply covers it) or rejected. Pure: no Nest, no I/O,
 * no clock (the caller passes `shipDate`). Quantities are whole base units (eaches).
 *
 * Rules
 * 1. A leg is one warehouse shipping part of the order. Lines may be split across legs, and a
 *    SKU may appear on several lines.
 * 2. Shipping now: among all warehouse subsets, take those that ship the most that can ship now
 *    (per SKU, min(demand, stock held by the subset)); of those, the fewest warehouses. So one
 *    warehouse that fills the whole order always wins. Ties, in this order:
 *    a. the smaller maximum transit days to the ship-to region (the customer has everything
 *       when the slowest leg lands), then the smaller total transit days;
 *    b. the more stock of the ordered SKUs held by the subset, i.e. more left there after this
 *       order (the shipped quantity is the same for every tied subset), so deep sites are drawn
 *       down before shallow ones run out;
 *    c. the order the warehouses were passed in.
 *    The search is exhaustive over subsets of the warehouses holding something useful, by
 *    increasing size, and stops at the first size that ships the maximum. Past
 *    MAX_EXHAUSTIVE_SUBSETS candidate subsets it falls back to a greedy cover (not guaranteed
 *    minimal); the project's networks (about a dozen warehouses) never get there.
 * 3. Within the chosen warehouses, each SKU is drawn from the nearest warehouse first (then the
 *    one with more of it), and lines take stock in the order they were given.
 * 4. Ship complete (allowPartialShipment false): one leg that fills every line, or none. With no
 *    such warehouse the whole order is rejected ('SHIP_COMPLETE_IMPOSSIBLE') if the customer says
 *    so, else backordered whole, promised for the latest date at which inbound supply covers
 *    every line (stock on hand is not reserved for a backorder, so only inbound counts).
 * 5. Backorders: what cannot ship now is promised against inbound supply of its SKU (any
 *    warehouse), taken cumulatively by ETA; the promised date is the ETA of the receipt that
 *    completes the quantity, never earlier than `shipDate`. Supply taken by one line is gone for
 *    the next line of the same SKU.
 * 6. Quantity no inbound supply covers is rejected ('NO_SUPPLY'), or, if the customer takes
 *    backorders without a date, backordered with promisedDate null. A line whose remainder is
 *    only partly covered backorders the covered part with its date and rejects the rest (or,
 *    with backorderWithoutDate, backorders all of it with a null date: one date per line).
 * 7. Status: 'complete' when everything ships now, 'partial' when some of it does,
 *    'backordered' when nothing ships now but something is backordered, else 'rejected'.
 *
 * Invariants (property-tested): no warehouse ships more of a SKU than it has; for each line,
 * shipped + backordered + rejected = ordered; no leg is empty; a ship-complete order has at most
 * one leg; the number of legs is the minimum that ships the maximum.
 */

export type ShipCompleteFallback = 'backorder' | 'reject';
export type RejectionReason = 'NO_SUPPLY' | 'SHIP_COMPLETE_IMPOSSIBLE';
export type OrderPromiseStatus = 'complete' | 'partial' | 'backordered' | 'rejected';

export interface SourcingLine {
  readonly lineNumber: number;
  readonly sku: string;
  /** Whole base units. */
  readonly quantity: number;
}

export interface WarehouseStock {
  readonly warehouseId: string;
  /** Transit days from this warehouse to the order's ship-to region. */
  readonly transitDays: number;
  /** Available now by SKU, already net of allocations, reservations, safety stock and holds. A missing SKU is 0. */
  readonly available: Readonly<Record<string, number>>;
}

export interface InboundSupply {
  readonly sku: string;
  readonly warehouseId: string;
  readonly quantity: number;
  /** ISO date, YYYY-MM-DD. */
  readonly eta: string;
}

export interface CustomerSourcingSettings {
  readonly whenShipCompleteImpossible: ShipCompleteFallback;
  readonly backorderWithoutDate: boolean;
}

export interface SourcingRequest {
  readonly lines: readonly SourcingLine[];
  readonly warehouses: readonly WarehouseStock[];
  readonly inbound: readonly InboundSupply[];
  readonly allowPartialShipment: boolean;
  readonly customer: CustomerSourcingSettings;
  /** ISO date the legs shipped from stock leave (today or the requested ship date). */
  readonly shipDate: string;
}

export interface LineLeg {
  readonly warehouseId: string;
  readonly quantity: number;
  readonly promisedShipDate: string;
}

export interface SourcedLine {
  readonly lineNumber: number;
  readonly sku: string;
  readonly quantity: number;
  readonly legs: LineLeg[];
  readonly backordered: { readonly quantity: number; readonly promisedDate: string | null };
  readonly rejected: { readonly quantity: number; readonly reason?: RejectionReason };
}

export interface FulfillmentLeg {
  readonly warehouseId: string;
  readonly promisedShipDate: string;
  readonly lines: { readonly lineNumber: number; readonly sku: string; readonly quantity: number }[];
}

export interface SourcingResult {
  readonly status: OrderPromiseStatus;
  readonly lines: SourcedLine[];
  readonly legs: FulfillmentLeg[];
  readonly totals: { readonly ordered: number; readonly shipped: number; readonly backordered: number; readonly rejected: number };
}

export interface SourcingFieldError {
  readonly field: string;
  readonly messages: string[];
}

/**
 * Bad input to the policy, every problem listed by field. Kept free of @platform (which loads
 * Nest) so the domain stays pure; the use case maps it to an UnprocessableError with this code.
 */
export class SourcingInputError extends Error {
  readonly code = 'PROMISE.INVALID_SOURCING_INPUT';

  constructor(readonly errors: SourcingFieldError[]) {
    super(`Invalid sourcing input: ${errors.map((e) => `${e.field} ${e.messages.join(', ')}`).join('; ')}`);
    this.name = 'SourcingInputError';
  }
}

/** Beyond this many candidate subsets the search turns greedy (2^16: 16 useful warehouses). */
export const MAX_EXHAUSTIVE_SUBSETS = 65_536;

export function sourceOrder(request: SourcingRequest): SourcingResult {
  validate(request);
  const { lines, warehouses, allowPartialShipment, customer, shipDate } = request;

  const skus = [...new Set(lines.map((line) => line.sku))];
  const skuIndex = new Map(skus.map((sku, i) => [sku, i]));
  const demand = new Array<number>(skus.length).fill(0);
  for (const line of lines) demand[skuIndex.get(line.sku)!] += line.quantity;
  const stock = warehouses.map((w) => skus.map((sku) => (Object.hasOwn(w.available, sku) ? w.available[sku] : 0)));

  const ordered = demand.reduce((a, b) => a + b, 0);
  const chosen = allowPartialShipment ? chooseWarehouses(demand, stock, warehouses) : chooseSingleWarehouse(demand, stock, warehouses, ordered);

  // Rule 3: nearest first, then deeper stock of the SKU, then input order.
  const shipped = lines.map(() => [] as LineLeg[]);
  for (let s = 0; s < skus.length; s++) {
    const sources = chosen
      .filter((w) => stock[w][s] > 0)
      .sort((a, b) => warehouses[a].transitDays - warehouses[b].transitDays || stock[b][s] - stock[a][s] || a - b);
    const left = sources.map((w) => stock[w][s]);
    lines.forEach((line, l) => {
      if (line.sku !== skus[s]) return;
      let need = line.quantity;
      for (let k = 0; k < sources.length && need > 0; k++) {
        const take = Math.min(need, left[k]);
        if (take === 0) continue;
        left[k] -= take;
        need -= take;
        shipped[l].push({ warehouseId: warehouses[sources[k]].warehouseId, quantity: take, promisedShipDate: shipDate });
      }
    });
  }

  const supply = new InboundPool(request.inbound, shipDate);
  const remainders = lines.map((line, l) => line.quantity - sum(shipped[l]));
  let outcomes: { backordered: SourcedLine['backordered']; rejected: SourcedLine['rejected'] }[];
  if (!allowPartialShipment && chosen.length === 0) {
    outcomes = shipCompleteFallback(lines, supply, customer);
  } else {
    outcomes = lines.map((line, l) => backorderRemainder(line.sku, remainders[l], supply, customer));
  }

  // Legs are listed nearest first, then in input order; each line lists its legs the same way.
  const legOrder = chosen.slice().sort((a, b) => warehouses[a].transitDays - warehouses[b].transitDays || a - b);
  const rank = new Map(legOrder.map((w, i) => [warehouses[w].warehouseId, i]));
  const sourced: SourcedLine[] = lines.map((line, l) => ({
    lineNumber: line.lineNumber,
    sku: line.sku,
    quantity: line.quantity,
    legs: shipped[l].sort((a, b) => rank.get(a.warehouseId)! - rank.get(b.warehouseId)!),
    ...outcomes[l],
  }));
  const legs = legOrder
    .map((w) => ({
      warehouseId: warehouses[w].warehouseId,
      promisedShipDate: shipDate,
      lines: sourced.flatMap((line) =>
        line.legs
          .filter((leg) => leg.warehouseId === warehouses[w].warehouseId)
          .map((leg) => ({ lineNumber: line.lineNumber, sku: line.sku, quantity: leg.quantity })),
      ),
    }))
    .filter((leg) => leg.lines.length > 0);

  const totals = {
    ordered,
    shipped: sourced.reduce((a, line) => a + sum(line.legs), 0),
    backordered: sourced.reduce((a, line) => a + line.backordered.quantity, 0),
    rejected: sourced.reduce((a, line) => a + line.rejected.quantity, 0),
  };
  const status: OrderPromiseStatus =
    totals.shipped === ordered ? 'complete' : totals.shipped > 0 ? 'partial' : totals.backordered > 0 ? 'backordered' : 'rejected';
  return { status, lines: sourced, legs, totals };
}

function sum(legs: readonly { quantity: number }[]): number {
  return legs.reduce((a, leg) => a + leg.quantity, 0);
}

interface Candidate {
  readonly members: number[];
  readonly maxTransit: number;
  readonly totalTransit: number;
  readonly held: number;
}

/** Rule 2 tie-breaks; a tie keeps the earlier candidate, and candidates come in input order. */
function better(a: Candidate, b: Candidate): boolean {
  if (a.maxTransit !== b.maxTransit) return a.maxTransit < b.maxTransit;
  if (a.totalTransit !== b.totalTransit) return a.totalTransit < b.totalTransit;
  return a.held > b.held;
}

function candidate(members: number[], warehouses: readonly WarehouseStock[], held: number): Candidate {
  let maxTransit = 0;
  let totalTransit = 0;
  for (const w of members) {
    maxTransit = Math.max(maxTransit, warehouses[w].transitDays);
    totalTransit += warehouses[w].transitDays;
  }
  return { members, maxTransit, totalTransit, held };
}

function chooseSingleWarehouse(demand: number[], stock: number[][], warehouses: readonly WarehouseStock[], ordered: number): number[] {
  let best: Candidate | undefined;
  stock.forEach((row, w) => {
    if (!row.every((qty, s) => qty >= demand[s])) return;
    const held = row.reduce((a, b) => a + b, 0);
    const next = candidate([w], warehouses, held);
    if (!best || better(next, best)) best = next;
  });
  return ordered > 0 && best ? best.members : [];
}

/** Rule 2: the fewest warehouses that ship the most that can ship now, by increasing subset size. */
function chooseWarehouses(demand: number[], stock: number[][], warehouses: readonly WarehouseStock[]): number[] {
  const m = demand.length;
  const useful = stock.map((_, w) => w).filter((w) => stock[w].some((qty, s) => qty > 0 && demand[s] > 0));
  const target = demand.reduce(
    (a, d, s) =>
      a +
      Math.min(
        d,
        useful.reduce((t, w) => t + stock[w][s], 0),
      ),
    0,
  );
  if (target === 0) return [];

  const n = useful.length;
  const sums = Array.from({ length: n + 1 }, () => new Float64Array(m));
  const picked: number[] = [];
  let evaluated = 0;
  for (let size = 1; size <= n; size++) {
    evaluated += binomial(n, size);
    if (evaluated > MAX_EXHAUSTIVE_SUBSETS) return greedyCover(demand, stock, warehouses, useful, target);
    let best: Candidate | undefined;
    const visit = (from: number, depth: number): void => {
      if (depth === size) {
        let shipped = 0;
        let held = 0;
        const row = sums[depth];
        for (let s = 0; s < m; s++) {
          shipped += Math.min(demand[s], row[s]);
          held += row[s];
        }
        if (shipped !== target) return;
        const next = candidate(
          picked.map((i) => useful[i]),
          warehouses,
          held,
        );
        if (!best || better(next, best)) best = next;
        return;
      }
      for (let i = from; i <= n - (size - depth); i++) {
        const parent = sums[depth];
        const child = sums[depth + 1];
        const row = stock[useful[i]];
        for (let s = 0; s < m; s++) child[s] = parent[s] + row[s];
        picked.push(i);
        visit(i + 1, depth + 1);
        picked.pop();
      }
    };
    visit(0, 0);
    if (best) return best.members;
  }
  return greedyCover(demand, stock, warehouses, useful, target); // unreachable: all useful warehouses ship the target
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
}

/** Fallback for very large networks: add the warehouse that ships the most more, then drop any that became redundant. */
function greedyCover(demand: number[], stock: number[][], warehouses: readonly WarehouseStock[], useful: number[], target: number): number[] {
  const shippedBy = (members: number[]) =>
    demand.reduce(
      (a, d, s) =>
        a +
        Math.min(
          d,
          members.reduce((t, w) => t + stock[w][s], 0),
        ),
      0,
    );
  const members: number[] = [];
  while (shippedBy(members) < target) {
    let pick = -1;
    let gain = 0;
    for (const w of useful) {
      if (members.includes(w)) continue;
      const next = shippedBy([...members, w]);
      if (next > gain || (next === gain && pick >= 0 && warehouses[w].transitDays < warehouses[pick].transitDays)) {
        pick = w;
        gain = next;
      }
    }
    members.push(pick);
  }
  for (const w of [...members].reverse()) {
    const without = members.filter((x) => x !== w);
    if (shippedBy(without) === target) members.splice(members.indexOf(w), 1);
  }
  return members.sort((a, b) => a - b);
}

/** Inbound supply by SKU, taken cumulatively by ETA (input order among equal ETAs). */
class InboundPool {
  private readonly bySku = new Map<string, { left: number; eta: string }[]>();

  constructor(
    inbound: readonly InboundSupply[],
    private readonly shipDate: string,
  ) {
    const sorted = inbound.map((s, i) => ({ s, i })).sort((a, b) => (a.s.eta < b.s.eta ? -1 : a.s.eta > b.s.eta ? 1 : a.i - b.i));
    for (const { s } of sorted) {
      const list = this.bySku.get(s.sku) ?? [];
      list.push({ left: s.quantity, eta: s.eta });
      this.bySku.set(s.sku, list);
    }
  }

  /** Takes up to `quantity`; returns how much it covered and the ETA that completed it (not before the ship date). */
  take(sku: string, quantity: number): { covered: number; date: string | null } {
    let covered = 0;
    let date: string | null = null;
    for (const receipt of this.bySku.get(sku) ?? []) {
      if (covered === quantity) break;
      const take = Math.min(receipt.left, quantity - covered);
      if (take === 0) continue;
      receipt.left -= take;
      covered += take;
      date = receipt.eta < this.shipDate ? this.shipDate : receipt.eta;
    }
    return { covered, date };
  }
}

function backorderRemainder(
  sku: string,
  remainder: number,
  supply: InboundPool,
  customer: CustomerSourcingSettings,
): { backordered: SourcedLine['backordered']; rejected: SourcedLine['rejected'] } {
  if (remainder === 0) return { backordered: { quantity: 0, promisedDate: null }, rejected: { quantity: 0 } };
  const { covered, date } = supply.take(sku, remainder);
  if (covered === remainder) return { backordered: { quantity: remainder, promisedDate: date }, rejected: { quantity: 0 } };
  if (customer.backorderWithoutDate) return { backordered: { quantity: remainder, promisedDate: null }, rejected: { quantity: 0 } };
  return {
    backordered: { quantity: covered, promisedDate: covered > 0 ? date : null },
    rejected: { quantity: remainder - covered, reason: 'NO_SUPPLY' },
  };
}

/** Rule 4: no single warehouse fills the order, so all of it is backordered together or rejected. */
function shipCompleteFallback(
  lines: readonly SourcingLine[],
  supply: InboundPool,
  customer: CustomerSourcingSettings,
): { backordered: SourcedLine['backordered']; rejected: SourcedLine['rejected'] }[] {
  const rejectAll = (reason: RejectionReason) =>
    lines.map((line) => ({ backordered: { quantity: 0, promisedDate: null }, rejected: { quantity: line.quantity, reason } }));
  if (customer.whenShipCompleteImpossible === 'reject') return rejectAll('SHIP_COMPLETE_IMPOSSIBLE');

  const takes = lines.map((line) => supply.take(line.sku, line.quantity));
  const coveredAll = takes.every((t, l) => t.covered === lines[l].quantity);
  if (!coveredAll && !customer.backorderWithoutDate) return rejectAll('NO_SUPPLY');
  const date = coveredAll ? takes.map((t) => t.date!).reduce((latest, d) => (d > latest ? d : latest)) : null;
  return lines.map((line) => ({ backordered: { quantity: line.quantity, promisedDate: date }, rejected: { quantity: 0 } }));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const isPositiveInteger = (value: unknown) => Number.isSafeInteger(value) && (value as number) > 0;
const isNonNegativeInteger = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const isId = (value: unknown) => typeof value === 'string' && value.length > 0;

/** Reports every problem at once, by field path. */
function validate(request: SourcingRequest): void {
  const errors: SourcingFieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, messages: [message] });

  if (!Array.isArray(request.lines) || request.lines.length === 0) fail('lines', 'must list at least one line');
  const lineNumbers = new Set<number>();
  (request.lines ?? []).forEach((line, i) => {
    if (!isPositiveInteger(line.lineNumber)) fail(`lines[${i}].lineNumber`, 'must be a positive integer');
    else if (lineNumbers.has(line.lineNumber)) fail(`lines[${i}].lineNumber`, `line number ${line.lineNumber} appears twice`);
    lineNumbers.add(line.lineNumber);
    if (!isId(line.sku)) fail(`lines[${i}].sku`, 'must be a non-empty string');
    if (!isPositiveInteger(line.quantity)) fail(`lines[${i}].quantity`, `must be a positive whole number of base units, got ${String(line.quantity)}`);
  });

  const warehouseIds = new Set<string>();
  if (!Array.isArray(request.warehouses)) fail('warehouses', 'must be an array');
  (request.warehouses ?? []).forEach((w, i) => {
    if (!isId(w.warehouseId)) fail(`warehouses[${i}].warehouseId`, 'must be a non-empty string');
    else if (warehouseIds.has(w.warehouseId)) fail(`warehouses[${i}].warehouseId`, `warehouse ${w.warehouseId} appears twice`);
    warehouseIds.add(w.warehouseId);
    if (!(Number.isFinite(w.transitDays) && w.transitDays >= 0)) fail(`warehouses[${i}].transitDays`, 'must be a non-negative number');
    if (typeof w.available !== 'object' || w.available === null) fail(`warehouses[${i}].available`, 'must be a map of SKU to quantity');
    else
      for (const [sku, qty] of Object.entries(w.available)) {
        if (!isNonNegativeInteger(qty)) fail(`warehouses[${i}].available.${sku}`, `must be a non-negative whole number, got ${String(qty)}`);
      }
  });

  if (!Array.isArray(request.inbound)) fail('inbound', 'must be an array');
  (request.inbound ?? []).forEach((s, i) => {
    if (!isId(s.sku)) fail(`inbound[${i}].sku`, 'must be a non-empty string');
    if (!isId(s.warehouseId)) fail(`inbound[${i}].warehouseId`, 'must be a non-empty string');
    if (!isPositiveInteger(s.quantity)) fail(`inbound[${i}].quantity`, `must be a positive whole number, got ${String(s.quantity)}`);
    if (!isIsoDate(s.eta)) fail(`inbound[${i}].eta`, `must be an ISO date (YYYY-MM-DD), got ${String(s.eta)}`);
  });

  if (!isIsoDate(request.shipDate)) fail('shipDate', `must be an ISO date (YYYY-MM-DD), got ${String(request.shipDate)}`);
  if (typeof request.allowPartialShipment !== 'boolean') fail('allowPartialShipment', 'must be a boolean');
  const when = request.customer?.whenShipCompleteImpossible;
  if (when !== 'backorder' && when !== 'reject') fail('customer.whenShipCompleteImpossible', "must be 'backorder' or 'reject'");
  if (typeof request.customer?.backorderWithoutDate !== 'boolean') fail('customer.backorderWithoutDate', 'must be a boolean');

  if (errors.length) throw new SourcingInputError(errors);
}
