import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  sourceOrder,
  SourcingInputError,
  type InboundSupply,
  type SourcingLine,
  type SourcingRequest,
  type SourcingResult,
  type WarehouseStock,
} from './sourcing.policy.js';

const TODAY = '2025-06-02';
const backorderWithDate = { whenShipCompleteImpossible: 'backorder', backorderWithoutDate: false } as const;

const request = (overrides: Partial<SourcingRequest>): SourcingRequest => ({
  lines: [],
  warehouses: [],
  inbound: [],
  allowPartialShipment: true,
  customer: backorderWithDate,
  shipDate: TODAY,
  ...overrides,
});

const dc = (warehouseId: string, available: Record<string, number>, transitDays = 2): WarehouseStock => ({ warehouseId, transitDays, available });

/** Stock left after an order ships: what a second order is promised against. */
const stockAfter = (warehouses: readonly WarehouseStock[], result: SourcingResult): WarehouseStock[] =>
  warehouses.map((w) => {
    const available = { ...w.available };
    for (const leg of result.legs.filter((l) => l.warehouseId === w.warehouseId)) for (const line of leg.lines) available[line.sku] -= line.quantity;
    return { ...w, available };
  });

const shippedNow = (result: SourcingResult) => result.lines.reduce((a, line) => a + line.legs.reduce((b, leg) => b + leg.quantity, 0), 0);

