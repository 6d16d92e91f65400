import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { InventoryPositionDto } from '@contracts';
import { AppError } from '@platform';
import type { CatalogItem } from '../../catalog/item-catalog.js';
import { decideLines, priceLines, resolveLines, type ResolvedLine } from './order-lines.js';

const items: Record<string, CatalogItem> = {
  'SKU-1': { sku: 'SKU-1', description: 'one', baseUom: 'EA', conversions: [{ uom: 'CS', factor: 12 }] },
  'SKU-2': { sku: 'SKU-2', description: 'two', baseUom: 'EA', conversions: [] },
};
const find = (sku: string) => items[sku];

const position = (sku: string, warehouseId: string, available: number): InventoryPositionDto => ({
  sku,
  warehouseId,
  available,
  onHand: available,
  allocated: 0,
  reserved: 0,
  safetyStock: 0,
  qualityHold: 0,
  inTransit: [],
});

const line = (lineNumber: number, sku: string, baseQuantity: number): ResolvedLine => ({
  lineNumber,
  sku,
  quantity: baseQuantity,
  uom: 'EA',
  baseQuantity,
  factor: 1,
});

describe('resolveLines', () => {
  it('converts cases to base units', () => {
    expect(resolveLines([{ lineNumber: 1, sku: 'SKU-1', quantity: 2, uom: 'CS' }], find)).toEqual([
      { lineNumber: 1, sku: 'SKU-1', quantity: 2, uom: 'CS', baseQuantity: 24, factor: 12 },
    ]);
  });

  it('reports every bad line at once: unknown SKU, unit not sold, duplicate line number', () => {
    const error = (() => {
      try {
        resolveLines(
          [
            { lineNumber: 1, sku: 'NOPE', quantity: 1 },
            { lineNumber: 2, sku: 'SKU-2', quantity: 1, uom: 'CS' },
            { lineNumber: 2, sku: 'SKU-1', quantity: 1 },
          ],
          find,
        );
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error?.status).toBe(422);
    expect(error?.errors?.map((e) => e.field)).toEqual(['lines[0].sku', 'lines[1].uom', 'lines[2].lineNumber']);
  });
});

describe('decideLines', () => {
  it('ships the whole order from one warehouse when one can', () => {
    const stock = new Map([
      ['SKU-1', [position('SKU-1', 'DC01', 10), position('SKU-1', 'DC02', 100)]],
      ['SKU-2', [position('SKU-2', 'DC01', 100), position('SKU-2', 'DC02', 5)]],
    ]);
    // DC02 has SKU-1 but not enough SKU-2; DC01 neither: so lines split
    expect(decideLines([line(1, 'SKU-1', 50), line(2, 'SKU-2', 50)], stock, true)).toEqual([
      { lineNumber: 1, status: 'accepted', warehouseId: 'DC02' },
      { lineNumber: 2, status: 'accepted', warehouseId: 'DC01' },
    ]);
    // both can fill a small order: the one with more of it in stock (DC01: 110 vs DC02: 105) ships it all
    expect(decideLines([line(1, 'SKU-1', 5), line(2, 'SKU-2', 5)], stock, true).map((d) => d.warehouseId)).toEqual(['DC01', 'DC01']);
  });

  it('backorders what no warehouse can fill, and a ship-complete order whole', () => {
    const stock = new Map([
      ['SKU-1', [position('SKU-1', 'DC01', 10)]],
      ['SKU-2', [position('SKU-2', 'DC02', 10)]],
    ]);
    expect(decideLines([line(1, 'SKU-1', 5), line(2, 'SKU-2', 50)], stock, true).map((d) => d.status)).toEqual(['accepted', 'backordered']);
    expect(decideLines([line(1, 'SKU-1', 5), line(2, 'SKU-2', 5)], stock, false).map((d) => d.status)).toEqual(['backordered', 'backordered']);
  });

  it('never allocates more than a warehouse has, and accepts or backorders every line', () => {
    const warehouse = fc.constantFrom('DC01', 'DC02', 'DC03');
    const sku = fc.constantFrom('SKU-1', 'SKU-2', 'SKU-3');
    fc.assert(
      fc.property(
        fc.array(fc.record({ sku, warehouse, available: fc.nat(200) }), { maxLength: 9 }),
        fc.array(fc.record({ sku, quantity: fc.integer({ min: 1, max: 150 }) }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (positions, wanted, allowPartial) => {
          const stock = new Map<string, InventoryPositionDto[]>();
          for (const p of positions) {
            const list = stock.get(p.sku) ?? [];
            if (!list.some((x) => x.warehouseId === p.warehouse)) list.push(position(p.sku, p.warehouse, p.available));
            stock.set(p.sku, list);
          }
          const lines = wanted.map((w, i) => line(i + 1, w.sku, w.quantity));
          const decisions = decideLines(lines, stock, allowPartial);
          expect(decisions.map((d) => d.lineNumber)).toEqual(lines.map((l) => l.lineNumber));
          const used = new Map<string, number>();
          decisions.forEach((d, i) => {
            expect(d.status === 'accepted').toBe(d.warehouseId !== undefined);
            if (d.warehouseId) used.set(`${lines[i].sku}@${d.warehouseId}`, (used.get(`${lines[i].sku}@${d.warehouseId}`) ?? 0) + lines[i].baseQuantity);
          });
          for (const [key, quantity] of used) {
            const [s, w] = key.split('@');
            expect(quantity).toBeLessThanOrEqual(stock.get(s)!.find((p) => p.warehouseId === w)!.available);
          }
          if (!allowPartial) expect(new Set(decisions.map((d) => d.status)).size).toBe(1);
        },
      ),
    );
  });
});

describe('priceLines', () => {
  it('prices per unit ordered and refuses a line without a price', () => {
    const lines = resolveLines([{ lineNumber: 1, sku: 'SKU-1', quantity: 2, uom: 'CS' }], find);
    expect(priceLines(lines, [{ sku: 'SKU-1', unitPrice: 1.25, currency: 'USD', source: 'customer' }]).get(1)).toEqual({
      unitPrice: 15,
      lineAmount: 30,
      currency: 'USD',
    });
    expect(() => priceLines(lines, [])).toThrow(AppError);
  });
});
