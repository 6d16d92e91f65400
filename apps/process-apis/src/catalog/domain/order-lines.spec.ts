import { describe, expect, it } from '@jest/globals';
import { AppError } from '@platform';
import type { CatalogItem } from '../item-catalog.js';
import { priceLines, resolveLines } from './order-lines.js';

const items: Record<string, CatalogItem> = {
  'SKU-1': { sku: 'SKU-1', description: 'one', baseUom: 'EA', conversions: [{ uom: 'CS', factor: 12 }] },
  'SKU-2': { sku: 'SKU-2', description: 'two', baseUom: 'EA', conversions: [] },
};
const find = (sku: string) => items[sku];

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