describe('sourceOrder: examples', () => {
  const network = [dc('DC01', { 'SKU-100': 500 }), dc('DC02', { 'SKU-100': 400 }), dc('DC03', { 'SKU-100': 350 })];
  const bigOrder = [{ lineNumber: 1, sku: 'SKU-100', quantity: 1200 }];

  it('ships 1,200 units in three legs when DC01/DC02/DC03 hold 500/400/350 and no one or two of them can', () => {
    const result = sourceOrder(request({ lines: bigOrder, warehouses: network }));
    expect(result.status).toBe('complete');
    expect(result.legs).toEqual([
      { warehouseId: 'DC01', promisedShipDate: TODAY, lines: [{ lineNumber: 1, sku: 'SKU-100', quantity: 500 }] },
      { warehouseId: 'DC02', promisedShipDate: TODAY, lines: [{ lineNumber: 1, sku: 'SKU-100', quantity: 400 }] },
      { warehouseId: 'DC03', promisedShipDate: TODAY, lines: [{ lineNumber: 1, sku: 'SKU-100', quantity: 300 }] },
    ]);
    expect(result.lines[0]).toEqual({
      lineNumber: 1,
      sku: 'SKU-100',
      quantity: 1200,
      legs: [
        { warehouseId: 'DC01', quantity: 500, promisedShipDate: TODAY },
        { warehouseId: 'DC02', quantity: 400, promisedShipDate: TODAY },
        { warehouseId: 'DC03', quantity: 300, promisedShipDate: TODAY },
      ],
      backordered: { quantity: 0, promisedDate: null },
      rejected: { quantity: 0 },
    });
  });

  it('backorders a second order for more than what is left against the next inbound purchase order, with its ETA', () => {
    const first = sourceOrder(request({ lines: bigOrder, warehouses: network }));
    const left = stockAfter(network, first);
    const inbound: InboundSupply[] = [
      { sku: 'SKU-100', warehouseId: 'DC02', quantity: 600, eta: '2025-06-20' },
      { sku: 'SKU-100', warehouseId: 'DC01', quantity: 1000, eta: '2025-06-12' },
    ];
    const second = sourceOrder(request({ lines: [{ lineNumber: 1, sku: 'SKU-100', quantity: 200 }], warehouses: left, inbound }));
    expect(second.status).toBe('partial');
    expect(second.legs).toEqual([{ warehouseId: 'DC03', promisedShipDate: TODAY, lines: [{ lineNumber: 1, sku: 'SKU-100', quantity: 50 }] }]);
    expect(second.lines[0].backordered).toEqual({ quantity: 150, promisedDate: '2025-06-12' });
    expect(second.totals).toEqual({ ordered: 200, shipped: 50, backordered: 150, rejected: 0 });
  });

  it('takes inbound cumulatively by ETA: supply promised to one line is gone for the next line of the same SKU', () => {
    const result = sourceOrder(
      request({
        lines: [
          { lineNumber: 1, sku: 'A', quantity: 30 },
          { lineNumber: 2, sku: 'A', quantity: 30 },
        ],
        warehouses: [dc('DC01', { A: 10 })],
        inbound: [
          { sku: 'A', warehouseId: 'DC01', quantity: 15, eta: '2025-06-10' },
          { sku: 'A', warehouseId: 'DC02', quantity: 15, eta: '2025-06-15' },
          { sku: 'A', warehouseId: 'DC01', quantity: 100, eta: '2025-07-01' },
        ],
      }),
    );
    expect(result.lines.map((l) => [l.legs.map((leg) => leg.quantity), l.backordered])).toEqual([
      [[10], { quantity: 20, promisedDate: '2025-06-15' }],
      [[], { quantity: 30, promisedDate: '2025-07-01' }],
    ]);
  });

  it('prefers one warehouse that fills the whole order over nearer warehouses that would need two legs', () => {
    const result = sourceOrder(
      request({
        lines: [
          { lineNumber: 1, sku: 'A', quantity: 5 },
          { lineNumber: 2, sku: 'B', quantity: 5 },
        ],
        warehouses: [dc('NEAR-A', { A: 50 }, 1), dc('NEAR-B', { B: 50 }, 1), dc('FAR', { A: 5, B: 5 }, 6)],
      }),
    );
    expect(result.legs.map((l) => l.warehouseId)).toEqual(['FAR']);
  });

  it('breaks ties by the smaller maximum transit, then total transit, then more stock left', () => {
    const lines = [{ lineNumber: 1, sku: 'A', quantity: 10 }];
    const pick = (warehouses: WarehouseStock[]) => sourceOrder(request({ lines, warehouses })).legs.map((l) => l.warehouseId);
    expect(pick([dc('SLOW', { A: 99 }, 5), dc('FAST', { A: 10 }, 1)])).toEqual(['FAST']);
    expect(pick([dc('SHALLOW', { A: 10 }, 2), dc('DEEP', { A: 80 }, 2)])).toEqual(['DEEP']);
    // Two legs are needed and every pair has max transit 3; pairs with X1 have the smaller total; input order picks X2.
    const lines2 = [{ lineNumber: 1, sku: 'A', quantity: 20 }];
    const two = sourceOrder(
      request({ lines: lines2, warehouses: [dc('X2', { A: 10 }, 3), dc('Z', { A: 10 }, 3), dc('X1', { A: 10 }, 1), dc('Y', { A: 10 }, 3)] }),
    );
    expect(two.legs.map((l) => l.warehouseId)).toEqual(['X1', 'X2']);
  });

  it('ships nearest first within the chosen warehouses and splits a line only where it must', () => {
    const result = sourceOrder(
      request({
        lines: [
          { lineNumber: 1, sku: 'A', quantity: 8 },
          { lineNumber: 2, sku: 'A', quantity: 8 },
        ],
        warehouses: [dc('FAR', { A: 10 }, 4), dc('NEAR', { A: 10 }, 1)],
      }),
    );
    expect(result.lines.map((l) => l.legs.map((leg) => `${leg.warehouseId}:${leg.quantity}`))).toEqual([['NEAR:8'], ['NEAR:2', 'FAR:6']]);
    expect(result.legs.map((l) => l.warehouseId)).toEqual(['NEAR', 'FAR']);
  });

  describe('ship complete (allowPartialShipment false)', () => {
    const lines: SourcingLine[] = [
      { lineNumber: 1, sku: 'A', quantity: 10 },
      { lineNumber: 2, sku: 'B', quantity: 10 },
    ];
    const warehouses = [dc('DC01', { A: 10, B: 4 }), dc('DC02', { B: 10 })];
    const inbound: InboundSupply[] = [
      { sku: 'A', warehouseId: 'DC02', quantity: 10, eta: '2025-06-09' },
      { sku: 'B', warehouseId: 'DC01', quantity: 10, eta: '2025-06-16' },
    ];

    it('ships in one leg when one warehouse fills every line', () => {
      const result = sourceOrder(request({ lines, warehouses: [...warehouses, dc('DC03', { A: 10, B: 10 })], allowPartialShipment: false }));
      expect(result.status).toBe('complete');
      expect(result.legs.map((l) => l.warehouseId)).toEqual(['DC03']);
    });

    it('backorders the whole order for the date inbound covers every line when no warehouse can fill it', () => {
      const result = sourceOrder(request({ lines, warehouses, inbound, allowPartialShipment: false }));
      expect(result.status).toBe('backordered');
      expect(result.legs).toEqual([]);
      expect(result.lines.map((l) => l.backordered)).toEqual([
        { quantity: 10, promisedDate: '2025-06-16' },
        { quantity: 10, promisedDate: '2025-06-16' },
      ]);
    });

    it("rejects the whole order when the customer's setting says reject", () => {
      const result = sourceOrder(
        request({ lines, warehouses, inbound, allowPartialShipment: false, customer: { whenShipCompleteImpossible: 'reject', backorderWithoutDate: false } }),
      );
      expect(result.status).toBe('rejected');
      expect(result.lines.map((l) => l.rejected)).toEqual([
        { quantity: 10, reason: 'SHIP_COMPLETE_IMPOSSIBLE' },
        { quantity: 10, reason: 'SHIP_COMPLETE_IMPOSSIBLE' },
      ]);
    });

    it('rejects the whole order with NO_SUPPLY when inbound does not cover every line, or backorders it undated if the customer allows', () => {
      const short = inbound.slice(0, 1);
      const rejected = sourceOrder(request({ lines, warehouses, inbound: short, allowPartialShipment: false }));
      expect(rejected.lines.map((l) => l.rejected)).toEqual([
        { quantity: 10, reason: 'NO_SUPPLY' },
        { quantity: 10, reason: 'NO_SUPPLY' },
      ]);
      const undated = sourceOrder(
        request({
          lines,
          warehouses,
          inbound: short,
          allowPartialShipment: false,
          customer: { whenShipCompleteImpossible: 'backorder', backorderWithoutDate: true },
        }),
      );
      expect(undated.status).toBe('backordered');
      expect(undated.lines.map((l) => l.backordered)).toEqual([
        { quantity: 10, promisedDate: null },
        { quantity: 10, promisedDate: null },
      ]);
    });
  });

  describe('quantity no inbound covers', () => {
    const lines = [{ lineNumber: 1, sku: 'A', quantity: 50 }];
    const warehouses = [dc('DC01', { A: 10 })];
    const inbound: InboundSupply[] = [{ sku: 'A', warehouseId: 'DC01', quantity: 25, eta: '2025-06-30' }];

    it('backorders the covered part with its date and rejects the rest as NO_SUPPLY', () => {
      const result = sourceOrder(request({ lines, warehouses, inbound }));
      expect(result.status).toBe('partial');
      expect(result.lines[0]).toMatchObject({ backordered: { quantity: 25, promisedDate: '2025-06-30' }, rejected: { quantity: 15, reason: 'NO_SUPPLY' } });
    });

    it('backorders all of it with a null date when the customer takes backorders without a date', () => {
      const result = sourceOrder(request({ lines, warehouses, inbound, customer: { whenShipCompleteImpossible: 'reject', backorderWithoutDate: true } }));
      expect(result.lines[0]).toMatchObject({ backordered: { quantity: 40, promisedDate: null }, rejected: { quantity: 0 } });
    });

    it('is rejected outright when there is no stock and no inbound', () => {
      const result = sourceOrder(request({ lines, warehouses: [dc('DC01', {})] }));
      expect(result.status).toBe('rejected');
      expect(result.legs).toEqual([]);
      expect(result.lines[0].rejected).toEqual({ quantity: 50, reason: 'NO_SUPPLY' });
    });
  });

  it('turns greedy past MAX_EXHAUSTIVE_SUBSETS on very large networks and still ships the most it can', () => {
    const warehouses = Array.from({ length: 24 }, (_, i) => dc(`DC${String(i + 1).padStart(2, '0')}`, { A: 10 + (i % 3) }, i % 4));
    const started = performance.now();
    const result = sourceOrder(request({ lines: [{ lineNumber: 1, sku: 'A', quantity: 100 }], warehouses }));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.status).toBe('complete');
    expect(result.legs.length).toBeLessThanOrEqual(10);
    expect(result.legs.every((leg) => leg.lines[0].quantity > 0)).toBe(true);
  });

  it('never promises a backorder before the ship date, even against a late purchase order', () => {
    const result = sourceOrder(
      request({
        lines: [{ lineNumber: 1, sku: 'A', quantity: 5 }],
        warehouses: [],
        inbound: [{ sku: 'A', warehouseId: 'DC01', quantity: 5, eta: '2025-05-20' }],
      }),
    );
    expect(result.lines[0].backordered).toEqual({ quantity: 5, promisedDate: TODAY });
  });

  it('throws a SourcingInputError listing every bad field', () => {
    const bad = () =>
      sourceOrder(
        request({
          lines: [
            { lineNumber: 1, sku: 'A', quantity: 0 },
            { lineNumber: 1, sku: 'B', quantity: 1.5 },
          ],
          warehouses: [dc('DC01', { A: -1 })],
          inbound: [{ sku: 'A', warehouseId: 'DC01', quantity: 1, eta: '2025-02-30' }],
          shipDate: 'tomorrow',
        }),
      );
    expect(bad).toThrow(SourcingInputError);
    expect(bad).toThrow(/lines\[0\]\.quantity/);
    let error: SourcingInputError | undefined;
    try {
      bad();
    } catch (e) {
      error = e as SourcingInputError;
    }
    expect(error?.code).toBe('PROMISE.INVALID_SOURCING_INPUT');
    expect(error?.errors.map((e) => e.field)).toEqual([
      'lines[0].quantity',
      'lines[1].lineNumber',
      'lines[1].quantity',
      'warehouses[0].available.A',
      'inbound[0].eta',
      'shipDate',
    ]);
    expect(() => sourceOrder(request({ lines: [] }))).toThrow(/at least one line/);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const SKUS = ['A', 'B', 'C', 'D'];
const DATES = ['2025-05-30', '2025-06-02', '2025-06-05', '2025-06-10', '2025-06-20'];

/** Stock skewed towards zero and small numbers, so shortages and shared SKUs are common. */
const stockQty = fc.oneof(
  { arbitrary: fc.constant(0), weight: 2 },
  { arbitrary: fc.integer({ min: 1, max: 15 }), weight: 3 },
  { arbitrary: fc.integer({ min: 16, max: 60 }), weight: 1 },
);

const sourcingRequest = (maxWarehouses: number) =>
  fc
    .record({
      warehouses: fc.array(
        fc.record({ transitDays: fc.integer({ min: 0, max: 5 }), available: fc.dictionary(fc.constantFrom(...SKUS), stockQty, { maxKeys: SKUS.length }) }),
        { minLength: 0, maxLength: maxWarehouses },
      ),
      lines: fc.array(fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 40 }) }), { minLength: 1, maxLength: 6 }),
      inbound: fc.array(
        fc.record({ sku: fc.constantFrom(...SKUS), warehouse: fc.nat(7), quantity: fc.integer({ min: 1, max: 30 }), eta: fc.constantFrom(...DATES) }),
        { maxLength: 5 },
      ),
      allowPartialShipment: fc.boolean(),
      whenShipCompleteImpossible: fc.constantFrom('backorder' as const, 'reject' as const),
      backorderWithoutDate: fc.boolean(),
    })
    .map((g): SourcingRequest => ({
      warehouses: g.warehouses.map((w, i) => ({ warehouseId: `DC${i + 1}`, ...w })),
      lines: g.lines.map((l, i) => ({ lineNumber: (i + 1) * 10, ...l })),
      inbound: g.inbound.map((s) => ({ sku: s.sku, warehouseId: `DC${s.warehouse + 1}`, quantity: s.quantity, eta: s.eta })),
      allowPartialShipment: g.allowPartialShipment,
      customer: { whenShipCompleteImpossible: g.whenShipCompleteImpossible, backorderWithoutDate: g.backorderWithoutDate },
      shipDate: TODAY,
    }));

