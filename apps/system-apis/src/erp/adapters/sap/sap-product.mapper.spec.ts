import { describe, expect, it } from '@jest/globals';
import { toItem } from './sap-product.mapper.js';
import type { SapProduct } from './sap.types.js';

const native: SapProduct = {
  Product: 'SKU-1001',
  ProductDescription: 'Nitrile gloves, large, box of 100',
  BaseUnit: 'EA',
  ProductGroup: 'GLOVES',
  GrossWeight: '0.500',
  WeightUnit: 'KG',
  to_ProductUnitsOfMeasure: { results: [{ AlternativeUnit: 'CS', QuantityNumerator: '12', QuantityDenominator: '1' }] },
};

describe('toItem', () => {
  it('maps the base unit and the case conversion (numerator over denominator)', () => {
    expect(toItem(native)).toEqual({
      sku: 'SKU-1001',
      description: 'Nitrile gloves, large, box of 100',
      baseUom: 'EA',
      conversions: [{ uom: 'CS', factor: 12 }],
      productGroup: 'GLOVES',
      returnable: true,
    });
  });

  it('maps the custom field YY1_NotReturnable to returnable: false; absent or false is returnable', () => {
    expect(toItem({ ...native, YY1_NotReturnable: true }).returnable).toBe(false);
    expect(toItem({ ...native, YY1_NotReturnable: 'X' as unknown as boolean }).returnable).toBe(false);
    expect(toItem({ ...native, YY1_NotReturnable: false }).returnable).toBe(true);
  });

  it('divides by the denominator', () => {
    const item = toItem({ ...native, to_ProductUnitsOfMeasure: { results: [{ AlternativeUnit: 'CS', QuantityNumerator: '48', QuantityDenominator: '2' }] } });
    expect(item.conversions).toEqual([{ uom: 'CS', factor: 24 }]);
  });

  it('leaves out units the gateway does not know, the base unit itself and nonsense factors', () => {
    const units = [
      { AlternativeUnit: 'PAL', QuantityNumerator: '480', QuantityDenominator: '1' },
      { AlternativeUnit: 'EA', QuantityNumerator: '1', QuantityDenominator: '1' },
      { AlternativeUnit: 'CS', QuantityNumerator: '0', QuantityDenominator: '1' },
    ];
    expect(toItem({ ...native, to_ProductUnitsOfMeasure: { results: units } }).conversions).toEqual([]);
  });

  it('maps a product without units of measure or group', () => {
    expect(toItem({ Product: 'SKU-9', BaseUnit: 'ea' })).toEqual({ sku: 'SKU-9', description: '', baseUom: 'EA', conversions: [], returnable: true });
  });

  it('refuses a base unit the canonical model does not have', () => {
    expect(() => toItem({ ...native, BaseUnit: 'KG' })).toThrow(/base unit KG/);
  });
});
