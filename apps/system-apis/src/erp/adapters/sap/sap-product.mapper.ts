import type { ItemDto, UomConversionDto } from '@contracts';
import { unmappable } from '../../../vendor/vendor-error.js';
import { canonicalUom } from '../../../vendor/units.js';
import { decimal, sapFlag } from './sap-odata.js';
import type { SapProduct, SapProductUnitOfMeasure } from './sap.types.js';

export function toItem(native: SapProduct): ItemDto {
  const baseUom = canonicalUom(native.BaseUnit);
  if (!baseUom) throw unmappable('erp', `Product ${native.Product} has base unit ${native.BaseUnit}, which the gateway does not know`);
  const conversions = (native.to_ProductUnitsOfMeasure?.results ?? []).flatMap((unit) => toConversion(unit, baseUom));
  return {
    sku: native.Product,
    description: native.ProductDescription ?? '',
    baseUom,
    conversions,
    ...(native.ProductGroup ? { productGroup: native.ProductGroup } : {}),
    returnable: !sapFlag(native.YY1_NotReturnable),
  };
}

/** `12 EA = 1 CS` is numerator 12 over denominator 1. Units the gateway doesn't know, and the base unit itself, are left out. */
function toConversion(unit: SapProductUnitOfMeasure, baseUom: string): UomConversionDto[] {
  const uom = canonicalUom(unit.AlternativeUnit);
  if (!uom || uom === baseUom) return [];
  const denominator = decimal(unit.QuantityDenominator, 'QuantityDenominator') || 1;
  const factor = decimal(unit.QuantityNumerator, 'QuantityNumerator') / denominator;
  return factor >= 1 ? [{ uom, factor }] : [];
}