const demandOf = (req: SourcingRequest) => {
  const demand = new Map<string, number>();
  for (const line of req.lines) demand.set(line.sku, (demand.get(line.sku) ?? 0) + line.quantity);
  return demand;
};
const stockOf = (w: WarehouseStock, sku: string) => w.available[sku] ?? 0;
const shippableBy = (req: SourcingRequest, members: readonly WarehouseStock[]) =>
  [...demandOf(req)].reduce(
    (a, [sku, qty]) =>
      a +
      Math.min(
        qty,
        members.reduce((t, w) => t + stockOf(w, sku), 0),
      ),
    0,
  );
const fillsWholeOrder = (req: SourcingRequest, w: WarehouseStock) => [...demandOf(req)].every(([sku, qty]) => stockOf(w, sku) >= qty);

const runs = { numRuns: 400 };

describe('sourceOrder: properties', () => {
  it('never allocates more than is available per warehouse and SKU, summed over lines', () => {
    fc.assert(
      fc.property(sourcingRequest(5), (req) => {
        const result = sourceOrder(req);
        const taken = new Map<string, number>();
        for (const line of result.lines)
          for (const leg of line.legs) taken.set(`${leg.warehouseId}|${line.sku}`, (taken.get(`${leg.warehouseId}|${line.sku}`) ?? 0) + leg.quantity);
        for (const [key, qty] of taken) {
          const [warehouseId, sku] = key.split('|');
          const w = req.warehouses.find((x) => x.warehouseId === warehouseId);
          expect(w).toBeDefined();
          expect(qty).toBeLessThanOrEqual(stockOf(w!, sku));
        }
      }),
      runs,
    );
  });

  it('accounts for every unit: legs + backordered + rejected = ordered on every line, and order legs match line legs', () => {
    fc.assert(
      fc.property(sourcingRequest(5), (req) => {
        const result = sourceOrder(req);
        expect(result.lines.map((l) => l.lineNumber)).toEqual(req.lines.map((l) => l.lineNumber));
        for (const line of result.lines) {
          const shipped = line.legs.reduce((a, leg) => a + leg.quantity, 0);
          expect(shipped + line.backordered.quantity + line.rejected.quantity).toBe(line.quantity);
          expect(line.rejected.quantity > 0).toBe(line.rejected.reason !== undefined);
          expect(line.backordered.quantity).toBeGreaterThanOrEqual(0);
          for (const leg of line.legs) {
            const orderLeg = result.legs.find((l) => l.warehouseId === leg.warehouseId);
            expect(orderLeg?.lines).toContainEqual({ lineNumber: line.lineNumber, sku: line.sku, quantity: leg.quantity });
          }
        }
        const orderLegLines = result.legs.reduce((a, leg) => a + leg.lines.length, 0);
        expect(orderLegLines).toBe(result.lines.reduce((a, line) => a + line.legs.length, 0));
        expect(result.totals.shipped).toBe(shippedNow(result));
      }),
      runs,
    );
  });

  it('chooses a single warehouse whenever one can fill the whole order', () => {
    fc.assert(
      fc.property(sourcingRequest(5), (req) => {
        fc.pre(req.warehouses.some((w) => fillsWholeOrder(req, w)));
        const result = sourceOrder(req);
        expect(result.legs).toHaveLength(1);
        expect(result.status).toBe('complete');
        expect(
          fillsWholeOrder(
            req,
            req.warehouses.find((w) => w.warehouseId === result.legs[0].warehouseId)!,
          ),
        ).toBe(true);
      }),
      runs,
    );
  });

  it('never gives a ship-complete order two legs: one leg shipping everything, or none', () => {
    fc.assert(
      fc.property(sourcingRequest(5), (req) => {
        const result = sourceOrder({ ...req, allowPartialShipment: false });
        expect(result.legs.length).toBeLessThanOrEqual(1);
        if (result.legs.length === 1) expect(result.status).toBe('complete');
        else expect(shippedNow(result)).toBe(0);
      }),
      runs,
    );
  });

  it('never produces a leg with zero quantity or a leg without lines', () => {
    fc.assert(
      fc.property(sourcingRequest(5), (req) => {
        const result = sourceOrder(req);
        for (const leg of result.legs) {
          expect(leg.lines.length).toBeGreaterThan(0);
          for (const line of leg.lines) expect(line.quantity).toBeGreaterThan(0);
        }
        for (const line of result.lines) for (const leg of line.legs) expect(leg.quantity).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('ships the most that can ship now with the fewest legs (checked by brute force over warehouse subsets)', () => {
    fc.assert(
      fc.property(sourcingRequest(6), (req) => {
        const partial = { ...req, allowPartialShipment: true };
        const result = sourceOrder(partial);
        const n = req.warehouses.length;
        let most = 0;
        let fewest = 0;
        for (let mask = 0; mask < 1 << n; mask++) {
          const members = req.warehouses.filter((_, i) => mask & (1 << i));
          const shipped = shippableBy(partial, members);
          if (shipped > most || (shipped === most && members.length < fewest)) {
            most = shipped;
            fewest = members.length;
          }
        }
        expect(shippedNow(result)).toBe(most);
        expect(result.legs).toHaveLength(fewest);
      }),
      runs,
    );
  });

  it('promises dated backorders only against inbound that has arrived by that date, never before the ship date', () => {
    fc.assert(
      fc.property(sourcingRequest(4), (req) => {
        const result = sourceOrder(req);
        for (const sku of SKUS) {
          for (const date of DATES) {
            const promised = result.lines
              .filter((l) => l.sku === sku && l.backordered.promisedDate !== null && l.backordered.promisedDate <= date)
              .reduce((a, l) => a + l.backordered.quantity, 0);
            const arrived = req.inbound.filter((s) => s.sku === sku && s.eta <= date).reduce((a, s) => a + s.quantity, 0);
            expect(promised).toBeLessThanOrEqual(arrived);
          }
        }
        for (const line of result.lines) if (line.backordered.promisedDate !== null) expect(line.backordered.promisedDate >= TODAY).toBe(true);
      }),
      runs,
    );
  });

  it('is deterministic and does not mutate its input', () => {
    fc.assert(
      fc.property(sourcingRequest(5), (req) => {
        const snapshot = structuredClone(req);
        expect(sourceOrder(req)).toEqual(sourceOrder(req));
        expect(req).toEqual(snapshot);
      }),
      { numRuns: 100 },
    );
  });
});
